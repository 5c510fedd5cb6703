import { z } from "zod";
/**
 * The browser collector (POST /api/v1/t, publishable keys): page views and custom activities from
 * the tracking script, and identify calls. Anonymous activity is stored on `anon:<anonymousId>`;
 * identify fills the known contact's missing fields (never overwriting: anyone can read a
 * publishable key from a page) and merges the anonymous contact into it, in one transaction.
 */
import { requireRole, workspaceService } from "../../context";
import { applyMixedBatch } from "./apply-batch";
import { loadFieldTypes, prepareContacts } from "./contacts";
import { loadActivityTypes, prepareEvents } from "./events";
import { anonymousExternalId, type MergePair } from "./merge";
import { InvalidBatchError, toRegistryKey, type ItemIssue } from "./shared";
import { TrackingBody } from "./tracking-schemas";

/** New activity types one publishable key may introduce per UTC day (per server process). */
export const NEW_TYPES_PER_KEY_PER_DAY = 20;

class DailyAllowance {
  private day = "";
  private readonly used = new Map<string, number>();
  constructor(private readonly perDay: number) {}
  /** Spends `n` of the key's allowance for today, or nothing when it would exceed it. */
  take(key: string, n: number, now = new Date()): boolean {
    const day = now.toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.used.clear();
    }
    const used = this.used.get(key) ?? 0;
    if (used + n > this.perDay) return false;
    this.used.set(key, used + n);
    return true;
  }
  reset() {
    this.used.clear();
  }
}
const globalForTracking = globalThis as unknown as { scorecraftNewTypes?: DailyAllowance };
const newTypeAllowance = (globalForTracking.scorecraftNewTypes ??= new DailyAllowance(
  NEW_TYPES_PER_KEY_PER_DAY,
));

/** Tests start from a fresh day. */
export function resetNewTypeAllowances(): void {
  newTypeAllowance.reset();
}

export const CollectTrackingInput = z.object({ body: TrackingBody, now: z.date().optional() });

export const collectTracking = workspaceService(
  CollectTrackingInput,
  async ({ ctx, input }): Promise<{ accepted: number; duplicates: number; merged: number }> => {
    requireRole(ctx, "editor");
    const { body } = input;
    // Browser clocks are unreliable: the server's receive time is the activity time.
    const now = (input.now ?? new Date()).toISOString();
    const anonymous = anonymousExternalId(body.anonymousId);
    let current = body.userId ?? null;

    const contactItems: unknown[] = [];
    const contactIndex: number[] = [];
    const eventItems: unknown[] = [];
    const eventIndex: number[] = [];
    const merges: MergePair[] = [];
    const issues: ItemIssue[] = [];
    body.messages.forEach((message, index) => {
      if (message.kind === "identify") {
        current = message.userId;
        const fields: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(message.fields ?? {})) {
          const field = toRegistryKey(key, "trait");
          if (field) fields[field] = value;
        }
        const { email, ...rest } = fields;
        delete rest.created_at;
        contactItems.push({
          externalId: message.userId,
          ...(typeof email === "string" ? { email } : {}),
          fields: rest,
        });
        contactIndex.push(index);
        merges.push({ anonymous, known: message.userId });
        return;
      }
      const type = toRegistryKey(message.type, "event");
      if (!type) {
        issues.push({ index, field: "type", message: "the activity type needs a letter or digit" });
        return;
      }
      eventItems.push({
        // Namespaced so a browser-made id can never collide with a server-side eventId.
        eventId: `t:${body.anonymousId}:${message.eventId}`,
        contactId: current ?? anonymous,
        type,
        occurredAt: now,
        properties: message.properties ?? {},
      });
      eventIndex.push(index);
    });
    // With a user id from an earlier identify, stray anonymous activity still folds in.
    if (body.userId) merges.push({ anonymous, known: body.userId });

    const [fieldTypes, knownTypes] = await Promise.all([
      loadFieldTypes(ctx.db, ctx.workspaceId),
      loadActivityTypes(ctx.db, ctx.workspaceId),
    ]);
    // A publishable key is readable by anyone from a web page: it may fill fields that exist, but
    // never add one (the first value would fix the field's type for every later import).
    contactItems.forEach((item, p) => {
      const fields = (item as { fields: Record<string, unknown> }).fields;
      for (const key of Object.keys(fields)) {
        if (!fieldTypes.has(key)) {
          issues.push({
            index: contactIndex[p]!,
            field: `fields.${key}`,
            message: `unknown field "${key}": create it first (Data page, CSV import or POST /contacts)`,
          });
        }
      }
    });
    // Types are learnt from data; from a public key, only a few new ones a day (else anyone could
    // fill the registry the model editor lists).
    const newTypes = new Map<string, number>();
    eventItems.forEach((item, p) => {
      const type = (item as { type: string }).type;
      if (!knownTypes.has(type) && !newTypes.has(type)) newTypes.set(type, eventIndex[p]!);
    });
    if (newTypes.size > 0 && !newTypeAllowance.take(ctx.actor.id, newTypes.size)) {
      for (const index of newTypes.values()) {
        issues.push({
          index,
          field: "type",
          message: `a new activity type: this key may add at most ${NEW_TYPES_PER_KEY_PER_DAY} a day; create it on the Data page or send it with a write key`,
        });
      }
    }
    const contacts = prepareContacts(contactItems, fieldTypes, (p) => contactIndex[p]!);
    const events = prepareEvents(eventItems, (p) => eventIndex[p]!);
    const all = [...issues, ...contacts.issues, ...events.issues].map((i) => ({
      ...i,
      field: `messages[${i.index}].${i.field}`,
    }));
    if (all.length > 0) throw new InvalidBatchError(all);
    const result = await applyMixedBatch(
      ctx,
      { contacts: contacts.prepared, contactMode: "fill", events: events.prepared, merges },
      knownTypes,
    );
    return { ...result.events, merged: result.merged };
  },
);
