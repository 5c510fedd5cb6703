/**
 * better-auth answers with `{ status, code, message }`; these are the codes the email + password
 * endpoints return, worded for people and attached to the field they concern.
 */
export type AuthField = "name" | "email" | "password";

export interface AuthFailure {
  field: AuthField | null;
  message: string;
}

export const RATE_LIMITED_MESSAGE = "Too many attempts, try again in a minute";

export function authFailure(
  error: { status?: number; code?: string; message?: string } | null | undefined,
): AuthFailure {
  if (!error) return { field: null, message: "Something went wrong. Please try again." };
  if (error.status === 429) return { field: null, message: RATE_LIMITED_MESSAGE };
  switch (error.code) {
    case "INVALID_EMAIL_OR_PASSWORD":
      return { field: null, message: "Wrong email or password" };
    case "USER_ALREADY_EXISTS":
    case "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
      return { field: "email", message: "An account with this email already exists" };
    case "PASSWORD_TOO_SHORT":
      return { field: "password", message: "Use at least 8 characters" };
    case "PASSWORD_TOO_LONG":
      return { field: "password", message: "Use at most 128 characters" };
    case "INVALID_EMAIL":
      return { field: "email", message: "Enter a valid email address" };
  }
  // A network failure has no status from the server.
  if (!error.status) {
    return {
      field: null,
      message: "Cannot reach the server. Check your connection and try again.",
    };
  }
  return { field: null, message: error.message || "Something went wrong. Please try again." };
}
