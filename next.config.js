import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";

/**
 * The Content Security Policy of every response. Next's streamed pages carry inline bootstrap
 * scripts without nonces on statically rendered pages, so scripts may be inline but only ever
 * loaded from this origin; `next dev` also needs eval and its hot-reload socket. The app is never
 * framed (clickjacking), posts forms only to itself and loads no plugins.
 */
const contentSecurityPolicy = (dev) =>
  [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");

const securityHeaders = (dev) => [
  { key: "Content-Security-Policy", value: contentSecurityPolicy(dev) },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

/**
 * `next dev` (the development server phase) relaxes the CSP for hot reload. The build directory is
 * a build-tool switch (NEXT_DIST_DIR), read here like the test tooling reads its own.
 * @param {string} phase
 * @returns {import("next").NextConfig}
 */
const nextConfig = (phase) => ({
  // PGlite ships a wasm bundle and pg-boss uses node-postgres: bundling them copies the wasm into
  // public assets and breaks at runtime, so Node loads them from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss"],
  reactStrictMode: true,
  // `next dev` opened as http://127.0.0.1:3000 (not localhost) still gets hot reload.
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  // A separate build directory lets a test build run beside a served build (NEXT_DIST_DIR=.next-e2e).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Every path, API included: a JSON answer is not framed or sniffed either. The tracking script
  // stays loadable from other sites (a <script> is not bound by the CSP of its own response).
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders(phase === PHASE_DEVELOPMENT_SERVER) }];
  },
});

export default nextConfig;
