import { z } from "zod";
/**
 * Ingests Segment spec messages (identify, track, page, screen; group and alias are skipped) as
 * one atomic batch through the same preparation and writes as the native API.
 */
import { requireRole, workspaceService } from "../../context";
import { applyMixedBatch } from "./apply-batch";
import { loadFieldTypes, prepareContacts } from "./contacts";
import { loadActivityTypes, prepareEvents } from "./events";
import { mapSegmentMessages, segmentField } from "./segment-map";
import { InvalidBatchError, requireBatchSize } from "./shared";

export const SegmentMessagesInput = z.object({
  messages: z.array(z.unknown()).readonly(),
  now: z.date().optional(),
});

export const ingestSegmentMessages = workspaceService(
  SegmentMessagesInput,
  async ({ ctx, input }) => {
    requireRole(ctx, "editor");
    requireBatchSize(input.messages.length);
    const mapped = mapSegmentMessages(input.messages, input.now ?? new Date());
    const [fieldTypes, knownTypes] = await Promise.all([
      loadFieldTypes(ctx.db, ctx.workspaceId),
      loadActivityTypes(ctx.db, ctx.workspaceId),
    ]);
    const contacts = prepareContacts(
      mapped.contactItems,
      fieldTypes,
      (p) => mapped.contactIndex[p]!,
    );
    const events = prepareEvents(mapped.eventItems, (p) => mapped.eventIndex[p]!);
    // Item paths are renamed to the Segment names the sender wrote (fields.x → traits.x, …).
    const itemIssues = [...contacts.issues, ...events.issues].map((i) => ({
      ...i,
      field: segmentField(i.field),
    }));
    const issues = [...mapped.issues, ...itemIssues].sort((a, b) => a.index - b.index);
    if (issues.length > 0) throw new InvalidBatchError(issues);
    const result = await applyMixedBatch(
      ctx,
      {
        contacts: contacts.prepared,
        contactMode: "overwrite",
        events: events.prepared,
        merges: mapped.merges,
      },
      knownTypes,
    );
    return { ...result, skipped: mapped.skipped };
  },
);
