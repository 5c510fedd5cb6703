/**
 * Text Postgres cannot store, and the one key JavaScript cannot hold as data (`__proto__`): the NUL character (text and jsonb refuse U+0000) and unpaired UTF-16
 * surrogates (`"\ud800"` is valid JSON, but jsonb refuses it and UTF-8 cannot encode it). Found
 * here, with the path where they occur, they become a 4xx naming the field instead of a failed
 * statement. The walk is iterative and bounded in depth, so hostile nesting cannot overflow the
 * stack either.
 */

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type JsonPath = (string | number)[];

export interface TextProblem {
  path: JsonPath;
  message: string;
}

export function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return "text cannot contain the NUL character (\\u0000)";
  if (LONE_SURROGATE.test(text)) return "text contains an unpaired surrogate (invalid Unicode)";
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
      if (problem) problems.push({ path, message: problem });
      continue;
    }
    if (current === null || typeof current !== "object") continue;
    if (path.length >= maxDepth) {
      problems.push({ path, message: `nested deeper than ${maxDepth} levels` });
      continue;
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: [...path, i] });
      continue;
    }
    const keys = Object.keys(current);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      // JSON.parse makes "__proto__" an own key, but most code (zod included) would drop it
      // silently or treat it as the prototype: refused by name instead.
      const problem =
        key === "__proto__" ? 'the key "__proto__" is reserved; rename it' : textProblem(key);
      if (problem) {
        problems.push({ path: [...path, key], message: `a key: ${problem}` });
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
