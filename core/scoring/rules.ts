/**
 * How one rule is read: which field, which operator, which operand. The validator, the evaluator
 * and the SQL compiler all go through `parseOperand` / `planRule`, so a rule cannot mean one thing
 * in memory and another in SQL.
 */
import { OPERATORS_BY_TYPE, type FieldType, type Operator, type Rule } from "./document";
import { parseIsoInstant } from "./iso";
import { resolveField, type FieldRef, type FieldScope, type Registry } from "./registry";

export type Operand =
  | { kind: "none" }
  | { kind: "text"; value: string }
  | { kind: "texts"; values: string[] }
  | { kind: "number"; value: number }
  | { kind: "range"; min: number; max: number }
  | { kind: "instant"; ms: number }
  | { kind: "days"; days: number };

export type OperandResult =
  | { ok: true; operand: Operand }
  /** `index` points into an array value when one element is at fault. */
  | { ok: false; message: string; index?: number };

const NO_VALUE: ReadonlySet<Operator> = new Set(["is_set", "is_not_set", "is_true", "is_false"]);
const TEXT_SINGLE: ReadonlySet<Operator> = new Set([
  "eq",
  "neq",
  "contains",
  "not_contains",
  "starts_with",
  "ends_with",
]);

export function isOperatorAllowed(type: FieldType, operator: string): operator is Operator {
  return (OPERATORS_BY_TYPE[type] as readonly string[]).includes(operator);
}

/** Postgres text cannot hold NUL, so such a value could never be bound as a parameter. */
function textProblem(value: unknown): string | null {
  if (typeof value !== "string") return "must be a string";
  if (value.includes("\u0000")) return "must not contain NUL characters";
  return null;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Checks a rule's value for its field type and operator (the operator must be allowed). */
export function parseOperand(type: FieldType, operator: Operator, value: unknown): OperandResult {
  if (!isOperatorAllowed(type, operator)) {
    return { ok: false, message: `Operator "${operator}" does not apply to ${type} fields.` };
  }
  if (NO_VALUE.has(operator)) {
    return value === undefined || value === null
      ? { ok: true, operand: { kind: "none" } }
      : { ok: false, message: `Operator "${operator}" takes no value.` };
  }
  if (value === undefined) return { ok: false, message: `Operator "${operator}" needs a value.` };

  if (operator === "in" || operator === "not_in") {
    if (!Array.isArray(value)) return { ok: false, message: "Value must be an array of strings." };
    const values: string[] = [];
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const problem = textProblem(item);
      if (problem !== null || typeof item !== "string") {
        return { ok: false, message: `Each value ${problem ?? "must be a string"}.`, index: i };
      }
      values.push(item);
    }
    return { ok: true, operand: { kind: "texts", values } };
  }
  if (type === "text" && TEXT_SINGLE.has(operator)) {
    const problem = textProblem(value);
    if (problem !== null || typeof value !== "string") {
      return { ok: false, message: `Value ${problem ?? "must be a string"}.` };
    }
    return { ok: true, operand: { kind: "text", value } };
  }
  if (type === "number") {
    if (operator === "between") {
      if (!Array.isArray(value) || value.length !== 2) {
        return { ok: false, message: "Value must be [min, max]." };
      }
      const [min, max] = value as unknown[];
      if (!isFiniteNumber(min))
        return { ok: false, message: "Min must be a finite number.", index: 0 };
      if (!isFiniteNumber(max))
        return { ok: false, message: "Max must be a finite number.", index: 1 };
      if (min > max) return { ok: false, message: "Min must not be greater than max." };
      return { ok: true, operand: { kind: "range", min, max } };
    }
    if (!isFiniteNumber(value)) return { ok: false, message: "Value must be a finite number." };
    return { ok: true, operand: { kind: "number", value } };
  }
  if (type === "date") {
    if (operator === "before" || operator === "after") {
      const ms = parseIsoInstant(value);
      if (ms === null) {
        return {
          ok: false,
          message: "Value must be an ISO instant with an offset, e.g. 2024-05-01T00:00:00Z.",
        };
      }
      return { ok: true, operand: { kind: "instant", ms } };
    }
    if (!isFiniteNumber(value) || value < 0) {
      return { ok: false, message: "Value must be a non-negative number of days." };
    }
    return { ok: true, operand: { kind: "days", days: value } };
  }
  return { ok: false, message: `Operator "${operator}" does not apply to ${type} fields.` };
}

/**
 * A rule ready to run: either a constant (the field no longer resolves, or the rule no longer fits
 * its field's type, which can happen when the registry changes under a published version), or a
 * test of one field. A field that does not resolve reads as missing: only `is_not_set` holds.
 */
export type RulePlan =
  | { kind: "const"; value: boolean }
  | { kind: "test"; ref: FieldRef; operator: Operator; operand: Operand };

export function planRule(rule: Rule, registry: Registry, scope: FieldScope): RulePlan {
  const resolved = resolveField(rule.field, registry, scope);
  if (!resolved.ok) return { kind: "const", value: rule.operator === "is_not_set" };
  const parsed = parseOperand(resolved.ref.type, rule.operator, rule.value);
  if (!parsed.ok) return { kind: "const", value: false };
  return { kind: "test", ref: resolved.ref, operator: rule.operator, operand: parsed.operand };
}

export const DAY_MS = 86_400_000;

/** `T − N days` in epoch ms, computed once so the evaluator and SQL compare against the same float. */
export function daysBefore(atMs: number, days: number): number {
  return atMs - days * DAY_MS;
}
