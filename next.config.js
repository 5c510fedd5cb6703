/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite ships a wasm bundle and pg-boss uses node-postgres: bundling them copies the wasm into
  // public assets and breaks at runtime (STACK pitfall 3), so Node loads them from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss"],
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
