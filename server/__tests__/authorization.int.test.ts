/**
 * The authorization matrix: every tRPC procedure, called as admin, editor, viewer, a member of
 * another workspace and anonymous, against a fresh world each time. Generated from one table; a
 * procedure missing from the table fails the suite, so new procedures cannot be forgotten.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, imports, invitations, memberships } from "../../db/schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { appRouter, createCaller } from "../trpc/root";
import type { Context } from "../trpc/trpc";
import type { Role } from "../context";
import { hashToken, randomToken } from "../crypto";
import { importScoreModel } from "../services/score-model/import";
import { publishScoreModel } from "../services/score-model/publish";
import {
  addContacts,
  context,
  createUser,
  createWorkspace,
  leadDocument,
  recordingQueue,
} from "./fixtures";

type Access = "public" | "authenticated" | Role;
type Persona = "admin" | "editor" | "viewer" | "outsider" | "anonymous";
const PERSONAS: Persona[] = ["admin", "editor", "viewer", "outsider", "anonymous"];
const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

interface World {
  workspaceId: string;
  workspaceSlug: string;
  modelKey: string;
  bystanderId: string;
  invitationId: string;
  invitationToken: string;
  apiKeyId: string;
  /** An uploaded CSV import (not started) of the target workspace. */
  importId: string;
}

interface Entry {
  access: Access;
  /**
   * The input names a resource of the target workspace, so a member of another workspace must get
   * NOT_FOUND. Unscoped procedures act in the caller's own workspace and must not leak the target's.
   */
  scoped: boolean;
  input?: (w: World) => unknown;
  /** Where the rule is not about access (e.g. the last admin may not leave), the exact outcome. */
  except?: Partial<Record<Persona, Outcome>>;
}

const model = (w: World) => ({ key: w.modelKey });

const MATRIX: Record<string, Entry> = {
  "session.me": { access: "authenticated", scoped: false },
  // The sign-in page shows the demo admin's credentials (a seeded, documented demo account).
  "session.demoCredentials": { access: "public", scoped: false },
  "workspace.create": { access: "authenticated", scoped: false, input: () => ({ name: "Fresh" }) },
  "workspace.switch": {
    access: "authenticated",
    scoped: true,
    input: (w) => ({ slug: w.workspaceSlug }),
  },
  // Admin and outsider are the only admins of their workspaces: the last admin cannot leave.
  "workspace.leave": {
    access: "viewer",
    scoped: false,
    except: { admin: "CONFLICT", outsider: "CONFLICT" },
  },
  "member.list": { access: "viewer", scoped: false },
  "member.updateRole": {
    access: "admin",
    scoped: true,
    input: (w) => ({ userId: w.bystanderId, role: "viewer" }),
  },
  "member.remove": { access: "admin", scoped: true, input: (w) => ({ userId: w.bystanderId }) },
  "invitation.create": { access: "admin", scoped: false, input: () => ({ role: "viewer" }) },
  "invitation.list": { access: "admin", scoped: false },
  "invitation.revoke": { access: "admin", scoped: true, input: (w) => ({ id: w.invitationId }) },
  // Holding the link is the permission: any signed-in user may read and accept it.
  "invitation.get": {
    access: "authenticated",
    scoped: false,
    input: (w) => ({ token: w.invitationToken }),
  },
  "invitation.accept": {
    access: "authenticated",
    scoped: false,
    input: (w) => ({ token: w.invitationToken }),
  },
  "apiKey.list": { access: "admin", scoped: false },
  "apiKey.create": {
    access: "admin",
    scoped: false,
    input: () => ({ name: "ci", scope: "write" }),
  },
  "apiKey.revoke": { access: "admin", scoped: true, input: (w) => ({ id: w.apiKeyId }) },
  "scoreModel.list": { access: "viewer", scoped: false },
  "scoreModel.get": { access: "viewer", scoped: true, input: model },
  "scoreModel.create": {
    access: "editor",
    scoped: false,
    input: () => ({ key: "fresh", name: "Fresh", emoji: "✨", kind: "custom" }),
  },
  "scoreModel.updateDraft": {
    access: "editor",
    scoped: true,
    input: (w) => ({
      key: w.modelKey,
      document: leadDocument({ key: w.modelKey }),
      expectedRevision: 1,
    }),
  },
  "scoreModel.validate": {
    access: "viewer",
    scoped: false,
    input: () => ({ document: leadDocument() }),
  },
  "scoreModel.publish": { access: "editor", scoped: true, input: model },
  "scoreModel.preview": {
    access: "viewer",
    scoped: true,
    input: (w) => ({ key: w.modelKey, document: leadDocument({ key: w.modelKey }) }),
  },
  "scoreModel.diff": {
    access: "viewer",
    scoped: true,
    input: (w) => ({ key: w.modelKey, from: 1, to: "draft" }),
  },
  "scoreModel.rollback": {
    access: "editor",
    scoped: true,
    input: (w) => ({ key: w.modelKey, version: 1 }),
  },
  "scoreModel.setEnabled": {
    access: "admin",
    scoped: true,
    input: (w) => ({ key: w.modelKey, enabled: false }),
  },
  "scoreModel.delete": {
    access: "admin",
    scoped: true,
    input: (w) => ({ key: w.modelKey, confirmKey: w.modelKey }),
  },
  "scoreModel.importDocument": {
    access: "editor",
    scoped: false,
    input: () => ({ document: leadDocument({ key: "imported" }) }),
  },
  "scoreModel.exportDocument": { access: "viewer", scoped: true, input: model },
  // Publishable key prefixes and the snippet: public by design (they are embedded in web pages).
  "tracking.setup": { access: "viewer", scoped: false },
  "registry.list": { access: "viewer", scoped: false },
  "dataImport.list": { access: "viewer", scoped: false },
  "dataImport.get": { access: "viewer", scoped: true, input: (w) => ({ id: w.importId }) },
  "dataImport.issues": { access: "viewer", scoped: true, input: (w) => ({ id: w.importId }) },
  // The world's import is an upload not started yet: cancelling it is allowed (it frees the quota).
  "dataImport.cancel": { access: "editor", scoped: true, input: (w) => ({ id: w.importId }) },
  "dataImport.create": {
    access: "editor",
    scoped: true,
    input: (w) => ({
      uploadId: w.importId,
      mapping: { kind: "contacts", key: 0, email: null, createdAt: null, columns: [] },
    }),
  },
};

type Outcome = "ok" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT";

function expected(entry: Entry, persona: Persona): Outcome {
  const exception = entry.except?.[persona];
  if (exception) return exception;
  if (entry.access === "public") return "ok";
  if (persona === "anonymous") return "UNAUTHORIZED";
  if (entry.access === "authenticated") {
    return persona === "outsider" && entry.scoped ? "NOT_FOUND" : "ok";
  }
  if (persona === "outsider") return entry.scoped ? "NOT_FOUND" : "ok";
  return RANK[persona] >= RANK[entry.access] ? "ok" : "FORBIDDEN";
}

describe(`authorization matrix (${testTarget()})`, () => {
  let database: TestDatabase;
  let counter = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  /** A fresh target workspace with members of every role, and an outsider with a workspace of their own. */
  async function createWorld() {
    const n = ++counter;
    const target = await createWorkspace(database, `target-${n}`);
    const own = await createWorkspace(database, `outsider-${n}`);
    await addContacts(database, target.id, 3);
    const people: Record<
      Exclude<Persona, "anonymous">,
      { id: string; name: string; email: string }
    > = {
      admin: await createUser(database, `admin-${n}@example.com`, "Admin"),
      editor: await createUser(database, `editor-${n}@example.com`, "Editor"),
      viewer: await createUser(database, `viewer-${n}@example.com`, "Viewer"),
      outsider: await createUser(database, `outsider-${n}@example.com`, "Outsider"),
    };
    const bystander = await createUser(database, `bystander-${n}@example.com`, "Bystander");
    await database.db.insert(memberships).values([
      { workspaceId: target.id, userId: people.admin.id, role: "admin" },
      { workspaceId: target.id, userId: people.editor.id, role: "editor" },
      { workspaceId: target.id, userId: people.viewer.id, role: "viewer" },
      { workspaceId: target.id, userId: bystander.id, role: "editor" },
      { workspaceId: own.id, userId: people.outsider.id, role: "admin" },
    ]);
    const modelKey = `target_model_${n}`;
    const adminCtx = context(database, target.id, "admin");
    await importScoreModel({ ctx: adminCtx, input: { document: leadDocument({ key: modelKey }) } });
    await publishScoreModel({ ctx: adminCtx, input: { key: modelKey } });
    const invitationToken = randomToken();
    const [invitation] = await database.db
      .insert(invitations)
      .values({
        workspaceId: target.id,
        tokenHash: hashToken(invitationToken),
        role: "viewer",
        createdBy: people.admin.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      })
      .returning({ id: invitations.id });
    const [key] = await database.db
      .insert(apiKeys)
      .values({
        workspaceId: target.id,
        name: "k",
        prefix: "sc_x",
        keyHash: hashToken(randomToken("sc_")),
        scope: "read",
        createdBy: people.admin.id,
      })
      .returning({ id: apiKeys.id });
    const [upload] = await database.db
      .insert(imports)
      .values({
        workspaceId: target.id,
        kind: "contacts",
        fileName: "people.csv",
        storageKey: crypto.randomUUID(),
        fileBytes: 10,
        columns: ["id"],
        createdBy: people.editor.id,
      })
      .returning({ id: imports.id });
    const world: World = {
      workspaceId: target.id,
      workspaceSlug: target.slug,
      modelKey,
      bystanderId: bystander.id,
      invitationId: invitation!.id,
      invitationToken,
      apiKeyId: key!.id,
      importId: upload!.id,
    };
    const ctxFor = (persona: Persona): Context => ({
      db: database.db,
      queue: recordingQueue(),
      user: persona === "anonymous" ? null : people[persona],
      // The outsider's browser asks for the target workspace: a preference that must not be honoured.
      preferredWorkspace: persona === "outsider" ? target.slug : null,
      rememberWorkspace: () => {},
    });
    return { world, ctxFor };
  }

  async function call(
    ctx: Context,
    path: string,
    input: unknown,
  ): Promise<{ outcome: Outcome | string; result?: unknown }> {
    const caller = createCaller(ctx) as unknown as Record<
      string,
      Record<string, (i: unknown) => Promise<unknown>>
    >;
    const [router, name] = path.split(".") as [string, string];
    const fn = caller[router]?.[name];
    if (!fn) throw new Error(`no procedure ${path}`);
    try {
      return { outcome: "ok", result: await fn(input) };
    } catch (error) {
      if (error instanceof TRPCError) return { outcome: error.code };
      throw error;
    }
  }

  it("covers every procedure of the router", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(procedures.filter((p) => !(p in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((p) => !procedures.includes(p))).toEqual([]);
  });

  for (const [path, entry] of Object.entries(MATRIX)) {
    for (const persona of PERSONAS) {
      const want = expected(entry, persona);
      it(`${path} as ${persona} → ${want}`, async () => {
        const { world, ctxFor } = await createWorld();
        const { outcome, result } = await call(ctxFor(persona), path, entry.input?.(world));
        expect(outcome).toBe(want);
        if (persona === "outsider" && outcome === "ok") {
          // Whatever an outsider gets back is about their own workspace, never the target's.
          const text = JSON.stringify(result ?? null);
          expect(text).not.toContain(world.workspaceId);
          expect(text).not.toContain(world.modelKey);
        }
      });
    }
  }
});
