/**
 * Reading tRPC errors on the client: the code, the safe message, and the document issues the
 * server attaches to BAD_REQUEST / CONFLICT / UNPROCESSABLE_CONTENT errors.
 */
export interface DocumentIssue {
  path: string;
  code: string;
  message: string;
}

export interface ErrorInfo {
  code: string | undefined;
  message: string;
  issues: DocumentIssue[];
}

function isIssue(value: unknown): value is DocumentIssue {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return typeof v.path === "string" && typeof v.message === "string";
}

export function errorInfo(error: unknown): ErrorInfo {
  const data = (error as { data?: { code?: unknown; issues?: unknown } } | null)?.data;
  const code = typeof data?.code === "string" ? data.code : undefined;
  const issues = Array.isArray(data?.issues)
    ? data.issues
        .filter(isIssue)
        .map((i) => ({ path: i.path, code: String(i.code ?? ""), message: i.message }))
    : [];
  let message = error instanceof Error && error.message ? error.message : "Something went wrong";
  // A network failure has no code: say so instead of a low-level fetch message.
  if (!code && /fetch|network/i.test(message))
    message = "Cannot reach the server. Check your connection and try again.";
  return { code, message, issues };
}

/** Issues for one form field: exact path or nested below it. */
export function issuesFor(issues: DocumentIssue[], path: string): DocumentIssue[] {
  return issues.filter(
    (i) => i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`),
  );
}
