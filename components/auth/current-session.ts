/**
 * For the pages outside the app shell: who is signed in, or null. Server components only (it goes
 * through the tRPC caller, which reads the request's cookies).
 */
import "server-only";
import { TRPCError } from "@trpc/server";
import { getCaller } from "@/trpc/server";

export async function currentSession() {
  const caller = await getCaller();
  try {
    return await caller.session.me();
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return null;
    throw error;
  }
}
