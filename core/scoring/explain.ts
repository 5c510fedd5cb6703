/**
 * The explanation ledger of SPEC §4 in the API shape of SPEC §7, built from `evaluate` so the
 * numbers shown are exactly the ones scored. Besides the §7 fields each criterion carries
 * `undecayed`, which §4 asks the ledger to show next to the decayed contribution.
 */
import type { ModelDocument } from "./document";
import { evaluate, type ActivityInput, type ContactInput, type EvaluateOptions } from "./evaluate";

export interface ExplainedCriterion {
  id: string;
  label: string;
  kind: "filter" | "activity" | "inactivity";
  matched: boolean;
  occurrences: number;
  points: number;
  undecayed: number;
  contribution: number;
  capped: boolean;
  /** ISO instant of the next change that happens without new data, or null. */
  nextChangeAt: string | null;
}

export interface Explanation {
  modelKey: string;
  version: number;
  /** ISO instant T. */
  at: string;
  raw: number;
  score: number;
  stars: number;
  band: string;
  criteria: ExplainedCriterion[];
}

export function explain(
  doc: ModelDocument,
  version: number,
  contact: ContactInput,
  activities: ActivityInput[],
  opts: EvaluateOptions,
): Explanation {
  const result = evaluate(doc, contact, activities, opts);
  return {
    modelKey: doc.key,
    version,
    at: opts.at.toISOString(),
    raw: result.raw,
    score: result.score,
    stars: result.stars,
    band: result.band,
    criteria: result.criteria.map((c) => ({
      id: c.id,
      label: c.label,
      kind: c.kind,
      matched: c.matched,
      occurrences: c.occurrences,
      points: c.points,
      undecayed: c.undecayed,
      contribution: c.contribution,
      capped: c.capped,
      nextChangeAt: isoWithinYear9999(c.nextChangeAt),
    })),
  };
}

/** Year 10000 and later has no ISO-8601 form a client can parse (`+010000-…`): reported as none. */
const YEAR_10000_MS = Date.UTC(10000, 0, 1);
function isoWithinYear9999(at: Date | null): string | null {
  if (at === null || !Number.isFinite(at.getTime()) || at.getTime() >= YEAR_10000_MS) return null;
  return at.toISOString();
}
