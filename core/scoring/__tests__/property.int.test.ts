/**
 * Property-based agreement: random valid models (every criterion kind, every operator, decay
 * modes, caps, overrides) and random contacts/activities (nulls, wrong JSON types, unparseable
 * dates, instants exactly on T − N days and k·h boundaries, future events) scored by the evaluator
 * and by compiled SQL on the current target. The seed is fixed; fast-check prints it and the
 * shrunk counterexample on failure.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- tests seed the real tables; the engine itself never imports db/
import { query } from "../../../db/index";
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- tests seed the real tables; the engine itself never imports db/
import { createTestDatabase, testTarget, type TestDatabase } from "../../../db/testing";
import { compilePercentileReference, compileScoreQuery } from "../compile-sql";
import {
  MODEL_FORMAT,
  OPERATORS_BY_TYPE,
  type Band,
  type Condition,
  type Criterion,
  type FieldType,
  type ModelDocument,
  type Rule,
  type Scale,
} from "../document";
import { evaluate, percentileReference, type ActivityInput, type ContactInput } from "../evaluate";
import { validateModel } from "../validate";
import { DAY, REGISTRY, T } from "./cases";
import {
  createWorkspace,
  expectAgreement,
  scoreRows,
  seed,
  truncateData,
  type SeedContact,
} from "./db-helpers";

const SEED = 20_240_601;
const RUNS = 80;

const HALF_LIVES = [0.5, 1, 2.5, 7, 30];
const WINDOWS = [0.5, 1, 7, 30];
const T_MS = T.getTime();

/** Offsets before T (negative = future) that sit on the boundaries the spec cares about. */
const OFFSETS = [
  ...new Set([
    0,
    1,
    -1,
    -DAY,
    -5 * DAY,
    400 * DAY,
    ...WINDOWS.flatMap((d) => [d * DAY, d * DAY - 1, d * DAY + 1]),
    ...HALF_LIVES.flatMap((h) => [1, 2, 3].flatMap((k) => [k * h * DAY, k * h * DAY - 1])),
  ]),
];

const offsetArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...OFFSETS) },
  { weight: 1, arbitrary: fc.integer({ min: -10 * DAY, max: 100 * DAY }) },
);
const instantArb = offsetArb.map((o) => new Date(T_MS - o));

function isoWithOffset(ms: number, minutes: number): string {
  const shifted = new Date(ms + minutes * 60_000).toISOString().slice(0, 19);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${shifted}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

const validIsoArb = fc.oneof(
  instantArb.map((d) => d.toISOString()),
  fc.tuple(offsetArb, fc.constantFrom(120, -300, 330)).map(([o, m]) => isoWithOffset(T_MS - o, m)),
);
const invalidDateArb = fc.constantFrom(
  "2024-02-31T00:00:00Z",
  "2024-05-01",
  "yesterday",
  "2024-05-01T00:00:00",
  "",
);

const TEXTS = [
  "ada",
  "ADA",
  "Ada Lovelace",
  "love",
  "",
  "a%b",
  "x_y",
  "O'Brien",
  "/pricing",
  "/Pricing/x",
  "pro",
  "\\",
  // Non-ASCII: the fold must agree on both sides whatever the database's collation (fold.ts).
  "ΟΔΟΣ",
  "οδος",
  "Οδοσ",
  "İstanbul",
  "ISTANBUL",
  "ıi",
  "Straße",
  "STRAẞE",
  "МОСКВА",
  "москва",
  "東京",
];
/** Letters whose case folding differs between naive lowercasings, to run together at random. */
const LETTERS = [..."aAsSiIİıΣσςßẞЁёЖжǄǅǆΩᎠꭰ京 "];
const NUMBERS = [-1, -0.25, 0, 0.5, 1, 2.5, 42, 100, 1e6];
const ENUM_OPTIONS = ["free", "pro", "enterprise"];

const textArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TEXTS) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...LETTERS), maxLength: 5 }) },
);
const numberArb = fc.oneof(fc.constantFrom(...NUMBERS), fc.integer({ min: -50, max: 50 }));

/** A stored JSON value for a field of `type`: mostly right, sometimes null or of the wrong type. */
function storedValueArb(type: FieldType): fc.Arbitrary<unknown> {
  const right: fc.Arbitrary<unknown> = {
    text: textArb,
    enum: fc.constantFrom("free", "pro", "PRO", "enterprise", "gold"),
    number: numberArb,
    boolean: fc.boolean(),
    date: validIsoArb,
  }[type];
  const wrong: fc.Arbitrary<unknown> = {
    text: fc.constantFrom(42, true, { a: 1 }, ["ada"]),
    enum: fc.constantFrom(1, false),
    number: fc.constantFrom("42", true, [1]),
    boolean: fc.constantFrom("true", 0, 1),
    date: fc.oneof(invalidDateArb, fc.constant(T_MS)),
  }[type];
  return fc.oneof(
    { weight: 6, arbitrary: right },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: wrong },
  );
}

/** A valid rule on `field` of `type`, with any operator of that type. */
function ruleArb(field: string, type: FieldType): fc.Arbitrary<Rule> {
  return fc.constantFrom(...OPERATORS_BY_TYPE[type]).chain((operator): fc.Arbitrary<Rule> => {
    const make = (value: fc.Arbitrary<unknown> | null) =>
      value === null
        ? fc.constant<Rule>({ kind: "rule", field, operator })
        : value.map((v): Rule => ({ kind: "rule", field, operator, value: v }));
    switch (operator) {
      case "is_set":
      case "is_not_set":
      case "is_true":
      case "is_false":
        return make(null);
      case "in":
      case "not_in":
        return make(
          type === "enum" ? fc.subarray(ENUM_OPTIONS) : fc.array(textArb, { maxLength: 3 }),
        );
      case "between":
        return make(
          fc.tuple(numberArb, numberArb).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
        );
      case "before":
      case "after":
        return make(validIsoArb);
      case "within_last_days":
      case "more_than_days_ago":
        return make(fc.constantFrom(0, 0.5, 1, 7, 30, 365));
      default:
        return make(type === "number" ? numberArb : textArb);
    }
  });
}

const CONTACT_FIELDS: [string, FieldType][] = [
  ["contact.nickname", "text"],
  ["contact.country", "text"],
  ["contact.email", "text"],
  ["contact.age", "number"],
  ["contact.vip", "boolean"],
  ["contact.renewal", "date"],
  ["contact.created_at", "date"],
  ["contact.plan", "enum"],
];
const contactRuleArb = fc.constantFrom(...CONTACT_FIELDS).chain(([f, t]) => ruleArb(f, t));

function propertyRuleArb(activity: string): fc.Arbitrary<Rule> {
  const props = Object.entries(REGISTRY.activities[activity]?.properties ?? {});
  if (props.length === 0) return contactRuleArb;
  return fc.constantFrom(...props).chain(([key, type]) => ruleArb(`property.${key}`, type));
}

function conditionArb(leaf: fc.Arbitrary<Rule>, depth: number): fc.Arbitrary<Condition> {
  if (depth === 0) return leaf;
  const group = fc
    .record({
      combinator: fc.constantFrom<"and" | "or">("and", "or"),
      negate: fc.constantFrom<boolean | undefined>(undefined, true, false),
      children: fc.array(conditionArb(leaf, depth - 1), { maxLength: 3 }),
    })
    .map(
      ({ combinator, negate, children }): Condition =>
        negate === undefined
          ? { kind: "group", combinator, children }
          : { kind: "group", combinator, negate, children },
    );
  return fc.oneof({ weight: 2, arbitrary: leaf }, { weight: 1, arbitrary: group });
}

const ACTIVITY_TYPES = ["page_viewed", "logged_in", "email_opened"];
const pointsArb = fc.constantFrom(-5, -0.5, 0.1, 1, 2.5, 10);

const criterionArb: fc.Arbitrary<Omit<Criterion, "id">> = fc.oneof(
  fc.record({ points: pointsArb, where: conditionArb(contactRuleArb, 3) }).map((r) => ({
    kind: "filter" as const,
    label: "F",
    ...r,
  })),
  fc.constantFrom(...ACTIVITY_TYPES).chain((activity) =>
    fc
      .record({
        points: pointsArb,
        where: fc.option(conditionArb(fc.oneof(propertyRuleArb(activity), contactRuleArb), 2), {
          nil: null,
        }),
        maxPoints: fc.option(fc.constantFrom(1, 5, 12.5), { nil: undefined }),
        halfLifeDays: fc.constantFrom<"absent" | number | null>("absent", null, ...HALF_LIVES),
      })
      .map(({ points, where, maxPoints, halfLifeDays }) => ({
        kind: "activity" as const,
        label: "A",
        points,
        activity,
        where,
        ...(maxPoints === undefined ? {} : { maxPoints }),
        ...(halfLifeDays === "absent" ? {} : { halfLifeDays }),
      })),
  ),
  fc.constantFrom(...ACTIVITY_TYPES).chain((activity) =>
    fc
      .record({
        points: pointsArb,
        days: fc.constantFrom(...WINDOWS),
        where: fc.option(conditionArb(fc.oneof(propertyRuleArb(activity), contactRuleArb), 2), {
          nil: null,
        }),
      })
      .map((r) => ({ kind: "inactivity" as const, label: "I", activity, ...r })),
  ),
);

const BANDS: Band[][] = [
  [
    { label: "Cold", color: "red", min: 0 },
    { label: "Warm", color: "amber", min: 40 },
    { label: "Hot", color: "green", min: 70 },
  ],
  [
    { label: "F", color: "red", min: 0 },
    { label: "C", color: "yellow", min: 25 },
    { label: "A", color: "green", min: 62.5 },
  ],
];

const scaleArb: fc.Arbitrary<Scale> = fc.oneof(
  fc.constantFrom(1, 10, 50, 100).map((maxPoints) => ({ kind: "fixed" as const, maxPoints })),
  fc
    .constantFrom(10, 50, 90, 100)
    .map((percentile) => ({ kind: "percentile" as const, percentile })),
);

const documentArb: fc.Arbitrary<ModelDocument> = fc
  .record({
    halfLifeDays: fc.constantFrom(null, ...HALF_LIVES),
    decay: fc.constantFrom<"exponential" | "step">("exponential", "step"),
    scale: scaleArb,
    bands: fc.constantFrom(...BANDS),
    criteria: fc.array(criterionArb, { minLength: 1, maxLength: 5 }),
  })
  .map((r) => ({
    format: MODEL_FORMAT,
    key: "prop",
    name: "Property",
    emoji: "🎲",
    kind: "custom",
    ...r,
    criteria: r.criteria.map((c, i) => ({ ...c, id: `c${i}` }) as Criterion),
  }));

function propertiesArb(type: string): fc.Arbitrary<Record<string, unknown>> {
  const props = REGISTRY.activities[type]?.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, t] of Object.entries(props)) model[key] = storedValueArb(t);
  return fc.record(model, { requiredKeys: [] });
}

const activityArb: fc.Arbitrary<ActivityInput> = fc
  .constantFrom(...ACTIVITY_TYPES, "unsubscribed")
  .chain((type) =>
    fc.record({ type: fc.constant(type), occurredAt: instantArb, properties: propertiesArb(type) }),
  );

const contactArb: fc.Arbitrary<SeedContact> = fc.record({
  contact: fc.record({
    createdAt: instantArb,
    email: fc.constantFrom(null, "Ada@Example.com", "bob@x.org", "O'Brien@x.org"),
    fields: fc.record(
      {
        nickname: storedValueArb("text"),
        country: storedValueArb("text"),
        age: storedValueArb("number"),
        vip: storedValueArb("boolean"),
        renewal: storedValueArb("date"),
        plan: storedValueArb("enum"),
      },
      { requiredKeys: [] },
    ),
  }) as fc.Arbitrary<ContactInput>,
  activities: fc.array(activityArb, { maxLength: 6 }),
});

const atArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant(T) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      new Date(T_MS + 1),
      new Date(T_MS - 7 * DAY),
      new Date(T_MS + 0.5 * DAY),
    ),
  },
);
const referenceArb = fc.constantFrom<number | null>(null, 0, 1, 7.5, 20);

let database: TestDatabase;
let workspaceId = "";

beforeAll(async () => {
  database = await createTestDatabase();
  workspaceId = await createWorkspace(database.db, "property");
});

afterAll(async () => {
  await database?.destroy();
});

describe(`evaluate and SQL agree on random models and data (${testTarget()}, seed ${SEED})`, () => {
  it("for every contact, with the percentile reference too", async () => {
    await fc.assert(
      fc.asyncProperty(
        documentArb,
        fc.array(contactArb, { minLength: 8, maxLength: 16 }),
        atArb,
        referenceArb,
        async (doc, people, at, scaleReference) => {
          // The generator only builds valid documents; the validator must agree.
          const checked = validateModel(JSON.parse(JSON.stringify(doc)), REGISTRY);
          expect(checked.ok ? [] : checked.issues).toEqual([]);

          await truncateData(database.db);
          const ids = await seed(database.db, workspaceId, people);
          const rows = await scoreRows(
            database.db,
            compileScoreQuery(doc, { workspaceId, at, registry: REGISTRY, scaleReference }),
          );
          expect(rows.size).toBe(people.length);
          // Scoring a subset (incremental scoring) agrees with scoring everyone, to the bit.
          const some = ids.filter((_, i) => i % 2 === 0);
          const subset = await scoreRows(
            database.db,
            compileScoreQuery(doc, {
              workspaceId,
              at,
              registry: REGISTRY,
              scaleReference,
              contactIds: some,
            }),
          );
          expect(subset.size).toBe(some.length);
          for (const id of some) expect(subset.get(id)).toEqual(rows.get(id));
          const mins = doc.bands.map((b) => b.min);
          const raws = people.map((person, i) => {
            const ev = evaluate(doc, person.contact, person.activities, {
              at,
              registry: REGISTRY,
              scaleReference,
            });
            expectAgreement(rows.get(ids[i] ?? -1), ev, mins, `contact #${i}`);
            return ev.raw;
          });

          const percentile = doc.scale.kind === "percentile" ? doc.scale.percentile : 50;
          const withPercentile = { ...doc, scale: { kind: "percentile" as const, percentile } };
          const [row] = await query<{ reference: number | null }>(
            database.db,
            compilePercentileReference(withPercentile, { workspaceId, at, registry: REGISTRY }),
          );
          const expected = percentileReference(raws, percentile);
          if (expected === null) expect(row?.reference ?? null).toBeNull();
          else
            expect(Math.abs(Number(row?.reference) - expected)).toBeLessThanOrEqual(
              Math.max(1e-9, 1e-9 * expected),
            );
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });
});
