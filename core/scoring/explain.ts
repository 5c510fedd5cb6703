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
      nextChangeAt: c.nextChangeAt === null ? null : c.nextChangeAt.toISOString(),
    })),
  };
}
