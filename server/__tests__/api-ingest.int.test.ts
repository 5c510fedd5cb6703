/**
 * Contract tests of the ingest endpoints (SPEC §7 POST /contacts, POST /events) through the route
 * handlers themselves: atomic batches with per-item errors, idempotent events, registry learning,
 * dirty marks, and the HTTP edge (400, 401, 403, 413, 429).
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postContacts } from "../../app/api/v1/contacts/route";
import { POST as postEvents } from "../../app/api/v1/events/route";
import { activities, activityTypes, contacts, fields, scoreDirty } from "../../db/schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { configureApiLimits } from "../rest/config";
import { call, setupApi, teardownApi, type ApiWorld } from "./api-helpers";

describe(`POST /api/v1/contacts and /events (${testTarget()})`, () => {
  let database: TestDatabase;
  let world: ApiWorld;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await setupApi(database, "ingest");
  });
  afterAll(async () => {
    teardownApi();
    await database?.destroy();
  });

  const contactRow = async (externalId: string, workspaceId = world.workspaceId) => {
    const [row] = await database.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.externalId, externalId)));
    return row;
  };
  const count = async (
    table: typeof contacts | typeof activities,
    workspaceId = world.workspaceId,
  ) => {
    const [row] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(table)
      .where(eq(table.workspaceId, workspaceId));
    return Number(row?.n);
  };
  const dirtyIds = async () =>
    (
      await database.db
        .select({ id: scoreDirty.contactId })
        .from(scoreDirty)
        .where(eq(scoreDirty.workspaceId, world.workspaceId))
    ).map((r) => Number(r.id));

  describe("contacts", () => {
    it("creates contacts, learns new fields typed from the values and marks them dirty", async () => {
      const res = await call(postContacts, {
        key: world.keys.write,
        path: "/contacts",
        body: [
          {
            externalId: "u1",
            email: "u1@example.com",
            createdAt: "2025-01-02T03:04:05Z",
            fields: { country: "US", seats: 3, plan: "pro", vip: true, nickname: "Al" },
          },
          { externalId: "u2", fields: { vip: false, score_hint: 1.5 } },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ created: 2, updated: 0, unchanged: 0 });
      const u1 = await contactRow("u1");
      expect(u1?.email).toBe("u1@example.com");
      expect(u1?.createdAt.toISOString()).toBe("2025-01-02T03:04:05.000Z");
      expect(u1?.fields).toEqual({
        country: "US",
        seats: 3,
        plan: "pro",
        vip: true,
        nickname: "Al",
      });
      const registry = await database.db
        .select({ key: fields.key, type: fields.type, label: fields.label })
        .from(fields)
        .where(eq(fields.workspaceId, world.workspaceId));
      expect(registry).toEqual(
        expect.arrayContaining([
          { key: "vip", type: "boolean", label: "Vip" },
          { key: "nickname", type: "text", label: "Nickname" },
          { key: "score_hint", type: "number", label: "Score hint" },
        ]),
      );
      const u2 = await contactRow("u2");
      expect(await dirtyIds()).toEqual(expect.arrayContaining([u1!.id, u2!.id]));
    });

    it("updates only what changed: keeps email and createdAt when absent, null removes a field", async () => {
      await database.db.delete(scoreDirty);
      const res = await call(postContacts, {
        key: world.keys.write,
        path: "/contacts",
        body: {
          contacts: [
            { externalId: "u1", fields: { seats: 4, nickname: null } },
            { externalId: "u2", fields: { vip: false } },
          ],
        },
      });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ created: 0, updated: 1, unchanged: 1 });
      const u1 = await contactRow("u1");
      expect(u1?.email).toBe("u1@example.com");
      expect(u1?.createdAt.toISOString()).toBe("2025-01-02T03:04:05.000Z");
      expect(u1?.fields).toEqual({ country: "US", seats: 4, plan: "pro", vip: true });
      expect(await dirtyIds()).toEqual([u1!.id]);
    });

    it("merges repeated externalIds of one batch in order", async () => {
      const res = await call(postContacts, {
        key: world.keys.admin,
        path: "/contacts",
        body: [
          { externalId: "dup", fields: { seats: 1, country: "GB" } },
          { externalId: "dup", fields: { seats: 2 } },
        ],
      });
      expect(res.json).toEqual({ created: 1, updated: 0, unchanged: 0 });
      expect((await contactRow("dup"))?.fields).toEqual({ seats: 2, country: "GB" });
    });

    it("rejects the whole batch with every invalid item's index and field, writing nothing", async () => {
      const before = await count(contacts);
      const res = await call(postContacts, {
        key: world.keys.write,
        path: "/contacts",
        body: [
          { externalId: "fine", fields: { brand_new: "x" } },
          { externalId: "bad-type", fields: { seats: "many" } },
          { externalId: "bad-enum", fields: { plan: "enterprise" } },
          { externalId: "bad-date", createdAt: "2025-02-30T00:00:00Z" },
          { externalId: "typo", emial: "x@example.com" },
          { fields: {} },
          { externalId: "column", fields: { email: "a@b.c" } },
          { externalId: "mixed", fields: { brand_new: 3 } },
        ],
      });
      expect(res.status).toBe(422);
      expect(res.json.error?.code).toBe("UNPROCESSABLE");
      const items = (res.json.error?.details as { items: { index: number; field: string }[] })
        .items;
      expect(items.map((i) => [i.index, i.field])).toEqual([
        [1, "fields.seats"],
        [2, "fields.plan"],
        [3, "createdAt"],
        [4, "emial"],
        [5, "externalId"],
        [6, "fields.email"],
        [7, "fields.brand_new"],
      ]);
      expect(await count(contacts)).toBe(before);
      expect(await contactRow("fine")).toBeUndefined();
      const [learnt] = await database.db
        .select()
        .from(fields)
        .where(and(eq(fields.workspaceId, world.workspaceId), eq(fields.key, "brand_new")));
      expect(learnt).toBeUndefined();
    });

    it("rejects a field key outside the registry's key format", async () => {
      const res = await call(postContacts, {
        key: world.keys.write,
        path: "/contacts",
        body: [{ externalId: "k", fields: { "Bad Key": 1 } }],
      });
      expect(res.status).toBe(422);
      expect(res.json.error?.details).toMatchObject({
        items: [{ index: 0, field: "fields.Bad Key" }],
      });
    });
  });

  describe("events", () => {
    it("accepts events, creates unknown contacts, learns types and properties, marks dirty", async () => {
      await database.db.delete(scoreDirty);
      const res = await call(postEvents, {
        key: world.keys.write,
        path: "/events",
        body: [
          {
            eventId: "e1",
            contactId: "u1",
            type: "page_viewed",
            occurredAt: "2026-05-01T10:00:00Z",
            properties: { url: "/pricing", duration: 12 },
          },
          {
            eventId: "e2",
            contactId: "newbie",
            type: "demo_booked",
            occurredAt: "2026-05-01T11:00:00.123+02:00",
            properties: { source: "ads", paid: true, nested: { a: 1 } },
          },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ accepted: 2, duplicates: 0 });
      const newbie = await contactRow("newbie");
      expect(newbie).toBeDefined();
      const types = await database.db
        .select({
          key: activityTypes.key,
          properties: activityTypes.properties,
          label: activityTypes.label,
        })
        .from(activityTypes)
        .where(eq(activityTypes.workspaceId, world.workspaceId));
      const byKey = Object.fromEntries(types.map((t) => [t.key, t]));
      // Existing property types stay; new keys are added.
      expect(byKey.page_viewed?.properties).toEqual({ url: "text", duration: "number" });
      expect(byKey.demo_booked).toEqual({
        key: "demo_booked",
        label: "Demo booked",
        properties: { source: "text", paid: "boolean" },
      });
      const [stored] = await database.db
        .select()
        .from(activities)
        .where(and(eq(activities.workspaceId, world.workspaceId), eq(activities.eventId, "e2")));
      expect(stored?.occurredAt.toISOString()).toBe("2026-05-01T09:00:00.123Z");
      expect(stored?.contactId).toBe(newbie?.id);
      const u1 = await contactRow("u1");
      expect((await dirtyIds()).sort()).toEqual([u1!.id, newbie!.id].sort());
    });

    it("counts repeated eventIds in a batch and across batches as duplicates, storing each once", async () => {
      const event = (eventId: string) => ({
        eventId,
        contactId: "u2",
        type: "logged_in",
        occurredAt: "2026-05-02T10:00:00Z",
      });
      const first = await call(postEvents, {
        key: world.keys.write,
        path: "/events",
        body: [event("d1"), event("d1"), event("d2")],
      });
      expect(first.json).toEqual({ accepted: 2, duplicates: 1 });
      const before = await count(activities);
      const again = await call(postEvents, {
        key: world.keys.write,
        path: "/events",
        body: { events: [event("d1"), event("d2"), event("d3")] },
      });
      expect(again.json).toEqual({ accepted: 1, duplicates: 2 });
      expect(await count(activities)).toBe(before + 1);
      // Idempotency keys are per workspace: another workspace may use the same eventId.
      const other = await call(postEvents, {
        key: world.keys.otherWrite,
        path: "/events",
        body: [event("d1")],
      });
      expect(other.json).toEqual({ accepted: 1, duplicates: 0 });
    });

    it("lets a duplicate change nothing: no contact, no activity type, no property, no dirty mark", async () => {
      const first = await call(postEvents, {
        key: world.keys.write,
        path: "/events",
        body: [{ eventId: "dup-1", contactId: "u-dup", type: "logged_in", occurredAt: "2026-05-02T10:00:00Z" }],
      });
      expect(first.json).toEqual({ accepted: 1, duplicates: 0 });
      await database.db.delete(scoreDirty).where(eq(scoreDirty.workspaceId, world.workspaceId));
      const contactsBefore = await count(contacts);
      // The same eventId again, now naming another contact, a new type and a new property.
      const again = await call(postEvents, {
        key: world.keys.write,
        path: "/events",
        body: [
          {
            eventId: "dup-1",
            contactId: "u-dup-elsewhere",
            type: "never_seen_type",
            occurredAt: "2026-05-03T10:00:00Z",
            properties: { fresh_key: 1 },
          },
        ],
      });
      expect(again.json).toEqual({ accepted: 0, duplicates: 1 });
      expect(await count(contacts)).toBe(contactsBefore);
      expect(await contactRow("u-dup-elsewhere")).toBeUndefined();
      const types = await database.db
        .select({ key: activityTypes.key })
        .from(activityTypes)
        .where(and(eq(activityTypes.workspaceId, world.workspaceId), eq(activityTypes.key, "never_seen_type")));
      expect(types).toEqual([]);
      const dirty = await database.db
        .select()
        .from(scoreDirty)
        .where(eq(scoreDirty.workspaceId, world.workspaceId));
      expect(dirty).toEqual([]);
    });

    it("rejects a batch with an invalid item and writes nothing (no contact, no type)", async () => {
      const before = await count(activities);
      const res = await call(postEvents, {
        key: world.keys.write,
        path: "/events",
        body: [
          {
            eventId: "ok",
            contactId: "ghost",
            type: "ghost_type",
            occurredAt: "2026-05-01T10:00:00Z",
          },
          { eventId: "bad", contactId: "u1", type: "logged_in", occurredAt: "yesterday" },
          {
            eventId: "bad2",
            contactId: "u1",
            type: "Logged In",
            occurredAt: "2026-05-01T10:00:00Z",
          },
          {
            eventId: "bad3",
            contactId: "u1",
            type: "x",
            occurredAt: "2026-05-01T10:00:00Z",
            properties: [1],
          },
        ],
      });
      expect(res.status).toBe(422);
      const items = (res.json.error?.details as { items: { index: number; field: string }[] })
        .items;
      expect(items.map((i) => [i.index, i.field])).toEqual([
        [1, "occurredAt"],
        [2, "type"],
        [3, "properties"],
      ]);
      expect(await count(activities)).toBe(before);
      expect(await contactRow("ghost")).toBeUndefined();
    });

    it("refuses text with a NUL character as an item error (Postgres cannot store it)", async () => {
      const res = await call(postEvents, {
        key: world.keys.write,
        path: "/events",
        body: [
          {
            eventId: "n",
            contactId: "u1",
            type: "x",
            occurredAt: "2026-05-01T10:00:00Z",
            properties: { a: "x\u0000y" },
          },
        ],
      });
      expect(res.status).toBe(422);
      expect(res.json.error?.details).toMatchObject({
        items: [{ index: 0, field: "properties.a" }],
      });
    });
  });

  describe("the HTTP edge", () => {
    it("answers 413 above 1,000 items and above the body limit", async () => {
      const many = Array.from({ length: 1001 }, (_, i) => ({ externalId: `m${i}` }));
      const tooMany = await call(postContacts, {
        key: world.keys.write,
        path: "/contacts",
        body: many,
      });
      expect(tooMany.status).toBe(413);
      expect(tooMany.json.error?.code).toBe("PAYLOAD_TOO_LARGE");

      const huge = JSON.stringify([
        { externalId: "big", fields: { note: "x".repeat(5 * 1024 * 1024) } },
      ]);
      const tooBig = await call(postContacts, {
        key: world.keys.write,
        path: "/contacts",
        rawBody: huge,
      });
      expect(tooBig.status).toBe(413);
      // Without Content-Length (a streamed body) the cap applies to the bytes received.
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(huge));
          controller.close();
        },
      });
      const streamed = await postContacts(
        new Request("http://localhost/api/v1/contacts", {
          method: "POST",
          headers: { authorization: `Bearer ${world.keys.write}` },
          body: stream,
          duplex: "half",
        } as RequestInit),
      );
      expect(streamed.status).toBe(413);
      expect(await contactRow("big")).toBeUndefined();
    });

    it("answers 400 for malformed JSON, an empty body and a body that is not a batch", async () => {
      for (const rawBody of ["[{", "", '{"people": []}', "42"]) {
        const res = await call(postEvents, { key: world.keys.write, path: "/events", rawBody });
        expect(res.status, rawBody).toBe(400);
        expect(res.json.error?.code).toBe("BAD_REQUEST");
      }
    });

    it("answers 401 without a key, with an unknown key and with a revoked key", async () => {
      const body = [{ externalId: "nobody" }];
      for (const key of [null, "sc_unknownunknownunknownunknown", world.keys.revoked]) {
        const res = await call(postContacts, { key, path: "/contacts", body });
        expect(res.status).toBe(401);
        expect(res.json.error?.code).toBe("UNAUTHORIZED");
      }
      const basic = await call(postContacts, {
        authorization: "Basic !!!",
        path: "/contacts",
        body,
      });
      expect(basic.status).toBe(401);
    });

    it("answers 403 when the key's scope does not cover ingest", async () => {
      for (const key of [world.keys.read, world.keys.publishable]) {
        const res = await call(postEvents, { key, path: "/events", body: [] });
        expect(res.status).toBe(403);
        expect(res.json.error?.code).toBe("FORBIDDEN");
      }
    });

    it("answers 429 with Retry-After once a key has spent its burst", async () => {
      configureApiLimits({ ratePerSecond: 0.5, burst: 2 });
      try {
        const statuses: number[] = [];
        let retryAfter: string | null = null;
        for (let i = 0; i < 3; i++) {
          const res = await call(postEvents, { key: world.keys.write, path: "/events", body: [] });
          statuses.push(res.status);
          retryAfter = res.headers.get("retry-after");
        }
        expect(statuses).toEqual([200, 200, 429]);
        expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
        // Buckets are per key: another key is unaffected.
        const other = await call(postEvents, { key: world.keys.admin, path: "/events", body: [] });
        expect(other.status).toBe(200);
      } finally {
        configureApiLimits({ ratePerSecond: 100_000, burst: 100_000 });
      }
    });
  });
});
