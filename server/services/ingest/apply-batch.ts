/**
 * Applies a mixed batch (contacts, events and anonymous → known merges) in ONE transaction: what
 * Segment batches and the browser collector need, where an identify and the activity around it
 * arrive together. Order: identity locks, contacts, then events (creating missing contacts), then
 * merges (which also move the events just stored for the anonymous contact), then the dirty marks,
 * then the merged contacts' deletion (ADR 0008). A lock conflict re-runs the whole batch.
 */
import type { ServiceContext } from "../../context";
import { markContactsDirty } from "../scoring/mark-dirty";
import { applyContacts, type PreparedContacts } from "./contacts";
import { applyEvents, type ActivityTypes, type PreparedEvents } from "./events";
import { ingestTransaction } from "./identity";
import { applyMerges, deleteMergedContacts, type MergePair } from "./merge";

export interface MixedBatch {
  contacts: PreparedContacts;
  contactMode: "overwrite" | "fill";
  events: PreparedEvents;
  merges: MergePair[];
}

export interface MixedResult {
  contacts: { created: number; updated: number };
  events: { accepted: number; duplicates: number };
  merged: number;
}

export async function applyMixedBatch(
  ctx: ServiceContext,
  batch: MixedBatch,
  knownTypes: ActivityTypes,
): Promise<MixedResult> {
  const identities = [
    ...batch.contacts.rows.map((r) => r.externalId),
    ...batch.events.rows.map((r) => r.contactExternalId),
    ...batch.merges.flatMap((m) => [m.anonymous, m.known]),
  ];
  return ingestTransaction(ctx.db, ctx.workspaceId, identities, "mixed batch", async (tx) => {
    const contacts = await applyContacts(tx, ctx.workspaceId, batch.contacts, batch.contactMode);
    const events = await applyEvents(tx, ctx.workspaceId, batch.events, knownTypes);
    const merges = await applyMerges(tx, ctx.workspaceId, batch.merges);
    const dirty = [
      ...contacts.created.values(),
      ...contacts.updated,
      ...events.touchedContactIds,
      ...merges.knownIds,
    ];
    await markContactsDirty(tx, ctx.workspaceId, dirty, { forget: merges.anonymousIds });
    await deleteMergedContacts(tx, ctx.workspaceId, merges.anonymousIds);
    return {
      contacts: { created: contacts.created.size, updated: contacts.updated.length },
      events: { accepted: events.accepted, duplicates: events.duplicates },
      merged: merges.merged,
    };
  });
}
