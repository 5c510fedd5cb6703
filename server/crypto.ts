/** Secrets the app hands out (API keys, invitation tokens): random, shown once, stored as SHA-256. */
import { createHash, randomBytes } from "node:crypto";

/** A 256-bit random token, URL-safe. */
export function randomToken(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

/**
 * SHA-256 is the right hash here (not a password KDF): the secrets are 256-bit random, so there is
 * nothing to brute-force, and lookups by hash must be fast and deterministic.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
