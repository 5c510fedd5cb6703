/**
 * Cookie-authenticated state changes refuse another site's Origin: tRPC mutations (JSON and
 * multipart form posts), CSV uploads and better-auth's own routes. Same-origin requests and
 * non-browser clients (no Origin, no Fetch Metadata) keep working; queries are not affected.
 */
import { and, eq } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as uploadRoute } from "../../app/api/imports/route";
import { GET as trpcGet, POST as trpcPost } from "../../app/api/trpc/[trpc]/route";
import { imports, memberships, workspaces } from "../../db/schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { createAuth, handleAuthRequest, resolveAuthSecret, type Auth } from "../auth";
import type { RunningQueue } from "../jobs/queue";
import type { Runtime } from "../runtime";
import { isSameOriginRequest } from "../same-origin";
import { recordingQueue } from "./fixtures";

const APP = "http://localhost:3000";
const EVIL = "https://evil.example";

const globalForRuntime = globalThis as unknown as { scorecraftRuntime?: Promise<Runtime> };

describe(`cross-site requests (${testTarget()})`, () => {
  let database: TestDatabase;
  let auth: Auth;
  let adminCookie = "";
  let editorCookie = "";
  let workspaceId = "";

  async function signUp(email: string): Promise<{ cookie: string; id: string }> {
    const response = await handleAuthRequest(
      auth,
      new Request(`${APP}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: APP },
        body: JSON.stringify({ email, password: "correct horse battery", name: email }),
      }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { user: { id: string } };
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    return { cookie, id: body.user.id };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    auth = createAuth(database.db, {
      secret: await resolveAuthSecret(database.db, undefined),
      baseURL: APP,
    });
    globalForRuntime.scorecraftRuntime = Promise.resolve({
      database,
      auth,
      queue: recordingQueue() as unknown as RunningQueue,
      scorer: { stop: async () => {} } as unknown as Runtime["scorer"],
    });
    const admin = await signUp("admin@example.com");
    const editor = await signUp("editor@example.com");
    adminCookie = admin.cookie;
    editorCookie = editor.cookie;
    const created = await trpc("workspace.create", { name: "Acme" }, adminCookie, { origin: APP });
    expect(created.status).toBe(200);
    const [ws] = await database.db.select().from(workspaces).where(eq(workspaces.name, "Acme"));
    if (!ws) throw new Error("workspace not created");
    workspaceId = ws.id;
    await database.db.insert(memberships).values({ workspaceId, userId: editor.id, role: "editor" });
  });
  afterAll(async () => {
    globalForRuntime.scorecraftRuntime = undefined;
    await database?.destroy();
  });

  function trpc(
    path: string,
    input: unknown,
    cookie: string,
    headers: Record<string, string>,
    body?: BodyInit,
  ) {
    const request = new Request(`${APP}/api/trpc/${path}`, {
      method: "POST",
      headers: {
        cookie,
        host: "localhost:3000",
        ...(body === undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      body: body ?? JSON.stringify(superjson.serialize(input)),
    });
    return trpcPost(request);
  }

  async function editorIsMember(): Promise<boolean> {
    const rows = await database.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "editor")));
    return rows.length === 1;
  }

  it("refuses a multipart form post to workspace.leave from another site", async () => {
    const form = new FormData();
    form.set("x", "1");
    const response = await trpc("workspace.leave", undefined, editorCookie, { origin: EVIL }, form);
    expect(response.status).toBe(403);
    const json = (await response.json()) as { error: { json: { message: string } } };
    expect(json.error.json.message).toMatch(/another site/);
    expect(await editorIsMember()).toBe(true);
  });

  it("refuses a JSON mutation with a foreign Origin, Origin null, or Sec-Fetch-Site cross-site", async () => {
    const cases: Record<string, string>[] = [
      { origin: EVIL },
      { origin: "null" },
      { origin: "http://localhost:3000.evil.example" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
    ];
    for (const headers of cases) {
      const response = await trpc("workspace.leave", undefined, editorCookie, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await editorIsMember()).toBe(true);
  });

  it("lets the app's own pages mutate, and queries through from anywhere", async () => {
    const query = await trpcGet(
      new Request(`${APP}/api/trpc/workspace.mine`, {
        headers: { cookie: editorCookie, origin: EVIL },
      }),
    );
    expect(query.status).not.toBe(403);
    const response = await trpc("workspace.leave", undefined, editorCookie, {
      origin: APP,
      "sec-fetch-site": "same-origin",
    });
    expect(response.status).toBe(200);
    expect(await editorIsMember()).toBe(false);
  });

  it("refuses a cross-site CSV upload before storing anything", async () => {
    const response = await uploadRoute(
      new Request(`${APP}/api/imports?kind=contacts&name=x.csv`, {
        method: "POST",
        headers: { cookie: adminCookie, origin: EVIL, "content-type": "text/csv" },
        body: "email\na@example.com\n",
      }),
    );
    expect(response.status).toBe(403);
    const json = (await response.json()) as { error: { code: string } };
    expect(json.error.code).toBe("FORBIDDEN");
    expect(await database.db.select().from(imports)).toHaveLength(0);
  });

  it("better-auth refuses sign-out and sign-in posted by another site", async () => {
    const signOut = await handleAuthRequest(
      auth,
      new Request(`${APP}/api/auth/sign-out`, {
        method: "POST",
        headers: { cookie: adminCookie, origin: EVIL, "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(signOut.status).toBe(403);
    const session = await auth.api.getSession({ headers: new Headers({ cookie: adminCookie }) });
    expect(session?.user.email).toBe("admin@example.com");
    const signIn = await handleAuthRequest(
      auth,
      new Request(`${APP}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { origin: EVIL, "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@example.com", password: "correct horse battery" }),
      }),
    );
    expect(signIn.status).toBe(403);
  });
});

describe("isSameOriginRequest", () => {
  const req = (method: string, headers: Record<string, string>) => ({
    method,
    headers: new Headers({ host: "app.example:8443", ...headers }),
  });
  it.each([
    ["GET", { origin: EVIL }, true],
    ["POST", { origin: "https://app.example:8443" }, true],
    ["POST", { origin: "http://app.example:8443" }, true],
    ["POST", { origin: "https://app.example" }, false],
    ["POST", { origin: EVIL }, false],
    ["POST", { origin: "null" }, false],
    ["POST", { origin: "not a url" }, false],
    ["POST", { "sec-fetch-site": "same-origin" }, true],
    ["POST", { "sec-fetch-site": "none" }, true],
    ["POST", { "sec-fetch-site": "same-site" }, false],
    ["POST", { "sec-fetch-site": "cross-site" }, false],
    ["POST", {}, true],
    ["DELETE", { origin: EVIL }, false],
  ] as const)("%s %j → %s", (method, headers, expected) => {
    expect(isSameOriginRequest(req(method, headers))).toBe(expected);
  });
  it("accepts a configured origin whatever the Host header says", () => {
    const request = req("POST", { origin: "https://scores.example.com" });
    expect(isSameOriginRequest(request, ["https://scores.example.com"])).toBe(true);
  });
});
