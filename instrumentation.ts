/** Next calls `register` once when the server starts; the work lives in server/boot.ts. */
export async function register() {
  // NEXT_RUNTIME / NEXT_PHASE are Next's own switches; the edge bundle must not see server code.
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { bootServer } = await import("./server/boot");
    await bootServer();
  }
}
