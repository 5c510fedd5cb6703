/** `.` and `..` cannot be read back at /api/v1/contacts/{externalId}: URLs resolve them away. */
import { describe, expect, it } from "vitest";
import { prepareContacts } from "../contacts";
import { prepareEvents } from "../events";
import { ExternalId } from "../shared";

describe("ExternalId", () => {
  it("refuses . and .. and keeps ids that merely contain dots", () => {
    expect(ExternalId.safeParse(".").success).toBe(false);
    expect(ExternalId.safeParse("..").success).toBe(false);
    for (const ok of ["...", ".a", "a.", "a..b", "../x", "1.0"]) {
      expect(ExternalId.safeParse(ok).success, ok).toBe(true);
    }
  });

  it("names the field in contact and event batches", () => {
    const contacts = prepareContacts([{ externalId: "ok" }, { externalId: ".." }], new Map());
    expect(contacts.issues).toEqual([
      expect.objectContaining({ index: 1, field: "externalId", message: "must not be . or .." }),
    ]);
    const events = prepareEvents([
      { eventId: "e1", contactId: ".", type: "page_viewed", occurredAt: "2026-01-02T00:00:00Z" },
    ]);
    expect(events.issues).toEqual([
      expect.objectContaining({ index: 0, field: "contactId", message: "must not be . or .." }),
    ]);
  });
});
