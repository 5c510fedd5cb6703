/**
 * Upserts a batch of contacts (SPEC §7 `POST /contacts`). Set-based: every item is validated in JS
 * against the field registry first; then one transaction writes the whole batch with a few
 * multi-row statements (JSON recordsets, never a query per item) and marks changed contacts dirty.
 */
import { eq, sql } from "drizzle-orm";
import type { FieldType } from "../../../core/scoring/document";
import { query, type Executor } from "../../../db";
import { contacts, fields } from "../../../db/schema";
import { requireRole, workspaceService } from "../../context";
import { markContactsDirty } from "../scoring/mark-dirty";
import { ingestTransaction, resolveAliases } from "./identity";
import {
  ContactItem,
  InvalidBatchError,
  inferType,
  itemIssues,
  labelFromKey,
  normalizeInstant,
  nulIssue,
  requireBatchSize,
  typeMismatch,
  type ItemIssue,
  BatchInput,
} from "./shared";

export interface FieldTypeDef {
  type: FieldType;
  options: string[] | null;
}
export type FieldTypes = Map<string, FieldTypeDef>;

/** Contact columns: set through `email` / `createdAt`, never through `fields`. */
const COLUMN_KEYS: Record<string, string> = { email: "email", created_at: "createdAt" };

export interface PreparedContact {
  externalId: string;
  /** null: keep the stored value. */
  email: string | null;
  /** ISO instant or null (keep; new contacts get "first seen"). */
  createdAt: string | null;
  /** Values to write; a null removes the key (overwrite mode). */
  fields: Record<string, unknown>;
}

export interface PreparedContacts {
  rows: PreparedContact[];
  /** Fields the registry does not know yet, typed from the data, with the item that introduced them. */
  newFields: Map<string, { type: "text" | "number" | "boolean"; index: number }>;
}

/**
 * Validates items and merges repeated externalIds (later items win, like applying them in order).
 * `indexOf` maps an item's position to the index reported to the client (Segment batches).
 */
export function prepareContacts(
  items: readonly unknown[],
  registry: FieldTypes,
  indexOf: (position: number) => number = (p) => p,
): { prepared: PreparedContacts; issues: ItemIssue[] } {
  const issues: ItemIssue[] = [];
  const byId = new Map<string, PreparedContact>();
  const newFields: PreparedContacts["newFields"] = new Map();

  items.forEach((raw, position) => {
    const index = indexOf(position);
    const nul = nulIssue(index, raw);
    if (nul) {
      issues.push(nul);
      return;
    }
    const parsed = ContactItem.safeParse(raw);
    if (!parsed.success) {
      issues.push(...itemIssues(index, parsed.error));
      return;
    }
    const item = parsed.data;
    let ok = true;
    for (const [key, value] of Object.entries(item.fields ?? {})) {
      // Own keys only: a field named "constructor" is a field, not Object.prototype's.
      const column = Object.hasOwn(COLUMN_KEYS, key) ? COLUMN_KEYS[key] : undefined;
      if (column) {
        issues.push({ index, field: `fields.${key}`, message: `set it with "${column}"` });
        ok = false;
        continue;
      }
      const known = registry.get(key);
      if (known) {
        const mismatch = typeMismatch(known.type, known.options, value);
        if (mismatch) {
          issues.push({ index, field: `fields.${key}`, message: mismatch });
          ok = false;
        }
        continue;
      }
      const type = inferType(value);
      if (type === null) continue; // null for a field nobody declared yet: nothing to remove
      const introduced = newFields.get(key);
      if (!introduced) newFields.set(key, { type, index });
      else if (introduced.type !== type) {
        issues.push({
          index,
          field: `fields.${key}`,
          message: `expected ${introduced.type} (the type item ${introduced.index} gave this new field)`,
        });
        ok = false;
      }
    }
    if (!ok) return;
    const previous = byId.get(item.externalId);
    byId.set(item.externalId, {
      externalId: item.externalId,
      email: item.email ?? previous?.email ?? null,
      createdAt: item.createdAt ? normalizeInstant(item.createdAt) : (previous?.createdAt ?? null),
      fields: { ...previous?.fields, ...item.fields },
    });
  });
  return { prepared: { rows: [...byId.values()], newFields }, issues };
}

export async function loadFieldTypes(db: Executor, workspaceId: string): Promise<FieldTypes> {
  const rows = await db
    .select({ key: fields.key, type: fields.type, options: fields.options })
    .from(fields)
    .where(eq(fields.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.key, { type: r.type, options: r.options }]));
}

export interface AppliedContacts {
  /** Contacts created, by externalId. */
  created: Map<string, number>;
  /** Existing contacts whose data changed. */
  updated: number[];
  unchanged: number;
}

/**
 * Writes prepared contacts inside the caller's transaction. `overwrite` (the API) replaces stored
 * values; `fill` (browser identify with a public key) only fills values that are missing, so a
 * visitor cannot change what is known about a contact.
 */
export async function applyContacts(
  tx: Executor,
  workspaceId: string,
  prepared: PreparedContacts,
  mode: "overwrite" | "fill" = "overwrite",
): Promise<AppliedContacts> {
  await registerFields(tx, workspaceId, prepared.newFields);
  if (prepared.rows.length === 0) return { created: new Map(), updated: [], unchanged: 0 };

  // Sorted so concurrent batches take row locks in the same order (no deadlocks between them).
  const rows = (await throughAliases(tx, workspaceId, prepared.rows)).sort((a, b) =>
    a.externalId < b.externalId ? -1 : 1,
  );
  const payload = (list: PreparedContact[]) =>
    JSON.stringify(
      list.map((r) => ({
        external_id: r.externalId,
        email: r.email,
        created_at: r.createdAt,
        fields: r.fields,
      })),
    );

  const inserted = await query<{ id: number | string; external_id: string }>(
    tx,
    sql`insert into ${contacts} (workspace_id, external_id, email, created_at, fields)
        select ${workspaceId}::uuid, i.external_id, i.email, coalesce(i.created_at, now()),
               jsonb_strip_nulls(coalesce(i.fields, '{}'::jsonb))
          from jsonb_to_recordset(${payload(rows)}::jsonb)
               as i(external_id text, email text, created_at timestamptz, fields jsonb)
         where not exists (select 1 from ${contacts} c
                            where c.workspace_id = ${workspaceId}::uuid
                              and c.external_id = i.external_id)
         order by i.external_id
        -- Known contacts are filtered above (cheaper than a speculative insert each); the
        -- conflict clause only catches contacts a concurrent batch is creating.
        on conflict (workspace_id, external_id) do nothing
        returning id, external_id`,
  );
  const created = new Map(inserted.map((r) => [r.external_id, Number(r.id)]));
  const existing = rows.filter((r) => !created.has(r.externalId));
  if (existing.length === 0) return { created, updated: [], unchanged: 0 };

  const fill = mode === "fill";
  const existingJson = payload(existing);
  // Lock the rows in id order first, so concurrent batches never deadlock; the update is a new
  // statement, so it reads the versions other transactions committed while we waited. NO KEY
  // UPDATE, the lock an update takes anyway: it does not wait for batches inserting activities
  // of these contacts (their foreign key checks hold KEY SHARE locks).
  await query(
    tx,
    sql`select c.id from ${contacts} c
         where c.workspace_id = ${workspaceId}::uuid
           and c.external_id in (select e->>'external_id' from jsonb_array_elements(${existingJson}::jsonb) e)
         order by c.id for no key update`,
  );
  const email = sql`case when ${fill}::boolean then coalesce(c.email, i.email) else coalesce(i.email, c.email) end`;
  const createdAt = sql`case when ${fill}::boolean then c.created_at else coalesce(i.created_at, c.created_at) end`;
  const merged = sql`case when ${fill}::boolean
                          then jsonb_strip_nulls(coalesce(i.fields, '{}'::jsonb) || c.fields)
                          else jsonb_strip_nulls(c.fields || coalesce(i.fields, '{}'::jsonb)) end`;
  const updated = await query<{ id: number | string }>(
    tx,
    sql`update ${contacts} c
           set email = ${email}, created_at = ${createdAt}, fields = ${merged}, updated_at = now()
          from jsonb_to_recordset(${existingJson}::jsonb)
               as i(external_id text, email text, created_at timestamptz, fields jsonb)
         where c.workspace_id = ${workspaceId}::uuid and c.external_id = i.external_id
           and (c.email is distinct from ${email} or c.created_at is distinct from ${createdAt}
                or c.fields is distinct from ${merged})
        returning c.id`,
  );
  const updatedIds = updated.map((r) => Number(r.id));
  return { created, updated: updatedIds, unchanged: existing.length - updatedIds.length };
}

/**
 * Rows for aliased ids (`anon:z` after a merge) rewritten to the contact they were merged into;
 * several rows that now name one contact combine in batch order, as repeated externalIds do.
 */
async function throughAliases(
  tx: Executor,
  workspaceId: string,
  rows: readonly PreparedContact[],
): Promise<PreparedContact[]> {
  const aliases = await resolveAliases(
    tx,
    workspaceId,
    rows.map((r) => r.externalId),
  );
  if (aliases.size === 0) return [...rows];
  const byId = new Map<string, PreparedContact>();
  for (const row of rows) {
    const externalId = aliases.get(row.externalId) ?? row.externalId;
    const previous = byId.get(externalId);
    byId.set(externalId, {
      externalId,
      email: row.email ?? previous?.email ?? null,
      createdAt: row.createdAt ?? previous?.createdAt ?? null,
      fields: { ...previous?.fields, ...row.fields },
    });
  }
  return [...byId.values()];
}

/**
 * Adds fields first seen in this batch. A concurrent batch may add the same key first: then its
 * type wins, and a value of another type here fails this batch like any wrong-typed value.
 */
async function registerFields(
  tx: Executor,
  workspaceId: string,
  newFields: PreparedContacts["newFields"],
): Promise<void> {
  if (newFields.size === 0) return;
  const list = [...newFields.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, f]) => ({ key, label: labelFromKey(key), type: f.type }));
  const inserted = await query<{ key: string }>(
    tx,
    sql`insert into ${fields} (workspace_id, key, label, type)
        select ${workspaceId}::uuid, f.key, f.label, f.type
          from jsonb_to_recordset(${JSON.stringify(list)}::jsonb) as f(key text, label text, type text)
         order by f.key
        on conflict (workspace_id, key) do nothing
        returning key`,
  );
  if (inserted.length === list.length) return;
  const stored = await query<{ key: string; type: string }>(
    tx,
    sql`select key, type from ${fields}
         where workspace_id = ${workspaceId}::uuid
           and key in (select jsonb_array_elements_text(${JSON.stringify(list.map((f) => f.key))}::jsonb))`,
  );
  const issues: ItemIssue[] = [];
  for (const row of stored) {
    const mine = newFields.get(row.key);
    if (mine && mine.type !== row.type) {
      issues.push({
        index: mine.index,
        field: `fields.${row.key}`,
        message: `expected ${row.type}, got ${mine.type}`,
      });
    }
  }
  if (issues.length > 0) throw new InvalidBatchError(issues);
}

/** SPEC §7 `POST /contacts`: all or nothing; new and changed contacts are marked for rescoring. */
export const upsertContacts = workspaceService(
  BatchInput,
  async ({ ctx, input }): Promise<{ created: number; updated: number; unchanged: number }> => {
    requireRole(ctx, "editor");
    requireBatchSize(input.items.length);
    const registry = await loadFieldTypes(ctx.db, ctx.workspaceId);
    const { prepared, issues } = prepareContacts(input.items, registry);
    if (issues.length > 0) throw new InvalidBatchError(issues);
    return ingestTransaction(
      ctx.db,
      ctx.workspaceId,
      prepared.rows.map((r) => r.externalId),
      "contacts batch",
      async (tx) => {
        const applied = await applyContacts(tx, ctx.workspaceId, prepared);
        await markContactsDirty(tx, ctx.workspaceId, [
          ...applied.created.values(),
          ...applied.updated,
        ]);
        return {
          created: applied.created.size,
          updated: applied.updated.length,
          unchanged: applied.unchanged,
        };
      },
    );
  },
);
