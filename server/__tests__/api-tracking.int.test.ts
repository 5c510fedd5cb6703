/**
 * The browser tracking path: t.js served with caching headers, the CORS collector POST /api/v1/t
 * with a publishable key in a text/plain body, and identify merging the anonymous contact into
 * the known one atomically (activities moved, fields filled without overwriting, scores of the
 * anonymous contact removed, known contact marked dirty).
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPTIONS as collectOptions, POST as collect } from "../../app/api/v1/t/route";
import { GET as script } from "../../app/api/v1/t.js/route";
import { POST as postContacts } from "../../app/api/v1/contacts/route";
import { scoreDirty, scoreModels, scores } from "../../db/schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { configureApiLimits } from "../rest/config";
import { NEW_TYPES_PER_KEY_PER_DAY, resetNewTypeAllowances } from "../services/ingest/track";
import { importScoreModel } from "../services/score-model/import";
import {
  activitiesOfContact,
  call,
  findContactRow,
  setupApi,
  teardownApi,
  type ApiWorld,
} from "./api-helpers";
import { context, leadDocument } from "./fixtures";

describe(`browser tracking (${testTarget()})`, () => {
  let database: TestDatabase;
  let world: ApiWorld;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await setupApi(database, "tracking");
  });
  afterAll(async () => {
    teardownApi();
    await database?.destroy();
  });

  const contact = (externalId: string) => findContactRow(database, world.workspaceId, externalId);
  const activitiesOf = (contactId: number) =>
    activitiesOfContact(database, world.workspaceId, contactId);
  /** What sendBeacon sends: JSON as text/plain, the key inside. */
  const beacon = (
    payload: Record<string, unknown>,
    key: string | undefined = world.keys.publishable,
  ) =>
    call(collect, {
      path: "/t",
      rawBody: JSON.stringify({ key, ...payload }),
      headers: { "content-type": "text/plain;charset=UTF-8", origin: "https://shop.example" },
    });
  const pageView = (eventId: string, path = "/pricing") => ({
    kind: "track",
    eventId,
    type: "page_viewed",
    properties: { url: `https://shop.example${path}`, path, title: "Pricing", referrer: "" },
  });

  it("serves t.js as cacheable JavaScript with an ETag", async () => {
    const res = await script(new Request("http://localhost/api/v1/t.js"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toContain("max-age=3600");
    const body = await res.text();
    expect(body.length).toBeLessThan(8 * 1024);
    const etag = res.headers.get("etag")!;
    const cached = await script(
      new Request("http://localhost/api/v1/t.js", { headers: { "if-none-match": etag } }),
    );
    expect(cached.status).toBe(304);
  });

  it("answers the CORS preflight and puts CORS headers on answers, errors included", async () => {
    const preflight = collectOptions();
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    const denied = await beacon(
      { anonymousId: "visitor-0001", messages: [pageView("pv-denied-1")] },
      "sc_notakeynotakeynotakeynotakey",
    );
    expect(denied.status).toBe(401);
    expect(denied.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("stores anonymous page views and custom activities on anon:<id>; a retried beacon is a duplicate", async () => {
    const res = await beacon({
      anonymousId: "visitor-0001",
      messages: [
        pageView("pv-00000001"),
        {
          kind: "track",
          eventId: "ev-00000001",
          type: "Video Played",
          properties: { seconds: 30 },
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.json).toEqual({ accepted: 2, duplicates: 0, merged: 0 });
    const anon = await contact("anon:visitor-0001");
    const stored = await activitiesOf(anon!.id);
    expect(stored.map((a) => a.type).sort()).toEqual(["page_viewed", "video_played"]);
    expect(stored.find((a) => a.type === "page_viewed")?.properties).toMatchObject({
      path: "/pricing",
      title: "Pricing",
    });
    const retry = await beacon({
      anonymousId: "visitor-0001",
      messages: [pageView("pv-00000001")],
    });
    expect(retry.json).toEqual({ accepted: 0, duplicates: 1, merged: 0 });
  });

  it("identify may fill existing fields but never create one (publishable keys are public)", async () => {
    const res = await beacon({
      anonymousId: "visitor-0099",
      messages: [
        { kind: "identify", userId: "user-99", fields: { plan_tier: true, country: "GB" } },
      ],
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.json)).toContain("messages[0].fields.plan_tier");
    expect(await contact("user-99")).toBeUndefined();
  });

  it("identify merges the anonymous contact into the known one, filling but never overwriting fields", async () => {
    await call(postContacts, {
      key: world.keys.write,
      path: "/contacts",
      body: [
        {
          externalId: "user-7",
          email: "known@example.com",
          createdAt: "2026-05-20T00:00:00Z",
          fields: { country: "US" },
        },
      ],
    });
    const anon = await contact("anon:visitor-0001");
    const known = await contact("user-7");
    // Stored scores of the anonymous contact must not outlive it.
    await importScoreModel({
      ctx: context(database, world.workspaceId),
      input: { document: leadDocument() },
    });
    const [model] = await database.db
      .select({ id: scoreModels.id })
      .from(scoreModels)
      .where(eq(scoreModels.workspaceId, world.workspaceId));
    await database.db.insert(scores).values({
      workspaceId: world.workspaceId,
      modelId: model!.id,
      contactId: anon!.id,
      version: 1,
      raw: 5,
      score: 10,
      stars: 0.5,
      band: "Cold",
      asOf: new Date(),
    });
    await database.db.delete(scoreDirty);

    const res = await beacon({
      anonymousId: "visitor-0001",
      messages: [
        pageView("pv-00000002", "/signup"),
        {
          kind: "identify",
          userId: "user-7",
          fields: { country: "GB", company: "Acme", email: "new@example.com" },
        },
        pageView("pv-00000003", "/welcome"),
      ],
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ accepted: 2, duplicates: 0, merged: 1 });

    expect(await contact("anon:visitor-0001")).toBeUndefined();
    const merged = await contact("user-7");
    expect(merged?.fields).toEqual({ country: "US", company: "Acme" });
    expect(merged?.email).toBe("known@example.com");
    // The person was first seen anonymously, before they signed up.
    expect(merged!.createdAt.getTime()).toBe(
      Math.min(anon!.createdAt.getTime(), known!.createdAt.getTime()),
    );
    const moved = await activitiesOf(merged!.id);
    expect(moved.map((a) => (a.properties as { path?: string }).path ?? a.type).sort()).toEqual(
      ["/pricing", "/signup", "/welcome", "video_played"].sort(),
    );
    const leftoverScores = await database.db
      .select()
      .from(scores)
      .where(and(eq(scores.workspaceId, world.workspaceId), eq(scores.contactId, anon!.id)));
    expect(leftoverScores).toHaveLength(0);
    const dirty = await database.db
      .select({ id: scoreDirty.contactId })
      .from(scoreDirty)
      .where(eq(scoreDirty.workspaceId, world.workspaceId));
    expect(dirty.map((d) => Number(d.id))).toEqual([merged!.id]);
  });

  it("sends later activity of an identified visitor to the known contact", async () => {
    const res = await beacon({
      anonymousId: "visitor-0001",
      userId: "user-7",
      messages: [pageView("pv-00000004", "/docs")],
    });
    expect(res.json).toMatchObject({ accepted: 1 });
    expect(await contact("anon:visitor-0001")).toBeUndefined();
    const known = await contact("user-7");
    expect(
      (await activitiesOf(known!.id)).some(
        (a) => (a.properties as { path?: string }).path === "/docs",
      ),
    ).toBe(true);
  });

  it("keeps the anonymous contact when the identify is refused (the batch is atomic)", async () => {
    await beacon({ anonymousId: "visitor-0002", messages: [pageView("pv-00000010")] });
    const res = await beacon({
      anonymousId: "visitor-0002",
      messages: [
        pageView("pv-00000011"),
        { kind: "identify", userId: "user-8", fields: { seats: "lots" } },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.json.error?.details).toMatchObject({
      items: [{ index: 1, field: "messages[1].fields.seats" }],
    });
    const anon = await contact("anon:visitor-0002");
    expect(await activitiesOf(anon!.id)).toHaveLength(1);
    expect(await contact("user-8")).toBeUndefined();
  });

  it("accepts a publishable key only here; a read key cannot track; bad payloads are 400/413", async () => {
    const read = await beacon(
      { anonymousId: "visitor-0003", messages: [pageView("pv-00000020")] },
      world.keys.read,
    );
    expect(read.status).toBe(403);
    const headerKey = await call(collect, {
      path: "/t",
      key: world.keys.publishable,
      body: { anonymousId: "visitor-0003", messages: [pageView("pv-00000021")] },
    });
    expect(headerKey.status).toBe(200);
    const malformed = await call(collect, {
      path: "/t",
      rawBody: "{nope",
      headers: { "content-type": "text/plain" },
    });
    expect(malformed.status).toBe(400);
    const badId = await beacon({ anonymousId: "x", messages: [pageView("pv-00000022")] });
    expect(badId.status).toBe(400);
    expect(badId.json.error?.details).toMatchObject({ issues: [{ path: "anonymousId" }] });
    const big = await beacon({
      anonymousId: "visitor-0003",
      messages: [{ ...pageView("pv-00000023"), properties: { blob: "x".repeat(70 * 1024) } }],
    });
    expect(big.status).toBe(413);
  });

  describe("a publishable key read off a page cannot be drained", () => {
    const from = (address: string, payload: Record<string, unknown>, key = world.keys.publishable) =>
      call(collect, {
        path: "/t",
        rawBody: JSON.stringify({ key, ...payload }),
        headers: { "content-type": "text/plain", "x-forwarded-for": address },
      });

    it("refuses a key of the wrong form before looking it up", async () => {
      const res = await from("203.0.113.9", { anonymousId: "visitor-format", messages: [pageView("pv-format-1")] }, "not-a-key");
      expect(res.status).toBe(401);
    });

    it("charges every request, invalid ones too, to its sender's address", async () => {
      configureApiLimits({});
      let limited: Awaited<ReturnType<typeof from>> | null = null;
      for (let i = 0; i < 60 && !limited; i++) {
        const res = await from("198.51.100.7", { anonymousId: "visitor-flood", messages: "garbage" });
        if (res.status === 429) limited = res;
        else expect(res.status).toBe(400);
      }
      expect(limited?.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(limited?.json.error?.message).toMatch(/this address/);
      // A real visitor elsewhere still gets through on the same key.
      const visitor = await from("192.0.2.44", {
        anonymousId: "visitor-real-1",
        messages: [pageView("pv-real-0001")],
      });
      expect(visitor.status).toBe(200);
    });

    it("lets one key add only a few new activity types a day", async () => {
      configureApiLimits({});
      resetNewTypeAllowances();
      const custom = (i: number) => ({ kind: "track", eventId: `newtype-${i}-x`, type: `custom_${i}` });
      const first = await from("192.0.2.50", {
        anonymousId: "visitor-types",
        messages: Array.from({ length: NEW_TYPES_PER_KEY_PER_DAY }, (_, i) => custom(i)),
      });
      expect(first.status, first.text).toBe(200);
      const more = await from("192.0.2.50", {
        anonymousId: "visitor-types",
        messages: [pageView("pv-known-0001"), custom(99)],
      });
      expect(more.status).toBe(422);
      expect(JSON.stringify(more.json.error)).toMatch(/messages\[1\]\.type/);
      // Known types keep flowing.
      const known = await from("192.0.2.50", {
        anonymousId: "visitor-types",
        messages: [pageView("pv-known-0002")],
      });
      expect(known.status).toBe(200);
    });
  });
});
