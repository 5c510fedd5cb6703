/**
 * Typed service errors with a closed code union, and the one mapper to tRPC / HTTP.
 * Users see `message` (safe); anything else goes to the server log.
 */
import type { ValidationIssue } from "../core/scoring/validate";

export const ERROR_CODES = [
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "PRECONDITION_FAILED",
  "UNPROCESSABLE",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
  "UNAVAILABLE",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends ServiceError {
  constructor(what: string) {
    super("NOT_FOUND", `${what} not found`);
  }
}
export class ForbiddenError extends ServiceError {
  constructor(message = "You do not have permission to do that") {
    super("FORBIDDEN", message);
  }
}
export class ConflictError extends ServiceError {
  constructor(message: string, details?: unknown) {
    super("CONFLICT", message, details);
  }
}
export class BadRequestError extends ServiceError {
  constructor(message: string, details?: unknown) {
    super("BAD_REQUEST", message, details);
  }
}
/** A document or batch that parsed but is not acceptable; `issues` name every path. */
export class InvalidDocumentError extends ServiceError {
  constructor(
    readonly issues: ValidationIssue[],
    message = `The model document has ${issues.length} issue${issues.length === 1 ? "" : "s"}`,
  ) {
    super("UNPROCESSABLE", message, { issues });
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  UNPROCESSABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

/** tRPC error codes for each service code (tRPC has no 422: UNPROCESSABLE_CONTENT). */
export const TRPC_CODE = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  UNPROCESSABLE: "UNPROCESSABLE_CONTENT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
} as const satisfies Record<ErrorCode, string>;
