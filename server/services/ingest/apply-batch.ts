/**
 * Applies a mixed batch (contacts, events and anonymous → known merges) in ONE transaction: what
 * Segment batches and the browser collector need, where an identify and the activity around it
 * arrive together. Order: contacts, then events (creating missing contacts), then merges (which
 * also move the events just stored for the anonymous contact), then the dirty marks.
 */
import type { ServiceContext } from "../../context";
import { markContactsDirty } from "../scoring/mark-dirty";
import { applyContacts, type PreparedContacts } from "./contacts";
import { applyEvents, type ActivityTypes, type PreparedEvents } from "./events";
import { applyMerges, type MergePair } from "./merge";

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
  return ctx.db.transaction(async (tx) => {
    const contacts = await applyContacts(tx, ctx.workspaceId, batch.contacts, batch.contactMode);
    const events = await applyEvents(tx, ctx.workspaceId, batch.events, knownTypes);
    const merges = await applyMerges(tx, ctx.workspaceId, batch.merges);
    const deleted = new Set(merges.anonymousIds);
    const dirty = [
      ...contacts.created.values(),
      ...contacts.updated,
      ...events.touchedContactIds,
      ...merges.knownIds,
    ].filter((id) => !deleted.has(id));
    await markContactsDirty(tx, ctx.workspaceId, dirty);
    return {
      contacts: { created: contacts.created.size, updated: contacts.updated.length },
      events: { accepted: events.accepted, duplicates: events.duplicates },
      merged: merges.merged,
    };
  });
}
