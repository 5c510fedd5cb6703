/** Pure pieces of the /api/v1 edge: token buckets, key parsing, body reading, the error mapper. */
import { describe, expect, it, vi } from "vitest";
import { BadRequestError, NotFoundError, ServiceError } from "../../errors";
import { log } from "../../log";
import { scopeAllows } from "../../services/api-key/authenticate";
import { keyFromAuthorization, roleForScope } from "../auth";
import { readJsonBody } from "../body";
import { toHttpError, RateLimitedError } from "../errors";
import { batchItems, parseInput } from "../handler";
import { TokenBucketLimiter } from "../rate-limit";
import { SetEnabledBody } from "../schemas";

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://x/api/v1/events", { method: "POST", body, headers });

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => null,
    (e: unknown) => e as ServiceError,
  );
}

describe("TokenBucketLimiter", () => {
  it("allows the burst, then the sustained rate, per key", () => {
    const limiter = new TokenBucketLimiter(2, 3);
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take("a", t0).ok)).toEqual([true, true, true]);
    const refused = limiter.take("a", t0);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take("b", t0).ok).toBe(true);
    // 2 tokens per second: after 500 ms one more request passes.
    expect(limiter.take("a", t0 + 500).ok).toBe(true);
    expect(limiter.take("a", t0 + 500).ok).toBe(false);
    // Never more than the burst, however long the pause.
    const later = t0 + 3_600_000;
    expect([1, 2, 3, 4].map(() => limiter.take("a", later).ok)).toEqual([true, true, true, false]);
  });

  it("rounds Retry-After up to whole seconds", () => {
    const slow = new TokenBucketLimiter(0.1, 1);
    slow.take("k", 0);
    expect(slow.take("k", 0).retryAfterSeconds).toBe(10);
  });
});

describe("keyFromAuthorization", () => {
  it("reads Bearer and Basic (key as user name or as password)", () => {
    expect(keyFromAuthorization("Bearer sc_abc")).toBe("sc_abc");
    expect(keyFromAuthorization("bearer   sc_abc ")).toBe("sc_abc");
    const basic = (s: string) => `Basic ${Buffer.from(s).toString("base64")}`;
    expect(keyFromAuthorization(basic("sc_abc:"))).toBe("sc_abc");
    expect(keyFromAuthorization(basic(":sc_abc"))).toBe("sc_abc");
    expect(keyFromAuthorization(basic("sc_abc"))).toBe("sc_abc");
    expect(keyFromAuthorization(null)).toBeNull();
    expect(keyFromAuthorization("Token sc_abc")).toBeNull();
  });
});

describe("scopes", () => {
  it("admin covers all; publishable only tracking, which write may use too", () => {
    expect(scopeAllows("admin", "publishable")).toBe(true);
    expect(scopeAllows("write", "publishable")).toBe(true);
    expect(scopeAllows("publishable", "publishable")).toBe(true);
    expect(scopeAllows("read", "publishable")).toBe(false);
    expect(scopeAllows("publishable", "write")).toBe(false);
    expect(scopeAllows("publishable", "read")).toBe(false);
    expect(scopeAllows("write", "read")).toBe(false);
    expect(scopeAllows("read", "write")).toBe(false);
  });

  it("maps scopes to service roles", () => {
    expect(["admin", "write", "read", "publishable"].map((s) => roleForScope(s as never))).toEqual([
      "admin",
      "editor",
      "viewer",
      "editor",
    ]);
  });
});

describe("readJsonBody", () => {
  it("parses JSON and refuses malformed, empty or non-UTF-8 bodies with 400", async () => {
    expect(await readJsonBody(post('[{"a":1}]'), 100)).toEqual([{ a: 1 }]);
    for (const body of ["[{", "", "   "]) {
      const error = await rejection(readJsonBody(post(body), 100));
      expect(error?.code).toBe("BAD_REQUEST");
    }
    const latin1 = await rejection(readJsonBody(post(new Uint8Array([0x22, 0xe9, 0x22])), 100));
    expect(latin1?.message).toMatch(/UTF-8/);
  });

  it("refuses bodies over the limit with 413, by Content-Length or by bytes read", async () => {
    const declared = await rejection(readJsonBody(post("[]", { "content-length": "101" }), 100));
    expect(declared?.code).toBe("PAYLOAD_TOO_LARGE");
    const actual = await rejection(readJsonBody(post(`"${"x".repeat(200)}"`), 100));
    expect(actual?.code).toBe("PAYLOAD_TOO_LARGE");
  });
});

describe("batchItems and parseInput", () => {
  it("takes a bare array or the named wrapper, nothing else", () => {
    expect(batchItems([1], "events")).toEqual([1]);
    expect(batchItems({ events: [1] }, "events")).toEqual([1]);
    for (const body of [{ events: [1], extra: 1 }, { contacts: [] }, 1, null, "x"]) {
      expect(() => batchItems(body, "events")).toThrow(BadRequestError);
    }
  });

  it("lists every issue by path", () => {
    try {
      parseInput(SetEnabledBody, { enabled: "yes", other: 1 }, "body");
      expect.unreachable();
    } catch (error) {
      expect((error as ServiceError).code).toBe("BAD_REQUEST");
      expect((error as ServiceError).details).toEqual({
        issues: [
          { path: "enabled", message: expect.any(String) },
          { path: "(root)", message: expect.stringContaining("other") },
        ],
      });
    }
  });
});

describe("toHttpError", () => {
  it("maps service errors to their status with { error: { code, message, details } }", async () => {
    const res = toHttpError(new NotFoundError('Contact "x"'));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "NOT_FOUND", message: 'Contact "x" not found' },
    });
    const withDetails = toHttpError(new ServiceError("UNPROCESSABLE", "bad", { items: [] }));
    expect(withDetails.status).toBe(422);
    expect(await withDetails.json()).toEqual({
      error: { code: "UNPROCESSABLE", message: "bad", details: { items: [] } },
    });
  });

  it("sets Retry-After on 429", () => {
    const res = toHttpError(new RateLimitedError(3));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
  });

  it("logs unexpected errors and answers a generic 500 without internals", async () => {
    const spy = vi.spyOn(log, "error").mockImplementation(() => {});
    const res = toHttpError(new Error("connection to 10.0.0.5 refused"), {
      method: "POST",
      path: "/events",
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("10.0.0.5");
    expect(JSON.parse(text)).toEqual({ error: { code: "INTERNAL", message: expect.any(String) } });
    expect(spy).toHaveBeenCalledWith(
      "api v1 request failed",
      expect.objectContaining({ path: "/events" }),
    );
    spy.mockRestore();
  });
});
