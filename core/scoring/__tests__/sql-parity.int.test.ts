/**
 * The case table through compiled SQL on the current target (PGlite or the Postgres server),
 * compared with the evaluator and therefore with the hand-computed numbers.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- tests seed the real tables; the engine itself never imports db/
import { query } from "../../../db/index";
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- tests seed the real tables; the engine itself never imports db/
import { activities as activitiesTable } from "../../../db/schema";
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- tests seed the real tables; the engine itself never imports db/
import { createTestDatabase, testTarget, type TestDatabase } from "../../../db/testing";
import { compilePercentileReference, compileRawQuery, compileScoreQuery } from "../compile-sql";
import { evaluate, percentileReference, type ActivityInput, type ContactInput } from "../evaluate";
import { createRegistry } from "../registry";
import {
  act,
  activity,
  ago,
  and,
  CASES,
  contact,
  filter,
  inactivity,
  model,
  or,
  REGISTRY,
  rule,
  T,
} from "./cases";
import { close, createWorkspace, expectAgreement, scoreRows, seed } from "./db-helpers";

let database: TestDatabase;
const placed = new Map<string, { workspaceId: string; contactId: number }>();

beforeAll(async () => {
  database = await createTestDatabase();
  for (const c of CASES) {
    const workspaceId = await createWorkspace(database.db);
    const [contactId] = await seed(database.db, workspaceId, [
      { contact: c.contact, activities: c.activities },
    ]);
    if (contactId === undefined) throw new Error("no contact id");
    placed.set(c.name, { workspaceId, contactId });
  }
});

afterAll(async () => {
  await database?.destroy();
});

describe(`case table through SQL (${testTarget()})`, () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (name, c) => {
    const where = placed.get(name);
    if (!where) throw new Error("case not seeded");
    const options = {
      workspaceId: where.workspaceId,
      at: c.at,
      registry: REGISTRY,
      scaleReference: c.scaleReference ?? null,
    };
    const rows = await scoreRows(database.db, compileScoreQuery(c.document, options));
    expect(rows.size).toBe(1);
    // Scoring a set of contacts (incremental scoring) gives the very same row as the whole workspace.
    const single = await scoreRows(
      database.db,
      compileScoreQuery(c.document, { ...options, contactIds: [where.contactId] }),
    );
    expect(single.get(where.contactId)).toEqual(rows.get(where.contactId));
    const ev = evaluate(c.document, c.contact, c.activities, {
      at: c.at,
      registry: REGISTRY,
      scaleReference: c.scaleReference ?? null,
    });
    const row = rows.get(where.contactId);
    expectAgreement(
      row,
      ev,
      c.document.bands.map((b) => b.min),
      name,
    );
    // And both against the hand-computed numbers.
    expect(
      close(row?.raw ?? NaN, c.expected.raw),
      `${name}: raw ${row?.raw} vs ${c.expected.raw}`,
    ).toBe(true);
    if (c.expected.score !== undefined)
      expect(close(row?.score ?? NaN, c.expected.score)).toBe(true);
    if (c.expected.stars !== undefined) expect(row?.stars).toBe(c.expected.stars);
    if (c.expected.band !== undefined) expect(row?.band).toBe(c.expected.band);
  });
});

describe(`percentile reference (${testTarget()})`, () => {
  const doc = model(
    [
      activity("page_viewed", 3),
      filter(rule("contact.age", "gt", 0), 1.5),
      inactivity("logged_in", -4, 30),
    ],
    { scale: { kind: "percentile", percentile: 90 } },
  );
  const people: { contact: ContactInput; activities: ActivityInput[] }[] = Array.from(
    { length: 57 },
    (_, i) => ({
      contact: contact({ age: (i % 7) - 2 }, { createdAt: ago(i % 3 === 0 ? 10 : 100) }),
      activities: [
        ...Array.from({ length: i % 9 }, (_, k) => act("page_viewed", ago(k + 1))),
        ...(i % 4 === 0 ? [act("logged_in", ago(2))] : []),
      ],
    }),
  );
  let workspaceId = "";
  let raws: number[] = [];

  beforeAll(async () => {
    workspaceId = await createWorkspace(database.db, "percentile");
    await seed(database.db, workspaceId, people);
    raws = people.map(
      (p) => evaluate(doc, p.contact, p.activities, { at: T, registry: REGISTRY }).raw,
    );
  });

  it.each([1, 10, 33.3, 50, 90, 99.9, 100])(
    "percentile %s agrees with percentile_disc",
    async (p) => {
      const withP = { ...doc, scale: { kind: "percentile" as const, percentile: p } };
      const [row] = await query<{ reference: number | null }>(
        database.db,
        compilePercentileReference(withP, { workspaceId, at: T, registry: REGISTRY }),
      );
      const expected = percentileReference(raws, p);
      expect(expected).not.toBeNull();
      expect(close(Number(row?.reference), expected ?? NaN)).toBe(true);
    },
  );

  it("is NULL without positive raws, and for a fixed scale", async () => {
    const negative = model([filter(and(), -1)], { scale: { kind: "percentile", percentile: 50 } });
    const [none] = await query<{ reference: number | null }>(
      database.db,
      compilePercentileReference(negative, { workspaceId, at: T, registry: REGISTRY }),
    );
    expect(none?.reference).toBeNull();
    expect(
      percentileReference(
        raws.map(() => -1),
        50,
      ),
    ).toBeNull();
    const [fixed] = await query<{ reference: number | null }>(
      database.db,
      compilePercentileReference(model([]), { workspaceId, at: T, registry: REGISTRY }),
    );
    expect(fixed?.reference).toBeNull();
  });

  it("scores the workspace against its own reference", async () => {
    const reference = percentileReference(raws, 90);
    const rows = await scoreRows(
      database.db,
      compileScoreQuery(doc, { workspaceId, at: T, registry: REGISTRY, scaleReference: reference }),
    );
    expect(rows.size).toBe(people.length);
    const scores = [...rows.values()].map((r) => r.score);
    expect(Math.max(...scores)).toBe(100);
    expect(scores.filter((s) => s === 100).length).toBeGreaterThanOrEqual(
      Math.floor(people.length * 0.1),
    );
  });
});

describe(`query scope (${testTarget()})`, () => {
  const doc = model([activity("page_viewed", 1), inactivity("logged_in", -5, 30), filter(or(), 1)]);

  it("restricts to contactIds, and an empty list selects nothing", async () => {
    const workspaceId = await createWorkspace(database.db, "scope");
    const ids = await seed(database.db, workspaceId, [
      { contact: contact(), activities: [act("page_viewed", ago(1))] },
      { contact: contact(), activities: [act("page_viewed", ago(1)), act("page_viewed", ago(2))] },
      { contact: contact(), activities: [] },
    ]);
    const [first, second, third] = ids as [number, number, number];
    const some = await scoreRows(
      database.db,
      compileRawQuery(doc, { workspaceId, at: T, registry: REGISTRY, contactIds: [second, third] }),
    );
    expect([...some.keys()].sort()).toEqual([second, third].sort());
    expect(some.get(second)?.raw).toBe(2 - 5);
    expect(some.get(third)?.raw).toBe(-5);
    expect(some.has(first)).toBe(false);
    const none = await scoreRows(
      database.db,
      compileRawQuery(doc, { workspaceId, at: T, registry: REGISTRY, contactIds: [] }),
    );
    expect(none.size).toBe(0);
  });

  it("restricts to a contact id range (after < id <= upTo), activities included", async () => {
    const workspaceId = await createWorkspace(database.db, "range");
    const ids = await seed(database.db, workspaceId, [
      { contact: contact(), activities: [act("page_viewed", ago(1))] },
      { contact: contact(), activities: [act("page_viewed", ago(1)), act("page_viewed", ago(2))] },
      { contact: contact(), activities: [act("page_viewed", ago(3))] },
    ]);
    const [first, second, third] = ids as [number, number, number];
    const rows = await scoreRows(
      database.db,
      compileRawQuery(doc, {
        workspaceId,
        at: T,
        registry: REGISTRY,
        contactRange: { after: first, upTo: second },
      }),
    );
    expect([...rows.keys()]).toEqual([second]);
    expect(rows.get(second)?.raw).toBe(2 - 5);
    expect(rows.has(third)).toBe(false);
  });

  it("never counts another workspace's activities", async () => {
    const mine = await createWorkspace(database.db, "mine");
    const theirs = await createWorkspace(database.db, "theirs");
    const [id] = await seed(database.db, mine, [{ contact: contact(), activities: [] }]);
    if (id === undefined) throw new Error("no id");
    // The (workspace, contact) foreign key forbids such a row; the query must not rely on it, so
    // the test bypasses the key (replica mode skips foreign-key triggers) to plant one.
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.insert(activitiesTable).values([
        {
          workspaceId: theirs,
          eventId: "stray-1",
          contactId: id,
          type: "page_viewed",
          occurredAt: ago(1),
          properties: {},
        },
        {
          workspaceId: theirs,
          eventId: "stray-2",
          contactId: id,
          type: "logged_in",
          occurredAt: ago(1),
          properties: {},
        },
      ]);
    });
    const rows = await scoreRows(
      database.db,
      compileRawQuery(doc, { workspaceId: mine, at: T, registry: REGISTRY }),
    );
    expect(rows.get(id)?.raw).toBe(-5);
    const other = await scoreRows(
      database.db,
      compileRawQuery(doc, { workspaceId: theirs, at: T, registry: REGISTRY }),
    );
    expect(other.size).toBe(0);
  });

  it("reads a contact created at a sub-millisecond instant like a JS Date does", async () => {
    const workspaceId = await createWorkspace(database.db, "micro");
    const [id] = await seed(database.db, workspaceId, [{ contact: contact(), activities: [] }]);
    if (id === undefined) throw new Error("no id");
    // T − 30 days + 0.9 ms: a JS Date truncates to T − 30 days, which is eligible.
    const instant = `${ago(30).toISOString().slice(0, -1)}900+00`;
    await database.db.execute(
      sql`UPDATE contacts SET created_at = ${instant}::timestamptz WHERE id = ${id}::bigint`,
    );
    const [read] = await query<{ created_at: string | Date }>(
      database.db,
      sql`SELECT created_at FROM contacts WHERE id = ${id}::bigint`,
    );
    const asDate = new Date(read?.created_at ?? NaN);
    expect(asDate.getTime()).toBe(ago(30).getTime());
    const inactive = model([inactivity("logged_in", -5, 30)]);
    const rows = await scoreRows(
      database.db,
      compileRawQuery(inactive, { workspaceId, at: T, registry: REGISTRY }),
    );
    const ev = evaluate(inactive, contact({}, { createdAt: asDate }), [], {
      at: T,
      registry: REGISTRY,
    });
    expect(rows.get(id)?.raw).toBe(ev.raw);
    expect(ev.raw).toBe(-5);
  });
});

describe(`robustness (${testTarget()})`, () => {
  it("a field or activity removed from the registry reads as missing on both sides", async () => {
    const doc = model([
      filter(rule("contact.age", "neq", 1), 1),
      filter(rule("contact.age", "is_not_set"), 10),
      activity("page_viewed", 100, { where: rule("property.url", "is_not_set") }),
      activity("page_viewed", 1000, { where: rule("property.seconds", "gt", 1) }),
    ]);
    const shrunk = createRegistry({ activities: [{ key: "page_viewed", properties: {} }] });
    const person = {
      contact: contact({ age: 42 }),
      activities: [act("page_viewed", ago(1), { url: "/x", seconds: 5 })],
    };
    const workspaceId = await createWorkspace(database.db, "shrunk");
    const [id] = await seed(database.db, workspaceId, [person]);
    const rows = await scoreRows(
      database.db,
      compileScoreQuery(doc, { workspaceId, at: T, registry: shrunk }),
    );
    const ev = evaluate(doc, person.contact, person.activities, { at: T, registry: shrunk });
    expect(ev.raw).toBe(110);
    expectAgreement(
      rows.get(id ?? -1),
      ev,
      doc.bands.map((b) => b.min),
      "shrunk registry",
    );
  });

  it("extreme magnitudes raise no float8 overflow or underflow errors", async () => {
    const docs = [
      model([activity("page_viewed", 1e-30)], { halfLifeDays: 0.001 }),
      model([activity("page_viewed", 1e300)], { halfLifeDays: 0.01, decay: "step" }),
      model([activity("page_viewed", 5, { halfLifeDays: 1e-250 })]),
      model([activity("page_viewed", -7, { halfLifeDays: 1e300 })]),
      model([filter(and(), 1e-310)], { scale: { kind: "fixed", maxPoints: 1e10 } }),
      model([filter(and(), 1e-300)], { scale: { kind: "fixed", maxPoints: 1e-305 } }),
      model([filter(and(), 1e307)], { scale: { kind: "fixed", maxPoints: 1.5e308 } }),
      model([
        inactivity("logged_in", 1, 1e300),
        filter(rule("contact.created_at", "within_last_days", 1e305), 1),
      ]),
    ];
    const person = {
      contact: contact({}, { createdAt: ago(40000) }),
      activities: [
        act("page_viewed", ago(20000)),
        act("page_viewed", ago(3)),
        act("page_viewed", T),
        act("logged_in", ago(1)),
      ],
    };
    const workspaceId = await createWorkspace(database.db, "extreme");
    const [id] = await seed(database.db, workspaceId, [person]);
    for (const [i, doc] of docs.entries()) {
      const rows = await scoreRows(
        database.db,
        compileScoreQuery(doc, { workspaceId, at: T, registry: REGISTRY }),
      );
      const ev = evaluate(doc, person.contact, person.activities, { at: T, registry: REGISTRY });
      expectAgreement(
        rows.get(id ?? -1),
        ev,
        doc.bands.map((b) => b.min),
        `extreme #${i}`,
      );
    }
  });

  it("stored JSON numbers outside float8's range read as missing instead of failing", async () => {
    const workspaceId = await createWorkspace(database.db, "json-range");
    const [id] = await seed(database.db, workspaceId, [{ contact: contact(), activities: [] }]);
    await database.db.execute(
      sql`UPDATE contacts SET fields = '{"age": 1e400, "renewal": "2024-13-45T99:00:00Z"}'::jsonb WHERE id = ${id ?? -1}::bigint`,
    );
    const doc = model([
      filter(rule("contact.age", "is_not_set"), 1),
      filter(rule("contact.renewal", "is_not_set"), 2),
    ]);
    const rows = await scoreRows(
      database.db,
      compileRawQuery(doc, { workspaceId, at: T, registry: REGISTRY }),
    );
    expect(rows.get(id ?? -1)?.raw).toBe(3);
  });

  it("SQL-looking values are data: the query runs and the tables survive", async () => {
    const evil = "x'); DROP TABLE contacts; --";
    const registry = createRegistry({
      fields: [
        { key: evil, type: "text" },
        { key: "nickname", type: "text" },
      ],
      activities: [{ key: evil, properties: { [evil]: "text" } }],
    });
    const doc = {
      ...model([
        filter(rule(`contact.${evil}`, "eq", evil), 1),
        filter(rule("contact.nickname", "in", [evil, 'a"b', "\\"]), 2),
        activity(evil, 4, { where: rule(`property.${evil}`, "contains", evil) }),
      ]),
      bands: [{ label: evil, color: "red" as const, min: 0 }],
    };
    const person = {
      contact: contact({ [evil]: evil.toUpperCase(), nickname: "\\" }),
      activities: [act(evil, ago(1), { [evil]: `--${evil}--` })],
    };
    const workspaceId = await createWorkspace(database.db, "evil");
    const [id] = await seed(database.db, workspaceId, [person]);
    const rows = await scoreRows(
      database.db,
      compileScoreQuery(doc, { workspaceId, at: T, registry }),
    );
    const ev = evaluate(doc, person.contact, person.activities, { at: T, registry });
    expect(ev.raw).toBe(7);
    expect(ev.band).toBe(evil);
    expectAgreement(rows.get(id ?? -1), ev, [0], "evil");
    const [count] = await query<{ n: number | string }>(
      database.db,
      sql`SELECT count(*) AS n FROM contacts`,
    );
    expect(Number(count?.n)).toBeGreaterThan(0);
  });
});
