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
};

export default nextConfig;
