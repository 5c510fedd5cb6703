/**
 * Segment-compatible ingestion (/api/v1/segment/{identify,track,batch}): Segment spec payloads map
 * onto the same services as the native API, atomically, with Bearer or Basic auth.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as batchRoute } from "../../app/api/v1/segment/batch/route";
import { POST as identifyRoute } from "../../app/api/v1/segment/identify/route";
import { POST as trackRoute } from "../../app/api/v1/segment/track/route";
import { activityTypes, contacts } from "../../db/schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import {
  activitiesOfContact,
  call,
  findContactRow,
  setupApi,
  teardownApi,
  type ApiWorld,
} from "./api-helpers";

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

describe(`Segment-compatible ingestion (${testTarget()})`, () => {
  let database: TestDatabase;
  let world: ApiWorld;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await setupApi(database, "segment");
  });
  afterAll(async () => {
    teardownApi();
    await database?.destroy();
  });

  const contact = (externalId: string) => findContactRow(database, world.workspaceId, externalId);
  const activitiesOf = (contactId: number) =>
    activitiesOfContact(database, world.workspaceId, contactId);

  it("identify: traits become fields (snake_case, address and company flattened), with Basic auth", async () => {
    const res = await call(identifyRoute, {
      authorization: basic(world.keys.write),
      path: "/segment/identify",
      body: {
        type: "identify",
        messageId: "m-identify-1",
        userId: "user-1",
        timestamp: "2026-05-01T10:00:00.000Z",
        traits: {
          email: "ada@example.com",
          firstName: "Ada",
          createdAt: "2024-03-04T05:06:07.000Z",
          title: "CTO",
          plan: "pro",
          "Favorite Color": "teal",
          address: { city: "London", country: "GB", postalCode: "N1" },
          company: { name: "Acme", employees: 40 },
          tags: ["a", "b"],
        },
        context: { ip: "1.2.3.4" },
        integrations: {},
      },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      contacts: { created: 1, updated: 0 },
      events: { accepted: 0, duplicates: 0 },
      merged: 0,
      skipped: 0,
    });
    const row = await contact("user-1");
    expect(row?.email).toBe("ada@example.com");
    expect(row?.createdAt.toISOString()).toBe("2024-03-04T05:06:07.000Z");
    expect(row?.fields).toEqual({
      first_name: "Ada",
      job_title: "CTO",
      plan: "pro",
      favorite_color: "teal",
      city: "London",
      country: "GB",
      address_postal_code: "N1",
      company: "Acme",
      company_employees: 40,
    });
  });

  it("track: messageId is the eventId, the event name a snake_case type, properties kept", async () => {
    const message = {
      messageId: "m-track-1",
      userId: "user-1",
      event: "Order Completed",
      timestamp: "2026-05-02T09:00:00.000Z",
      properties: { revenue: 42.5, orderId: "o-1" },
    };
    const res = await call(trackRoute, {
      key: world.keys.write,
      path: "/segment/track",
      body: message,
    });
    expect(res.status).toBe(200);
    expect(res.json.events).toEqual({ accepted: 1, duplicates: 0 });
    const again = await call(trackRoute, {
      key: world.keys.write,
      path: "/segment/track",
      body: message,
    });
    expect(again.json.events).toEqual({ accepted: 0, duplicates: 1 });
    const row = await contact("user-1");
    const [stored] = await activitiesOf(row!.id);
    expect(stored).toMatchObject({
      eventId: "m-track-1",
      type: "order_completed",
      properties: { revenue: 42.5, orderId: "o-1" },
    });
    expect(stored?.occurredAt.toISOString()).toBe("2026-05-02T09:00:00.000Z");
    const [type] = await database.db
      .select()
      .from(activityTypes)
      .where(
        and(
          eq(activityTypes.workspaceId, world.workspaceId),
          eq(activityTypes.key, "order_completed"),
        ),
      );
    expect(type?.properties).toEqual({ revenue: "number", orderId: "text" });
  });

  it("batch: mixed messages in one transaction; anonymous activity merges into the identified contact", async () => {
    const res = await call(batchRoute, {
      key: world.keys.write,
      path: "/segment/batch",
      body: {
        batch: [
          {
            type: "page",
            messageId: "m-page-1",
            anonymousId: "anon-42",
            name: "Pricing",
            timestamp: "2026-05-03T09:00:00Z",
            context: {
              page: { url: "https://x.test/pricing", path: "/pricing", title: "Pricing" },
            },
            properties: {},
          },
          {
            type: "track",
            messageId: "m-track-2",
            anonymousId: "anon-42",
            event: "Signed Up",
            timestamp: "2026-05-03T09:01:00Z",
          },
          { type: "group", messageId: "m-group", userId: "user-2", groupId: "g1" },
          {
            type: "identify",
            messageId: "m-identify-2",
            userId: "user-2",
            anonymousId: "anon-42",
            traits: { firstName: "Grace" },
          },
        ],
        sentAt: "2026-05-03T09:02:00Z",
      },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      contacts: { created: 1, updated: 0 },
      events: { accepted: 2, duplicates: 0 },
      merged: 1,
      skipped: 1,
    });
    expect(await contact("anon:anon-42")).toBeUndefined();
    const user2 = await contact("user-2");
    const moved = await activitiesOf(user2!.id);
    expect(moved.map((a) => [a.eventId, a.type])).toEqual([
      ["m-page-1", "page_viewed"],
      ["m-track-2", "signed_up"],
    ]);
    expect(moved[0]?.properties).toEqual({
      name: "Pricing",
      url: "https://x.test/pricing",
      path: "/pricing",
      title: "Pricing",
    });
  });

  it("folds two anonymous contacts into one identified contact in one batch", async () => {
    const track = (messageId: string, anonymousId: string) => ({
      type: "track",
      messageId,
      anonymousId,
      event: "Clicked",
      timestamp: "2026-05-04T09:00:00Z",
    });
    await call(batchRoute, {
      key: world.keys.write,
      path: "/segment/batch",
      body: { batch: [track("fold-1", "phone-1"), track("fold-2", "laptop-1")] },
    });
    const res = await call(batchRoute, {
      key: world.keys.write,
      path: "/segment/batch",
      body: {
        batch: [
          {
            type: "identify",
            messageId: "fold-i1",
            userId: "user-3",
            anonymousId: "phone-1",
            traits: { plan: "free" },
          },
          {
            type: "identify",
            messageId: "fold-i2",
            userId: "user-3",
            anonymousId: "laptop-1",
            traits: {},
          },
        ],
      },
    });
    expect(res.json.merged).toBe(2);
    expect(await contact("anon:phone-1")).toBeUndefined();
    expect(await contact("anon:laptop-1")).toBeUndefined();
    const user3 = await contact("user-3");
    expect((await activitiesOf(user3!.id)).map((a) => a.eventId)).toEqual(["fold-1", "fold-2"]);
    expect(user3?.fields).toEqual({ plan: "free" });
  });

  it("rejects the whole batch with Segment field names and indices, writing nothing", async () => {
    const before = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(contacts)
      .where(eq(contacts.workspaceId, world.workspaceId));
    const res = await call(batchRoute, {
      key: world.keys.write,
      path: "/segment/batch",
      body: {
        batch: [
          { type: "identify", messageId: "ok", userId: "fresh", traits: { seats: 3 } },
          { type: "track", messageId: "no-event", userId: "fresh" },
          {
            type: "identify",
            messageId: "bad-trait",
            userId: "fresh2",
            traits: { seats: "three" },
          },
          { type: "track", messageId: "no-id", event: "X" },
          { type: "teleport", messageId: "t" },
          { type: "track", messageId: "bad-time", userId: "u", event: "X", timestamp: "soon" },
        ],
      },
    });
    expect(res.status).toBe(422);
    const items = (res.json.error?.details as { items: { index: number; field: string }[] }).items;
    expect(items.map((i) => [i.index, i.field])).toEqual([
      [1, "event"],
      [2, "traits.seats"],
      [3, "userId"],
      [4, "type"],
      [5, "timestamp"],
    ]);
    const after = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(contacts)
      .where(eq(contacts.workspaceId, world.workspaceId));
    expect(after).toEqual(before);
  });

  it("answers 400 for a body that is no batch, 401 without a key, 403 for a read key", async () => {
    expect(
      (
        await call(batchRoute, {
          key: world.keys.write,
          path: "/segment/batch",
          body: { hello: 1 },
        })
      ).status,
    ).toBe(400);
    expect((await call(trackRoute, { path: "/segment/track", body: {} })).status).toBe(401);
    expect(
      (await call(trackRoute, { key: world.keys.read, path: "/segment/track", body: {} })).status,
    ).toBe(403);
    // A single message posted to the batch URL is accepted (one webhook URL for everything).
    const single = await call(batchRoute, {
      key: world.keys.write,
      path: "/segment/batch",
      body: { type: "track", messageId: "single", userId: "user-1", event: "Logged In" },
    });
    expect(single.status).toBe(200);
    expect(single.json.events).toEqual({ accepted: 1, duplicates: 0 });
  });
});
