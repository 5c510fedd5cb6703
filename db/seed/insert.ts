/**
 * Bulk insert of the demo data set into one workspace: field registry (built-ins + demo fields),
 * activity registry, contacts, then activities (contact ids resolved by external id in SQL).
 *
 * Rows go in as `unnest` of text arrays through the raw client (postgres.js or PGlite), in chunks,
 * inside one transaction: ~10× faster than drizzle multi-row inserts. Every statement
 * is `on conflict do nothing`, so a second run, or a run after an interrupted one, inserts only
 * what is missing.
 */
import type { Database } from "../index";
import {
  BUILTIN_FIELDS,
  DEMO_ACTIVITY_TYPES,
  DEMO_FIELDS,
  loadDemoData,
  placeDemoData,
  type DemoData,
} from "./demo-data";

export interface InsertDemoOptions {
  workspaceId: string;
  /** The instant the data's latest day is placed at (today, or yesterday if needed). */
  now: Date;
  /** Pre-loaded data (tests); default: the shipped files. */
  data?: DemoData;
  /** Rows per statement; default 20,000. */
  chunkSize?: number;
}

export interface InsertDemoCounts {
  fields: number;
  activityTypes: number;
  contacts: number;
  activities: number;
}

/** A statement's parameters: a scalar text, or a text array (element casts happen in SQL). */
type Params = (string | (string | null)[])[];
/** Runs one statement; returns the affected row count. */
type Run = (text: string, params: Params) => Promise<number>;

async function inTransaction<T>(database: Database, fn: (run: Run) => Promise<T>): Promise<T> {
  const client = database.client;
  if (client.kind === "pglite") {
    return client.pglite.transaction((tx) =>
      fn(async (text, params) => (await tx.query(text, params)).affectedRows ?? 0),
    );
  }
  const { sql } = client;
  const result = await sql.begin((tx) =>
    fn(
      async (text, params) =>
        (
          await tx.unsafe(
            text,
            params.map((p) => (typeof p === "string" ? p : sql.array(p, 25))),
          )
        ).count,
    ),
  );
  return result as T;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const INSERT_FIELDS = `
insert into fields (workspace_id, key, label, type, options, builtin)
select $1::uuid, u.key, u.label, u.type, u.options::jsonb, u.builtin::boolean
from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
  as u(key, label, type, options, builtin)
on conflict (workspace_id, key) do nothing`;

const INSERT_ACTIVITY_TYPES = `
insert into activity_types (workspace_id, key, label, properties)
select $1::uuid, u.key, u.label, u.properties::jsonb
from unnest($2::text[], $3::text[], $4::text[]) as u(key, label, properties)
on conflict (workspace_id, key) do nothing`;

const INSERT_CONTACTS = `
insert into contacts (workspace_id, external_id, email, created_at, updated_at, fields)
select $1::uuid, u.external_id, u.email, u.created_at::timestamptz,
       u.created_at::timestamptz, u.fields::jsonb
from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as u(external_id, email, created_at, fields)
on conflict (workspace_id, external_id) do nothing`;

const INSERT_ACTIVITIES = `
insert into activities (workspace_id, event_id, contact_id, type, occurred_at, properties)
select c.workspace_id, u.event_id, c.id, u.type, u.occurred_at::timestamptz, u.properties::jsonb
from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
  as u(event_id, external_id, type, occurred_at, properties)
join contacts c on c.workspace_id = $1::uuid and c.external_id = u.external_id
on conflict (workspace_id, event_id) do nothing`;

/** Inserts the demo data set into `workspaceId` (which must exist). Returns rows actually inserted. */
export async function insertDemoData(
  database: Database,
  options: InsertDemoOptions,
): Promise<InsertDemoCounts> {
  const data = options.data ?? (await loadDemoData());
  const placed = placeDemoData(data, options.now);
  const size = options.chunkSize ?? 20_000;
  const ws = options.workspaceId;

  const fieldRows = [
    ...BUILTIN_FIELDS.map((f) => ({ ...f, builtin: true })),
    ...DEMO_FIELDS.map((f) => ({ ...f, builtin: false })),
  ];

  const counts = await inTransaction(database, async (run) => {
    const fields = await run(INSERT_FIELDS, [
      ws,
      fieldRows.map((f) => f.key),
      fieldRows.map((f) => f.label),
      fieldRows.map((f) => f.type),
      fieldRows.map((f) => (f.options ? JSON.stringify(f.options) : null)),
      fieldRows.map((f) => String(f.builtin)),
    ]);
    const activityTypes = await run(INSERT_ACTIVITY_TYPES, [
      ws,
      DEMO_ACTIVITY_TYPES.map((t) => t.key),
      DEMO_ACTIVITY_TYPES.map((t) => t.label),
      DEMO_ACTIVITY_TYPES.map((t) => JSON.stringify(t.properties)),
    ]);
    let contacts = 0;
    for (const chunk of chunks(placed.contacts, size)) {
      contacts += await run(INSERT_CONTACTS, [
        ws,
        chunk.map((c) => c.externalId),
        chunk.map((c) => c.email),
        chunk.map((c) => c.createdAt.toISOString()),
        chunk.map((c) => JSON.stringify(c.fields)),
      ]);
    }
    let activities = 0;
    for (const chunk of chunks(placed.activities, size)) {
      activities += await run(INSERT_ACTIVITIES, [
        ws,
        chunk.map((a) => a.eventId),
        chunk.map((a) => a.externalId),
        chunk.map((a) => a.type),
        chunk.map((a) => a.occurredAt.toISOString()),
        chunk.map((a) => JSON.stringify(a.properties)),
      ]);
    }
    return { fields, activityTypes, contacts, activities };
  });

  // Fresh planner statistics: the first full rescore runs right after the seed.
  if (counts.contacts > 0 || counts.activities > 0) {
    if (database.client.kind === "pglite")
      await database.client.pglite.exec("analyze contacts, activities");
    else await database.client.sql.unsafe("analyze contacts, activities");
  }
  return counts;
}
