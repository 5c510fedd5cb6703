import { describe, expect, it } from "vitest";
import { ModelKey } from "@/core/scoring/document";
import { keyFromName } from "./model-key";

describe("keyFromName", () => {
  it("derives a valid model key from a display name", () => {
    for (const [name, key] of [
      ["Product-qualified lead!", "product_qualified_lead"],
      ["  Café  Health ", "cafe_health"],
      ["2025 leads", "m_2025_leads"],
      ["🔥", ""],
    ] as const) {
      expect(keyFromName(name)).toBe(key);
      if (key) expect(ModelKey.safeParse(key).success).toBe(true);
    }
  });

  it("never exceeds the 48-character key limit", () => {
    const key = keyFromName("a".repeat(100));
    expect(key.length).toBeLessThanOrEqual(48);
    expect(ModelKey.safeParse(key).success).toBe(true);
  });
});
