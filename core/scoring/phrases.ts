/** How each operator reads in a sentence: "Country is any of US, GB". Shared by the UI and diffs. */
import type { Rule } from "./document";

export const OPERATOR_PHRASES: Record<Rule["operator"], string> = {
  eq: "is",
  neq: "is not",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  ends_with: "ends with",
  in: "is any of",
  not_in: "is none of",
  is_set: "is set",
  is_not_set: "is not set",
  gt: "is greater than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  between: "is between",
  is_true: "is true",
  is_false: "is false",
  before: "is before",
  after: "is after",
  within_last_days: "is within the last",
  more_than_days_ago: "is more than",
};
