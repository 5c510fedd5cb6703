/**
 * Test-only helpers to put case data into the real tables and compare SQL rows with the evaluator.
 * Tests may import db/; the engine itself never does.
 */
import { sql } from "drizzle-orm";
import { expect } from "vitest";
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- tests seed the real tables; the engine itself never imports db/
import { query, type Db } from "../../../db/index";
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- tests seed the real tables; the engine itself never imports db/
import { activities, contacts, workspaces } from "../../../db/schema";
import type { ActivityInput, ContactInput, Evaluation } from "../evaluate";

export interface ScoreRow {
  contactId: number;
  raw: number;
  score: number;
  stars: number;
  band: string;
}

let workspaceCounter = 0;

export async function createWorkspace(db: Db, name = "case"): Promise<string> {
  workspaceCounter += 1;
  const [row] = await db
    .insert(workspaces)
    .values({ slug: `${name}-${workspaceCounter}-${Date.now()}`, name })
    .returning({ id: workspaces.id });
  if (!row) throw new Error("workspace insert returned nothing");
  return row.id;
}

export interface SeedContact {
  contact: ContactInput;
  activities: ActivityInput[];
}

/** Inserts contacts and their activities with multi-row inserts; returns contact ids in order. */
export async function seed(
  db: Db,
  workspaceId: string,
  items: readonly SeedContact[],
): Promise<number[]> {
  const ids: number[] = [];
  const batch = 500;
  for (let start = 0; start < items.length; start += batch) {
    const chunk = items.slice(start, start + batch);
    const rows = await db
      .insert(contacts)
      .values(
        chunk.map((item, i) => ({
          workspaceId,
          externalId: `x${start + i}`,
          email: item.contact.email ?? null,
          createdAt: item.contact.createdAt,
          // Spread: generated objects may have a null prototype, which drizzle's value walk rejects.
          fields: { ...item.contact.fields },
        })),
      )
      .returning({ id: contacts.id, externalId: contacts.externalId });
    const byExternal = new Map(rows.map((r) => [r.externalId, Number(r.id)]));
    chunk.forEach((_, i) => {
      const id = byExternal.get(`x${start + i}`);
      if (id === undefined) throw new Error("contact insert lost a row");
      ids.push(id);
    });
  }
  const activityRows = items.flatMap((item, i) =>
    item.activities.map((a) => ({ contactId: ids[i] as number, activity: a })),
  );
  for (let start = 0; start < activityRows.length; start += batch) {
    await db.insert(activities).values(
      activityRows.slice(start, start + batch).map((row, j) => ({
        workspaceId,
        eventId: `e${start + j}`,
        contactId: row.contactId,
        type: row.activity.type,
        occurredAt: row.activity.occurredAt,
        properties: { ...row.activity.properties },
      })),
    );
  }
  return ids;
}

export async function truncateData(db: Db): Promise<void> {
  // CASCADE: scores, dirty marks and identity aliases reference contacts by foreign key.
  await db.execute(sql`TRUNCATE activities, contacts CASCADE`);
}

export async function scoreRows(
  db: Db,
  statement: ReturnType<typeof sql>,
): Promise<Map<number, ScoreRow>> {
  const rows = await query<{
    contact_id: number | string;
    raw: number;
    score: number;
    stars: number;
    band: string;
  }>(db, statement);
  return new Map(
    rows.map((r) => [
      Number(r.contact_id),
      {
        contactId: Number(r.contact_id),
        raw: Number(r.raw),
        score: Number(r.score),
        stars: Number(r.stars),
        band: r.band,
      },
    ]),
  );
}

export function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(1e-9, 1e-9 * Math.abs(b));
}

function nearBoundary(score: number, boundaries: readonly number[]): boolean {
  return boundaries.some((b) => Math.abs(score - b) <= 1e-9);
}

const STAR_BOUNDARIES = [5, 15, 25, 35, 45, 55, 65, 75, 85, 95];

/** SPEC §4 agreement: raw and score within 1e-9; stars and band equal unless the score is on an edge. */
export function expectAgreement(
  row: ScoreRow | undefined,
  ev: Evaluation,
  bandMins: readonly number[],
  label: string,
): void {
  expect(row, `${label}: no SQL row`).toBeDefined();
  if (!row) return;
  expect(close(row.raw, ev.raw), `${label}: raw sql=${row.raw} evaluate=${ev.raw}`).toBe(true);
  expect(close(row.score, ev.score), `${label}: score sql=${row.score} evaluate=${ev.score}`).toBe(
    true,
  );
  if (row.stars !== ev.stars) {
    expect(
      nearBoundary(ev.score, STAR_BOUNDARIES),
      `${label}: stars sql=${row.stars} evaluate=${ev.stars}`,
    ).toBe(true);
  }
  if (row.band !== ev.band) {
    expect(
      nearBoundary(ev.score, bandMins),
      `${label}: band sql=${row.band} evaluate=${ev.band}`,
    ).toBe(true);
  }
}
