/**
 * Concurrent ingestion with merges loses nothing: many Segment batches of anonymous `track` events
 * race the `identify` calls that merge those anonymous contacts, while the incremental scorer
 * drains the queue. Every acknowledged event must be stored, on the identified contact, with no
 * activity or score left pointing at a deleted contact, and every stored score must equal a full
 * rescore. Client-visible failures (anything but success) are counted and must be zero.
 */
import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "../../db";
import { activities, contacts, scoreDirty, scoreModels, scores } from "../../db/schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { ingestSegmentMessages } from "../services/ingest/segment";
import { recordEvents } from "../services/ingest/events";
import { importScoreModel } from "../services/score-model/import";
import { publishScoreModel } from "../services/score-model/publish";
import { rescoreDirty } from "../services/scoring/rescore-dirty";
import { rescoreModel } from "../services/scoring/rescore-model";
import { scheduleRescore } from "../services/scoring/schedule-rescore";
import { BusyError, conflictStats } from "../services/transaction";
import { context, createWorkspace, DAY, leadDocument, NOW } from "./fixtures";

const VISITORS = testTarget() === "postgres" ? 60 : 20;
const EVENTS_PER_VISITOR = 10;

describe(`concurrent ingest with merges (${testTarget()})`, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    // Enough connections that batches really run at the same time on the server.
    database = await createTestDatabase(testTarget(), { maxConnections: 12 });
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("stores every acknowledged event on the identified contact, orphans none, scores exactly", async () => {
    const ws = await createWorkspace(database, "concurrency");
    const ctx = context(database, ws.id, "admin");
    const document = leadDocument();
    await importScoreModel({ ctx, input: { document } });
    await publishScoreModel({ ctx, input: { key: document.key } });

    const at = (k: number) => new Date(NOW.getTime() - k * DAY).toISOString();
    const track = (i: number, j: number) => ({
      type: "track",
      event: "Page Viewed",
      anonymousId: `z${i}`,
      messageId: `t-${i}-${j}`,
      timestamp: at(j),
      properties: { url: j % 2 ? "/pricing" : "/blog" },
    });
    const failures: unknown[] = [];
    let busy = 0;
    let acknowledged = 0;
    // A client that retries a 503 the way Segment does, and records anything else that fails.
    const send = async (run: () => Promise<number>) => {
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          const accepted = await run();
          acknowledged += accepted;
          return;
        } catch (error) {
          if (error instanceof BusyError) {
            busy += 1;
            continue;
          }
          failures.push(error);
          return;
        }
      }
      failures.push(new Error("still busy after 5 attempts"));
    };

    let scoring = true;
    const scorer = (async () => {
      while (scoring)
        await rescoreDirty({ ctx: { db: database.db }, input: { limit: 50, now: NOW } });
    })();
    const requests: Promise<void>[] = [];
    for (let i = 0; i < VISITORS; i++) {
      // Half the visitors' activity comes in two batches around the identify.
      const halves =
        i % 2
          ? [
              [0, 5],
              [5, 10],
            ]
          : [[0, 10]];
      for (const [from, to] of halves) {
        requests.push(
          send(async () => {
            const messages = Array.from({ length: to! - from! }, (_, k) => track(i, from! + k));
            const result = await ingestSegmentMessages({ ctx, input: { messages, now: NOW } });
            return result.events.accepted;
          }),
        );
      }
      requests.push(
        send(async () => {
          const messages = [
            {
              type: "identify",
              messageId: `id-${i}`,
              userId: `u${i}`,
              anonymousId: `z${i}`,
              traits: { country: "US" },
            },
          ];
          await ingestSegmentMessages({ ctx, input: { messages, now: NOW } });
          return 0;
        }),
      );
      // Server-side activity for the known contact at the same time.
      requests.push(
        send(async () => {
          const items = [
            { eventId: `s-${i}`, contactId: `u${i}`, type: "logged_in", occurredAt: at(1) },
          ];
          return (await recordEvents({ ctx, input: { items } })).accepted;
        }),
      );
    }
    await Promise.all(requests);
    scoring = false;
    await scorer;
    while ((await rescoreDirty({ ctx: { db: database.db }, input: { now: NOW } })).contacts > 0);

    expect(failures).toEqual([]);
    expect(acknowledged).toBe(VISITORS * (EVENTS_PER_VISITOR + 1));

    const orphans = await query<{ activities: number; scores: number; dirty: number }>(
      database.db,
      sql`select
            (select count(*)::int from ${activities} a where a.workspace_id = ${ws.id}::uuid
               and not exists (select 1 from ${contacts} c
                                where c.workspace_id = a.workspace_id and c.id = a.contact_id)) as activities,
            (select count(*)::int from ${scores} s where s.workspace_id = ${ws.id}::uuid
               and not exists (select 1 from ${contacts} c
                                where c.workspace_id = s.workspace_id and c.id = s.contact_id)) as scores,
            (select count(*)::int from ${scoreDirty} d where d.workspace_id = ${ws.id}::uuid) as dirty`,
    );
    expect(orphans[0]).toEqual({ activities: 0, scores: 0, dirty: 0 });

    // Every tracked event sits on the contact its visitor identified as; no anonymous one is left.
    const placed = await query<{ event_id: string; external_id: string }>(
      database.db,
      sql`select a.event_id, c.external_id from ${activities} a
            join ${contacts} c on c.workspace_id = a.workspace_id and c.id = a.contact_id
           where a.workspace_id = ${ws.id}::uuid`,
    );
    expect(placed).toHaveLength(VISITORS * (EVENTS_PER_VISITOR + 1));
    const misplaced = placed.filter(
      (r) => r.external_id !== `u${/^[ts]-(\d+)/.exec(r.event_id)?.[1]}`,
    );
    expect(misplaced).toEqual([]);
    const anonymous = await database.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ws.id), like(contacts.externalId, "anon:%")));
    expect(anonymous).toEqual([]);

    // The stored scores are exactly what a full rescore stores.
    const snapshot = async () => {
      const rows = await database.db
        .select({ contactId: scores.contactId, raw: scores.raw, band: scores.band })
        .from(scores)
        .where(eq(scores.workspaceId, ws.id));
      return new Map(rows.map((r) => [r.contactId, r]));
    };
    const incremental = await snapshot();
    const [model] = await database.db
      .select()
      .from(scoreModels)
      .where(and(eq(scoreModels.workspaceId, ws.id), eq(scoreModels.key, document.key)));
    if (!model?.latestVersion) throw new Error("model not published");
    const runId = await scheduleRescore(database.db, ws.id, model.id, model.latestVersion);
    await rescoreModel({
      ctx: { db: database.db },
      input: { workspaceId: ws.id, runId, now: NOW },
    });
    const full = await snapshot();
    expect(full.size).toBe(VISITORS);
    expect([...incremental.keys()].sort()).toEqual([...full.keys()].sort());
    for (const [contactId, want] of full) {
      // SPEC §4: within 1e-9 (the two plans may sum the same terms in another order).
      const got = incremental.get(contactId)?.raw ?? Number.NaN;
      expect(Math.abs(got - want.raw), `contact ${contactId}`).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(want.raw)),
      );
      expect(incremental.get(contactId)?.band, `contact ${contactId}`).toBe(want.band);
    }
    // Lock conflicts may be retried, but never surface as failures.
    expect(busy).toBeLessThan(VISITORS);
  });

  it("keeps overlapping Segment batches from 8 clients free of failures and lost events", async () => {
    const ws = await createWorkspace(database, "overlap");
    const ctx = context(database, ws.id, "admin");
    let seed = 20261202;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const failures: unknown[] = [];
    const ids = new Set<string>();
    let acknowledged = 0;
    const before = { ...conflictStats };
    const client = async (c: number) => {
      for (let round = 0; round < 12; round++) {
        // Users and anonymous ids drawn from small shared pools: batches overlap on both.
        const messages = Array.from({ length: 8 }, (_, m) => {
          const user = `u${random(12)}`;
          const anonymousId = `z${random(12)}`;
          const messageId = `c${c}-r${round}-m${m}`;
          return m % 4 === 0
            ? {
                type: "identify",
                messageId,
                userId: user,
                anonymousId,
                traits: { seats: random(50) },
              }
            : {
                type: "track",
                messageId,
                event: "Logged In",
                anonymousId,
                timestamp: NOW.toISOString(),
                ...(random(2) ? { userId: user } : {}),
              };
        });
        for (let attempt = 0; ; attempt++) {
          try {
            const result = await ingestSegmentMessages({ ctx, input: { messages, now: NOW } });
            acknowledged += result.events.accepted;
            for (const m of messages) if (m.type === "track") ids.add(m.messageId);
            break;
          } catch (error) {
            if (error instanceof BusyError && attempt < 5) continue;
            failures.push(error);
            break;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, c) => client(c)));
    expect(failures).toEqual([]);
    expect(acknowledged).toBe(ids.size);
    const [stored] = await query<{ n: number; orphans: number }>(
      database.db,
      sql`select count(*)::int as n,
                 count(*) filter (where not exists (
                   select 1 from ${contacts} c
                    where c.workspace_id = a.workspace_id and c.id = a.contact_id))::int as orphans
            from ${activities} a where a.workspace_id = ${ws.id}::uuid`,
    );
    expect(stored).toEqual({ n: ids.size, orphans: 0 });
    // Conflicts are retried inside the service and never reach the client as a failure.
    expect(conflictStats.gaveUp - before.gaveUp).toBe(0);
  });
});
