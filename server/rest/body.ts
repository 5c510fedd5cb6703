/**
 * Reads a request body with a size cap (413 past it, without buffering the rest) and parses JSON
 * (400 when malformed). The cap applies to the bytes received, whatever Content-Length claims.
 */
import { findTextProblems, formatJsonPath } from "../../core/scoring/text";
import { BadRequestError, ServiceError } from "../errors";

function tooLarge(limit: number): ServiceError {
  return new ServiceError(
    "PAYLOAD_TOO_LARGE",
    `The request body is larger than ${Math.floor(limit / 1024)} KB`,
  );
}

export async function readBodyText(request: Request, limitBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limitBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestError("The request body is not valid UTF-8");
  }
}

/** Deeper than any real payload; far below what recursive validation could overflow on. */
const MAX_JSON_DEPTH = 64;

export async function readJsonBody(request: Request, limitBytes: number): Promise<unknown> {
  const text = await readBodyText(request, limitBytes);
  if (text.trim() === "") throw new BadRequestError("The request needs a JSON body");
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new BadRequestError("Malformed JSON body");
  }
  // Unpaired surrogates and deep nesting are refused here for every route; NUL is left to the
  // services, which report it per batch item.
  const problems = findTextProblems(body, { maxDepth: MAX_JSON_DEPTH }).filter(
    (p) => p.kind !== "nul",
  );
  if (problems.length > 0) {
    throw new BadRequestError(
      `Invalid body at ${formatJsonPath(problems[0]!.path)}: ${problems[0]!.message}`,
      { issues: problems.map((p) => ({ path: formatJsonPath(p.path), message: p.message })) },
    );
  }
  return body;
}
