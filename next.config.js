const dev = process.env.NODE_ENV === "development";

/**
 * The Content Security Policy of every response. Next's streamed pages carry inline bootstrap
 * scripts without nonces on statically rendered pages, so scripts may be inline but only ever
 * loaded from this origin; `next dev` also needs eval and its hot-reload socket. The app is never
 * framed (clickjacking), posts forms only to itself and loads no plugins.
 */
const CONTENT_SECURITY_POLICY = [
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

const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: CONTENT_SECURITY_POLICY },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

/** @type {import("next").NextConfig} */
const nextConfig = {
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
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
