import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, users } from "../../db/schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { createAuth, resolveAuthSecret, type Auth } from "../auth";

const BASE = "http://localhost:3999";

describe(`sign-up and sign-in (${testTarget()})`, () => {
  let database: TestDatabase;
  let auth: Auth;

  beforeAll(async () => {
    database = await createTestDatabase();
    auth = createAuth(database.db, {
      secret: await resolveAuthSecret(database.db, undefined),
      baseURL: BASE,
    });
  });
  afterAll(async () => {
    await database?.destroy();
  });

  function post(path: string, body: unknown, ip = "203.0.113.7") {
    return auth.handler(
      new Request(`${BASE}/api/auth${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE, "x-forwarded-for": ip },
        body: JSON.stringify(body),
      }),
    );
  }

  it("keeps the generated secret across restarts", async () => {
    const first = await resolveAuthSecret(database.db, undefined);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(await resolveAuthSecret(database.db, undefined)).toBe(first);
    expect(await resolveAuthSecret(database.db, "x".repeat(40))).toBe("x".repeat(40));
  });

  it("signs up with a hashed password and an httpOnly, SameSite session cookie", async () => {
    const response = await post("/sign-up/email", {
      email: "ada@example.com",
      password: "correct horse battery",
      name: "Ada",
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const [user] = await database.db.select().from(users).where(eq(users.email, "ada@example.com"));
    const [account] = await database.db
      .select()
      .from(accounts)
      .where(eq(accounts.userId, user!.id));
    expect(account!.password).toBeTruthy();
    expect(account!.password).not.toContain("correct horse battery");
    // scrypt: salt and derived key, both hex.
    expect(account!.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/);
  });

  it("refuses a short password and a wrong one", async () => {
    const short = await post("/sign-up/email", {
      email: "bob@example.com",
      password: "short",
      name: "Bob",
    });
    expect(short.status).toBe(400);
    const wrong = await post(
      "/sign-in/email",
      { email: "ada@example.com", password: "wrong password!" },
      "203.0.113.8",
    );
    expect(wrong.status).toBe(401);
    const right = await post(
      "/sign-in/email",
      { email: "ada@example.com", password: "correct horse battery" },
      "203.0.113.8",
    );
    expect(right.status).toBe(200);
  });

  it("rate-limits repeated sign-in attempts from one client", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await post(
        "/sign-in/email",
        { email: "ada@example.com", password: `guess-${i}-xx` },
        "198.51.100.9",
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another client is not affected.
    const other = await post(
      "/sign-in/email",
      { email: "ada@example.com", password: "correct horse battery" },
      "198.51.100.10",
    );
    expect(other.status).toBe(200);
  });
});
