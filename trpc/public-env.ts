/**
 * The settings code running in the browser may read: the one client-safe counterpart of
 * server/env.ts. Next inlines `NODE_ENV` at build time; nothing secret may ever be added here
 * (anything read here ends up in the JavaScript every visitor downloads).
 */
export const publicEnv = {
  /** `next dev`: extra diagnostics (the tRPC logger link). */
  development: process.env.NODE_ENV === "development",
} as const;
