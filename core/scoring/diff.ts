/**
 * A readable difference between two model documents (e.g. two published versions), in the words
 * a marketer uses: "Points: +5 → +10", "Condition: URL contains "/pricing" → URL contains
 * "/plans"". Criteria are matched by id, so a renamed criterion is "changed", not "removed and
 * added". Pure: runs in the browser and on the server.
 */
import { OPERATOR_PHRASES as PHRASE } from "./phrases";
import type { Band, Condition, Criterion, ModelDocument, Rule } from "./document";

export interface FieldChange {
  /** What changed, e.g. "Points", "Half-life". */
  field: string;
  from: string;
  to: string;
}

export interface CriterionSummary {
  id: string;
  label: string;
  kind: Criterion["kind"];
  /** One line: "+5 pts per Page viewed where URL contains "/pricing"". */
  summary: string;
}

export interface CriterionChange {
  id: string;
  label: string;
  kind: Criterion["kind"];
  changes: FieldChange[];
}

export interface ModelDiff {
  settings: FieldChange[];
  added: CriterionSummary[];
  removed: CriterionSummary[];
  changed: CriterionChange[];
  /** True when nothing differs (criteria order aside, which never changes a score). */
  same: boolean;
}

const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });

function num(n: number): string {
  return NUMBER.format(n);
}

function points(n: number): string {
  return n > 0 ? `+${num(n)}` : num(n);
}

function days(n: number): string {
  return `${num(n)} ${n === 1 ? "day" : "days"}`;
}

function fieldName(field: string): string {
  const dot = field.indexOf(".");
  return dot >= 0 ? field.slice(dot + 1) : field;
}

function valueText(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return num(value);
  if (Array.isArray(value)) return value.map(valueText).join(", ");
  if (value === undefined || value === null) return "";
  return JSON.stringify(value);
}

export function describeRule(rule: Rule): string {
  const phrase = PHRASE[rule.operator] ?? rule.operator;
  let value = valueText(rule.value);
  if (rule.operator === "between" && Array.isArray(rule.value)) {
    value = `${valueText(rule.value[0])} and ${valueText(rule.value[1])}`;
  } else if (rule.operator === "within_last_days") value = `${value} days`;
  else if (rule.operator === "more_than_days_ago") value = `${value} days ago`;
  return [fieldName(rule.field), phrase, value].filter(Boolean).join(" ");
}

/** A condition tree on one line: `country is "US" and (url contains "/a" or …)`. */
export function describeCondition(cond: Condition | null, nested = false): string {
  if (cond === null) return "any";
  if (cond.kind === "rule") return describeRule(cond);
  if (cond.children.length === 0) {
    const holds = (cond.combinator === "and") !== (cond.negate ?? false);
    return holds ? "always" : "never";
  }
  const inner = cond.children
    .map((c) => describeCondition(c, true))
    .join(cond.combinator === "and" ? " and " : " or ");
  if (cond.negate) return `not (${inner})`;
  return nested && cond.children.length > 1 ? `(${inner})` : inner;
}

export function summarizeCriterion(c: Criterion): string {
  switch (c.kind) {
    case "filter":
      return `${points(c.points)} pts when ${describeCondition(c.where)}`;
    case "activity":
      return `${points(c.points)} pts per ${c.activity}${c.where ? ` where ${describeCondition(c.where)}` : ""}`;
    case "inactivity":
      return `${points(c.points)} pts when no ${c.activity}${c.where ? ` where ${describeCondition(c.where)}` : ""} for ${days(c.days)}`;
  }
}

const KIND_WORD: Record<Criterion["kind"], string> = {
  filter: "Filter",
  activity: "Activity",
  inactivity: "Inactivity",
};

function halfLifeText(h: number | null | undefined, inherited = false): string {
  if (h === undefined) return inherited ? "model default" : "none";
  return h === null ? "no decay" : days(h);
}

function scaleText(s: ModelDocument["scale"]): string {
  return s.kind === "fixed"
    ? `fixed, ${num(s.maxPoints)} points = 100`
    : `percentile ${num(s.percentile)}`;
}

function bandsText(bands: Band[]): string {
  return bands.map((b) => `${b.label} (${b.color}) from ${num(b.min)}`).join(", ");
}

function push(out: FieldChange[], field: string, from: string, to: string): void {
  if (from !== to) out.push({ field, from, to });
}

function criterionChanges(a: Criterion, b: Criterion): FieldChange[] {
  const out: FieldChange[] = [];
  push(out, "Type", KIND_WORD[a.kind], KIND_WORD[b.kind]);
  push(out, "Label", a.label, b.label);
  push(out, "Points", points(a.points), points(b.points));
  const activityOf = (c: Criterion) => (c.kind === "filter" ? "" : c.activity);
  push(out, "Activity", activityOf(a) || "—", activityOf(b) || "—");
  push(out, "Condition", describeCondition(a.where), describeCondition(b.where));
  const cap = (c: Criterion) =>
    c.kind === "activity" && c.maxPoints !== undefined ? `${num(c.maxPoints)} pts` : "none";
  push(out, "Cap", cap(a), cap(b));
  const half = (c: Criterion) => (c.kind === "activity" ? halfLifeText(c.halfLifeDays, true) : "—");
  push(out, "Half-life", half(a), half(b));
  const window = (c: Criterion) => (c.kind === "inactivity" ? days(c.days) : "—");
  push(out, "Inactive for", window(a), window(b));
  return out;
}

function summary(c: Criterion): CriterionSummary {
  return { id: c.id, label: c.label, kind: c.kind, summary: summarizeCriterion(c) };
}

/** What changed from `from` to `to`. */
export function diffDocuments(from: ModelDocument, to: ModelDocument): ModelDiff {
  const settings: FieldChange[] = [];
  push(settings, "Name", from.name, to.name);
  push(settings, "Emoji", from.emoji, to.emoji);
  push(settings, "Kind", from.kind, to.kind);
  push(settings, "Half-life", halfLifeText(from.halfLifeDays), halfLifeText(to.halfLifeDays));
  push(settings, "Decay", from.decay, to.decay);
  push(settings, "Scale", scaleText(from.scale), scaleText(to.scale));
  push(settings, "Bands", bandsText(from.bands), bandsText(to.bands));

  const before = new Map(from.criteria.map((c) => [c.id, c]));
  const after = new Map(to.criteria.map((c) => [c.id, c]));
  const added = to.criteria.filter((c) => !before.has(c.id)).map(summary);
  const removed = from.criteria.filter((c) => !after.has(c.id)).map(summary);
  const changed: CriterionChange[] = [];
  for (const c of to.criteria) {
    const old = before.get(c.id);
    if (!old) continue;
    const changes = criterionChanges(old, c);
    if (changes.length) changed.push({ id: c.id, label: c.label, kind: c.kind, changes });
  }
  return {
    settings,
    added,
    removed,
    changed,
    same: !settings.length && !added.length && !removed.length && !changed.length,
  };
}
