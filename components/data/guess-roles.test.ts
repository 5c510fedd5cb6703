import { describe, expect, it } from "vitest";
import { guessRoles } from "./csv-preview";

describe("guessRoles", () => {
  it("takes the columns whose headers name a role", () => {
    expect(guessRoles("contacts", ["Customer ID", "Email", "Signed up", "Plan"])).toEqual({
      key: 0,
      email: 1,
      createdAt: 2,
    });
    expect(guessRoles("activities", ["user", "activity", "when"])).toEqual({
      eventId: null,
      type: 1,
      occurredAt: 2,
      contact: 0,
    });
  });

  it("leaves the contact key unchosen when no header names one (never the email by default)", () => {
    expect(guessRoles("contacts", ["Email", "Name", "Plan"])).toEqual({
      key: null,
      email: 0,
      createdAt: null,
    });
    expect(guessRoles("contacts", ["Name", "Plan"]).key).toBeNull();
  });
});
