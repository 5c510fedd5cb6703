/**
 * Hostile but honest input through the public API's route handlers: each case must be a 4xx that
 * names where the problem is, and write nothing — never a 500.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postContacts } from "../../app/api/v1/contacts/route";
import { POST as postEvents } from "../../app/api/v1/events/route";
import { POST as postModels } from "../../app/api/v1/models/route";
import { POST as postSegmentBatch } from "../../app/api/v1/segment/batch/route";
import { activities, contacts, fields } from "../../db/schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { call, setupApi, teardownApi, type ApiWorld } from "./api-helpers";
import { leadDocument } from "./fixtures";

const event = (overrides: Record<string, unknown> = {}) => ({
  eventId: `h-${Math.random().toString(36).slice(2)}`,
  contactId: "hostile-1",
  type: "page_viewed",
  occurredAt: "2026-05-01T10:00:00Z",
  ...overrides,
});

let nested: unknown = "deep";
for (let i = 0; i < 2_000; i++) nested = { a: nested };

describe(`hostile input gets a clear 4xx (${testTarget()})`, () => {
  let database: TestDatabase;
  let world: ApiWorld;
  beforeAll(async () => {
    database = await createTestDatabase();
    world = await setupApi(database, "hostile");
  });
  afterAll(async () => {
    teardownApi();
    await database?.destroy();
  });

  const stored = async () => {
    const [row] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(activities)
      .where(eq(activities.workspaceId, world.workspaceId));
    const [people] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(contacts)
      .where(eq(contacts.workspaceId, world.workspaceId));
    return { activities: row?.n ?? 0, contacts: people?.n ?? 0 };
  };

  it.each([
    ["an unpaired surrogate in a property", postEvents, `[${JSON.stringify(event()).slice(0, -1)},"properties":{"name":"\\ud800"}}]`, 400, /\[0\]\.properties\.name/],
    ["an unpaired surrogate in a key", postEvents, `[${JSON.stringify(event()).slice(0, -1)},"properties":{"\\udc00":1}}]`, 400, /properties/],
    ["an unpaired surrogate in a contact field", postContacts, `[{"externalId":"x\\ud83d"}]`, 400, /\[0\]\.externalId/],
    ["JSON nested 2,000 levels deep", postEvents, JSON.stringify([event({ properties: nested })]), 400, /nested deeper/],
    ["a year 0 instant after UTC conversion", postEvents, JSON.stringify([event({ occurredAt: "0001-01-01T00:00:00+01:00" })]), 422, /occurredAt/],
    ["a year 10000 instant after UTC conversion", postEvents, JSON.stringify([event({ occurredAt: "9999-12-31T23:59:59-14:00" })]), 422, /occurredAt/],
    ["a Segment trait with an unpaired surrogate", postSegmentBatch, JSON.stringify({ batch: [{ type: "identify", messageId: "m1", userId: "u1" }] }).replace('"u1"}', '"u1","traits":{"name":"\\ud800"}}'), 400, /traits\.name/],
  ])("%s", async (_label, handler, rawBody, status, named) => {
    const before = await stored();
    const result = await call(handler, { key: world.keys.write, rawBody });
    expect(result.status, result.text).toBe(status);
    expect(JSON.stringify(result.json.error)).toMatch(named);
    expect(await stored()).toEqual(before);
  });

  it("treats constructor and __proto__-like keys as ordinary data, never dropping them", async () => {
    const result = await call(postContacts, {
      key: world.keys.write,
      rawBody: '[{"externalId":"proto-1","fields":{"constructor":"yes","toString":1}}]',
    });
    // `toString` is not a registry key (uppercase): refused by name; nothing written.
    expect(result.status).toBe(422);
    expect(JSON.stringify(result.json.error)).toMatch(/fields\.toString/);
    const ok = await call(postContacts, {
      key: world.keys.write,
      rawBody: '[{"externalId":"proto-1","fields":{"constructor":"yes","__proto__":"x"}}]',
    });
    expect(ok.status).toBe(400);
    expect(JSON.stringify(ok.json.error)).toMatch(/fields\.__proto__/);
    const good = await call(postContacts, {
      key: world.keys.write,
      rawBody: '[{"externalId":"proto-1","fields":{"constructor":"yes"}}]',
    });
    expect(good.status, good.text).toBe(200);
    const [row] = await database.db
      .select({ fields: contacts.fields })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, world.workspaceId), eq(contacts.externalId, "proto-1")));
    expect(row?.fields).toEqual({ constructor: "yes" });
    const [field] = await database.db
      .select({ type: fields.type })
      .from(fields)
      .where(and(eq(fields.workspaceId, world.workspaceId), eq(fields.key, "constructor")));
    expect(field?.type).toBe("text");
  });

  it("refuses NUL in a criterion label with its path", async () => {
    const document = leadDocument({ key: "nul_label" });
    document.criteria[0] = { ...document.criteria[0]!, label: "US\u0000" };
    const result = await call(postModels, { key: world.keys.admin, body: document });
    expect(result.status).toBe(422);
    expect(JSON.stringify(result.json.error)).toMatch(/criteria\[0\]\.label/);
  });
});
