/**
 * Text Postgres cannot store, and the one key JavaScript cannot hold as data (`__proto__`): the NUL character (text and jsonb refuse U+0000) and unpaired UTF-16
 * surrogates (`"\ud800"` is valid JSON, but jsonb refuses it and UTF-8 cannot encode it). Found
 * here, with the path where they occur, they become a 4xx naming the field instead of a failed
 * statement. The walk is iterative and bounded in depth, so hostile nesting cannot overflow the
 * stack either.
 */

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type JsonPath = (string | number)[];

export type TextProblemKind = "nul" | "surrogate" | "depth" | "reserved_key";

export interface TextProblem {
  path: JsonPath;
  kind: TextProblemKind;
  message: string;
}

function textProblem(text: string): { kind: TextProblemKind; message: string } | null {
  if (text.includes("\u0000"))
    return { kind: "nul", message: "text cannot contain the NUL character (\\u0000)" };
  if (LONE_SURROGATE.test(text))
    return { kind: "surrogate", message: "text contains an unpaired surrogate (invalid Unicode)" };
  return null;
}

/** The first problems (NUL, unpaired surrogates, nesting beyond `maxDepth`) inside a JSON value. */
export function findTextProblems(
  value: unknown,
  { maxDepth = 64, limit = 20 }: { maxDepth?: number; limit?: number } = {},
): TextProblem[] {
  const problems: TextProblem[] = [];
  const stack: { value: unknown; path: JsonPath }[] = [{ value, path: [] }];
  while (stack.length > 0 && problems.length < limit) {
    const { value: current, path } = stack.pop() as { value: unknown; path: JsonPath };
    if (typeof current === "string") {
      const problem = textProblem(current);
      if (problem) problems.push({ path, ...problem });
      continue;
    }
    if (current === null || typeof current !== "object") continue;
    if (path.length >= maxDepth) {
      problems.push({ path, kind: "depth", message: `nested deeper than ${maxDepth} levels` });
      continue;
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--)
        stack.push({ value: current[i], path: [...path, i] });
      continue;
    }
    const keys = Object.keys(current);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      // JSON.parse makes "__proto__" an own key, but most code (zod included) would drop it
      // silently or treat it as the prototype: refused by name instead.
      const problem =
        key === "__proto__"
          ? { kind: "reserved_key" as const, message: 'the key "__proto__" is reserved; rename it' }
          : textProblem(key);
      if (problem) {
        problems.push({
          path: [...path, key],
          kind: problem.kind,
          message: `a key: ${problem.message}`,
        });
        continue;
      }
      stack.push({ value: (current as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return problems;
}

/** `items[0].properties.url` / `[2].name`: how APIs name a place in a body. */
export function formatJsonPath(path: JsonPath): string {
  let out = "";
  for (const part of path) {
    out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  }
  return out || "(body)";
}
