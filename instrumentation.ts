/** Next calls `register` once when the server starts; the work lives in server/boot.ts. */
export async function register() {
  // NEXT_RUNTIME is Next's own bundler switch, not a setting: the edge bundle drops this branch,
  // so it must be read right here (the one read of process.env outside server/env.ts and
  // trpc/public-env.ts besides build tooling; eslint.config.mjs lists the exceptions).
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { bootServer } = await import("./server/boot");
    await bootServer();
  }
}
