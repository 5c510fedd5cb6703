/**
 * The baseline: the naive full rescore the product must NOT use (N+1 queries). For each contact,
 * one query for its activities (of the model's activity types), `evaluate` in JS, and one upsert
 * into `scores` per contact. For a percentile scale, a first pass evaluates every contact to get
 * the raws, R comes from `percentileReference`, and a second pass upserts (raws are kept in
 * memory, so the baseline reads each contact's activities once).
 *
 * To keep it honest rather than a straw man, both statements are prepared once (no per-contact
 * SQL building) and the activity query uses the scoring index
 * `(workspace_id, contact_id, type, occurred_at)`.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { ModelDocument } from "../../core/scoring/document";
import {
  bandFor,
  evaluate,
  percentileReference,
  scoreFromRaw,
  starsFromScore,
} from "../../core/scoring/evaluate";
import type { Db } from "../../db";
import { activities, contacts, scores } from "../../db/schema";
import { loadRegistry } from "../../server/services/registry/load-registry";

export interface BaselineJob {
  workspaceId: string;
  modelId: string;
  version: number;
  document: ModelDocument;
  at: Date;
  /** Only the first `limit` contacts by id (a sampled baseline); absent: all. */
  limit?: number;
}

export interface BaselineResult {
  contacts: number;
  activitiesRead: number;
  scaleReference: number | null;
  /** Where the time went (ms): activity queries, `evaluate`, upserts; the rest is setup. */
  split: { read: number; evaluate: number; write: number };
}

/** The activity types a model reads (activity and inactivity criteria). */
export function modelActivityTypes(document: ModelDocument): string[] {
  const types = new Set<string>();
  for (const c of document.criteria) if (c.kind !== "filter") types.add(c.activity);
  return [...types];
}

export async function naiveRescore(db: Db, job: BaselineJob): Promise<BaselineResult> {
  const { workspaceId, document, at } = job;
  const registry = await loadRegistry(db, workspaceId);
  const types = modelActivityTypes(document);

  const contactQuery = db
    .select({
      id: contacts.id,
      email: contacts.email,
      createdAt: contacts.createdAt,
      fields: contacts.fields,
    })
    .from(contacts)
    .where(eq(contacts.workspaceId, workspaceId))
    .orderBy(asc(contacts.id));
  const contactRows = await (job.limit === undefined
    ? contactQuery
    : contactQuery.limit(job.limit));

  const activityQuery = db
    .select({
      type: activities.type,
      occurredAt: activities.occurredAt,
      properties: activities.properties,
    })
    .from(activities)
    .where(
      and(
        eq(activities.workspaceId, workspaceId),
        eq(activities.contactId, sql.placeholder("contactId")),
        // A model without activity criteria still runs the query (the naive shape), matching nothing.
        types.length > 0 ? inArray(activities.type, types) : sql`false`,
      ),
    )
    .prepare("bench_baseline_activities");

  const upsert = db
    .insert(scores)
    .values({
      workspaceId,
      modelId: job.modelId,
      contactId: sql.placeholder("contactId"),
      version: job.version,
      raw: sql.placeholder("raw"),
      score: sql.placeholder("score"),
      stars: sql.placeholder("stars"),
      band: sql.placeholder("band"),
      asOf: at,
    })
    .onConflictDoUpdate({
      target: [scores.workspaceId, scores.modelId, scores.contactId],
      set: {
        version: sql`excluded.version`,
        raw: sql`excluded.raw`,
        score: sql`excluded.score`,
        stars: sql`excluded.stars`,
        band: sql`excluded.band`,
        asOf: sql`excluded.as_of`,
      },
    })
    .prepare("bench_baseline_upsert");

  const split = { read: 0, evaluate: 0, write: 0 };
  let activitiesRead = 0;
  const read = async (contactId: number) => {
    const t0 = performance.now();
    const rows = await activityQuery.execute({ contactId });
    split.read += performance.now() - t0;
    activitiesRead += rows.length;
    return rows;
  };
  const write = async (
    contactId: number,
    raw: number,
    score: number,
    stars: number,
    band: string,
  ) => {
    const t0 = performance.now();
    await upsert.execute({ contactId, raw, score, stars, band });
    split.write += performance.now() - t0;
  };

  if (document.scale.kind === "fixed") {
    for (const contact of contactRows) {
      const rows = await read(contact.id);
      const t0 = performance.now();
      const e = evaluate(document, contact, rows, { at, registry });
      split.evaluate += performance.now() - t0;
      await write(contact.id, e.raw, e.score, e.stars, e.band);
    }
    return { contacts: contactRows.length, activitiesRead, scaleReference: null, split };
  }

  const raws: number[] = new Array<number>(contactRows.length);
  for (let i = 0; i < contactRows.length; i++) {
    const contact = contactRows[i]!;
    const rows = await read(contact.id);
    const t0 = performance.now();
    raws[i] = evaluate(document, contact, rows, { at, registry, scaleReference: null }).raw;
    split.evaluate += performance.now() - t0;
  }
  const reference = percentileReference(raws, document.scale.percentile);
  for (let i = 0; i < contactRows.length; i++) {
    const raw = raws[i]!;
    const score = scoreFromRaw(raw, document.scale, reference);
    await write(
      contactRows[i]!.id,
      raw,
      score,
      starsFromScore(score),
      bandFor(score, document.bands),
    );
  }
  return { contacts: contactRows.length, activitiesRead, scaleReference: reference, split };
}
