/**
 * Merges anonymous contacts (`anon:<id>`, what the tracking script and Segment's anonymousId
 * create) into the identified contacts they turned out to be: their activities move, their
 * fields fill gaps without overwriting known values, the earlier createdAt is kept, and the
 * anonymous contact (with its stored scores) is deleted. Runs inside the caller's transaction, so
 * a merge is all or nothing together with the batch that triggered it.
 */
import { sql } from "drizzle-orm";
import { query, type Executor } from "../../../db";
import { activities, contacts, scoreDirty, scores } from "../../../db/schema";

export const ANONYMOUS_PREFIX = "anon:";

export function anonymousExternalId(anonymousId: string): string {
  return `${ANONYMOUS_PREFIX}${anonymousId}`;
}

export interface MergePair {
  anonymous: string;
  known: string;
}

/**
 * Applies merges; returns the ids of the known contacts that changed (to mark dirty) and how many
 * anonymous contacts were merged. The known contacts must exist already. An anonymous id paired
 * with two known ids in one batch merges into the first (a shared browser: later activity stays
 * with whoever identified last, through the script's user id).
 */
export async function applyMerges(
  tx: Executor,
  workspaceId: string,
  pairs: readonly MergePair[],
): Promise<{ merged: number; knownIds: number[]; anonymousIds: number[] }> {
  const byAnonymous = new Map<string, string>();
  for (const p of pairs) {
    if (p.anonymous !== p.known && !byAnonymous.has(p.anonymous))
      byAnonymous.set(p.anonymous, p.known);
  }
  if (byAnonymous.size === 0) return { merged: 0, knownIds: [], anonymousIds: [] };
  const pairJson = JSON.stringify(
    [...byAnonymous.entries()].map(([anonymous, known]) => ({ anonymous, known })),
  );
  // Lock both sides in id order (no deadlock with a concurrent batch) and resolve the ids.
  const rows = await query<{ anon_id: number | string; known_id: number | string }>(
    tx,
    sql`with p as (
          select * from jsonb_to_recordset(${pairJson}::jsonb) as p(anonymous text, known text)
        ), locked as (
          select c.id, c.external_id from ${contacts} c
           where c.workspace_id = ${workspaceId}::uuid
             and c.external_id in (select anonymous from p union select known from p)
           order by c.id for update
        )
        select a.id as anon_id, k.id as known_id
          from p join locked a on a.external_id = p.anonymous
                 join locked k on k.external_id = p.known`,
  );
  if (rows.length === 0) return { merged: 0, knownIds: [], anonymousIds: [] };

  // Several anonymous contacts may fold into one known contact: one round per anonymous contact
  // of the same known contact, so each update sees the previous one's result.
  const rounds: { anon: number; known: number }[][] = [];
  const seen = new Map<number, number>();
  for (const r of rows) {
    const known = Number(r.known_id);
    const round = seen.get(known) ?? 0;
    seen.set(known, round + 1);
    (rounds[round] ??= []).push({ anon: Number(r.anon_id), known });
  }
  for (const round of rounds) {
    const json = JSON.stringify(round);
    await tx.execute(sql`
      update ${contacts} k
         set fields = jsonb_strip_nulls(a.fields || k.fields),
             email = coalesce(k.email, a.email),
             created_at = least(k.created_at, a.created_at),
             updated_at = now()
        from jsonb_to_recordset(${json}::jsonb) as m(anon bigint, known bigint)
        join ${contacts} a on a.workspace_id = ${workspaceId}::uuid and a.id = m.anon
       where k.workspace_id = ${workspaceId}::uuid and k.id = m.known`);
  }
  const all = JSON.stringify(
    rows.map((r) => ({ anon: Number(r.anon_id), known: Number(r.known_id) })),
  );
  await tx.execute(sql`
    update ${activities} t set contact_id = m.known
      from jsonb_to_recordset(${all}::jsonb) as m(anon bigint, known bigint)
     where t.workspace_id = ${workspaceId}::uuid and t.contact_id = m.anon`);
  const anonIds = sql`(select (e->>'anon')::bigint from jsonb_array_elements(${all}::jsonb) e)`;
  // Stored scores and queue entries of a deleted contact would otherwise linger in audiences.
  await tx.execute(
    sql`delete from ${scores} where workspace_id = ${workspaceId}::uuid and contact_id in ${anonIds}`,
  );
  await tx.execute(
    sql`delete from ${scoreDirty} where workspace_id = ${workspaceId}::uuid and contact_id in ${anonIds}`,
  );
  await tx.execute(
    sql`delete from ${contacts} where workspace_id = ${workspaceId}::uuid and id in ${anonIds}`,
  );
  return {
    merged: rows.length,
    knownIds: [...new Set(rows.map((r) => Number(r.known_id)))],
    anonymousIds: rows.map((r) => Number(r.anon_id)),
  };
}
