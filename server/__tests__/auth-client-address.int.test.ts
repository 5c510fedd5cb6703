/**
 * Login rate limits key on the client's address. Served by a real HTTP server with the edge hook
 * installed (as the app server does at boot), a client that rotates X-Forwarded-For is still one
 * client; behind a trusted proxy the address the proxy appended counts.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeHandler } from "better-auth/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rateLimits } from "../../db/schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { createAuth, handleAuthRequest, resolveAuthSecret, type Auth } from "../auth";
import { installClientAddressHook } from "../client-address";

const BASE = "http://localhost:3999";

describe(`login rate limits by client address (${testTarget()})`, () => {
  let database: TestDatabase;
  let auth: Auth;
  let server: http.Server;
  let url: string;
  let uninstall: (() => void) | null = null;
  /** The forwarding headers the auth handler received, last request first. */
  const seen: Array<string | undefined> = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    auth = createAuth(database.db, {
      secret: await resolveAuthSecret(database.db, undefined),
      baseURL: BASE,
    });
    const handler = toNodeHandler((request: Request) => handleAuthRequest(auth, request));
    server = http.createServer((req, res) => {
      seen.unshift(req.headers["x-forwarded-for"] as string | undefined);
      void handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const signUp = await post("/sign-up/email", {
      email: "ada@example.com",
      password: "correct horse battery",
      name: "Ada",
    });
    expect(signUp.status).toBe(200);
  });
  afterEach(() => {
    uninstall?.();
    uninstall = null;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await database?.destroy();
  });

  function post(path: string, body: unknown, headers: Record<string, string> = {}) {
    return fetch(`${url}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE, ...headers },
      body: JSON.stringify(body),
    });
  }

  async function clearLimits() {
    await database.db.delete(rateLimits);
  }

  it("still answers 429 with Retry-After when X-Forwarded-For rotates", async () => {
    await clearLimits();
    uninstall = installClientAddressHook(false);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 20; i++) {
      const response = await post(
        "/sign-in/email",
        { email: "ada@example.com", password: `guess-${i}-xx` },
        {
          "x-forwarded-for": `198.51.100.${i + 1}`,
          "x-forwarded-host": "evil.example",
          forwarded: `for=198.51.100.${i + 1}`,
        },
      );
      statuses.push(response.status);
      if (response.status === 429) retryAfter ??= response.headers.get("retry-after");
      await response.arrayBuffer();
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // The handler saw the socket's address, not the client's claim.
    expect(seen[0]).toBe("127.0.0.1");
  });

  it("behind a trusted proxy, keys on the address the proxy appended", async () => {
    await clearLimits();
    uninstall = installClientAddressHook(true);
    // The proxy appends the connecting address; what comes before it is the client's own claim.
    const attempt = (forged: string, client: string) =>
      post(
        "/sign-in/email",
        { email: "ada@example.com", password: "wrong password!" },
        { "x-forwarded-for": `${forged}, ${client}` },
      );
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await attempt(`192.0.2.${i + 1}`, "203.0.113.50");
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(seen[0]).toBe("203.0.113.50");
    const other = await attempt("192.0.2.1", "203.0.113.51");
    expect(other.status).toBe(401);
  });
});
