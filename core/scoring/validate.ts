/**
 * Import/publish validation of a model document against a workspace registry (SPEC §3).
 * Returns every issue with a path the editor can point at (`criteria[1].where.children[0].field`)
 * and never throws, whatever the input. Pure: runs in the browser too.
 *
 * The document is walked by hand rather than handed to one zod parse, because zod stops at the
 * first broken union member: a criterion with an unknown key would hide an unknown field three
 * levels down. Leaves are still checked with the schemas of `document.ts`, and a final full parse
 * produces the typed document (with defaults) once nothing is wrong.
 */
import type { z } from "zod";
import { findTextProblems } from "./text";
import {
  ActivityCriterion,
  Band,
  FilterCriterion,
  InactivityCriterion,
  LIMITS,
  MODEL_FORMAT,
  ModelDocument,
  OPERATOR_VALUES,
  type Operator,
} from "./document";
import { lookupActivity, resolveField, type Registry } from "./registry";
import { isOperatorAllowed, parseOperand } from "./rules";

export const ISSUE_CODES = [
  "invalid_shape",
  "unknown_format",
  "unknown_key",
  "unknown_field",
  "unknown_activity",
  "unknown_property",
  "unknown_operator",
  "operator_not_allowed",
  "invalid_value",
  "property_outside_activity",
  "duplicate_id",
  "bands_unsorted",
  "bands_first_not_zero",
  "duplicate_band_label",
  "too_many_criteria",
  "too_many_rules",
  "too_deep",
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface ValidationIssue {
  /** e.g. `criteria[1].where.children[0].field`; the document root is "". */
  path: string;
  code: IssueCode;
  message: string;
}

export type ValidationResult =
  | { ok: true; document: ModelDocument }
  | { ok: false; issues: ValidationIssue[] };

type Segment = string | number;
type Path = readonly Segment[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Formats path segments as `a.b[0].c`; keys that are not identifiers become `["odd key"]`. */
export function formatPath(segments: readonly PropertyKey[], prefix = ""): string {
  let out = prefix;
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (typeof segment === "string" && IDENTIFIER.test(segment)) {
      out += out === "" ? segment : `.${segment}`;
    } else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

class Issues {
  readonly list: ValidationIssue[] = [];
  constructor(private readonly prefix = "") {}
  add(path: Path, code: IssueCode, message: string): void {
    this.list.push({ path: formatPath(path, this.prefix), code, message });
  }
  /** Maps a failed zod parse of one leaf; zod's own messages are clear enough to show. */
  addZod(base: Path, error: z.ZodError): void {
    for (const issue of error.issues) {
      const path = [...base, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
      switch (issue.code) {
        case "unrecognized_keys":
          for (const key of issue.keys)
            this.add([...path, key], "unknown_key", `Unknown key "${key}".`);
          break;
        case "invalid_type":
        case "invalid_union":
          this.add(path, "invalid_shape", issue.message);
          break;
        default:
          this.add(path, "invalid_value", issue.message);
      }
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function get(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function checkLeaf(issues: Issues, schema: z.ZodType, value: unknown, path: Path): boolean {
  const result = schema.safeParse(value);
  if (!result.success) issues.addZod(path, result.error);
  return result.success;
}

function checkKeys(
  issues: Issues,
  record: Record<string, unknown>,
  allowed: readonly string[],
  path: Path,
): void {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) issues.add([...path, key], "unknown_key", `Unknown key "${key}".`);
  }
}

export function validateModel(input: unknown, registry: Registry): ValidationResult {
  try {
    return validateModelUnchecked(input, registry);
  } catch {
    // Only reachable with exotic inputs (proxies, throwing getters); JSON never gets here.
    return {
      ok: false,
      issues: [{ path: "", code: "invalid_shape", message: "The document could not be read." }],
    };
  }
}

const TOP_LEVEL_KEYS = Object.keys(ModelDocument.shape);
const LEAF_KEYS = ["key", "name", "emoji", "kind", "halfLifeDays", "decay", "scale"] as const;

function validateModelUnchecked(input: unknown, registry: Registry): ValidationResult {
  const issues = new Issues();
  if (!isRecord(input)) {
    issues.add([], "invalid_shape", "A model document must be a JSON object.");
    return { ok: false, issues: issues.list };
  }
  // Text the database cannot store (NUL, unpaired surrogates) anywhere in the document, and
  // nesting far beyond the depth limit, are refused before anything walks it recursively.
  const textProblems = findTextProblems(input, { maxDepth: 48 });
  if (textProblems.length > 0) {
    for (const p of textProblems) issues.add(p.path, "invalid_value", `${p.message[0]?.toUpperCase()}${p.message.slice(1)}.`);
    return { ok: false, issues: issues.list };
  }
  // Another format means another schema: its other keys would only produce noise.
  if (!Object.hasOwn(input, "format")) {
    issues.add(["format"], "invalid_shape", `Missing "format" (expected "${MODEL_FORMAT}").`);
    return { ok: false, issues: issues.list };
  }
  if (input.format !== MODEL_FORMAT) {
    issues.add(
      ["format"],
      "unknown_format",
      `Unknown format ${JSON.stringify(input.format) ?? "undefined"}; expected "${MODEL_FORMAT}".`,
    );
    return { ok: false, issues: issues.list };
  }
  checkKeys(issues, input, TOP_LEVEL_KEYS, []);
  for (const key of LEAF_KEYS) checkLeaf(issues, ModelDocument.shape[key], get(input, key), [key]);
  checkBands(issues, get(input, "bands"));
  checkCriteria(issues, get(input, "criteria"), registry);
  if (issues.list.length > 0) return { ok: false, issues: issues.list };

  const parsed = ModelDocument.safeParse(input);
  if (!parsed.success) {
    // Safety net: the walk above should already have reported anything zod rejects.
    issues.addZod([], parsed.error);
    return { ok: false, issues: issues.list };
  }
  return { ok: true, document: parsed.data };
}

function checkBands(issues: Issues, bands: unknown): void {
  if (!Array.isArray(bands)) {
    issues.add(["bands"], "invalid_shape", "Bands must be an array.");
    return;
  }
  if (bands.length === 0) {
    issues.add(["bands"], "invalid_value", "At least one band is needed.");
    return;
  }
  const labels = new Set<string>();
  let previousMin: number | null = null;
  bands.forEach((band: unknown, i) => {
    checkLeaf(issues, Band, band, ["bands", i]);
    if (!isRecord(band)) return;
    const min = get(band, "min");
    const label = get(band, "label");
    if (typeof min === "number" && Number.isFinite(min)) {
      if (i === 0 && min !== 0) {
        issues.add(["bands", 0, "min"], "bands_first_not_zero", "The first band must start at 0.");
      }
      // Strictly ascending: a band with the same min as the previous one could never be shown.
      if (previousMin !== null && min <= previousMin) {
        issues.add(
          ["bands", i, "min"],
          "bands_unsorted",
          `Bands must be sorted by min: ${min} is not above the previous band's ${previousMin}.`,
        );
      }
      previousMin = min;
    }
    if (typeof label === "string") {
      if (labels.has(label)) {
        issues.add(
          ["bands", i, "label"],
          "duplicate_band_label",
          `Band label "${label}" is used twice.`,
        );
      }
      labels.add(label);
    }
  });
}

const CRITERION_SCHEMAS = {
  filter: FilterCriterion,
  activity: ActivityCriterion,
  inactivity: InactivityCriterion,
} as const;
type CriterionKind = keyof typeof CRITERION_SCHEMAS;

function isCriterionKind(value: unknown): value is CriterionKind {
  return typeof value === "string" && Object.hasOwn(CRITERION_SCHEMAS, value);
}

function checkCriteria(issues: Issues, criteria: unknown, registry: Registry): void {
  if (!Array.isArray(criteria)) {
    issues.add(["criteria"], "invalid_shape", "Criteria must be an array.");
    return;
  }
  if (criteria.length > LIMITS.criteria) {
    issues.add(
      ["criteria"],
      "too_many_criteria",
      `A model has at most ${LIMITS.criteria} criteria (this one has ${criteria.length}).`,
    );
  }
  const ids = new Set<string>();
  criteria.forEach((criterion: unknown, i) => {
    const path: Path = ["criteria", i];
    if (!isRecord(criterion)) {
      issues.add(path, "invalid_shape", "A criterion must be an object.");
      return;
    }
    const kind = get(criterion, "kind");
    if (!isCriterionKind(kind)) {
      issues.add(
        [...path, "kind"],
        "invalid_shape",
        `Criterion kind must be "filter", "activity" or "inactivity".`,
      );
      return;
    }
    const schema = CRITERION_SCHEMAS[kind];
    const shape: Record<string, z.ZodType> = schema.shape;
    checkKeys(issues, criterion, Object.keys(shape), path);
    for (const [key, leaf] of Object.entries(shape)) {
      if (key !== "where" && key !== "kind")
        checkLeaf(issues, leaf, get(criterion, key), [...path, key]);
    }
    const id = get(criterion, "id");
    if (typeof id === "string") {
      if (ids.has(id))
        issues.add([...path, "id"], "duplicate_id", `Criterion id "${id}" is used twice.`);
      ids.add(id);
    }

    let activity: string | null = null;
    if (kind !== "filter") {
      const value = get(criterion, "activity");
      if (typeof value === "string" && value.length > 0) {
        if (lookupActivity(registry, value)) activity = value;
        else issues.add([...path, "activity"], "unknown_activity", `Unknown activity "${value}".`);
      }
    }

    const wherePath: Path = [...path, "where"];
    if (!Object.hasOwn(criterion, "where") || criterion.where === undefined) {
      issues.add(
        wherePath,
        "invalid_shape",
        kind === "filter"
          ? "A filter needs a condition."
          : "Missing where (null matches every activity).",
      );
      return;
    }
    if (criterion.where === null) {
      if (kind === "filter") issues.add(wherePath, "invalid_shape", "A filter needs a condition.");
      return;
    }
    walkTree(issues, criterion.where, wherePath, registry, {
      allowProperties: kind !== "filter",
      activity,
      // An unknown activity was reported on the criterion; its properties cannot be checked.
      skipPropertyChecks: kind !== "filter" && activity === null,
    });
  });
}

export interface ConditionValidationOptions {
  /** True inside an activity or inactivity criterion (or an audience activity rule). */
  allowProperties: boolean;
  /** The activity whose properties `property.<key>` refers to. */
  activity?: string | null;
  /** Prefix for issue paths, e.g. "where". */
  path?: string;
}

interface WalkOptions {
  allowProperties: boolean;
  activity: string | null;
  skipPropertyChecks: boolean;
}

/** Validates one condition tree, including the per-tree limits. Never throws. */
export function validateCondition(
  cond: unknown,
  registry: Registry,
  opts: ConditionValidationOptions,
): ValidationIssue[] {
  const issues = new Issues(opts.path ?? "");
  try {
    walkTree(issues, cond, [], registry, {
      allowProperties: opts.allowProperties,
      activity: opts.activity ?? null,
      skipPropertyChecks: false,
    });
  } catch {
    issues.add([], "invalid_shape", "The condition could not be read.");
  }
  return issues.list;
}

function walkTree(
  issues: Issues,
  root: unknown,
  path: Path,
  registry: Registry,
  opts: WalkOptions,
): void {
  const state = { rules: 0 };
  walkCondition(issues, root, path, 1, registry, opts, state);
  if (state.rules > LIMITS.rulesPerTree) {
    issues.add(
      path,
      "too_many_rules",
      `A condition has at most ${LIMITS.rulesPerTree} rules (this one has ${state.rules}).`,
    );
  }
}

const GROUP_KEYS = ["kind", "combinator", "negate", "children"] as const;
const RULE_KEYS = ["kind", "field", "operator", "value"] as const;

function isOperator(value: string): value is Operator {
  return (OPERATOR_VALUES as readonly string[]).includes(value);
}

function walkCondition(
  issues: Issues,
  node: unknown,
  path: Path,
  depth: number,
  registry: Registry,
  opts: WalkOptions,
  state: { rules: number },
): void {
  if (depth > LIMITS.depth) {
    issues.add(path, "too_deep", `Conditions nest at most ${LIMITS.depth} levels deep.`);
    return;
  }
  if (!isRecord(node)) {
    issues.add(path, "invalid_shape", "A condition must be an object.");
    return;
  }
  const kind = get(node, "kind");
  if (kind === "group") {
    checkKeys(issues, node, GROUP_KEYS, path);
    const combinator = get(node, "combinator");
    if (combinator === undefined) {
      issues.add(
        [...path, "combinator"],
        "invalid_shape",
        `A group needs "combinator": "and" or "or".`,
      );
    } else if (combinator !== "and" && combinator !== "or") {
      issues.add([...path, "combinator"], "invalid_value", `Combinator must be "and" or "or".`);
    }
    const negate = get(node, "negate");
    if (negate !== undefined && typeof negate !== "boolean") {
      issues.add([...path, "negate"], "invalid_shape", "Negate must be true or false.");
    }
    const children = get(node, "children");
    if (!Array.isArray(children)) {
      issues.add([...path, "children"], "invalid_shape", "A group needs a children array.");
      return;
    }
    children.forEach((child: unknown, i) =>
      walkCondition(issues, child, [...path, "children", i], depth + 1, registry, opts, state),
    );
    return;
  }
  if (kind !== "rule") {
    issues.add([...path, "kind"], "invalid_shape", `Condition kind must be "rule" or "group".`);
    return;
  }

  state.rules += 1;
  checkKeys(issues, node, RULE_KEYS, path);
  const field = get(node, "field");
  const operator = get(node, "operator");
  let knownOperator: Operator | null = null;
  if (typeof operator !== "string") {
    issues.add([...path, "operator"], "invalid_shape", "A rule needs an operator.");
  } else if (!isOperator(operator)) {
    issues.add([...path, "operator"], "unknown_operator", `Unknown operator "${operator}".`);
  } else knownOperator = operator;

  if (typeof field !== "string" || field.length === 0) {
    issues.add([...path, "field"], "invalid_shape", "A rule needs a field.");
    return;
  }
  const resolved = resolveField(field, registry, opts);
  if (!resolved.ok) {
    const skip =
      opts.skipPropertyChecks &&
      (resolved.code === "unknown_activity" || resolved.code === "unknown_property");
    if (!skip) issues.add([...path, "field"], resolved.code, resolved.message);
    return;
  }
  if (knownOperator === null) return;
  const { type } = resolved.ref;
  if (!isOperatorAllowed(type, knownOperator)) {
    issues.add(
      [...path, "operator"],
      "operator_not_allowed",
      `Operator "${knownOperator}" does not apply to ${type} field "${field}".`,
    );
    return;
  }
  const value = get(node, "value");
  const operand = parseOperand(type, knownOperator, value);
  if (!operand.ok) {
    const valuePath =
      operand.index === undefined ? [...path, "value"] : [...path, "value", operand.index];
    issues.add(valuePath, "invalid_value", operand.message);
    return;
  }
  // Options are checked here only: at run time a value outside them simply never matches.
  if (resolved.ref.source === "contact" && type === "enum" && operand.operand.kind === "texts") {
    const options = resolved.ref.options;
    if (Array.isArray(options)) {
      operand.operand.values.forEach((v, i) => {
        if (!options.includes(v)) {
          issues.add(
            [...path, "value", i],
            "invalid_value",
            `"${v}" is not an option of "${field}" (${options.join(", ")}).`,
          );
        }
      });
    }
  }
}
