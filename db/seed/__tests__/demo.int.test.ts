import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "../../index";
import { workspaces } from "../../schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../testing";
import {
  BUILTIN_FIELDS,
  DEMO_ACTIVITY_TYPES,
  DEMO_FIELDS,
  loadDemoData,
  placeDemoData,
  type DemoData,
} from "../demo-data";
import { insertDemoData } from "../insert";

const DAY_MS = 86_400_000;

describe(`demo seed (${testTarget()})`, () => {
  let database: TestDatabase;
  let data: DemoData;
  let workspaceId: string;
  // Early in the UTC day, so the latest day of the data has to go to yesterday.
  const now = new Date("2031-05-14T03:17:00.000Z");

  beforeAll(async () => {
    [database, data] = await Promise.all([createTestDatabase(), loadDemoData()]);
    const [ws] = await database.db
      .insert(workspaces)
      .values({ slug: "demo", name: "Demo" })
      .returning();
    if (!ws) throw new Error("no workspace");
    workspaceId = ws.id;
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("ships a sample of the expected size", () => {
    expect(data.contacts.length).toBeGreaterThanOrEqual(2000);
    expect(data.activities.length).toBeGreaterThanOrEqual(80_000);
    expect(data.activities.length).toBeLessThanOrEqual(150_000);
    expect(new Set(data.activities.map((a) => a.eventId)).size).toBe(data.activities.length);
    expect(new Set(data.contacts.map((c) => c.externalId)).size).toBe(data.contacts.length);
  });

  it("inserts registries, contacts and activities", async () => {
    const started = performance.now();
    const counts = await insertDemoData(database, { workspaceId, now, data });
    const ms = performance.now() - started;
    console.log(`insertDemoData on ${testTarget()}: ${Math.round(ms)} ms`, counts);
    expect(counts).toEqual({
      fields: BUILTIN_FIELDS.length + DEMO_FIELDS.length,
      activityTypes: DEMO_ACTIVITY_TYPES.length,
      contacts: data.contacts.length,
      activities: data.activities.length,
    });
    const [row] = await query<{ contacts: number; activities: number; builtin: number }>(
      database.db,
      sql`select
            (select count(*)::int from contacts where workspace_id = ${workspaceId}) as contacts,
            (select count(*)::int from activities where workspace_id = ${workspaceId}) as activities,
            (select count(*)::int from fields where workspace_id = ${workspaceId} and builtin) as builtin`,
    );
    expect(row).toEqual({
      contacts: data.contacts.length,
      activities: data.activities.length,
      builtin: BUILTIN_FIELDS.length,
    });
  });

  it("is idempotent: a second insert adds nothing", async () => {
    const counts = await insertDemoData(database, {
      workspaceId,
      now: new Date(now.getTime() + 3 * DAY_MS),
      data,
    });
    expect(counts).toEqual({ fields: 0, activityTypes: 0, contacts: 0, activities: 0 });
  });

  it("links every activity to a contact of the workspace", async () => {
    const [row] = await query<{ orphans: number; contacts_with_activity: number }>(
      database.db,
      sql`select
            count(*) filter (where c.id is null)::int as orphans,
            count(distinct c.id)::int as contacts_with_activity
          from activities a
          left join contacts c on c.workspace_id = a.workspace_id and c.id = a.contact_id
          where a.workspace_id = ${workspaceId}`,
    );
    expect(row?.orphans).toBe(0);
    expect(row?.contacts_with_activity).toBeGreaterThan(data.contacts.length / 2);
    const placed = placeDemoData(data, now);
    const sample = placed.activities[12_345];
    if (!sample) throw new Error("sample too small");
    const [stored] = await query<{ external_id: string; type: string; properties: unknown }>(
      database.db,
      sql`select c.external_id, a.type, a.properties from activities a
          join contacts c on c.workspace_id = a.workspace_id and c.id = a.contact_id
          where a.workspace_id = ${workspaceId} and a.event_id = ${sample.eventId}`,
    );
    expect(stored).toEqual({
      external_id: sample.externalId,
      type: sample.type,
      properties: sample.properties,
    });
  });

  it("places the timeline just before now", async () => {
    const [row] = await query<{
      latest: string;
      earliest_contact: string;
      latest_contact: string;
      future: number;
    }>(
      database.db,
      sql`select
            (select extract(epoch from max(occurred_at))::float8 from activities where workspace_id = ${workspaceId}) as latest,
            (select extract(epoch from min(created_at))::float8 from contacts where workspace_id = ${workspaceId}) as earliest_contact,
            (select extract(epoch from max(created_at))::float8 from contacts where workspace_id = ${workspaceId}) as latest_contact,
            (select count(*)::int from activities where workspace_id = ${workspaceId} and occurred_at > ${now.toISOString()}::timestamptz) as future`,
    );
    const latest = Number(row?.latest) * 1000;
    expect(latest).toBeLessThanOrEqual(now.getTime());
    expect(latest).toBeGreaterThan(now.getTime() - DAY_MS);
    expect(row?.future).toBe(0);
    expect(Number(row?.latest_contact) * 1000).toBeLessThanOrEqual(now.getTime());
    // Contacts registered months before the latest activity.
    expect(Number(row?.earliest_contact) * 1000).toBeLessThan(now.getTime() - 300 * DAY_MS);
  });

  it("places late in the day on today, and never in the future", () => {
    for (const at of [
      "2031-05-14T23:59:00.000Z",
      "2031-05-14T00:00:00.000Z",
      "2031-05-14T12:00:00.000Z",
    ]) {
      const t = new Date(at);
      const placed = placeDemoData(data, t);
      let latest = -Infinity;
      for (const a of placed.activities) latest = Math.max(latest, a.occurredAt.getTime());
      for (const c of placed.contacts)
        expect(c.createdAt.getTime()).toBeLessThanOrEqual(t.getTime());
      expect(latest).toBeLessThanOrEqual(t.getTime());
      expect(latest).toBeGreaterThan(t.getTime() - DAY_MS);
    }
    const lateEvening = placeDemoData(data, new Date("2031-05-14T23:59:00.000Z"));
    let maxAt = -Infinity;
    for (const a of lateEvening.activities) maxAt = Math.max(maxAt, a.occurredAt.getTime());
    expect(new Date(maxAt).toISOString().slice(0, 10)).toBe("2031-05-14");
  });
});
