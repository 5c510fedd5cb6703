/**
 * Compiles a model document into set-based SQL (Drizzle `sql` fragments) that agrees with
 * `evaluate.ts` (ADR 0002).
 *
 * Safety: every value is a bound parameter with an explicit cast (PGlite infers no parameter
 * types); identifiers come only from `SqlNames` and fixed aliases. Registry keys and activity types
 * are parameters too, never identifiers. There is no `sql.raw` in this file.
 *
 * Agreement with the evaluator:
 * - A rule is read by `planRule`, like the evaluator; every rule is `coalesce(…, false)`.
 * - JSON values are used only when `jsonb_typeof` matches the field type; dates only when the
 *   string matches `ISO_INSTANT_PATTERN` (so the timestamptz cast can never raise).
 * - Instants are compared as float8 epoch milliseconds truncated like a JS Date
 *   (`floor(extract(epoch …) * 1000)`, exact numeric on PG ≥ 14); thresholds such as T − N days
 *   are computed once in JS and bound, so both sides compare the very same doubles.
 * - Decay is `points * power(0.5, ((T − t) / 86400000) / h)` in the same operation order as JS.
 * - Postgres raises on float8 underflow where IEEE quietly returns 0, so a decayed term never goes
 *   below 2^-1000 in magnitude (far below the 1e-9 tolerance; see `decayedPoints`), and the score
 *   formula is the guarded `ratioScore` shared with the evaluator.
 *
 * Shape (1M contacts / 10M activities): one pass over the workspace's activities of the model's
 * types up to T, grouped by contact with one `FILTER` aggregate per criterion, LEFT JOINed to the
 * contacts. Contacts are joined inside that pass only when an activity condition reads `contact.*`.
 */
import { sql, type SQL } from "drizzle-orm";
import type {
  ActivityCriterion,
  Band,
  Condition,
  InactivityCriterion,
  ModelDocument,
  Scale,
} from "./document";
import { effectiveHalfLife, SCORE_LARGE_SCALE, scoreCutoff } from "./evaluate";
import { FOLD_COMMON_FROM, FOLD_COMMON_TO, FOLD_FROM, FOLD_RARE_PATTERN, FOLD_TO } from "./fold";
import { ISO_INSTANT_PATTERN } from "./iso";
import { CONTACT_PREFIX, type FieldRef, type Registry } from "./registry";
import { DAY_MS, daysBefore, planRule, type RulePlan } from "./rules";

/** Table and column names; override to point the compiler at other tables (e.g. a staging copy). */
export interface SqlNames {
  contacts: string;
  contactWorkspaceId: string;
  contactId: string;
  contactEmail: string;
  contactCreatedAt: string;
  contactFields: string;
  activities: string;
  activityWorkspaceId: string;
  activityContactId: string;
  activityType: string;
  activityOccurredAt: string;
  activityProperties: string;
}

export const DEFAULT_SQL_NAMES: Readonly<SqlNames> = {
  contacts: "contacts",
  contactWorkspaceId: "workspace_id",
  contactId: "id",
  contactEmail: "email",
  contactCreatedAt: "created_at",
  contactFields: "fields",
  activities: "activities",
  activityWorkspaceId: "workspace_id",
  activityContactId: "contact_id",
  activityType: "type",
  activityOccurredAt: "occurred_at",
  activityProperties: "properties",
};

export interface CompileOptions {
  workspaceId: string;
  at: Date;
  registry: Registry;
  /** Only these contacts (e.g. the ones an ingest touched). Keep batches well under 60k ids. */
  contactIds?: number[];
  /**
   * Only contacts with `after < id ≤ upTo`: how a full rescore walks the workspace in chunks. A range
   * keeps the activity scan on the `(workspace_id, contact_id, …)` index, where a long id list makes
   * the planner read the whole activities table for every chunk.
   */
  contactRange?: { after: number; upTo: number };
  names?: Partial<SqlNames>;
}

export interface ConditionContext {
  registry: Registry;
  /** The evaluation instant T. */
  at: Date;
  names?: Partial<SqlNames>;
  /** Alias of the contacts row in scope. */
  contactAlias: string;
  /** Alias of the activities row in scope: set inside an activity or inactivity criterion. */
  activityAlias?: string | null;
  /** That activity's type, for property types. */
  activityType?: string | null;
}

// Dates a JS Date and Postgres both represent as ISO text: years 0001–9999.
const MIN_ISO_MS = -62_135_596_800_000;
const MAX_ISO_MS = 253_402_300_799_999;
/** Decay terms below 2^-MAX_HALVINGS of a point are dropped: see the header. */
const MAX_HALVINGS = 1000;
/** Below this half-life, x = age / h could overflow float8. */
const MIN_SAFE_HALF_LIFE = 1e-200;

function names(partial: Partial<SqlNames> | undefined): SqlNames {
  return { ...DEFAULT_SQL_NAMES, ...partial };
}

function col(alias: string, column: string): SQL {
  return sql`${sql.identifier(alias)}.${sql.identifier(column)}`;
}

/** A float8 parameter; infinities become constants (a driver may not send them as text). */
function f8(value: number): SQL {
  if (Number.isNaN(value)) throw new Error("compile-sql: NaN cannot be bound");
  if (value === Infinity) return sql`'Infinity'::float8`;
  if (value === -Infinity) return sql`'-Infinity'::float8`;
  return sql`${value}::float8`;
}

/** A timestamptz at an integer epoch ms; out of the ISO range it becomes ±infinity. */
function ts(ms: number): SQL {
  if (!(ms >= MIN_ISO_MS)) return sql`'-infinity'::timestamptz`;
  if (ms > MAX_ISO_MS) return sql`'infinity'::timestamptz`;
  return sql`${new Date(ms).toISOString()}::timestamptz`;
}

/**
 * For an integer-ms instant t (as a JS Date reads it): `ms(t) > threshold` ⇔ `t >= firstAfter`.
 * Comparing the raw timestamptz keeps the predicate indexable.
 */
function firstMsAfter(threshold: number): number {
  return Math.floor(threshold) + 1;
}

/** Epoch ms of a timestamptz, truncated to the millisecond like a JS Date. */
function epochMs(timestamp: SQL): SQL {
  return sql`floor(extract(epoch from ${timestamp}) * 1000)::float8`;
}

function typedJson(json: SQL, ref: FieldRef): SQL {
  switch (ref.type) {
    case "text":
    case "enum":
      return sql`(CASE WHEN jsonb_typeof(${json}) = 'string' THEN ${json} #>> '{}' END)`;
    case "boolean":
      return sql`(CASE WHEN jsonb_typeof(${json}) = 'boolean' THEN (${json})::boolean END)`;
    case "number":
      // jsonb numbers are numeric: one outside float8's range would make the cast raise.
      return sql`(CASE WHEN jsonb_typeof(${json}) = 'number' THEN (CASE WHEN abs((${json})::numeric) <= 1.7976931348623157e308 AND ((${json})::numeric = 0 OR abs((${json})::numeric) >= 2.5e-324) THEN (${json})::float8 END) END)`;
    case "date":
      return sql`(CASE WHEN jsonb_typeof(${json}) = 'string' THEN (CASE WHEN (${json} #>> '{}') ~ ${ISO_INSTANT_PATTERN}::text THEN ${epochMs(sql`(${json} #>> '{}')::timestamptz`)} END) END)`;
  }
}

function valueSql(ref: FieldRef, ctx: ConditionContext, n: SqlNames): SQL {
  if (ref.source === "column") {
    return ref.column === "email"
      ? col(ctx.contactAlias, n.contactEmail)
      : epochMs(col(ctx.contactAlias, n.contactCreatedAt));
  }
  if (ref.source === "contact") {
    return typedJson(sql`(${col(ctx.contactAlias, n.contactFields)} -> ${ref.key}::text)`, ref);
  }
  if (!ctx.activityAlias) return sql`NULL`;
  return typedJson(sql`(${col(ctx.activityAlias, n.activityProperties)} -> ${ref.key}::text)`, ref);
}

/**
 * The case fold of fold.ts in SQL: the explicit ICU root collation makes `lower()` independent of
 * the database's collation, and the translate removes what still differs (see fold.ts). Exported
 * so that fold.int.test.ts can compare it with `foldText` code point by code point.
 */
export function foldSql(text: SQL): SQL {
  const translated = sql`(CASE WHEN ${text} ~ ${FOLD_RARE_PATTERN}::text THEN translate(${text}, ${FOLD_FROM}::text, ${FOLD_TO}::text) ELSE translate(${text}, ${FOLD_COMMON_FROM}::text, ${FOLD_COMMON_TO}::text) END)`;
  return sql`lower(${translated} COLLATE "und-x-icu")`;
}

function textList(values: string[]): SQL {
  return sql.join(
    values.map((v) => foldSql(sql`${v}::text`)),
    sql`, `,
  );
}

function ruleSql(plan: RulePlan, ctx: ConditionContext, n: SqlNames): SQL {
  if (plan.kind === "const") return plan.value ? sql`true` : sql`false`;
  const v = valueSql(plan.ref, ctx, n);
  const { operator, operand } = plan;
  if (operator === "is_set") return sql`(${v} IS NOT NULL)`;
  if (operator === "is_not_set") return sql`(${v} IS NULL)`;
  const test = (() => {
    switch (operand.kind) {
      case "text": {
        const o = foldSql(sql`${operand.value}::text`);
        const f = foldSql(v);
        switch (operator) {
          case "eq":
            return sql`${f} = ${o}`;
          case "neq":
            return sql`${f} <> ${o}`;
          // strpos/starts_with/right instead of LIKE: no wildcard escaping to get wrong.
          case "contains":
            return sql`strpos(${f}, ${o}) > 0`;
          case "not_contains":
            return sql`strpos(${f}, ${o}) = 0`;
          case "starts_with":
            return sql`starts_with(${f}, ${o})`;
          case "ends_with":
            return sql`right(${f}, length(${o})) = ${o}`;
        }
        return sql`false`;
      }
      case "texts":
        if (operator === "in") {
          return operand.values.length === 0
            ? sql`false`
            : sql`${foldSql(v)} IN (${textList(operand.values)})`;
        }
        if (operator === "not_in") {
          return operand.values.length === 0
            ? sql`(${v} IS NOT NULL)`
            : sql`${foldSql(v)} NOT IN (${textList(operand.values)})`;
        }
        return sql`false`;
      case "number": {
        const o = f8(operand.value);
        switch (operator) {
          case "eq":
            return sql`${v} = ${o}`;
          case "neq":
            return sql`${v} <> ${o}`;
          case "gt":
            return sql`${v} > ${o}`;
          case "gte":
            return sql`${v} >= ${o}`;
          case "lt":
            return sql`${v} < ${o}`;
          case "lte":
            return sql`${v} <= ${o}`;
        }
        return sql`false`;
      }
      case "range":
        return sql`${v} BETWEEN ${f8(operand.min)} AND ${f8(operand.max)}`;
      case "instant":
        if (operator === "before") return sql`${v} < ${f8(operand.ms)}`;
        if (operator === "after") return sql`${v} > ${f8(operand.ms)}`;
        return sql`false`;
      case "days": {
        const atMs = ctx.at.getTime();
        const threshold = f8(daysBefore(atMs, operand.days));
        if (operator === "within_last_days")
          return sql`(${v} > ${threshold} AND ${v} <= ${f8(atMs)})`;
        if (operator === "more_than_days_ago") return sql`${v} <= ${threshold}`;
        return sql`false`;
      }
      case "none":
        if (operator === "is_true") return sql`${v} = true`;
        if (operator === "is_false") return sql`${v} = false`;
        return sql`false`;
    }
  })();
  return sql`coalesce(${test}, false)`;
}

/** A boolean SQL expression that is never NULL. */
export function compileCondition(cond: Condition, ctx: ConditionContext): SQL {
  return conditionSql(cond, ctx, names(ctx.names));
}

function conditionSql(cond: Condition, ctx: ConditionContext, n: SqlNames): SQL {
  if (cond.kind === "rule") {
    const plan = planRule(cond, ctx.registry, {
      allowProperties: Boolean(ctx.activityAlias),
      activity: ctx.activityType ?? null,
    });
    return ruleSql(plan, ctx, n);
  }
  const children = cond.children.map((child) => conditionSql(child, ctx, n));
  let group: SQL;
  if (children.length === 0) group = cond.combinator === "and" ? sql`true` : sql`false`;
  else group = sql`(${sql.join(children, cond.combinator === "and" ? sql` AND ` : sql` OR `)})`;
  return cond.negate === true ? sql`(NOT ${group})` : group;
}

function readsContact(cond: Condition | null): boolean {
  if (cond === null) return false;
  if (cond.kind === "rule") return cond.field.startsWith(CONTACT_PREFIX);
  return cond.children.some(readsContact);
}

const C = "c"; // contacts (outer)
const A = "a"; // activities
const AC = "ac"; // contacts joined to activities
const AGG = "agg";

/** SELECT contact_id (bigint), raw (float8) for every contact of the workspace (or `contactIds`). */
export function compileRawQuery(doc: ModelDocument, opts: CompileOptions): SQL {
  const n = names(opts.names);
  const atMs = opts.at.getTime();
  const contactCtx: ConditionContext = {
    registry: opts.registry,
    at: opts.at,
    names: n,
    contactAlias: C,
  };
  const terms: SQL[] = [];
  const aggregates: SQL[] = [];
  // Per activity type, the earliest instant any criterion needs (null: all history up to T).
  const earliest = new Map<string, number | null>();
  let joinContacts = false;

  const matchSql = (c: ActivityCriterion | InactivityCriterion): SQL => {
    const typeTest = sql`${col(A, n.activityType)} = ${c.activity}::text`;
    if (c.where === null) return typeTest;
    joinContacts ||= readsContact(c.where);
    const where = compileCondition(c.where, {
      ...contactCtx,
      contactAlias: AC,
      activityAlias: A,
      activityType: c.activity,
    });
    return sql`(${typeTest} AND ${where})`;
  };

  doc.criteria.forEach((c, i) => {
    if (c.kind === "filter") {
      const where = compileCondition(c.where, contactCtx);
      terms.push(sql`(CASE WHEN ${where} THEN ${f8(c.points)} ELSE 0::float8 END)`);
      return;
    }
    const column = sql.identifier(`k${i}`);
    const aggregated = sql`${sql.identifier(AGG)}.${column}`;
    if (c.kind === "activity") {
      earliest.set(c.activity, null);
      const h = effectiveHalfLife(doc, c);
      let sum: SQL;
      if (c.points === 0) {
        sum = sql`0::float8`;
      } else if (h === null) {
        aggregates.push(sql`count(*) FILTER (WHERE ${matchSql(c)}) AS ${column}`);
        sum = sql`(${f8(c.points)} * coalesce(${aggregated}, 0)::float8)`;
      } else {
        aggregates.push(
          sql`sum(${decayedPoints(doc, c.points, h, atMs, n)}) FILTER (WHERE ${matchSql(c)}) AS ${column}`,
        );
        sum = sql`coalesce(${aggregated}, 0::float8)`;
      }
      terms.push(
        c.maxPoints === undefined
          ? sum
          : sql`(sign(${sum}) * least(abs(${sum}), ${f8(c.maxPoints)}))`,
      );
      return;
    }
    // Inactivity: active if a matching activity lies in (T − days, T].
    const threshold = daysBefore(atMs, c.days);
    const windowStart = firstMsAfter(threshold);
    const previous = earliest.get(c.activity);
    if (previous !== null) {
      earliest.set(
        c.activity,
        previous === undefined ? windowStart : Math.min(previous, windowStart),
      );
    }
    aggregates.push(
      sql`bool_or(true) FILTER (WHERE ${matchSql(c)} AND ${col(A, n.activityOccurredAt)} >= ${ts(windowStart)}) AS ${column}`,
    );
    // createdAt ≤ T − days, as an indexable timestamptz comparison.
    const oldEnough = sql`${col(C, n.contactCreatedAt)} < ${ts(windowStart)}`;
    terms.push(
      sql`(CASE WHEN ${oldEnough} AND NOT coalesce(${aggregated}, false) THEN ${f8(c.points)} ELSE 0::float8 END)`,
    );
  });

  const raw = terms.length === 0 ? sql`0::float8` : sql`(${sql.join(terms, sql` + `)})`;
  const contactFilter = sql`${idFilter(col(C, n.contactId), opts.contactIds)}${rangeFilter(col(C, n.contactId), opts.contactRange)}`;
  let join = sql``;
  if (aggregates.length > 0) {
    const typeTests = [...earliest].map(([type, from]) =>
      from === null
        ? sql`${col(A, n.activityType)} = ${type}::text`
        : sql`(${col(A, n.activityType)} = ${type}::text AND ${col(A, n.activityOccurredAt)} >= ${ts(from)})`,
    );
    const contactJoin = joinContacts
      ? sql` INNER JOIN ${sql.identifier(n.contacts)} AS ${sql.identifier(AC)} ON ${col(AC, n.contactWorkspaceId)} = ${col(A, n.activityWorkspaceId)} AND ${col(AC, n.contactId)} = ${col(A, n.activityContactId)}`
      : sql``;
    const activityScope = sql`${col(A, n.activityWorkspaceId)} = ${opts.workspaceId}::uuid AND ${col(A, n.activityOccurredAt)} < ${ts(atMs + 1)} AND (${sql.join(typeTests, sql` OR `)})`;
    // One pass over the activities in scope, grouped by contact. (A per-contact LATERAL lookup for
    // id lists was measured slower on the demo data: 2.0 s vs 0.6 s for 1,000 contacts × 3 models.)
    join = sql` LEFT JOIN (SELECT ${col(A, n.activityContactId)} AS contact_id, ${sql.join(aggregates, sql`, `)} FROM ${sql.identifier(n.activities)} AS ${sql.identifier(A)}${contactJoin} WHERE ${activityScope}${idFilter(col(A, n.activityContactId), opts.contactIds)}${rangeFilter(col(A, n.activityContactId), opts.contactRange)} GROUP BY ${col(A, n.activityContactId)}) AS ${sql.identifier(AGG)} ON ${sql.identifier(AGG)}.contact_id = ${col(C, n.contactId)}`;
  }
  return sql`SELECT ${col(C, n.contactId)} AS contact_id, ${raw}::float8 AS raw FROM ${sql.identifier(n.contacts)} AS ${sql.identifier(C)}${join} WHERE ${col(C, n.contactWorkspaceId)} = ${opts.workspaceId}::uuid${contactFilter}`;
}

function rangeFilter(column: SQL, range: CompileOptions["contactRange"]): SQL {
  if (range === undefined) return sql``;
  return sql` AND ${column} > ${range.after}::bigint AND ${column} <= ${range.upTo}::bigint`;
}

function idFilter(column: SQL, ids: number[] | undefined): SQL {
  if (ids === undefined) return sql``;
  if (ids.length === 0) return sql` AND false`;
  // One array parameter, not one per id: a batch of ids never nears the 65,535-parameter limit.
  const list = `{${ids.map((id) => Math.trunc(id)).join(",")}}`;
  return sql` AND ${column} = ANY(${list}::bigint[])`;
}

/**
 * points × d(age) for one activity row. The exponent is capped so that neither `power()` nor the
 * multiplication can come out below 2^-1000 in magnitude, clear of Postgres' underflow errors.
 */
function decayedPoints(
  doc: ModelDocument,
  points: number,
  h: number,
  atMs: number,
  n: SqlNames,
): SQL {
  const t = epochMs(col(A, n.activityOccurredAt));
  if (h < MIN_SAFE_HALF_LIFE) {
    // Every age above 0 is astronomically many half-lives: only an activity at exactly T counts.
    return sql`(CASE WHEN ${t} = ${f8(atMs)} THEN ${f8(points)} ELSE 0::float8 END)`;
  }
  const x = sql`(((${f8(atMs)} - ${t}) / ${f8(DAY_MS)}) / ${f8(h)})`;
  const exponent = doc.decay === "step" ? sql`floor(${x})` : x;
  // Capping the exponent (rather than a CASE that zeroes the term) computes the age once per row;
  // beyond the cap the term is p·2^-limit instead of p·2^-x, both below 2^-1000·max(1, |p|).
  const limit = Math.min(MAX_HALVINGS, MAX_HALVINGS + Math.log2(Math.abs(points)));
  return sql`(${f8(points)} * power(0.5::float8, least(${exponent}, ${f8(limit)})))`;
}

/** score/stars/band of a raw value. Pass a column reference: the expressions repeat it. */
export function compileScoreColumns(
  rawExpr: SQL,
  doc: ModelDocument,
  scaleReference: number | null,
): { score: SQL; stars: SQL; band: SQL } {
  const score = scoreSql(rawExpr, doc.scale, scaleReference);
  return { score, stars: starsSql(score), band: bandSql(score, doc.bands) };
}

/** The SQL twin of `scoreFromRaw` / `ratioScore`. */
function scoreSql(raw: SQL, scale: Scale, scaleReference: number | null | undefined): SQL {
  const scaleMax = scale.kind === "fixed" ? scale.maxPoints : scaleReference;
  if (
    scaleMax === null ||
    scaleMax === undefined ||
    !(scaleMax > 0) ||
    !Number.isFinite(scaleMax)
  ) {
    return sql`0::float8`;
  }
  const m = f8(scaleMax);
  const ratio =
    scaleMax > SCORE_LARGE_SCALE
      ? sql`((${raw} / ${m}) * 100::float8)`
      : sql`((100::float8 * ${raw}) / ${m})`;
  return sql`(CASE WHEN NOT (${raw} > 0::float8) THEN 0::float8 WHEN ${raw} >= ${m} THEN 100::float8 WHEN ${raw} < ${f8(scoreCutoff(scaleMax))} THEN 0::float8 ELSE least(${ratio}, 100::float8) END)`;
}

function starsSql(score: SQL): SQL {
  return sql`(floor(${score} / 10::float8 + 0.5::float8) / 2::float8)`;
}

/** The last band (in document order) whose min ≤ score, like `bandFor`. */
function bandSql(score: SQL, bands: Band[]): SQL {
  if (bands.length === 0) return sql`''::text`;
  const whens = [...bands]
    .reverse()
    .map((b) => sql`WHEN ${score} >= ${f8(b.min)} THEN ${b.label}::text`);
  return sql`(CASE ${sql.join(whens, sql` `)} ELSE ''::text END)`;
}

/** SELECT contact_id, raw, score, stars, band. */
export function compileScoreQuery(
  doc: ModelDocument,
  opts: CompileOptions & { scaleReference?: number | null },
): SQL {
  const raw = compileRawQuery(doc, opts);
  const r = sql.identifier("r");
  const s = sql.identifier("s");
  const score = scoreSql(sql`${r}.raw`, doc.scale, opts.scaleReference);
  const stars = starsSql(sql`${s}.score`);
  const band = bandSql(sql`${s}.score`, doc.bands);
  return sql`SELECT ${s}.contact_id, ${s}.raw, ${s}.score, ${stars} AS stars, ${band} AS band FROM (SELECT ${r}.contact_id, ${r}.raw, ${score} AS score FROM (${raw}) AS ${r}) AS ${s}`;
}

/**
 * One row `{ reference }`: the percentile-scale reference R over the positive raws (nearest rank,
 * `percentile_disc`), NULL when none is positive. A fixed scale has no reference: NULL.
 */
export function compilePercentileReference(doc: ModelDocument, opts: CompileOptions): SQL {
  if (doc.scale.kind !== "percentile") return sql`SELECT NULL::float8 AS reference`;
  const r = sql.identifier("r");
  return sql`SELECT percentile_disc(${f8(doc.scale.percentile / 100)}) WITHIN GROUP (ORDER BY ${r}.raw) AS reference FROM (${compileRawQuery(doc, opts)}) AS ${r} WHERE ${r}.raw > 0::float8`;
}
