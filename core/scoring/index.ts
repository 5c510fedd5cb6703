/** The scoring engine's public API. Pure: safe to import from the browser (except compile-sql's
 * drizzle fragments, which are inert objects until a server executes them). */
export * from "./document";
export {
  BUILTIN_FIELDS,
  createRegistry,
  lookupActivity,
  lookupContactField,
  lookupProperty,
  resolveField,
  type ActivityDef,
  type FieldDef,
  type FieldRef,
  type Registry,
} from "./registry";
export { ISO_INSTANT_PATTERN, parseIsoInstant } from "./iso";
export { DAY_MS, isOperatorAllowed, parseOperand } from "./rules";
export {
  formatPath,
  ISSUE_CODES,
  validateCondition,
  validateModel,
  type ConditionValidationOptions,
  type IssueCode,
  type ValidationIssue,
  type ValidationResult,
} from "./validate";
export {
  bandFor,
  evaluate,
  evaluateCondition,
  percentileReference,
  scoreFromRaw,
  starsFromScore,
  type ActivityInput,
  type ConditionOptions,
  type ConditionScope,
  type ContactInput,
  type CriterionResult,
  type EvaluateOptions,
  type Evaluation,
} from "./evaluate";
export { explain, type ExplainedCriterion, type Explanation } from "./explain";
export {
  compileCondition,
  compilePercentileReference,
  compileRawQuery,
  compileScoreColumns,
  compileScoreQuery,
  DEFAULT_SQL_NAMES,
  type CompileOptions,
  type ConditionContext,
  type SqlNames,
} from "./compile-sql";
