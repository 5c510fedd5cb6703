/** Reads for single-contact scoring: the contact, published model versions and its activities. */
import { and, eq, inArray } from "drizzle-orm";
import type { ActivityInput } from "../../../core/scoring/evaluate";
import type { Executor } from "../../../db";
import { activities, contacts } from "../../../db/schema";
export {
  activityTypesOf,
  loadPublishedModels,
  type PublishedModel,
} from "../scoring/published-models";
import { NotFoundError } from "../../errors";

export async function findContact(db: Executor, workspaceId: string, externalId: string) {
  const [contact] = await db
    .select({
      id: contacts.id,
      externalId: contacts.externalId,
      email: contacts.email,
      createdAt: contacts.createdAt,
      fields: contacts.fields,
    })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.externalId, externalId)))
    .limit(1);
  if (!contact) throw new NotFoundError(`Contact "${externalId}"`);
  return contact;
}

/** The contact's activities of these types (future ones too: the ledger forecasts them). */
export async function loadContactActivities(
  db: Executor,
  workspaceId: string,
  contactId: number,
  types: readonly string[],
): Promise<ActivityInput[]> {
  if (types.length === 0) return [];
  const rows = await db
    .select({
      type: activities.type,
      occurredAt: activities.occurredAt,
      properties: activities.properties,
    })
    .from(activities)
    .where(
      and(
        eq(activities.workspaceId, workspaceId),
        eq(activities.contactId, contactId),
        inArray(activities.type, [...types]),
      ),
    );
  return rows;
}
