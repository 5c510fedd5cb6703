/**
 * Where to go after signing in: the `next` query parameter when it is a path on this site, else
 * the default. Anything else (`//evil.example`, `https://…`, `/\evil`) is ignored, so a crafted
 * sign-in link cannot send people to another site.
 */
export function safeNext(next: string | string[] | undefined | null, fallback = "/scores"): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return fallback;
  }
  return value;
}

/** A link to an auth page that comes back to `next` afterwards (omitted when it is the default). */
export function withNext(path: string, next: string | undefined): string {
  return next && next !== "/scores" ? `${path}?next=${encodeURIComponent(next)}` : path;
}
