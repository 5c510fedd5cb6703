/**
 * Merges anonymous contacts (`anon:<id>`, what the tracking script and Segment's anonymousId
 * create) into the identified contacts they turned out to be: their activities move, their
 * fields fill gaps without overwriting known values, the earlier createdAt is kept, an alias
 * records the merge for activity that arrives later, and the anonymous contact (with its stored
 * scores) is deleted. Runs inside the caller's transaction, so a merge is all or nothing together
 * with the batch that triggered it; the caller must hold the identity locks (identity.ts).
 *
 * Lock order (ADR 0008): identity locks, then the anonymous contacts FOR UPDATE in id order, then
 * the known contacts FOR NO KEY UPDATE in id order (which does not conflict with the KEY SHARE
 * locks that concurrent activity inserts take on them), then the dirty queue in contact order
 * (mark-dirty.ts), and only then the delete.
 */
import { sql } from "drizzle-orm";
import { query, type Executor } from "../../../db";
import { activities, contactAliases, contacts } from "../../../db/schema";
import { ANONYMOUS_PREFIX } from "./identity";

export { ANONYMOUS_PREFIX };

export function anonymousExternalId(anonymousId: string): string {
  return `${ANONYMOUS_PREFIX}${anonymousId}`;
}

export interface MergePair {
  anonymous: string;
  known: string;
}

export interface AppliedMerges {
  /** Anonymous contacts folded into a known one. */
  merged: number;
  /** Known contacts that received data (to mark dirty). */
  knownIds: number[];
  /** Anonymous contacts to delete with `deleteMergedContacts` once the dirty queue is updated. */
  anonymousIds: number[];
}

/**
 * Applies merges. The known contacts must exist already; a pair whose anonymous contact does not
 * exist (nothing was tracked before the identify) still records the alias. An anonymous id
 * paired with two known ids in one batch merges into the first; a later batch re-points the
 * alias (a shared browser: later activity goes to whoever identified last).
 */
export async function applyMerges(
  tx: Executor,
  workspaceId: string,
  pairs: readonly MergePair[],
): Promise<AppliedMerges> {
  const byAnonymous = new Map<string, string>();
  for (const p of pairs) {
    if (p.anonymous !== p.known && !byAnonymous.has(p.anonymous))
      byAnonymous.set(p.anonymous, p.known);
  }
  const none: AppliedMerges = { merged: 0, knownIds: [], anonymousIds: [] };
  if (byAnonymous.size === 0) return none;
  const pairJson = JSON.stringify(
    [...byAnonymous.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([anonymous, known]) => ({ anonymous, known })),
  );
  const anonymousRows = await query<{ id: number | string; external_id: string }>(
    tx,
    sql`select c.id, c.external_id from ${contacts} c
         where c.workspace_id = ${workspaceId}::uuid
           and c.external_id in (select p.anonymous from jsonb_to_recordset(${pairJson}::jsonb)
                                        as p(anonymous text, known text))
         order by c.id for update`,
  );
  const knownRows = await query<{ id: number | string; external_id: string }>(
    tx,
    sql`select c.id, c.external_id from ${contacts} c
         where c.workspace_id = ${workspaceId}::uuid
           and c.external_id in (select p.known from jsonb_to_recordset(${pairJson}::jsonb)
                                        as p(anonymous text, known text))
         order by c.id for no key update`,
  );
  const anonymousId = new Map(anonymousRows.map((r) => [r.external_id, Number(r.id)]));
  const knownId = new Map(knownRows.map((r) => [r.external_id, Number(r.id)]));

  const aliases: { external_id: string; contact_id: number }[] = [];
  const folds: { anon: number; known: number }[] = [];
  for (const [anonymous, known] of byAnonymous) {
    const k = knownId.get(known);
    if (k === undefined) continue;
    aliases.push({ external_id: anonymous, contact_id: k });
    const a = anonymousId.get(anonymous);
    if (a !== undefined) folds.push({ anon: a, known: k });
  }
  if (aliases.length === 0) return none;
  aliases.sort((x, y) => (x.external_id < y.external_id ? -1 : 1));
  await tx.execute(sql`
    insert into ${contactAliases} (workspace_id, external_id, contact_id)
    select ${workspaceId}::uuid, a.external_id, a.contact_id
      from jsonb_to_recordset(${JSON.stringify(aliases)}::jsonb) as a(external_id text, contact_id bigint)
    on conflict (workspace_id, external_id) do update set contact_id = excluded.contact_id`);
  if (folds.length === 0) return none;

  // Several anonymous contacts may fold into one known contact: one round per anonymous contact
  // of the same known contact, so each update sees the previous one's result.
  const rounds: { anon: number; known: number }[][] = [];
  const seen = new Map<number, number>();
  for (const fold of folds) {
    const round = seen.get(fold.known) ?? 0;
    seen.set(fold.known, round + 1);
    (rounds[round] ??= []).push(fold);
  }
  for (const round of rounds) {
    await tx.execute(sql`
      update ${contacts} k
         set fields = jsonb_strip_nulls(a.fields || k.fields),
             email = coalesce(k.email, a.email),
             created_at = least(k.created_at, a.created_at),
             updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(round)}::jsonb) as m(anon bigint, known bigint)
        join ${contacts} a on a.workspace_id = ${workspaceId}::uuid and a.id = m.anon
       where k.workspace_id = ${workspaceId}::uuid and k.id = m.known`);
  }
  // A new statement: it sees every activity committed for the anonymous contacts, including those
  // of batches we waited for at the identity lock.
  await tx.execute(sql`
    update ${activities} t set contact_id = m.known
      from jsonb_to_recordset(${JSON.stringify(folds)}::jsonb) as m(anon bigint, known bigint)
     where t.workspace_id = ${workspaceId}::uuid and t.contact_id = m.anon`);
  return {
    merged: folds.length,
    knownIds: [...new Set(folds.map((f) => f.known))],
    anonymousIds: folds.map((f) => f.anon),
  };
}

/**
 * Deletes merged anonymous contacts; their stored scores, aliases and queue entries go with them
 * (foreign keys). Call after `markContactsDirty(…, { forget })` has removed their queue entries in
 * lock order.
 */
export async function deleteMergedContacts(
  tx: Executor,
  workspaceId: string,
  contactIds: readonly number[],
): Promise<void> {
  if (contactIds.length === 0) return;
  const sorted = [...contactIds].sort((a, b) => a - b);
  await tx.execute(sql`
    delete from ${contacts}
     where workspace_id = ${workspaceId}::uuid
       and id = any(${`{${sorted.join(",")}}`}::bigint[])`);
}
