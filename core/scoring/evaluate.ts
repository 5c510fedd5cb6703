/**
 * The reference evaluator (SPEC §3–§4): plain TypeScript, one contact at a time. It is the test
 * oracle for the compiled SQL, and it backs the explanation ledger and single-contact reads.
 * Every rule is read through `planRule` (rules.ts), exactly as compile-sql reads it.
 *
 * Ledger choices the spec leaves open (CriterionResult):
 * - filter: occurrences = 1 when the condition holds, else 0; undecayed = contribution;
 *   nextChangeAt = null (time-relative date rules in filters are not forecast).
 * - activity: occurrences = matching activities with occurredAt ≤ T; undecayed = points × occurrences;
 *   nextChangeAt = the earliest of (a) the next instant > T at which a counted occurrence completes
 *   another whole half-life (occurredAt + k·h days; for exponential decay too, as the visible
 *   "halves on" date) and (b) the earliest matching activity after T. Caps are not looked through:
 *   a capped sum may stay at the cap across a halving. Zero points never change: null.
 * - inactivity: occurrences = matching activities inside the window (T − days, T], the ones that
 *   keep the contact active; nextChangeAt = when not matched, the first instant > T at which it
 *   becomes inactive (contact old enough and the window empty, taking already-stored future
 *   activities into account); when matched, the earliest matching activity after T, else null.
 * - Future activities are matched with `where` evaluated at T.
 * Instants are rounded up to the millisecond and checked, so evaluating at nextChangeAt shows the
 * change and evaluating one millisecond earlier does not.
 */
import type {
  ActivityCriterion,
  Band,
  Condition,
  Criterion,
  FilterCriterion,
  InactivityCriterion,
  ModelDocument,
  Scale,
} from "./document";
import { foldText } from "./fold";
import { parseIsoInstant } from "./iso";
import type { FieldRef, Registry } from "./registry";
import { DAY_MS, daysBefore, planRule, type Operand } from "./rules";

export interface ContactInput {
  createdAt: Date;
  email?: string | null;
  fields: Record<string, unknown>;
}

export interface ActivityInput {
  type: string;
  occurredAt: Date;
  properties: Record<string, unknown>;
}

export interface EvaluateOptions {
  at: Date;
  registry: Registry;
  /** Percentile scales: the reference raw R from the last full refresh. */
  scaleReference?: number | null;
}

export interface CriterionResult {
  id: string;
  label: string;
  kind: "filter" | "activity" | "inactivity";
  matched: boolean;
  occurrences: number;
  points: number;
  undecayed: number;
  contribution: number;
  capped: boolean;
  nextChangeAt: Date | null;
}

export interface Evaluation {
  raw: number;
  score: number;
  stars: number;
  band: string;
  criteria: CriterionResult[];
}

/** What a condition can see: the contact, and inside an activity criterion the activity. */
export interface ConditionScope {
  contact: ContactInput;
  activity?: ActivityInput | null;
}

export interface ConditionOptions {
  at: Date;
  registry: Registry;
}

export function evaluate(
  doc: ModelDocument,
  contact: ContactInput,
  activities: ActivityInput[],
  opts: EvaluateOptions,
): Evaluation {
  const criteria = doc.criteria.map((c) => evaluateCriterion(doc, c, contact, activities, opts));
  let raw = 0;
  for (const c of criteria) raw += c.contribution;
  const score = scoreFromRaw(raw, doc.scale, opts.scaleReference);
  return { raw, score, stars: starsFromScore(score), band: bandFor(score, doc.bands), criteria };
}

function evaluateCriterion(
  doc: ModelDocument,
  criterion: Criterion,
  contact: ContactInput,
  activities: ActivityInput[],
  opts: EvaluateOptions,
): CriterionResult {
  switch (criterion.kind) {
    case "filter":
      return evaluateFilter(criterion, contact, opts);
    case "activity":
      return evaluateActivity(doc, criterion, contact, activities, opts);
    case "inactivity":
      return evaluateInactivity(criterion, contact, activities, opts);
  }
}

function base(c: Criterion) {
  return { id: c.id, label: c.label, kind: c.kind, points: c.points };
}

function evaluateFilter(
  c: FilterCriterion,
  contact: ContactInput,
  opts: EvaluateOptions,
): CriterionResult {
  const matched = evaluateCondition(c.where, { contact }, opts);
  const contribution = matched ? c.points : 0;
  return {
    ...base(c),
    matched,
    occurrences: matched ? 1 : 0,
    undecayed: contribution,
    contribution,
    capped: false,
    nextChangeAt: null,
  };
}

/** Matching activities of the criterion's type, as epoch ms, in input order. */
function matchingTimes(
  c: ActivityCriterion | InactivityCriterion,
  contact: ContactInput,
  activities: ActivityInput[],
  opts: ConditionOptions,
): number[] {
  const times: number[] = [];
  for (const activity of activities) {
    if (activity.type !== c.activity) continue;
    const t = activity.occurredAt.getTime();
    if (!Number.isFinite(t)) continue;
    if (c.where !== null && !evaluateCondition(c.where, { contact, activity }, opts)) continue;
    times.push(t);
  }
  return times;
}

/** The criterion's half-life in days: its own if the key is present (null = none), else the model's. */
export function effectiveHalfLife(doc: ModelDocument, c: ActivityCriterion): number | null {
  return c.halfLifeDays !== undefined ? c.halfLifeDays : doc.halfLifeDays;
}

/** Half-lives elapsed; the same float operations as the SQL: ((T − t) / day) / h. */
function halfLives(atMs: number, t: number, h: number): number {
  return (atMs - t) / DAY_MS / h;
}

export function decayFactor(halfLivesElapsed: number, mode: ModelDocument["decay"]): number {
  return mode === "step" ? 0.5 ** Math.floor(halfLivesElapsed) : 0.5 ** halfLivesElapsed;
}

/** sign(s) × min(|s|, cap); the SQL applies the same formula. */
export function applyCap(sum: number, maxPoints: number | undefined): number {
  return maxPoints === undefined ? sum : Math.sign(sum) * Math.min(Math.abs(sum), maxPoints);
}

function evaluateActivity(
  doc: ModelDocument,
  c: ActivityCriterion,
  contact: ContactInput,
  activities: ActivityInput[],
  opts: EvaluateOptions,
): CriterionResult {
  const atMs = opts.at.getTime();
  const h = effectiveHalfLife(doc, c);
  let occurrences = 0;
  let decayed = 0;
  let nextFuture: number | null = null;
  let nextHalving: number | null = null;
  for (const t of matchingTimes(c, contact, activities, opts)) {
    if (t > atMs) {
      nextFuture = nextFuture === null ? t : Math.min(nextFuture, t);
      continue;
    }
    occurrences += 1;
    if (h !== null) {
      decayed += c.points * decayFactor(halfLives(atMs, t, h), doc.decay);
      const halving = nextHalvingAt(atMs, t, h);
      if (halving !== null)
        nextHalving = nextHalving === null ? halving : Math.min(nextHalving, halving);
    }
  }
  // Without decay every occurrence is worth exactly `points`: one multiplication, as in SQL.
  const sum = h === null ? c.points * occurrences : decayed;
  const contribution = applyCap(sum, c.maxPoints);
  const candidates = [nextFuture, nextHalving].filter((x): x is number => x !== null);
  return {
    ...base(c),
    matched: occurrences > 0,
    occurrences,
    undecayed: c.points * occurrences,
    contribution,
    capped: c.maxPoints !== undefined && Math.abs(sum) > c.maxPoints,
    nextChangeAt:
      c.points === 0 || candidates.length === 0 ? null : new Date(Math.min(...candidates)),
  };
}

/** First whole ms > T at which occurrence t has completed floor(x) + 1 half-lives. */
function nextHalvingAt(atMs: number, t: number, h: number): number | null {
  const k = Math.floor(halfLives(atMs, t, h)) + 1;
  const reached = (ms: number) => Math.floor(halfLives(ms, t, h)) >= k;
  let candidate = Math.ceil(t + k * h * DAY_MS);
  if (!Number.isFinite(candidate) || Math.abs(candidate) > 8.64e15) return null;
  // Float rounding can put the estimate a millisecond off either way; settle on the exact first.
  while (candidate - 1 > atMs && reached(candidate - 1)) candidate -= 1;
  while (!reached(candidate)) candidate += 1;
  return Math.max(candidate, atMs + 1);
}

function evaluateInactivity(
  c: InactivityCriterion,
  contact: ContactInput,
  activities: ActivityInput[],
  opts: EvaluateOptions,
): CriterionResult {
  const atMs = opts.at.getTime();
  const createdMs = contact.createdAt.getTime();
  const times = matchingTimes(c, contact, activities, opts);
  const inactiveAt = (ms: number): boolean => {
    const threshold = daysBefore(ms, c.days);
    return createdMs <= threshold && !times.some((t) => threshold < t && t <= ms);
  };
  const threshold = daysBefore(atMs, c.days);
  const inWindow = times.filter((t) => threshold < t && t <= atMs).length;
  const matched = inactiveAt(atMs);

  let next: number | null = null;
  if (c.points !== 0) {
    if (matched) {
      const future = times.filter((t) => t > atMs);
      next = future.length > 0 ? Math.min(...future) : null;
    } else {
      // It becomes inactive `days` after the contact's creation or after one of its activities.
      const daysMs = c.days * DAY_MS;
      const candidates = [createdMs, ...times]
        .map((x) => Math.ceil(x + daysMs))
        .filter((x) => Number.isFinite(x) && Math.abs(x) <= 8.64e15)
        .sort((a, b) => a - b);
      for (const candidate of candidates) {
        const found = [candidate - 1, candidate, candidate + 1].find(
          (ms) => ms > atMs && inactiveAt(ms),
        );
        if (found !== undefined) {
          next = found;
          break;
        }
      }
    }
  }
  const contribution = matched ? c.points : 0;
  return {
    ...base(c),
    matched,
    occurrences: inWindow,
    undecayed: contribution,
    contribution,
    capped: false,
    nextChangeAt: next === null ? null : new Date(next),
  };
}

// ---------------------------------------------------------------------------------------------
// Conditions

export function evaluateCondition(
  cond: Condition,
  scope: ConditionScope,
  opts: ConditionOptions,
): boolean {
  if (cond.kind === "group") {
    const result =
      cond.combinator === "and"
        ? cond.children.every((child) => evaluateCondition(child, scope, opts))
        : cond.children.some((child) => evaluateCondition(child, scope, opts));
    return cond.negate === true ? !result : result;
  }
  const activity = scope.activity ?? null;
  const plan = planRule(cond, opts.registry, {
    allowProperties: activity !== null,
    activity: activity?.type ?? null,
  });
  if (plan.kind === "const") return plan.value;
  const value = readValue(plan.ref, scope);
  return testValue(plan.operator, plan.operand, value, opts.at.getTime());
}

type Value = string | number | boolean | null;

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * A field's value as its registry type, or null when absent, null, or of the wrong JSON type
 * (the SQL's `jsonb_typeof` guard does the same).
 */
function readValue(ref: FieldRef, scope: ConditionScope): Value {
  if (ref.source === "column") {
    if (ref.column === "email")
      return typeof scope.contact.email === "string" ? scope.contact.email : null;
    const ms = scope.contact.createdAt.getTime();
    return Number.isFinite(ms) ? ms : null;
  }
  const raw =
    ref.source === "contact"
      ? own(scope.contact.fields, ref.key)
      : scope.activity
        ? own(scope.activity.properties, ref.key)
        : undefined;
  switch (ref.type) {
    case "text":
    case "enum":
      return typeof raw === "string" ? raw : null;
    case "number":
      return typeof raw === "number" && Number.isFinite(raw) ? raw : null;
    case "boolean":
      return typeof raw === "boolean" ? raw : null;
    case "date":
      return parseIsoInstant(raw);
  }
}

function testValue(operator: string, operand: Operand, value: Value, atMs: number): boolean {
  if (operator === "is_set") return value !== null;
  if (operator === "is_not_set") return value === null;
  if (value === null) return false;

  if (typeof value === "string") {
    const v = foldText(value);
    if (operand.kind === "text") {
      const o = foldText(operand.value);
      switch (operator) {
        case "eq":
          return v === o;
        case "neq":
          return v !== o;
        case "contains":
          return v.includes(o);
        case "not_contains":
          return !v.includes(o);
        case "starts_with":
          return v.startsWith(o);
        case "ends_with":
          return v.endsWith(o);
      }
    }
    if (operand.kind === "texts") {
      const found = operand.values.some((x) => foldText(x) === v);
      if (operator === "in") return found;
      if (operator === "not_in") return !found;
    }
    return false;
  }
  if (typeof value === "boolean") {
    if (operator === "is_true") return value;
    if (operator === "is_false") return !value;
    return false;
  }
  // Numbers and dates (epoch ms) are both numbers; the operand kind tells them apart.
  switch (operand.kind) {
    case "number":
      switch (operator) {
        case "eq":
          return value === operand.value;
        case "neq":
          return value !== operand.value;
        case "gt":
          return value > operand.value;
        case "gte":
          return value >= operand.value;
        case "lt":
          return value < operand.value;
        case "lte":
          return value <= operand.value;
      }
      return false;
    case "range":
      return operand.min <= value && value <= operand.max;
    case "instant":
      if (operator === "before") return value < operand.ms;
      if (operator === "after") return value > operand.ms;
      return false;
    case "days": {
      const threshold = daysBefore(atMs, operand.days);
      if (operator === "within_last_days") return threshold < value && value <= atMs;
      if (operator === "more_than_days_ago") return value <= threshold;
      return false;
    }
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Score, stars, band

/** Below this fraction of the scale the score is 0 (see `ratioScore`). */
export const SCORE_UNDERFLOW_FRACTION = 1e-300;
/** Above this scale, divide before multiplying so 100 × raw cannot overflow. */
export const SCORE_LARGE_SCALE = 1e306;
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * The lower cut-off for a scale M: raws below it score 0. Postgres raises an error where IEEE
 * arithmetic would quietly underflow to 0, so the SQL must never compute a ratio that small; the
 * evaluator applies the same cut-off so both give exactly the same number.
 */
export function scoreCutoff(scaleMax: number): number {
  const cutoff = scaleMax * SCORE_UNDERFLOW_FRACTION;
  return cutoff < MIN_NORMAL ? 0 : cutoff;
}

/** clamp(100 · raw / M, 0, 100), written so that no step can overflow or underflow. */
export function ratioScore(raw: number, scaleMax: number): number {
  if (!(raw > 0)) return 0;
  if (raw >= scaleMax) return 100;
  if (raw < scoreCutoff(scaleMax)) return 0;
  const ratio = scaleMax > SCORE_LARGE_SCALE ? (raw / scaleMax) * 100 : (100 * raw) / scaleMax;
  return Math.min(ratio, 100);
}

export function scoreFromRaw(raw: number, scale: Scale, scaleReference?: number | null): number {
  const scaleMax = scale.kind === "fixed" ? scale.maxPoints : scaleReference;
  if (
    scaleMax === null ||
    scaleMax === undefined ||
    !(scaleMax > 0) ||
    !Number.isFinite(scaleMax)
  ) {
    return 0;
  }
  return ratioScore(raw, scaleMax);
}

/** round_half_up(score / 10) / 2: 0, 0.5, …, 5. */
export function starsFromScore(score: number): number {
  return Math.floor(score / 10 + 0.5) / 2;
}

/** The last band whose min ≤ score ("" when none, which a valid document never allows). */
export function bandFor(score: number, bands: Band[]): string {
  let label = "";
  for (const band of bands) if (band.min <= score) label = band.label;
  return label;
}

/**
 * The p-th percentile (nearest rank) of the positive raws: rank = max(1, ceil(p/100 · n)) in
 * ascending order, which is Postgres `percentile_disc(p / 100)`. Null when no raw is positive.
 */
export function percentileReference(raws: number[], percentile: number): number | null {
  const positive = raws.filter((r) => r > 0).sort((a, b) => a - b);
  if (positive.length === 0) return null;
  const rank = Math.max(1, Math.ceil((percentile / 100) * positive.length));
  return positive[Math.min(rank, positive.length) - 1] ?? null;
}
