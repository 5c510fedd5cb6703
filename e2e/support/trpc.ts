/**
 * Calls tRPC procedures over HTTP from a spec, so each spec can seed (and clean up) its own data
 * without clicking through the UI. Same wire format as the app: superjson, non-batched.
 */
import { expect, type APIRequestContext } from "@playwright/test";
import superjson from "superjson";

async function parse<T>(
  res: Awaited<ReturnType<APIRequestContext["get"]>>,
  path: string,
): Promise<T> {
  const body = (await res.json()) as {
    result?: { data: Parameters<typeof superjson.deserialize>[0] };
    error?: unknown;
  };
  expect(res.ok(), `${path} failed: ${JSON.stringify(body.error ?? body)}`).toBe(true);
  if (!body.result) throw new Error(`${path} returned no result`);
  return superjson.deserialize<T>(body.result.data);
}

export async function trpcMutation<T = unknown>(
  request: APIRequestContext,
  path: string,
  input: unknown,
): Promise<T> {
  const res = await request.post(`/api/trpc/${path}`, { data: superjson.serialize(input) });
  return parse<T>(res, path);
}

export async function trpcQuery<T = unknown>(
  request: APIRequestContext,
  path: string,
  input?: unknown,
): Promise<T> {
  const qs =
    input === undefined
      ? ""
      : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  const res = await request.get(`/api/trpc/${path}${qs}`);
  return parse<T>(res, path);
}

/** A model key no other run or spec uses. */
export function uniqueKey(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}
