/**
 * The import's one door into the ingest services (the same validation and semantics as the
 * public API): a batch of ≤ 1,000 items either applies atomically or is refused with per-item
 * issues. Normalised here so the import loop does not depend on the services' error shapes.
 */
import type { ServiceContext } from "../../context";
import { ServiceError } from "../../errors";
import { upsertContacts } from "../ingest/contacts";
import { recordEvents } from "../ingest/events";
import { MAX_BATCH_ITEMS } from "../ingest/shared";
import type { ContactItem, EventItem } from "./mapping";

export { MAX_BATCH_ITEMS };

export interface BatchOutcome {
  /** New contacts / stored activities. */
  created: number;
  /** Existing contacts whose data changed. */
  updated: number;
  /** Existing contacts with identical data (contacts) or repeated event ids (activities). */
  unchanged: number;
}

export interface BatchItemIssue {
  index: number;
  field: string;
  message: string;
}

export type BatchResult = { ok: true; outcome: BatchOutcome } | { ok: false; issues: BatchItemIssue[] };

export async function ingestContacts(
  ctx: ServiceContext,
  items: readonly ContactItem[],
): Promise<BatchResult> {
  return refused(async () => {
    const r = await upsertContacts({ ctx, input: { items } });
    return { created: r.created, updated: r.updated, unchanged: r.unchanged };
  });
}

export async function ingestEvents(
  ctx: ServiceContext,
  items: readonly EventItem[],
): Promise<BatchResult> {
  return refused(async () => {
    const r = await recordEvents({ ctx, input: { items } });
    return { created: r.accepted, updated: 0, unchanged: r.duplicates };
  });
}

/** A refused batch (422 with per-item issues) becomes a value; anything else is thrown. */
async function refused(run: () => Promise<BatchOutcome>): Promise<BatchResult> {
  try {
    return { ok: true, outcome: await run() };
  } catch (error) {
    if (error instanceof ServiceError && error.code === "UNPROCESSABLE") {
      const details = error.details as { items?: BatchItemIssue[] } | undefined;
      const issues = (details?.items ?? []).filter((i) => Number.isInteger(i.index));
      if (issues.length > 0) return { ok: false, issues };
    }
    throw error;
  }
}
