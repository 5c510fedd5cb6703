/**
 * The score-model document (SPEC §3): the canonical JSON used for storage, import and export.
 * Pure: imports nothing but zod. Shape checks live here; registry-dependent checks (known fields,
 * operator per type, limits) live in `validate.ts`.
 */
import { z } from "zod";

export const MODEL_FORMAT = "scorecraft.model/v1";

export const MODEL_KIND_VALUES = ["lead", "engagement", "health", "custom"] as const;
export const DECAY_MODES = ["exponential", "step"] as const;
export const FIELD_TYPE_VALUES = ["text", "number", "boolean", "date", "enum"] as const;
export type FieldType = (typeof FIELD_TYPE_VALUES)[number];

/** Operators allowed per value type (SPEC §3 table). */
export const OPERATORS_BY_TYPE = {
  text: [
    "eq",
    "neq",
    "contains",
    "not_contains",
    "starts_with",
    "ends_with",
    "in",
    "not_in",
    "is_set",
    "is_not_set",
  ],
  number: ["eq", "neq", "gt", "gte", "lt", "lte", "between", "is_set", "is_not_set"],
  boolean: ["is_true", "is_false", "is_set", "is_not_set"],
  date: ["before", "after", "within_last_days", "more_than_days_ago", "is_set", "is_not_set"],
  enum: ["in", "not_in", "is_set", "is_not_set"],
} as const satisfies Record<FieldType, readonly string[]>;

export const OPERATOR_VALUES = [
  "eq",
  "neq",
  "contains",
  "not_contains",
  "starts_with",
  "ends_with",
  "in",
  "not_in",
  "is_set",
  "is_not_set",
  "gt",
  "gte",
  "lt",
  "lte",
  "between",
  "is_true",
  "is_false",
  "before",
  "after",
  "within_last_days",
  "more_than_days_ago",
] as const;
export type Operator = (typeof OPERATOR_VALUES)[number];

/** Limits of SPEC §3. */
export const LIMITS = {
  criteria: 50,
  rulesPerTree: 200,
  depth: 8,
  // Numbers (see Points below).
  points: 1_000_000,
  maxPoints: 1_000_000_000,
  minScaleMaxPoints: 0.001,
  minHalfLifeDays: 0.001,
  maxDays: 36_500,
} as const;

const Json: z.ZodType<unknown> = z.unknown();

export const Rule = z.strictObject({
  kind: z.literal("rule"),
  field: z.string().min(1),
  operator: z.enum(OPERATOR_VALUES),
  value: Json.optional(),
});
export type Rule = z.infer<typeof Rule>;

export type Group = {
  kind: "group";
  combinator: "and" | "or";
  negate?: boolean | undefined;
  children: Condition[];
};
export type Condition = Rule | Group;

export const Group = z.strictObject({
  kind: z.literal("group"),
  combinator: z.enum(["and", "or"]),
  negate: z.boolean().optional(),
  get children(): z.ZodArray<typeof Condition> {
    return z.array(Condition);
  },
});

export const Condition = z.discriminatedUnion("kind", [Rule, Group]);

/**
 * Every number a user can type is bounded, so no sum of ≤ 50 criteria over any number of
 * activities can overflow float8 in SQL, and no interval arithmetic can leave Postgres' range.
 */
const Points = z
  .number()
  .finite()
  .min(-LIMITS.points, "at least -1,000,000 points")
  .max(LIMITS.points, "at most 1,000,000 points");
const Cap = z.number().finite().positive().max(LIMITS.maxPoints, "at most 1,000,000,000");
const HalfLife = z
  .number()
  .finite()
  .min(LIMITS.minHalfLifeDays, "at least 0.001 days")
  .max(LIMITS.maxDays, "at most 36,500 days (100 years)");
const CriterionBase = {
  id: z.string().min(1).max(64),
  label: z.string().min(1).max(200),
  points: Points,
};

export const FilterCriterion = z.strictObject({
  ...CriterionBase,
  kind: z.literal("filter"),
  where: Condition,
});
export type FilterCriterion = z.infer<typeof FilterCriterion>;

export const ActivityCriterion = z.strictObject({
  ...CriterionBase,
  kind: z.literal("activity"),
  activity: z.string().min(1),
  where: Condition.nullable(),
  /** Optional positive cap on the absolute contribution. */
  maxPoints: Cap.optional(),
  /** Per-criterion override: a number, or null for no decay; absent means the model's. */
  halfLifeDays: HalfLife.nullable().optional(),
});
export type ActivityCriterion = z.infer<typeof ActivityCriterion>;

export const InactivityCriterion = z.strictObject({
  ...CriterionBase,
  kind: z.literal("inactivity"),
  activity: z.string().min(1),
  where: Condition.nullable(),
  days: z.number().finite().positive().max(LIMITS.maxDays, "at most 36,500 days (100 years)"),
});
export type InactivityCriterion = z.infer<typeof InactivityCriterion>;

export const Criterion = z.discriminatedUnion("kind", [
  FilterCriterion,
  ActivityCriterion,
  InactivityCriterion,
]);
export type Criterion = z.infer<typeof Criterion>;

export const Scale = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("fixed"),
    maxPoints: Cap.min(LIMITS.minScaleMaxPoints, "at least 0.001"),
  }),
  z.strictObject({ kind: z.literal("percentile"), percentile: z.number().finite().gt(0).lte(100) }),
]);
export type Scale = z.infer<typeof Scale>;

export const BAND_COLORS = [
  "red",
  "orange",
  "amber",
  "yellow",
  "lime",
  "green",
  "emerald",
  "teal",
  "sky",
  "blue",
  "indigo",
  "violet",
  "purple",
  "pink",
  "slate",
] as const;

export const Band = z.strictObject({
  label: z.string().min(1).max(40),
  color: z.enum(BAND_COLORS),
  min: z.number().finite().min(0).max(100),
});
export type Band = z.infer<typeof Band>;

export const ModelKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,47}$/, "lowercase letters, digits and _, starting with a letter");

export const ModelDocument = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  key: ModelKey,
  name: z.string().min(1).max(80),
  emoji: z.string().min(1).max(16),
  kind: z.enum(MODEL_KIND_VALUES),
  halfLifeDays: HalfLife.nullable(),
  decay: z.enum(DECAY_MODES).default("exponential"),
  scale: Scale,
  bands: z.array(Band).min(1),
  criteria: z.array(Criterion),
});
export type ModelDocument = z.infer<typeof ModelDocument>;
/** What a caller may send: `decay` may be omitted. */
export type ModelDocumentInput = z.input<typeof ModelDocument>;

/** Default bands when a new model is created. */
export const DEFAULT_BANDS: Band[] = [
  { label: "Cold", color: "red", min: 0 },
  { label: "Warm", color: "amber", min: 40 },
  { label: "Hot", color: "green", min: 70 },
];
