/**
 * Records a batch of activities (SPEC §7 `POST /events`). Validated in JS, then one transaction:
 * unknown contacts are created, the activity registry learns new types and property keys, events
 * are inserted with `on conflict do nothing` on the idempotency key (so a repeated `eventId`, in
 * the batch or already stored, is a duplicate and never stored twice), and the contacts that got
 * an activity are marked dirty. Anonymous contacts are locked and resolved through their aliases
 * first (identity.ts), so a concurrent merge can never orphan an acknowledged event. A handful of multi-row statements whatever the batch size.
 */
import { eq, sql } from "drizzle-orm";
import type { FieldType } from "../../../core/scoring/document";
import { query, type Executor } from "../../../db";
import { activityTypes, activities, contacts } from "../../../db/schema";
import { requireRole, workspaceService } from "../../context";
import { markContactsDirty } from "../scoring/mark-dirty";
import { ingestTransaction, resolveAliases } from "./identity";
import {
  EventItem,
  InvalidBatchError,
  inferType,
  isLearnableProperty,
  itemIssues,
  labelFromKey,
  normalizeInstant,
  nulIssue,
  requireBatchSize,
  type ItemIssue,
  BatchInput,
} from "./shared";

export interface PreparedEvent {
  eventId: string;
  contactExternalId: string;
  type: string;
  occurredAt: string;
  properties: Record<string, unknown>;
}

export interface PreparedEvents {
  /** Distinct eventIds, first occurrence kept. */
  rows: PreparedEvent[];
  /** Items repeating an eventId earlier in the same batch. */
  inBatchDuplicates: number;
  total: number;
}

/** Known activity types and their property types. */
export type ActivityTypes = Map<string, Record<string, FieldType>>;

export function prepareEvents(
  items: readonly unknown[],
  indexOf: (position: number) => number = (p) => p,
): { prepared: PreparedEvents; issues: ItemIssue[] } {
  const issues: ItemIssue[] = [];
  const byId = new Map<string, PreparedEvent>();
  let inBatchDuplicates = 0;
  items.forEach((raw, position) => {
    const nul = nulIssue(indexOf(position), raw);
    if (nul) {
      issues.push(nul);
      return;
    }
    const parsed = EventItem.safeParse(raw);
    if (!parsed.success) {
      issues.push(...itemIssues(indexOf(position), parsed.error));
      return;
    }
    const item = parsed.data;
    if (byId.has(item.eventId)) {
      inBatchDuplicates += 1;
      return;
    }
    byId.set(item.eventId, {
      eventId: item.eventId,
      contactExternalId: item.contactId,
      type: item.type,
      occurredAt: normalizeInstant(item.occurredAt),
      properties: item.properties ?? {},
    });
  });
  return { prepared: { rows: [...byId.values()], inBatchDuplicates, total: items.length }, issues };
}

export async function loadActivityTypes(db: Executor, workspaceId: string): Promise<ActivityTypes> {
  const rows = await db
    .select({ key: activityTypes.key, properties: activityTypes.properties })
    .from(activityTypes)
    .where(eq(activityTypes.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.key, r.properties as Record<string, FieldType>]));
}

/**
 * Types and property keys the registry does not know yet, typed from the first value seen. A value
 * whose type disagrees with a known property is still stored (analytics data is messy); scoring
 * reads it as missing, as it does any wrong-typed value.
 */
export function learnActivityTypes(
  rows: readonly PreparedEvent[],
  known: ActivityTypes,
): { key: string; label: string; properties: Record<string, FieldType> }[] {
  const learnt = new Map<string, Record<string, FieldType>>();
  for (const row of rows) {
    const existing = known.get(row.type);
    let additions = learnt.get(row.type);
    if (!existing && !additions) learnt.set(row.type, (additions = {}));
    for (const [key, value] of Object.entries(row.properties)) {
      if (!isLearnableProperty(key) || (existing && Object.hasOwn(existing, key))) continue;
      const type = inferType(value);
      if (type === null || (additions && Object.hasOwn(additions, key))) continue;
      if (!additions) learnt.set(row.type, (additions = {}));
      additions[key] = type;
    }
  }
  return [...learnt.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, properties]) => ({ key, label: labelFromKey(key), properties }));
}

export interface AppliedEvents {
  accepted: number;
  duplicates: number;
  /** Contacts that received at least one new activity or were created. */
  touchedContactIds: number[];
}

/**
 * Writes prepared events inside the caller's transaction (see the file comment), which holds the
 * identity locks of their contacts (identity.ts). Events whose eventId is already stored are
 * dropped first: a duplicate changes nothing, it creates no contact and teaches the registry
 * nothing. (Two batches sending the same new eventId at the same instant both pass that check;
 * the insert's conflict clause then stores it once.)
 */
export async function applyEvents(
  tx: Executor,
  workspaceId: string,
  prepared: PreparedEvents,
  knownTypes: ActivityTypes,
): Promise<AppliedEvents> {
  const fresh = await withoutStoredEvents(tx, workspaceId, prepared.rows);
  if (fresh.length === 0) {
    return { accepted: 0, duplicates: prepared.total, touchedContactIds: [] };
  }
  const learnt = learnActivityTypes(fresh, knownTypes);
  if (learnt.length > 0) {
    // Existing property types win (`new || existing`): the registry only ever gains keys.
    await tx.execute(sql`
      insert into ${activityTypes} (workspace_id, key, label, properties)
      select ${workspaceId}::uuid, t.key, t.label, t.properties
        from jsonb_to_recordset(${JSON.stringify(learnt)}::jsonb)
             as t(key text, label text, properties jsonb)
       order by t.key
      on conflict (workspace_id, key)
      do update set properties = excluded.properties || ${activityTypes}.properties`);
  }

  const { idOf, createdIds } = await resolveContacts(
    tx,
    workspaceId,
    fresh.map((r) => r.contactExternalId),
  );
  const rows = [...fresh]
    .sort((a, b) => (a.eventId < b.eventId ? -1 : 1))
    .map((r) => {
      const contactId = idOf.get(r.contactExternalId);
      // resolveContacts returns every id it was given (it creates the missing ones).
      if (contactId === undefined)
        throw new Error(`contact ${r.contactExternalId} was not resolved`);
      return {
        event_id: r.eventId,
        contact_id: contactId,
        type: r.type,
        occurred_at: r.occurredAt,
        properties: r.properties,
      };
    });
  const inserted = await query<{ contact_id: number | string }>(
    tx,
    sql`insert into ${activities} (workspace_id, event_id, contact_id, type, occurred_at, properties)
        select ${workspaceId}::uuid, e.event_id, e.contact_id, e.type, e.occurred_at, e.properties
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
               as e(event_id text, contact_id bigint, type text, occurred_at timestamptz, properties jsonb)
         order by e.event_id
        on conflict (workspace_id, event_id) do nothing
        returning contact_id`,
  );
  const touched = new Set([...inserted.map((r) => Number(r.contact_id)), ...createdIds]);
  return {
    accepted: inserted.length,
    duplicates: prepared.total - inserted.length,
    touchedContactIds: [...touched],
  };
}

/** The events whose eventId is not stored yet (one probe of the idempotency index per event). */
async function withoutStoredEvents(
  tx: Executor,
  workspaceId: string,
  rows: readonly PreparedEvent[],
): Promise<PreparedEvent[]> {
  if (rows.length === 0) return [];
  const stored = await query<{ event_id: string }>(
    tx,
    sql`select event_id from ${activities}
         where workspace_id = ${workspaceId}::uuid
           and event_id in (select jsonb_array_elements_text(${JSON.stringify(rows.map((r) => r.eventId))}::jsonb))`,
  );
  if (stored.length === 0) return [...rows];
  const known = new Set(stored.map((r) => r.event_id));
  return rows.filter((r) => !known.has(r.eventId));
}

/**
 * Ids of these contacts, creating the unknown ones (bare: externalId and first-seen time). An
 * aliased id (`anon:z` after a merge) resolves to the contact it was merged into. One statement
 * for the common case; its outer select cannot see rows inserted by its own CTE (same snapshot),
 * hence the union with what the insert returns.
 */
export async function resolveContacts(
  tx: Executor,
  workspaceId: string,
  externalIds: readonly string[],
): Promise<{ idOf: Map<string, number>; createdIds: number[] }> {
  const distinct = [...new Set(externalIds)];
  const aliases = await resolveAliases(tx, workspaceId, distinct);
  const targetOf = (id: string) => aliases.get(id) ?? id;
  const targets = [...new Set(distinct.map(targetOf))].sort();
  const idsJson = JSON.stringify(targets);
  const rows = await query<{ id: number | string; external_id: string; created: boolean }>(
    tx,
    sql`with wanted as (
          select x as external_id from jsonb_array_elements_text(${idsJson}::jsonb) x
        ), inserted as (
          insert into ${contacts} (workspace_id, external_id)
          select ${workspaceId}::uuid, w.external_id from wanted w
           where not exists (select 1 from ${contacts} c
                              where c.workspace_id = ${workspaceId}::uuid
                                and c.external_id = w.external_id)
           order by w.external_id
          -- Known contacts are filtered above (cheaper than a speculative insert each); the
          -- conflict clause only catches contacts a concurrent batch is creating.
          on conflict (workspace_id, external_id) do nothing
          returning id, external_id
        )
        select id, external_id, true as created from inserted
        union all
        select c.id, c.external_id, false from ${contacts} c
         where c.workspace_id = ${workspaceId}::uuid
           and c.external_id in (select external_id from wanted)`,
  );
  const byTarget = new Map(rows.map((r) => [r.external_id, Number(r.id)]));
  const missing = targets.filter((id) => !byTarget.has(id));
  if (missing.length > 0) {
    // A concurrent batch created them after this statement's snapshot: its insert made ours wait
    // and then skip. A new statement sees the committed rows.
    const late = await query<{ id: number | string; external_id: string }>(
      tx,
      sql`select id, external_id from ${contacts}
           where workspace_id = ${workspaceId}::uuid
             and external_id in (select jsonb_array_elements_text(${JSON.stringify(missing)}::jsonb))`,
    );
    for (const r of late) byTarget.set(r.external_id, Number(r.id));
  }
  const idOf = new Map<string, number>();
  for (const id of distinct) {
    const contactId = byTarget.get(targetOf(id));
    if (contactId !== undefined) idOf.set(id, contactId);
  }
  return { idOf, createdIds: rows.filter((r) => r.created).map((r) => Number(r.id)) };
}

/** SPEC §7 `POST /events`: all or nothing; `{ accepted, duplicates }`. */
export const recordEvents = workspaceService(
  BatchInput,
  async ({ ctx, input }): Promise<{ accepted: number; duplicates: number }> => {
    requireRole(ctx, "editor");
    requireBatchSize(input.items.length);
    const { prepared, issues } = prepareEvents(input.items);
    if (issues.length > 0) throw new InvalidBatchError(issues);
    const knownTypes = await loadActivityTypes(ctx.db, ctx.workspaceId);
    return ingestTransaction(
      ctx.db,
      ctx.workspaceId,
      prepared.rows.map((r) => r.contactExternalId),
      "events batch",
      async (tx) => {
        const applied = await applyEvents(tx, ctx.workspaceId, prepared, knownTypes);
        await markContactsDirty(tx, ctx.workspaceId, applied.touchedContactIds);
        return { accepted: applied.accepted, duplicates: applied.duplicates };
      },
    );
  },
);
