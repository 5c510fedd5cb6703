import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, memberships, users, workspaces } from "../../db/schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { createAuth, type Auth } from "../auth";
import { CliError, runAdmin } from "../cli/admin";
import { hashToken } from "../crypto";
import { authenticateApiKey } from "../services/api-key/authenticate";

describe(`admin CLI (${testTarget()})`, () => {
  let database: TestDatabase;
  let auth: Auth;

  beforeAll(async () => {
    database = await createTestDatabase();
    auth = createAuth(database.db, { secret: "s".repeat(40), baseURL: "http://localhost:3000" });
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("creates a workspace with a new admin user, then an API key that authenticates", async () => {
    const out = await runAdmin(
      ["create-workspace", "--name", "Acme Corp", "--email", "Ops@Acme.test"],
      {
        database,
        auth,
      },
    );
    expect(out[0]).toBe("created user ops@acme.test");
    expect(out[1]).toMatch(/^password: \S{12,}/);
    expect(out[2]).toMatch(/slug: acme-corp/);
    const [user] = await database.db.select().from(users).where(eq(users.email, "ops@acme.test"));
    const [ws] = await database.db
      .select()
      .from(workspaces)
      .where(eq(workspaces.slug, "acme-corp"));
    const [membership] = await database.db
      .select()
      .from(memberships)
      .where(eq(memberships.userId, user!.id));
    expect(membership).toMatchObject({ workspaceId: ws!.id, role: "admin" });

    const keyOut = await runAdmin(
      ["create-api-key", "--workspace", "acme-corp", "--scope", "admin"],
      { database, auth },
    );
    const key = keyOut.at(-1)!;
    expect(key).toMatch(/^sc_[A-Za-z0-9_-]{40,}$/);
    const [stored] = await database.db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.workspaceId, ws!.id));
    expect(stored!.keyHash).toBe(hashToken(key));
    expect(stored!.keyHash).not.toContain(key);
    const resolved = await authenticateApiKey({ ctx: { db: database.db }, input: { key } });
    expect(resolved).toMatchObject({ workspaceId: ws!.id, scope: "admin" });
    const [used] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, stored!.id));
    expect(used!.lastUsedAt).toBeInstanceOf(Date);
    // Within a minute, a second use does not write again.
    await authenticateApiKey({ ctx: { db: database.db }, input: { key } });
    const [again] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, stored!.id));
    expect(again!.lastUsedAt!.getTime()).toBe(used!.lastUsedAt!.getTime());
  });

  it("reuses an existing user and refuses bad arguments with a usage line", async () => {
    const out = await runAdmin(
      ["create-workspace", "--name", "Second", "--email", "ops@acme.test"],
      { database, auth },
    );
    expect(out).toHaveLength(1);
    await expect(
      runAdmin(["create-api-key", "--workspace", "nope", "--scope", "admin"], { database, auth }),
    ).rejects.toThrow(CliError);
    await expect(
      runAdmin(["create-api-key", "--workspace", "second", "--scope", "god"], { database, auth }),
    ).rejects.toThrow(/--scope must be one of write, read, admin/);
    await expect(runAdmin(["frobnicate"], { database, auth })).rejects.toThrow(/unknown command/);
  });

  it("rejects revoked and malformed keys alike", async () => {
    await expect(
      authenticateApiKey({ ctx: { db: database.db }, input: { key: "nope" } }),
    ).rejects.toThrow(/Unknown or revoked/);
    await expect(
      authenticateApiKey({ ctx: { db: database.db }, input: { key: `sc_${"a".repeat(43)}` } }),
    ).rejects.toThrow(/Unknown or revoked/);
  });
});
