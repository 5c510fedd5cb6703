import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { appRouter } from "../trpc/root";
import type { Context } from "../trpc/trpc";
import { memberships } from "../../db/schema";
import { createUser, createWorkspace, leadDocument, recordingQueue } from "./fixtures";

describe(`tRPC error mapping over HTTP (${testTarget()})`, () => {
  let database: TestDatabase;
  let ctx: Context;

  beforeAll(async () => {
    database = await createTestDatabase();
    const ws = await createWorkspace(database, "http");
    const user = await createUser(database, "http@example.com", "Http Editor");
    await database.db
      .insert(memberships)
      .values({ workspaceId: ws.id, userId: user.id, role: "editor" });
    ctx = {
      db: database.db,
      queue: recordingQueue(),
      user,
      preferredWorkspace: null,
      rememberWorkspace: () => {},
    };
  });
  afterAll(async () => {
    await database?.destroy();
  });

  async function call(path: string, input: unknown, method: "GET" | "POST" = "POST") {
    const body = JSON.stringify(superjson.serialize(input));
    const url =
      method === "GET"
        ? `http://localhost/api/trpc/${path}?input=${encodeURIComponent(body)}`
        : `http://localhost/api/trpc/${path}`;
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request(url, {
        method,
        body: method === "POST" ? body : undefined,
        headers: { "content-type": "application/json" },
      }),
      router: appRouter,
      createContext: () => ctx,
    });
    return {
      status: response.status,
      json: (await response.json()) as {
        error?: { json: { message: string; data: Record<string, unknown> } };
      },
    };
  }

  it("returns every validation issue with its path and a 422", async () => {
    const bad = leadDocument({
      criteria: [
        {
          id: "c1",
          kind: "filter",
          label: "x",
          points: 1,
          where: { kind: "rule", field: "contact.nope", operator: "eq", value: "a" },
        },
        { id: "c1", kind: "activity", label: "y", points: 1, activity: "never_seen", where: null },
      ],
    });
    const { status, json } = await call("scoreModel.importDocument", { document: bad });
    expect(status).toBe(422);
    expect(json.error?.json.data.code).toBe("UNPROCESSABLE_CONTENT");
    const issues = json.error?.json.data.issues as { path: string; code: string }[];
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["criteria[0].where.field", "criteria[1].activity", "criteria[1].id"]),
    );
    expect(json.error?.json.data.stack).toBeUndefined();
  });

  it("maps not found and bad input to their codes", async () => {
    const missing = await call("scoreModel.get", { key: "nope" }, "GET");
    expect(missing.status).toBe(404);
    expect(missing.json.error?.json.message).toBe('Score model "nope" not found');
    const invalid = await call("scoreModel.create", {
      key: "Bad Key!",
      name: "",
      emoji: "x",
      kind: "lead",
    });
    expect(invalid.status).toBe(400);
    const paths = (invalid.json.error?.json.data.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["key", "name"]));
  });

  it("refuses text the database cannot store anywhere in an input, naming the path", async () => {
    for (const name of ["Lead \ud800", "Lead \u0000"]) {
      const result = await call("scoreModel.create", {
        key: "lead_x",
        name,
        emoji: "x",
        kind: "lead",
      });
      expect(result.status).toBe(400);
      const issues = result.json.error?.json.data.issues as { path: string }[];
      expect(issues.map((i) => i.path)).toEqual(["name"]);
    }
  });
});
