/** A small workspace for service tests: registry, contacts and activities with known shapes. */
import type { ModelDocument } from "../../core/scoring/document";
import type { Database } from "../../db";
import { activities, activityTypes, contacts, fields, users, workspaces } from "../../db/schema";
import type { Actor, Role, ServiceContext } from "../context";
import type { JobQueue, RescoreJob } from "../jobs/queue";
import { insertBuiltinFields } from "../services/workspace/shared";

export const DAY = 86_400_000;
export const NOW = new Date("2026-06-01T12:00:00.000Z");

export function actor(role: Role): Actor {
  return { id: `user-${role}`, name: `Test ${role}`, role };
}

/** A queue that records jobs instead of running them, so tests decide when work happens. */
export function recordingQueue(): JobQueue & { jobs: RescoreJob[] } {
  const jobs: RescoreJob[] = [];
  return {
    jobs,
    async enqueueRescore(job) {
      jobs.push(job);
    },
  };
}

export function context(
  database: Database,
  workspaceId: string,
  role: Role = "admin",
  queue: JobQueue = recordingQueue(),
): ServiceContext {
  return { db: database.db, workspaceId, actor: actor(role), queue };
}

export async function createWorkspace(database: Database, slug: string) {
  const [ws] = await database.db.insert(workspaces).values({ slug, name: slug }).returning();
  if (!ws) throw new Error("no workspace");
  await insertBuiltinFields(database.db, ws.id);
  await database.db.insert(fields).values([
    { workspaceId: ws.id, key: "plan", label: "Plan", type: "enum", options: ["free", "pro"] },
    { workspaceId: ws.id, key: "seats", label: "Seats", type: "number" },
  ]);
  await database.db.insert(activityTypes).values([
    { workspaceId: ws.id, key: "page_viewed", label: "Page viewed", properties: { url: "text" } },
    { workspaceId: ws.id, key: "logged_in", label: "Logged in", properties: {} },
  ]);
  return ws;
}

/** `n` contacts; contact i has i page views (every 3 days) and seats = i. */
export async function addContacts(database: Database, workspaceId: string, n: number) {
  const rows = await database.db
    .insert(contacts)
    .values(
      Array.from({ length: n }, (_, i) => ({
        workspaceId,
        externalId: `c${i}`,
        email: `c${i}@example.com`,
        createdAt: new Date(NOW.getTime() - 400 * DAY),
        fields: { country: i % 2 ? "US" : "GB", plan: i % 3 ? "free" : "pro", seats: i },
      })),
    )
    .returning({ id: contacts.id, externalId: contacts.externalId });
  const events = rows.flatMap((c, i) =>
    Array.from({ length: i }, (_, k) => ({
      workspaceId,
      eventId: `${c.externalId}-e${k}`,
      contactId: c.id,
      type: k % 4 === 0 ? "logged_in" : "page_viewed",
      occurredAt: new Date(NOW.getTime() - 3 * k * DAY),
      properties: { url: k % 2 ? "/pricing" : "/blog" },
    })),
  );
  if (events.length) await database.db.insert(activities).values(events);
  return rows;
}

export function leadDocument(overrides: Partial<ModelDocument> = {}): ModelDocument {
  return {
    format: "scorecraft.model/v1",
    key: "lead",
    name: "Lead",
    emoji: "🎯",
    kind: "lead",
    halfLifeDays: 30,
    decay: "exponential",
    scale: { kind: "fixed", maxPoints: 50 },
    bands: [
      { label: "Cold", color: "red", min: 0 },
      { label: "Warm", color: "amber", min: 40 },
      { label: "Hot", color: "green", min: 70 },
    ],
    criteria: [
      {
        id: "c1",
        kind: "filter",
        label: "US",
        points: 10,
        where: { kind: "rule", field: "contact.country", operator: "in", value: ["us"] },
      },
      {
        id: "c2",
        kind: "activity",
        label: "Pricing views",
        points: 5,
        activity: "page_viewed",
        where: { kind: "rule", field: "property.url", operator: "contains", value: "/pricing" },
        maxPoints: 30,
      },
      {
        id: "c3",
        kind: "inactivity",
        label: "No login for 14 days",
        points: -10,
        activity: "logged_in",
        where: null,
        days: 14,
      },
    ],
    ...overrides,
  };
}

/** A user row as the auth library would create it (tests that do not exercise sign-in). */
export async function createUser(database: Database, email: string, name: string) {
  const [user] = await database.db
    .insert(users)
    .values({ id: crypto.randomUUID(), email, name })
    .returning({ id: users.id, name: users.name, email: users.email });
  if (!user) throw new Error("no user");
  return user;
}
