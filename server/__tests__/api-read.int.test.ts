/**
 * Contract tests of the reads (SPEC §7 GET /contacts/{externalId}, …/explain) and of models as
 * code (GET/POST/PATCH /models, publish), through the route handlers on both databases.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getContactRoute } from "../../app/api/v1/contacts/[externalId]/route";
import { GET as explainRoute } from "../../app/api/v1/contacts/[externalId]/scores/[modelKey]/explain/route";
import { POST as postContacts } from "../../app/api/v1/contacts/route";
import { POST as postEvents } from "../../app/api/v1/events/route";
import { GET as exportModel, PATCH as patchModel } from "../../app/api/v1/models/[key]/route";
import { POST as publishModel } from "../../app/api/v1/models/[key]/publish/route";
import { POST as importModel } from "../../app/api/v1/models/route";
import { evaluate } from "../../core/scoring/evaluate";
import { explain } from "../../core/scoring/explain";
import type { ModelDocument } from "../../core/scoring/document";
import { activities, contacts, scoreModels } from "../../db/schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { loadRegistry } from "../services/registry/load-registry";
import { call, setupApi, teardownApi, type ApiWorld } from "./api-helpers";
import { DAY, leadDocument, NOW } from "./fixtures";

const engagement = (): ModelDocument =>
  leadDocument({
    key: "eng",
    name: "Engagement",
    emoji: "🔥",
    kind: "engagement",
    halfLifeDays: null,
    scale: { kind: "percentile", percentile: 90 },
    criteria: [
      { id: "a", kind: "activity", label: "Logins", points: 2, activity: "logged_in", where: null },
    ],
  });

describe(`reads and models as code over /api/v1 (${testTarget()})`, () => {
  let database: TestDatabase;
  let world: ApiWorld;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await setupApi(database, "reads");
    const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
    await call(postContacts, {
      key: world.keys.write,
      path: "/contacts",
      body: [
        {
          externalId: "c1",
          email: "c1@example.com",
          createdAt: ago(100),
          fields: { country: "US", seats: 5 },
        },
      ],
    });
    await call(postEvents, {
      key: world.keys.write,
      path: "/events",
      body: [
        {
          eventId: "p1",
          contactId: "c1",
          type: "page_viewed",
          occurredAt: ago(1),
          properties: { url: "/pricing" },
        },
        {
          eventId: "p2",
          contactId: "c1",
          type: "page_viewed",
          occurredAt: ago(31),
          properties: { url: "/pricing/team" },
        },
        {
          eventId: "p3",
          contactId: "c1",
          type: "page_viewed",
          occurredAt: ago(2),
          properties: { url: "/blog" },
        },
        { eventId: "l1", contactId: "c1", type: "logged_in", occurredAt: ago(20) },
        { eventId: "l2", contactId: "c1", type: "logged_in", occurredAt: ago(3) },
        // A future activity: never counted, but the ledger forecasts it.
        {
          eventId: "l3",
          contactId: "c1",
          type: "logged_in",
          occurredAt: new Date(NOW.getTime() + 5 * DAY).toISOString(),
        },
      ],
    });
  });
  afterAll(async () => {
    teardownApi();
    await database?.destroy();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const params = (p: Record<string, string>) => ({ params: p });

  describe("models as code", () => {
    it("imports a document as a draft (201), then replaces the draft (200)", async () => {
      const first = await call(importModel, {
        key: world.keys.admin,
        path: "/models",
        body: leadDocument(),
      });
      expect(first.status).toBe(201);
      expect(first.json).toEqual({ key: "lead", created: true, draftRevision: 1 });
      const second = await call(importModel, {
        key: world.keys.admin,
        path: "/models",
        body: leadDocument({ name: "Lead v2" }),
      });
      expect(second.status).toBe(200);
      expect(second.json).toEqual({ key: "lead", created: false, draftRevision: 2 });
      const eng = await call(importModel, {
        key: world.keys.admin,
        path: "/models",
        body: engagement(),
      });
      expect(eng.status).toBe(201);
    });

    it("refuses an invalid document with every issue (422) and creates nothing", async () => {
      const bad = leadDocument({
        key: "broken",
        criteria: [
          {
            id: "x",
            kind: "filter",
            label: "x",
            points: 1,
            where: { kind: "rule", field: "contact.nope", operator: "eq", value: "a" },
          },
          { id: "y", kind: "activity", label: "y", points: 1, activity: "never_seen", where: null },
        ],
      });
      const res = await call(importModel, { key: world.keys.admin, path: "/models", body: bad });
      expect(res.status).toBe(422);
      const issues = (
        res.json.error?.details as { issues: { path: string; code: string; message: string }[] }
      ).issues;
      expect(issues.map((i) => i.path)).toEqual(
        expect.arrayContaining(["criteria[0].where.field", "criteria[1].activity"]),
      );
      const rows = await database.db
        .select()
        .from(scoreModels)
        .where(and(eq(scoreModels.workspaceId, world.workspaceId), eq(scoreModels.key, "broken")));
      expect(rows).toHaveLength(0);
    });

    it("exports the draft until a version is published, then the published version", async () => {
      const draft = await call(exportModel, {
        key: world.keys.read,
        path: "/models/lead",
        ...params({ key: "lead" }),
      });
      expect(draft.status).toBe(200);
      expect(draft.json).toEqual(leadDocument({ name: "Lead v2" }));

      const published = await call(publishModel, {
        key: world.keys.admin,
        method: "POST",
        path: "/models/lead/publish",
        ...params({ key: "lead" }),
      });
      expect(published.status).toBe(200);
      expect(published.json).toEqual({ key: "lead", version: 1 });
      expect(world.queue.jobs.length).toBeGreaterThan(0);
      await call(publishModel, {
        key: world.keys.admin,
        method: "POST",
        path: "/models/eng/publish",
        ...params({ key: "eng" }),
      });

      // The draft moves on; the export stays on the published version.
      await call(importModel, {
        key: world.keys.admin,
        path: "/models",
        body: leadDocument({ name: "Lead v3" }),
      });
      const exported = await call(exportModel, {
        key: world.keys.read,
        path: "/models/lead",
        ...params({ key: "lead" }),
      });
      expect(exported.json).toEqual(leadDocument({ name: "Lead v2" }));
      // Export then import gives an equal document (SPEC §3).
      const reimport = await call(importModel, {
        key: world.keys.admin,
        path: "/models",
        body: exported.json,
      });
      expect(reimport.status).toBe(200);
    });

    it("switches a model off and on with PATCH { enabled } (admin scope)", async () => {
      const off = await call(patchModel, {
        key: world.keys.admin,
        method: "PATCH",
        path: "/models/lead",
        body: { enabled: false },
        ...params({ key: "lead" }),
      });
      expect(off.status).toBe(200);
      expect(off.json).toEqual({ key: "lead", enabled: false });
      const on = await call(patchModel, {
        key: world.keys.admin,
        method: "PATCH",
        path: "/models/lead",
        body: { enabled: true },
        ...params({ key: "lead" }),
      });
      expect(on.json).toEqual({ key: "lead", enabled: true });

      const badBody = await call(patchModel, {
        key: world.keys.admin,
        method: "PATCH",
        path: "/models/lead",
        body: { enabled: "yes" },
        ...params({ key: "lead" }),
      });
      expect(badBody.status).toBe(400);
      expect(badBody.json.error?.details).toMatchObject({ issues: [{ path: "enabled" }] });
      const editor = await call(patchModel, {
        key: world.keys.write,
        method: "PATCH",
        path: "/models/lead",
        body: { enabled: false },
        ...params({ key: "lead" }),
      });
      expect(editor.status).toBe(403);
      const unknown = await call(patchModel, {
        key: world.keys.admin,
        method: "PATCH",
        path: "/models/nope",
        body: { enabled: false },
        ...params({ key: "nope" }),
      });
      expect(unknown.status).toBe(404);
      const otherWorkspace = await call(exportModel, {
        key: world.keys.otherAdmin,
        path: "/models/lead",
        ...params({ key: "lead" }),
      });
      expect(otherWorkspace.status).toBe(404);
    });
  });

  describe("GET /contacts/{externalId}", () => {
    async function evaluateDirect(key: string, at: Date, scaleReference: number | null) {
      const registry = await loadRegistry(database.db, world.workspaceId);
      const [contact] = await database.db
        .select()
        .from(contacts)
        .where(and(eq(contacts.workspaceId, world.workspaceId), eq(contacts.externalId, "c1")));
      const acts = await database.db
        .select()
        .from(activities)
        .where(
          and(eq(activities.workspaceId, world.workspaceId), eq(activities.contactId, contact!.id)),
        );
      const doc = key === "lead" ? leadDocument({ name: "Lead v2" }) : engagement();
      return {
        contact: contact!,
        acts,
        registry,
        doc,
        result: evaluate(doc, contact!, acts, { at, registry, scaleReference }),
      };
    }

    it("returns the contact with a score per enabled model, computed at request time", async () => {
      // A percentile model scores against the reference of the last full refresh.
      await database.db
        .update(scoreModels)
        .set({ scaleReference: 5 })
        .where(and(eq(scoreModels.workspaceId, world.workspaceId), eq(scoreModels.key, "eng")));
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(NOW);
      const res = await call(getContactRoute, {
        key: world.keys.read,
        path: "/contacts/c1",
        ...params({ externalId: "c1" }),
      });
      expect(res.status).toBe(200);
      const lead = (await evaluateDirect("lead", NOW, null)).result;
      const eng = (await evaluateDirect("eng", NOW, 5)).result;
      expect(eng.raw).toBe(4);
      expect(eng.score).toBe(80);
      expect(res.json).toEqual({
        externalId: "c1",
        email: "c1@example.com",
        createdAt: new Date(NOW.getTime() - 100 * DAY).toISOString(),
        fields: { country: "US", seats: 5 },
        scores: {
          eng: {
            raw: eng.raw,
            score: eng.score,
            stars: eng.stars,
            band: eng.band,
            asOf: NOW.toISOString(),
          },
          lead: {
            raw: lead.raw,
            score: lead.score,
            stars: lead.stars,
            band: lead.band,
            asOf: NOW.toISOString(),
          },
        },
      });
      expect(lead.raw).toBeGreaterThan(10);
    });

    it("leaves out disabled models and models without a published version", async () => {
      await call(patchModel, {
        key: world.keys.admin,
        method: "PATCH",
        path: "/models/eng",
        body: { enabled: false },
        ...params({ key: "eng" }),
      });
      await call(importModel, {
        key: world.keys.admin,
        path: "/models",
        body: leadDocument({ key: "draft_only" }),
      });
      const res = await call(getContactRoute, {
        key: world.keys.admin,
        path: "/contacts/c1",
        ...params({ externalId: "c1" }),
      });
      expect(Object.keys(res.json.scores as object)).toEqual(["lead"]);
    });

    it("answers 404 for unknown contacts and for another workspace's key, 403 for a write key", async () => {
      const unknown = await call(getContactRoute, {
        key: world.keys.read,
        path: "/contacts/nobody",
        ...params({ externalId: "nobody" }),
      });
      expect(unknown.status).toBe(404);
      expect(unknown.json.error?.code).toBe("NOT_FOUND");
      const other = await call(getContactRoute, {
        key: world.keys.otherAdmin,
        path: "/contacts/c1",
        ...params({ externalId: "c1" }),
      });
      expect(other.status).toBe(404);
      const write = await call(getContactRoute, {
        key: world.keys.write,
        path: "/contacts/c1",
        ...params({ externalId: "c1" }),
      });
      expect(write.status).toBe(403);
    });
  });

  describe("GET …/scores/{modelKey}/explain", () => {
    const explainCall = (
      modelKey: string,
      query: Record<string, string> = {},
      key = world.keys.read,
    ) =>
      call(explainRoute, {
        key,
        path: `/contacts/c1/scores/${modelKey}/explain`,
        query,
        params: { externalId: "c1", modelKey },
      });

    it("returns the SPEC §7 ledger at a past or future instant", async () => {
      const registry = await loadRegistry(database.db, world.workspaceId);
      const [contact] = await database.db
        .select()
        .from(contacts)
        .where(and(eq(contacts.workspaceId, world.workspaceId), eq(contacts.externalId, "c1")));
      const acts = await database.db
        .select()
        .from(activities)
        .where(
          and(eq(activities.workspaceId, world.workspaceId), eq(activities.contactId, contact!.id)),
        );
      for (const at of [new Date(NOW.getTime() - 10 * DAY), new Date(NOW.getTime() + 40 * DAY)]) {
        const res = await explainCall("lead", { at: at.toISOString() });
        expect(res.status).toBe(200);
        expect(res.json).toEqual(
          explain(leadDocument({ name: "Lead v2" }), 1, contact!, acts, { at, registry }),
        );
        expect(Object.keys(res.json)).toEqual([
          "modelKey",
          "version",
          "at",
          "raw",
          "score",
          "stars",
          "band",
          "criteria",
        ]);
        for (const c of res.json.criteria as Record<string, unknown>[]) {
          expect(Object.keys(c)).toEqual(
            expect.arrayContaining([
              "id",
              "label",
              "kind",
              "matched",
              "occurrences",
              "points",
              "contribution",
              "capped",
              "nextChangeAt",
            ]),
          );
        }
      }
      // An offset is read as the instant it names.
      const offset = await explainCall("lead", { at: "2026-06-01T14:00:00+02:00" });
      expect(offset.json.at).toBe("2026-06-01T12:00:00.000Z");
    });

    it("defaults `at` to now and explains a disabled model too", async () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(NOW);
      const res = await explainCall("eng");
      expect(res.status).toBe(200);
      expect(res.json.at).toBe(NOW.toISOString());
      expect(res.json.raw).toBe(4);
      const criteria = res.json.criteria as { nextChangeAt: string | null }[];
      // The stored future login is the next change.
      expect(criteria[0]?.nextChangeAt).toBe(new Date(NOW.getTime() + 5 * DAY).toISOString());
    });

    it("answers 400 naming `at` when it is not an ISO instant, 404 for unknown or unpublished models", async () => {
      for (const at of ["yesterday", "2026-02-30T00:00:00Z", "2026-06-01T12:00:00"]) {
        const res = await explainCall("lead", { at });
        expect(res.status, at).toBe(400);
        expect(res.json.error?.details).toMatchObject({ issues: [{ path: "at" }] });
      }
      expect((await explainCall("nope")).status).toBe(404);
      expect((await explainCall("draft_only")).status).toBe(404);
      expect((await explainCall("lead", {}, world.keys.otherAdmin)).status).toBe(404);
    });
  });
});
