/**
 * The shared case table: each case has a hand-computed `expected.raw` (and score/stars/band where
 * they are the point), so the evaluator is checked against arithmetic, and the compiled SQL against
 * the same numbers on PGlite and on the Postgres server.
 */
import {
  DEFAULT_BANDS,
  MODEL_FORMAT,
  type ActivityCriterion,
  type Band,
  type Condition,
  type Criterion,
  type FilterCriterion,
  type Group,
  type InactivityCriterion,
  type ModelDocument,
  type Operator,
  type Rule,
  type Scale,
} from "../document";
import type { ActivityInput, ContactInput } from "../evaluate";
import { createRegistry } from "../registry";

export const DAY = 86_400_000;
/** The evaluation instant of every case. */
export const T = new Date("2024-06-01T00:00:00.000Z");
const T_MS = T.getTime();

/** T − days − ms. */
export function ago(days: number, ms = 0): Date {
  return new Date(T_MS - days * DAY - ms);
}

export const REGISTRY = createRegistry({
  fields: [
    { key: "age", type: "number" },
    { key: "vip", type: "boolean" },
    { key: "renewal", type: "date" },
    { key: "plan", type: "enum", options: ["free", "pro", "enterprise"] },
    { key: "nickname", type: "text" },
  ],
  activities: [
    {
      key: "page_viewed",
      properties: {
        url: "text",
        seconds: "number",
        internal: "boolean",
        plan: "enum",
        sent_at: "date",
      },
    },
    { key: "logged_in", properties: { method: "text" } },
    { key: "email_opened", properties: { campaign: "text" } },
    { key: "unsubscribed", properties: {} },
  ],
});

export interface ScoringCase {
  name: string;
  document: ModelDocument;
  contact: ContactInput;
  activities: ActivityInput[];
  at: Date;
  scaleReference?: number | null;
  expected: { raw: number; score?: number; stars?: number; band?: string };
}

// ---------------------------------------------------------------------------------------------
// Builders

export function model(
  criteria: Criterion[],
  opts: {
    halfLifeDays?: number | null;
    decay?: "exponential" | "step";
    scale?: Scale;
    bands?: Band[];
  } = {},
): ModelDocument {
  return {
    format: MODEL_FORMAT,
    key: "case_model",
    name: "Case model",
    emoji: "🧪",
    kind: "custom",
    halfLifeDays: opts.halfLifeDays ?? null,
    decay: opts.decay ?? "exponential",
    scale: opts.scale ?? { kind: "fixed", maxPoints: 100 },
    bands: opts.bands ?? DEFAULT_BANDS,
    criteria,
  };
}

export function rule(field: string, operator: Operator, value?: unknown): Rule {
  return value === undefined
    ? { kind: "rule", field, operator }
    : { kind: "rule", field, operator, value };
}
export const and = (...children: Condition[]): Group => ({
  kind: "group",
  combinator: "and",
  children,
});
export const or = (...children: Condition[]): Group => ({
  kind: "group",
  combinator: "or",
  children,
});
export const not = (group: Group): Group => ({ ...group, negate: true });

let nextId = 0;
const id = (prefix: string) => `${prefix}${++nextId}`;

export function filter(where: Condition, points = 10): FilterCriterion {
  return { id: id("f"), kind: "filter", label: "Filter", points, where };
}

export function activity(
  type: string,
  points: number,
  extra: { where?: Condition | null; maxPoints?: number; halfLifeDays?: number | null } = {},
): ActivityCriterion {
  const c: ActivityCriterion = {
    id: id("a"),
    kind: "activity",
    label: "Activity",
    points,
    activity: type,
    where: extra.where ?? null,
  };
  if (extra.maxPoints !== undefined) c.maxPoints = extra.maxPoints;
  if (extra.halfLifeDays !== undefined) c.halfLifeDays = extra.halfLifeDays;
  return c;
}

export function inactivity(
  type: string,
  points: number,
  days: number,
  where: Condition | null = null,
): InactivityCriterion {
  return {
    id: id("i"),
    kind: "inactivity",
    label: "Inactivity",
    points,
    activity: type,
    where,
    days,
  };
}

export function contact(
  fields: Record<string, unknown> = {},
  extra: { email?: string | null; createdAt?: Date } = {},
): ContactInput {
  return { createdAt: extra.createdAt ?? ago(365), email: extra.email ?? null, fields };
}

export function act(
  type: string,
  occurredAt: Date,
  properties: Record<string, unknown> = {},
): ActivityInput {
  return { type, occurredAt, properties };
}

// ---------------------------------------------------------------------------------------------
// Cases

const cases: ScoringCase[] = [];

function add(c: Omit<ScoringCase, "at"> & { at?: Date }): void {
  cases.push({ at: T, ...c });
}

/** One filter worth 10 points on a contact with `fields`: raw is 10 if it matches, else 0. */
function fieldCase(
  name: string,
  where: Condition,
  fields: Record<string, unknown>,
  matches: boolean,
  extra: { email?: string | null; createdAt?: Date } = {},
): void {
  add({
    name,
    document: model([filter(where)]),
    contact: contact(fields, extra),
    activities: [],
    expected: { raw: matches ? 10 : 0 },
  });
}

// --- text -------------------------------------------------------------------------------------
const ada = { nickname: "Ada Lovelace" };
fieldCase(
  "text eq matches case-insensitively",
  rule("contact.nickname", "eq", "ADA LOVELACE"),
  ada,
  true,
);
fieldCase("text eq on another value is false", rule("contact.nickname", "eq", "Ada"), ada, false);
fieldCase("text neq on another value is true", rule("contact.nickname", "neq", "Ada"), ada, true);
fieldCase("text neq ignores case", rule("contact.nickname", "neq", "ada lovelace"), ada, false);
fieldCase("text contains ignores case", rule("contact.nickname", "contains", "LOVE"), ada, true);
fieldCase(
  "text contains absent substring is false",
  rule("contact.nickname", "contains", "xyz"),
  ada,
  false,
);
fieldCase(
  "text not_contains absent substring is true",
  rule("contact.nickname", "not_contains", "xyz"),
  ada,
  true,
);
fieldCase(
  "text not_contains present substring is false",
  rule("contact.nickname", "not_contains", "love"),
  ada,
  false,
);
fieldCase("text starts_with", rule("contact.nickname", "starts_with", "aDa"), ada, true);
fieldCase(
  "text starts_with a middle part is false",
  rule("contact.nickname", "starts_with", "love"),
  ada,
  false,
);
fieldCase("text ends_with", rule("contact.nickname", "ends_with", "LACE"), ada, true);
fieldCase(
  "text ends_with the start is false",
  rule("contact.nickname", "ends_with", "ada"),
  ada,
  false,
);
fieldCase(
  "text in matches one of the list",
  rule("contact.nickname", "in", ["bob", "ADA LOVELACE"]),
  ada,
  true,
);
fieldCase(
  "text in without the value is false",
  rule("contact.nickname", "in", ["bob"]),
  ada,
  false,
);
fieldCase("text in an empty list is false", rule("contact.nickname", "in", []), ada, false);
fieldCase(
  "text not_in without the value is true",
  rule("contact.nickname", "not_in", ["bob"]),
  ada,
  true,
);
fieldCase(
  "text not_in with the value is false",
  rule("contact.nickname", "not_in", ["ada lovelace"]),
  ada,
  false,
);
fieldCase(
  "text not_in an empty list is true on a set value",
  rule("contact.nickname", "not_in", []),
  ada,
  true,
);
fieldCase("text is_set on a value", rule("contact.nickname", "is_set"), ada, true);
fieldCase("text is_set on a missing value is false", rule("contact.nickname", "is_set"), {}, false);
fieldCase(
  "text is_not_set on a missing value is true",
  rule("contact.nickname", "is_not_set"),
  {},
  true,
);
fieldCase(
  "text is_not_set on a value is false",
  rule("contact.nickname", "is_not_set"),
  ada,
  false,
);
fieldCase(
  "text is_set on an empty string is true",
  rule("contact.nickname", "is_set"),
  { nickname: "" },
  true,
);
fieldCase(
  "text contains treats % and _ literally",
  rule("contact.nickname", "contains", "%_"),
  { nickname: "50%_off" },
  true,
);
fieldCase(
  "text contains % does not act as a wildcard",
  rule("contact.nickname", "contains", "%"),
  ada,
  false,
);
fieldCase(
  "text starts_with _ does not act as a wildcard",
  rule("contact.nickname", "starts_with", "_"),
  ada,
  false,
);
fieldCase(
  "text with quotes and SQL is just a value",
  rule("contact.nickname", "eq", "Robert'); DROP TABLE contacts;--"),
  { nickname: "robert'); drop table contacts;--" },
  true,
);
// Non-ASCII letters fold alike in the evaluator and in SQL, whatever the database's collation
// (fold.ts, ADR 0004): Σ/σ/ς and İ/i fold together; everything else is Unicode lowercasing.
const nonAscii: [string, Rule, string, boolean][] = [
  [
    "text eq folds a final sigma (ΟΔΟΣ = οδος)",
    rule("contact.nickname", "eq", "οδος"),
    "ΟΔΟΣ",
    true,
  ],
  [
    "text eq folds a medial sigma form (οδοσ = ΟΔΟΣ)",
    rule("contact.nickname", "eq", "ΟΔΟΣ"),
    "οδοσ",
    true,
  ],
  ["text contains σ finds a final sigma", rule("contact.nickname", "contains", "σ"), "Οδος", true],
  ["text ends_with ΟΣ on a final sigma", rule("contact.nickname", "ends_with", "ΟΣ"), "οδος", true],
  [
    "text starts_with ΟΔΟΣ on a longer Greek word",
    rule("contact.nickname", "starts_with", "ΟΔΟΣ"),
    "Οδοστρωμα",
    true,
  ],
  ["text in folds Greek case", rule("contact.nickname", "in", ["ΑΘΗΝΑ", "ΟΔΟΣ"]), "οδος", true],
  ["text eq on another Greek word is false", rule("contact.nickname", "eq", "οδοι"), "ΟΔΟΣ", false],
  [
    "text eq folds İ to i (İstanbul = istanbul)",
    rule("contact.nickname", "eq", "istanbul"),
    "İstanbul",
    true,
  ],
  ["text eq folds İ and I alike", rule("contact.nickname", "eq", "ISTANBUL"), "İstanbul", true],
  ["text eq keeps dotless ı apart from I", rule("contact.nickname", "eq", "dış"), "DIŞ", false],
  [
    "text eq folds Turkish Ş, Ğ and İ",
    rule("contact.nickname", "eq", "dağ şehir"),
    "DAĞ ŞEHİR",
    true,
  ],
  ["text eq folds Turkish Ç and Ö", rule("contact.nickname", "eq", "çöp"), "ÇÖP", true],
  ["text eq folds capital ẞ to ß", rule("contact.nickname", "eq", "straße"), "STRAẞE", true],
  ["text eq does not expand ß to ss", rule("contact.nickname", "eq", "STRASSE"), "Straße", false],
  [
    "text eq folds German umlauts",
    rule("contact.nickname", "eq", "über öl äpfel"),
    "ÜBER ÖL ÄPFEL",
    true,
  ],
  ["text eq folds Cyrillic", rule("contact.nickname", "eq", "москва"), "МОСКВА", true],
  ["text contains folds Cyrillic", rule("contact.nickname", "contains", "ЁЖ"), "ёжик", true],
  ["text eq folds Georgian Mtavruli", rule("contact.nickname", "eq", "თბილისი"), "ᲗᲑᲘᲚᲘᲡᲘ", true],
  ["text contains on CJK", rule("contact.nickname", "contains", "京"), "東京", true],
  ["text neq on equal CJK is false", rule("contact.nickname", "neq", "東京"), "東京", false],
  [
    "text eq folds a Unicode 16 letter (Garay)",
    rule("contact.nickname", "eq", "\u{10D70}"),
    "\u{10D50}",
    true,
  ],
  [
    "text eq folds a Unicode 16 letter (Latin \u{A7CC})",
    rule("contact.nickname", "eq", "\u{A7CD}"),
    "\u{A7CC}",
    true,
  ],
  [
    "text eq folds a Unicode 17 letter (Latin \u{A7CE})",
    rule("contact.nickname", "eq", "\u{A7CF}"),
    "\u{A7CE}",
    true,
  ],
  [
    "text eq folds a Unicode 17 letter (Beria Erfe)",
    rule("contact.nickname", "eq", "\u{16EBB}"),
    "\u{16EA0}",
    true,
  ],
];
for (const [name, where, nickname, matches] of nonAscii) {
  fieldCase(name, where, { nickname }, matches);
}
// Two-valued logic on missing, null and wrongly typed text.
fieldCase("text eq on a missing value is false", rule("contact.nickname", "eq", "x"), {}, false);
fieldCase("text neq on a missing value is false", rule("contact.nickname", "neq", "x"), {}, false);
fieldCase(
  "text neq on null is false",
  rule("contact.nickname", "neq", "x"),
  { nickname: null },
  false,
);
fieldCase(
  "text not_in on null is false",
  rule("contact.nickname", "not_in", ["x"]),
  { nickname: null },
  false,
);
fieldCase("text not_in [] on missing is false", rule("contact.nickname", "not_in", []), {}, false);
fieldCase(
  "text not_contains on a missing value is false",
  rule("contact.nickname", "not_contains", "x"),
  {},
  false,
);
fieldCase(
  "text not_contains on a number is false (wrong type)",
  rule("contact.nickname", "not_contains", "x"),
  { nickname: 42 },
  false,
);
fieldCase(
  "text eq on a number is false (wrong type)",
  rule("contact.nickname", "eq", "42"),
  { nickname: 42 },
  false,
);
fieldCase(
  "text is_not_set on a number is true (wrong type)",
  rule("contact.nickname", "is_not_set"),
  { nickname: 42 },
  true,
);
fieldCase(
  "text is_set on an object is false (wrong type)",
  rule("contact.nickname", "is_set"),
  { nickname: { a: 1 } },
  false,
);
fieldCase(
  "built-in country in ignores case",
  rule("contact.country", "in", ["US", "GB"]),
  { country: "gb" },
  true,
);
fieldCase(
  "email column ends_with ignores case",
  rule("contact.email", "ends_with", "@example.com"),
  {},
  true,
  { email: "Ada@Example.COM" },
);
fieldCase("email column is_not_set when null", rule("contact.email", "is_not_set"), {}, true, {
  email: null,
});
fieldCase("email column neq when null is false", rule("contact.email", "neq", "x@y.z"), {}, false, {
  email: null,
});
fieldCase(
  "email column ignores an email key in the fields JSON",
  rule("contact.email", "is_set"),
  { email: "shadow@example.com" },
  false,
  { email: null },
);

// --- number -----------------------------------------------------------------------------------
const age42 = { age: 42 };
fieldCase("number eq", rule("contact.age", "eq", 42), age42, true);
fieldCase("number eq another value is false", rule("contact.age", "eq", 41), age42, false);
fieldCase("number neq another value", rule("contact.age", "neq", 41), age42, true);
fieldCase("number neq the value is false", rule("contact.age", "neq", 42), age42, false);
fieldCase("number gt", rule("contact.age", "gt", 41), age42, true);
fieldCase("number gt the value is false", rule("contact.age", "gt", 42), age42, false);
fieldCase("number gte the value", rule("contact.age", "gte", 42), age42, true);
fieldCase("number gte above is false", rule("contact.age", "gte", 43), age42, false);
fieldCase("number lt", rule("contact.age", "lt", 43), age42, true);
fieldCase("number lt the value is false", rule("contact.age", "lt", 42), age42, false);
fieldCase("number lte the value", rule("contact.age", "lte", 42), age42, true);
fieldCase("number lte below is false", rule("contact.age", "lte", 41.5), age42, false);
fieldCase(
  "number between includes the lower bound",
  rule("contact.age", "between", [42, 50]),
  age42,
  true,
);
fieldCase(
  "number between includes the upper bound",
  rule("contact.age", "between", [30, 42]),
  age42,
  true,
);
fieldCase(
  "number between outside is false",
  rule("contact.age", "between", [43, 50]),
  age42,
  false,
);
fieldCase("number between a single point", rule("contact.age", "between", [42, 42]), age42, true);
fieldCase("number is_set", rule("contact.age", "is_set"), age42, true);
fieldCase("number is_not_set on a value is false", rule("contact.age", "is_not_set"), age42, false);
fieldCase("number zero is a value", rule("contact.age", "lt", 1), { age: 0 }, true);
fieldCase(
  "number fractions compare exactly",
  rule("contact.age", "eq", 0.30000000000000004),
  { age: 0.1 + 0.2 },
  true,
);
fieldCase("number negative gt", rule("contact.age", "gt", -3.5), { age: -2 }, true);
fieldCase(
  "number eq on a numeric string is false (wrong type)",
  rule("contact.age", "eq", 42),
  { age: "42" },
  false,
);
fieldCase(
  "number is_not_set on a numeric string is true",
  rule("contact.age", "is_not_set"),
  { age: "42" },
  true,
);
fieldCase("number neq on a missing value is false", rule("contact.age", "neq", 5), {}, false);
fieldCase("number gt on null is false", rule("contact.age", "gt", 5), { age: null }, false);
fieldCase(
  "number between on a boolean is false",
  rule("contact.age", "between", [0, 1]),
  { age: true },
  false,
);

// --- boolean ----------------------------------------------------------------------------------
fieldCase("boolean is_true on true", rule("contact.vip", "is_true"), { vip: true }, true);
fieldCase(
  "boolean is_true on false is false",
  rule("contact.vip", "is_true"),
  { vip: false },
  false,
);
fieldCase("boolean is_false on false", rule("contact.vip", "is_false"), { vip: false }, true);
fieldCase(
  "boolean is_false on true is false",
  rule("contact.vip", "is_false"),
  { vip: true },
  false,
);
fieldCase(
  "boolean is_false on a missing value is false",
  rule("contact.vip", "is_false"),
  {},
  false,
);
fieldCase(
  "boolean is_true on the string true is false",
  rule("contact.vip", "is_true"),
  { vip: "true" },
  false,
);
fieldCase("boolean is_false on 0 is false", rule("contact.vip", "is_false"), { vip: 0 }, false);
fieldCase("boolean is_set on false", rule("contact.vip", "is_set"), { vip: false }, true);
fieldCase("boolean is_not_set on a missing value", rule("contact.vip", "is_not_set"), {}, true);
fieldCase(
  "boolean is_not_set on a value is false",
  rule("contact.vip", "is_not_set"),
  { vip: true },
  false,
);

// --- date -------------------------------------------------------------------------------------
const iso = (d: Date) => d.toISOString();
fieldCase(
  "date before, one millisecond earlier",
  rule("contact.renewal", "before", "2024-06-01T00:00:00Z"),
  { renewal: "2024-05-31T23:59:59.999Z" },
  true,
);
fieldCase(
  "date before the same instant is false",
  rule("contact.renewal", "before", "2024-06-01T00:00:00.000Z"),
  { renewal: "2024-06-01T00:00:00Z" },
  false,
);
fieldCase(
  "date after, one millisecond later",
  rule("contact.renewal", "after", "2024-06-01T00:00:00Z"),
  { renewal: "2024-06-01T00:00:00.001Z" },
  true,
);
fieldCase(
  "date after an earlier value is false",
  rule("contact.renewal", "after", "2024-06-01T00:00:00Z"),
  { renewal: "2024-05-01T00:00:00Z" },
  false,
);
fieldCase(
  "date offsets are honoured (02:00+02:00 is midnight UTC)",
  rule("contact.renewal", "after", "2024-05-31T23:59:59.999Z"),
  { renewal: "2024-06-01T02:00:00+02:00" },
  true,
);
fieldCase(
  "date with a negative offset",
  rule("contact.renewal", "before", "2024-06-01T00:00:00Z"),
  { renewal: "2024-05-31T19:59:59.999-04:00" },
  true,
);
fieldCase(
  "date sub-millisecond digits are truncated",
  rule("contact.renewal", "before", "2024-06-01T00:00:00Z"),
  { renewal: "2024-05-31T23:59:59.999999Z" },
  true,
);
fieldCase(
  "date within_last_days excludes exactly T − N days",
  rule("contact.renewal", "within_last_days", 30),
  { renewal: iso(ago(30)) },
  false,
);
fieldCase(
  "date within_last_days includes T − N days + 1 ms",
  rule("contact.renewal", "within_last_days", 30),
  { renewal: iso(ago(30, -1)) },
  true,
);
fieldCase(
  "date within_last_days includes T",
  rule("contact.renewal", "within_last_days", 30),
  { renewal: iso(T) },
  true,
);
fieldCase(
  "date within_last_days excludes the future",
  rule("contact.renewal", "within_last_days", 30),
  { renewal: iso(ago(0, -1)) },
  false,
);
fieldCase(
  "date within_last_days 0 is empty",
  rule("contact.renewal", "within_last_days", 0),
  { renewal: iso(T) },
  false,
);
fieldCase(
  "date more_than_days_ago includes exactly T − N days",
  rule("contact.renewal", "more_than_days_ago", 30),
  { renewal: iso(ago(30)) },
  true,
);
fieldCase(
  "date more_than_days_ago excludes T − N days + 1 ms",
  rule("contact.renewal", "more_than_days_ago", 30),
  { renewal: iso(ago(30, -1)) },
  false,
);
fieldCase(
  "date more_than_days_ago with fractional days",
  rule("contact.renewal", "more_than_days_ago", 0.5),
  { renewal: iso(ago(0.5)) },
  true,
);
fieldCase(
  "date is_set",
  rule("contact.renewal", "is_set"),
  { renewal: "2024-02-29T12:00:00Z" },
  true,
);
fieldCase(
  "date is_not_set on a valid date is false",
  rule("contact.renewal", "is_not_set"),
  { renewal: "2024-02-29T12:00:00Z" },
  false,
);
fieldCase(
  "date 29 February of a non-leap year is not a date",
  rule("contact.renewal", "is_set"),
  { renewal: "2023-02-29T12:00:00Z" },
  false,
);
fieldCase(
  "date 31 February is not a date",
  rule("contact.renewal", "is_not_set"),
  { renewal: "2024-02-31T00:00:00Z" },
  true,
);
fieldCase(
  "date without an offset is not an instant",
  rule("contact.renewal", "is_set"),
  { renewal: "2024-05-01T00:00:00" },
  false,
);
fieldCase(
  "date-only string is not an instant",
  rule("contact.renewal", "before", "2030-01-01T00:00:00Z"),
  { renewal: "2024-05-01" },
  false,
);
fieldCase(
  "date as a number is the wrong type",
  rule("contact.renewal", "within_last_days", 3650),
  { renewal: T.getTime() },
  false,
);
fieldCase(
  "date more_than_days_ago on a missing value is false",
  rule("contact.renewal", "more_than_days_ago", 1),
  {},
  false,
);
fieldCase(
  "created_at column within_last_days",
  rule("contact.created_at", "within_last_days", 366),
  {},
  true,
  { createdAt: ago(365) },
);
fieldCase(
  "created_at column more_than_days_ago on a newer contact is false",
  rule("contact.created_at", "more_than_days_ago", 400),
  {},
  false,
  { createdAt: ago(365) },
);
fieldCase(
  "created_at column ignores a created_at key in the fields JSON",
  rule("contact.created_at", "before", "2020-01-01T00:00:00Z"),
  { created_at: "2010-01-01T00:00:00Z" },
  false,
  { createdAt: ago(10) },
);

// --- enum -------------------------------------------------------------------------------------
fieldCase("enum in ignores case", rule("contact.plan", "in", ["pro"]), { plan: "PRO" }, true);
fieldCase(
  "enum in without the value is false",
  rule("contact.plan", "in", ["free"]),
  { plan: "pro" },
  false,
);
fieldCase(
  "enum not_in without the value",
  rule("contact.plan", "not_in", ["free"]),
  { plan: "pro" },
  true,
);
fieldCase(
  "enum not_in with the value is false",
  rule("contact.plan", "not_in", ["pro"]),
  { plan: "pro" },
  false,
);
fieldCase(
  "enum not_in on a missing value is false",
  rule("contact.plan", "not_in", ["free"]),
  {},
  false,
);
fieldCase(
  "enum in on a number is false (wrong type)",
  rule("contact.plan", "in", ["free"]),
  { plan: 1 },
  false,
);
fieldCase("enum is_set", rule("contact.plan", "is_set"), { plan: "free" }, true);
fieldCase("enum is_not_set on a missing value", rule("contact.plan", "is_not_set"), {}, true);
fieldCase(
  "enum is_not_set on a value is false",
  rule("contact.plan", "is_not_set"),
  { plan: "free" },
  false,
);

// --- groups -----------------------------------------------------------------------------------
const yes = rule("contact.age", "eq", 42);
const no = rule("contact.age", "eq", 7);
fieldCase("and of two true rules", and(yes, yes), age42, true);
fieldCase("and with one false rule is false", and(yes, no), age42, false);
fieldCase("or with one true rule", or(no, yes), age42, true);
fieldCase("or of false rules is false", or(no, no), age42, false);
fieldCase("an empty and is true", and(), {}, true);
fieldCase("an empty or is false", or(), {}, false);
fieldCase("a negated empty or is true", not(or()), {}, true);
fieldCase("a negated empty and is false", not(and()), {}, false);
fieldCase("negate flips a false and", not(and(yes, no)), age42, true);
fieldCase(
  "negate over a missing value is true (two-valued logic)",
  not(and(rule("contact.age", "eq", 5))),
  {},
  true,
);
fieldCase(
  "negate over neq on a missing value is true",
  not(and(rule("contact.age", "neq", 5))),
  {},
  true,
);
fieldCase("nested groups", and(or(no, yes), not(or(no)), or(and(), no)), age42, true);
fieldCase("nested groups, one branch false", and(or(no, yes), not(or(yes))), age42, false);
fieldCase("eight levels deep", and(or(and(or(and(or(and(yes))))))), age42, true);

add({
  name: "filters add up, negative points included",
  document: model([filter(yes, 10), filter(yes, -3), filter(no, 100)]),
  contact: contact(age42),
  activities: [],
  expected: { raw: 7 },
});
add({
  name: "fractional points add in float64",
  document: model([filter(yes, 0.1), filter(yes, 0.2)]),
  contact: contact(age42),
  activities: [],
  expected: { raw: 0.30000000000000004 },
});
add({
  name: "a model without criteria scores 0",
  document: model([]),
  contact: contact(),
  activities: [],
  expected: { raw: 0, score: 0, stars: 0, band: "Cold" },
});

// --- activity criteria ------------------------------------------------------------------------
const views = [
  act("page_viewed", ago(1), { url: "/pricing", seconds: 30 }),
  act("page_viewed", ago(2), { url: "/Pricing/enterprise", seconds: 5 }),
  act("page_viewed", ago(3), { url: "/blog", seconds: 300 }),
];
add({
  name: "activity counts every occurrence",
  document: model([activity("page_viewed", 5)]),
  contact: contact(),
  activities: views,
  expected: { raw: 15 },
});
add({
  name: "activity where on a property",
  document: model([
    activity("page_viewed", 5, { where: rule("property.url", "contains", "/pricing") }),
  ]),
  contact: contact(),
  activities: views,
  expected: { raw: 10 },
});
add({
  name: "activity where on a number property",
  document: model([activity("page_viewed", 5, { where: rule("property.seconds", "gte", 30) })]),
  contact: contact(),
  activities: views,
  expected: { raw: 10 },
});
add({
  name: "activity where on a missing property is false, is_not_set true",
  document: model([
    activity("page_viewed", 5, { where: rule("property.internal", "is_false") }),
    activity("page_viewed", 1, { where: rule("property.internal", "is_not_set") }),
  ]),
  contact: contact(),
  activities: [
    ...views,
    act("page_viewed", ago(4), { internal: false }),
    act("page_viewed", ago(4), { internal: "no" }),
  ],
  expected: { raw: 5 + 4 },
});
add({
  name: "activity where on a date property",
  document: model([
    activity("page_viewed", 2, { where: rule("property.sent_at", "within_last_days", 7) }),
  ]),
  contact: contact(),
  activities: [
    act("page_viewed", ago(1), { sent_at: iso(ago(7)) }),
    act("page_viewed", ago(1), { sent_at: iso(ago(6)) }),
    act("page_viewed", ago(1), { sent_at: "yesterday" }),
  ],
  expected: { raw: 2 },
});
add({
  name: "activity where on an enum property",
  document: model([activity("page_viewed", 3, { where: rule("property.plan", "in", ["Pro"]) })]),
  contact: contact(),
  activities: [
    act("page_viewed", ago(1), { plan: "pro" }),
    act("page_viewed", ago(1), { plan: "free" }),
  ],
  expected: { raw: 3 },
});
add({
  name: "activity where on a contact field counts for a matching contact",
  document: model([activity("page_viewed", 5, { where: rule("contact.country", "eq", "US") })]),
  contact: contact({ country: "us" }),
  activities: views,
  expected: { raw: 15 },
});
add({
  name: "activity where on a contact field counts nothing for another contact",
  document: model([activity("page_viewed", 5, { where: rule("contact.country", "eq", "US") })]),
  contact: contact({ country: "FR" }),
  activities: views,
  expected: { raw: 0 },
});
add({
  name: "activity where mixing contact and property rules",
  document: model([
    activity("page_viewed", 5, {
      where: or(rule("contact.vip", "is_true"), rule("property.url", "starts_with", "/BLOG")),
    }),
  ]),
  contact: contact({ vip: false }),
  activities: views,
  expected: { raw: 5 },
});
add({
  name: "activities of other types do not count",
  document: model([activity("email_opened", 5)]),
  contact: contact(),
  activities: views,
  expected: { raw: 0 },
});
add({
  name: "future activities never count, one at exactly T does",
  document: model([activity("page_viewed", 5)]),
  contact: contact(),
  activities: [act("page_viewed", T), act("page_viewed", ago(0, -1)), act("page_viewed", ago(-30))],
  expected: { raw: 5 },
});
add({
  name: "negative activity points",
  document: model([activity("unsubscribed", -50)]),
  contact: contact(),
  activities: [act("unsubscribed", ago(3))],
  expected: { raw: -50, score: 0, stars: 0, band: "Cold" },
});
add({
  name: "zero-point activity contributes nothing",
  document: model([activity("page_viewed", 0)], { halfLifeDays: 10 }),
  contact: contact(),
  activities: views,
  expected: { raw: 0 },
});

// --- decay ------------------------------------------------------------------------------------
add({
  name: "exponential decay halves after one half-life",
  document: model([activity("page_viewed", 8)], { halfLifeDays: 10 }),
  contact: contact(),
  activities: [act("page_viewed", ago(10))],
  expected: { raw: 4 },
});
add({
  name: "exponential decay after half a half-life",
  document: model([activity("page_viewed", 8)], { halfLifeDays: 10 }),
  contact: contact(),
  activities: [act("page_viewed", ago(5))],
  expected: { raw: 4 * Math.SQRT2 },
});
add({
  name: "exponential decay at age 0 is full",
  document: model([activity("page_viewed", 8)], { halfLifeDays: 10 }),
  contact: contact(),
  activities: [act("page_viewed", T)],
  expected: { raw: 8 },
});
add({
  name: "exponential decay sums per occurrence",
  document: model([activity("page_viewed", 8)], { halfLifeDays: 10 }),
  contact: contact(),
  activities: [act("page_viewed", T), act("page_viewed", ago(10)), act("page_viewed", ago(20))],
  expected: { raw: 8 + 4 + 2 },
});
add({
  name: "exponential decay with a fractional half-life",
  document: model([activity("page_viewed", 8)], { halfLifeDays: 0.5 }),
  contact: contact(),
  activities: [act("page_viewed", ago(1.5))],
  expected: { raw: 1 },
});
add({
  name: "step decay holds until a whole half-life has passed",
  document: model([activity("page_viewed", 8)], { halfLifeDays: 10, decay: "step" }),
  contact: contact(),
  activities: [act("page_viewed", ago(15))],
  expected: { raw: 4 },
});
add({
  name: "step decay halves at exactly one half-life",
  document: model([activity("page_viewed", 8)], { halfLifeDays: 10, decay: "step" }),
  contact: contact(),
  activities: [act("page_viewed", ago(10))],
  expected: { raw: 4 },
});
add({
  name: "step decay one millisecond before the half-life is full",
  document: model([activity("page_viewed", 8)], { halfLifeDays: 10, decay: "step" }),
  contact: contact(),
  activities: [act("page_viewed", ago(10, -1))],
  expected: { raw: 8 },
});
add({
  name: "step decay at exactly two half-lives and just before three",
  document: model([activity("page_viewed", 8)], { halfLifeDays: 10, decay: "step" }),
  contact: contact(),
  activities: [act("page_viewed", ago(20)), act("page_viewed", ago(30, -1))],
  expected: { raw: 2 + 2 },
});
add({
  name: "per-criterion half-life overrides the model's",
  document: model([activity("page_viewed", 8, { halfLifeDays: 20 })], { halfLifeDays: 10 }),
  contact: contact(),
  activities: [act("page_viewed", ago(20))],
  expected: { raw: 4 },
});
add({
  name: "per-criterion null half-life turns decay off",
  document: model([activity("page_viewed", 8, { halfLifeDays: null })], { halfLifeDays: 10 }),
  contact: contact(),
  activities: [act("page_viewed", ago(100))],
  expected: { raw: 8 },
});
add({
  name: "per-criterion half-life decays a model without decay",
  document: model([activity("page_viewed", 8, { halfLifeDays: 5 })], {
    halfLifeDays: null,
    decay: "step",
  }),
  contact: contact(),
  activities: [act("page_viewed", ago(12))],
  expected: { raw: 2 },
});
add({
  name: "no half-life means no decay",
  document: model([activity("page_viewed", 8)], { halfLifeDays: null }),
  contact: contact(),
  activities: [act("page_viewed", ago(1000))],
  expected: { raw: 8 },
});
add({
  name: "filters and inactivity never decay",
  document: model([filter(and(), 10), inactivity("logged_in", -5, 30)], {
    halfLifeDays: 1,
    decay: "step",
  }),
  contact: contact({}, { createdAt: ago(900) }),
  activities: [],
  expected: { raw: 5 },
});
add({
  name: "very old activities decay to (almost) nothing without errors",
  document: model([activity("page_viewed", 8)], { halfLifeDays: 1 }),
  contact: contact(),
  activities: [act("page_viewed", ago(5000)), act("page_viewed", ago(10))],
  expected: { raw: 8 / 1024 },
});

// --- caps -------------------------------------------------------------------------------------
const five = [1, 2, 3, 4, 5].map((d) => act("page_viewed", ago(d)));
add({
  name: "cap limits a positive sum",
  document: model([activity("page_viewed", 10, { maxPoints: 25 })]),
  contact: contact(),
  activities: five,
  expected: { raw: 25 },
});
add({
  name: "cap limits a negative sum by absolute value",
  document: model([activity("page_viewed", -10, { maxPoints: 25 })]),
  contact: contact(),
  activities: five,
  expected: { raw: -25 },
});
add({
  name: "cap above the sum changes nothing",
  document: model([activity("page_viewed", 10, { maxPoints: 25 })]),
  contact: contact(),
  activities: five.slice(0, 2),
  expected: { raw: 20 },
});
add({
  name: "cap applies after decay",
  document: model([activity("page_viewed", 10, { maxPoints: 12 })], { halfLifeDays: 10 }),
  contact: contact(),
  activities: [act("page_viewed", T), act("page_viewed", ago(10))],
  expected: { raw: 12 },
});
add({
  name: "cap with a decayed sum under it",
  document: model([activity("page_viewed", 10, { maxPoints: 16 })], {
    halfLifeDays: 10,
    decay: "step",
  }),
  contact: contact(),
  activities: [act("page_viewed", ago(10)), act("page_viewed", ago(20))],
  expected: { raw: 7.5 },
});

// --- inactivity -------------------------------------------------------------------------------
const old = { createdAt: ago(365) };
add({
  name: "inactivity with no activity ever",
  document: model([inactivity("logged_in", -20, 30)]),
  contact: contact({}, old),
  activities: [],
  expected: { raw: -20 },
});
add({
  name: "inactivity is broken by an activity in the window",
  document: model([inactivity("logged_in", -20, 30)]),
  contact: contact({}, old),
  activities: [act("logged_in", ago(10))],
  expected: { raw: 0 },
});
add({
  name: "inactivity: an activity at exactly T − N days is outside the window",
  document: model([inactivity("logged_in", -20, 30)]),
  contact: contact({}, old),
  activities: [act("logged_in", ago(30))],
  expected: { raw: -20 },
});
add({
  name: "inactivity: an activity at T − N days + 1 ms is inside the window",
  document: model([inactivity("logged_in", -20, 30)]),
  contact: contact({}, old),
  activities: [act("logged_in", ago(30, -1))],
  expected: { raw: 0 },
});
add({
  name: "inactivity: an activity at exactly T is inside the window",
  document: model([inactivity("logged_in", -20, 30)]),
  contact: contact({}, old),
  activities: [act("logged_in", T)],
  expected: { raw: 0 },
});
add({
  name: "inactivity: a contact created exactly N days ago is eligible",
  document: model([inactivity("logged_in", -20, 30)]),
  contact: contact({}, { createdAt: ago(30) }),
  activities: [],
  expected: { raw: -20 },
});
add({
  name: "inactivity: a contact 1 ms too young is not",
  document: model([inactivity("logged_in", -20, 30)]),
  contact: contact({}, { createdAt: ago(30, -1) }),
  activities: [],
  expected: { raw: 0 },
});
add({
  name: "inactivity ignores future activities",
  document: model([inactivity("logged_in", -20, 30)]),
  contact: contact({}, old),
  activities: [act("logged_in", ago(0, -1)), act("logged_in", ago(-1))],
  expected: { raw: -20 },
});
add({
  name: "inactivity ignores other activity types",
  document: model([inactivity("logged_in", -20, 30)]),
  contact: contact({}, old),
  activities: [act("email_opened", ago(1))],
  expected: { raw: -20 },
});
add({
  name: "inactivity where: only matching activities break it",
  document: model([inactivity("logged_in", -20, 30, rule("property.method", "eq", "password"))]),
  contact: contact({}, old),
  activities: [act("logged_in", ago(1), { method: "sso" }), act("logged_in", ago(2))],
  expected: { raw: -20 },
});
add({
  name: "inactivity where: a matching activity breaks it",
  document: model([inactivity("logged_in", -20, 30, rule("property.method", "eq", "password"))]),
  contact: contact({}, old),
  activities: [act("logged_in", ago(1), { method: "PASSWORD" })],
  expected: { raw: 0 },
});
add({
  name: "inactivity where on a contact field",
  document: model([inactivity("logged_in", -20, 30, rule("contact.vip", "is_true"))]),
  contact: contact({ vip: false }, old),
  activities: [act("logged_in", ago(1))],
  expected: { raw: -20 },
});
add({
  name: "inactivity with fractional days",
  document: model([inactivity("logged_in", 7, 0.25)]),
  contact: contact({}, old),
  activities: [act("logged_in", ago(0.25))],
  expected: { raw: 7 },
});
add({
  name: "several inactivity criteria on one type with different windows",
  document: model([
    inactivity("logged_in", -10, 7),
    inactivity("logged_in", -20, 30),
    inactivity("logged_in", -40, 90),
  ]),
  contact: contact({}, old),
  activities: [act("logged_in", ago(45))],
  expected: { raw: -30 },
});

// --- a mixed model ------------------------------------------------------------------------------
add({
  name: "the SPEC example model",
  document: model(
    [
      { ...filter(rule("contact.country", "in", ["US", "GB"]), 10), id: "c1" },
      {
        ...activity("page_viewed", 5, {
          where: rule("property.url", "contains", "/pricing"),
          maxPoints: 25,
        }),
        id: "c2",
      },
      { ...inactivity("logged_in", -20, 30), id: "c3" },
    ],
    { halfLifeDays: 30 },
  ),
  contact: contact({ country: "US" }, old),
  activities: [
    act("page_viewed", ago(30), { url: "/pricing" }),
    act("page_viewed", ago(60), { url: "/pricing" }),
    act("logged_in", ago(40)),
  ],
  expected: { raw: 10 + 2.5 + 1.25 - 20 },
});

// --- scale, stars and bands --------------------------------------------------------------------
function pointsCase(
  name: string,
  points: number,
  expected: ScoringCase["expected"],
  opts: { scale?: Scale; bands?: Band[]; scaleReference?: number | null } = {},
): void {
  add({
    name,
    document: model([filter(and(), points)], opts),
    contact: contact(),
    activities: [],
    ...(opts.scaleReference !== undefined ? { scaleReference: opts.scaleReference } : {}),
    expected,
  });
}
const fixed50: Scale = { kind: "fixed", maxPoints: 50 };
pointsCase(
  "fixed scale: 20 of 50 is 40",
  20,
  { raw: 20, score: 40, stars: 2, band: "Warm" },
  { scale: fixed50 },
);
pointsCase("stars: score 25 rounds half up to 1.5", 25, {
  raw: 25,
  score: 25,
  stars: 1.5,
  band: "Cold",
});
pointsCase("stars: score 24.999 rounds down to 1", 24.999, {
  raw: 24.999,
  score: 24.999,
  stars: 1,
  band: "Cold",
});
pointsCase("stars: score 5 is half a star", 5, { raw: 5, score: 5, stars: 0.5 });
pointsCase("stars: score 4.99 is no star", 4.99, { raw: 4.99, score: 4.99, stars: 0 });
pointsCase("stars: score 95 is five stars", 95, { raw: 95, score: 95, stars: 5, band: "Hot" });
pointsCase("stars: score 94.9 is four and a half", 94.9, {
  raw: 94.9,
  score: 94.9,
  stars: 4.5,
  band: "Hot",
});
pointsCase("bands: exactly 40 is Warm", 40, { raw: 40, score: 40, stars: 2, band: "Warm" });
pointsCase("bands: 39.99 is Cold", 39.99, { raw: 39.99, score: 39.99, stars: 2, band: "Cold" });
pointsCase("bands: exactly 70 is Hot", 70, { raw: 70, score: 70, stars: 3.5, band: "Hot" });
pointsCase("fixed scale clamps at 100", 150, { raw: 150, score: 100, stars: 5, band: "Hot" });
pointsCase("fixed scale clamps negative raw at 0", -5, {
  raw: -5,
  score: 0,
  stars: 0,
  band: "Cold",
});
const grades: Band[] = [
  { label: "F", color: "red", min: 0 },
  { label: "D", color: "orange", min: 60 },
  { label: "C", color: "yellow", min: 70 },
  { label: "B", color: "lime", min: 80 },
  { label: "A", color: "green", min: 90 },
];
pointsCase(
  "letter-grade bands",
  85,
  { raw: 85, score: 85, stars: 4.5, band: "B" },
  { bands: grades },
);
pointsCase(
  "letter-grade bands at the top",
  100,
  { raw: 100, score: 100, stars: 5, band: "A" },
  { bands: grades },
);
const p90: Scale = { kind: "percentile", percentile: 90 };
pointsCase(
  "percentile scale: raw / R",
  10,
  { raw: 10, score: 25, stars: 1.5, band: "Cold" },
  { scale: p90, scaleReference: 40 },
);
pointsCase(
  "percentile scale: above R clamps at 100",
  50,
  { raw: 50, score: 100, stars: 5, band: "Hot" },
  { scale: p90, scaleReference: 40 },
);
pointsCase(
  "percentile scale without R scores 0",
  10,
  { raw: 10, score: 0, stars: 0, band: "Cold" },
  { scale: p90, scaleReference: null },
);
pointsCase(
  "percentile scale with R = 0 scores 0",
  10,
  { raw: 10, score: 0, stars: 0, band: "Cold" },
  { scale: p90, scaleReference: 0 },
);
pointsCase(
  "percentile scale with a negative raw scores 0",
  -10,
  { raw: -10, score: 0, stars: 0 },
  { scale: p90, scaleReference: 40 },
);
pointsCase(
  "percentile scale with a fractional R",
  1,
  { raw: 1, score: 40, stars: 2, band: "Warm" },
  { scale: p90, scaleReference: 2.5 },
);

export const CASES: readonly ScoringCase[] = cases;
