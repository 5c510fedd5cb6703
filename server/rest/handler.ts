/**
 * The shape of every authenticated /api/v1 route: resolve the key (401), spend a rate-limit token
 * (429), check the operation's scope (403), then run the thin handler body; any failure goes
 * through the one error mapper. Handlers parse input, call one service and answer JSON.
 */
import type { z } from "zod";
import type { ServiceContext } from "../context";
import { BadRequestError, ServiceError } from "../errors";
import { authorize, keyFromAuthorization, serviceContext, type ApiPrincipal } from "./auth";
import { readJsonBody } from "./body";
import { apiLimits } from "./config";
import { getApiDeps, type ApiDeps } from "./deps";
import { toHttpError } from "./errors";
import type { Operation } from "./operations";

export interface ApiCall<P> {
  request: Request;
  params: P;
  principal: ApiPrincipal;
  deps: ApiDeps;
  ctx: ServiceContext;
}

/** Next passes `{ params: Promise<…> }`; tests may omit it for routes without parameters. */
export interface RouteContext<P> {
  params: Promise<P>;
}

export function apiRoute<P extends Record<string, string> = Record<string, never>>(
  operation: Operation & { scope: NonNullable<Operation["scope"]> },
  handle: (call: ApiCall<P>) => Promise<Response>,
) {
  return async (request: Request, context?: RouteContext<P>): Promise<Response> => {
    try {
      const deps = await getApiDeps();
      const key = keyFromAuthorization(request.headers.get("authorization"));
      const principal = await authorize(deps.db, key, operation.scope);
      const params = ((await context?.params) ?? {}) as P;
      return await handle({
        request,
        params,
        principal,
        deps,
        ctx: serviceContext(deps, principal),
      });
    } catch (error) {
      return toHttpError(error, { method: operation.method, path: operation.path });
    }
  };
}

/** The JSON body within the configured size limit (413), well-formed (400). */
export function readBody(request: Request): Promise<unknown> {
  return readJsonBody(request, apiLimits().bodyLimitBytes);
}

/** Parses a non-batch input (PATCH body, query): 400 listing every issue by path. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ServiceError("BAD_REQUEST", `Invalid ${what}`, {
    issues: parsed.error.issues.map((i) => ({
      path: i.path.map(String).join(".") || "(root)",
      message: i.message,
    })),
  });
}

/**
 * The items of a batch body: a bare array, or `{ <name>: [...] }`. Item validation is the
 * service's (per-item errors); the size limit is checked there too (413).
 */
export function batchItems(body: unknown, name: string): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const keys = Object.keys(body);
    const items = (body as Record<string, unknown>)[name];
    if (keys.length === 1 && Array.isArray(items)) return items;
  }
  throw new BadRequestError(`Send a JSON array, or an object { "${name}": [...] }`);
}
