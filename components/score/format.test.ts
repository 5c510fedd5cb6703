import { describe, expect, it } from "vitest";
import { bandForScore, formatPoints, formatScore, starsFromScore } from "./format";

describe("score display helpers", () => {
  it("shows a score with at most one decimal, clamped to 0–100", () => {
    expect(formatScore(72)).toBe("72");
    expect(formatScore(72.45)).toBe("72.5");
    expect(formatScore(72.04)).toBe("72");
    expect(formatScore(-3)).toBe("0");
    expect(formatScore(100.2)).toBe("100");
  });

  it("rounds stars half up to halves (SPEC §4)", () => {
    expect(starsFromScore(0)).toBe(0);
    expect(starsFromScore(4.9)).toBe(0);
    expect(starsFromScore(5)).toBe(0.5);
    expect(starsFromScore(44.9)).toBe(2);
    expect(starsFromScore(45)).toBe(2.5);
    expect(starsFromScore(100)).toBe(5);
  });

  it("picks the last band whose min is at or below the score", () => {
    const bands = [
      { label: "Cold", min: 0 },
      { label: "Warm", min: 40 },
      { label: "Hot", min: 70 },
    ];
    expect(bandForScore(bands, 0)?.label).toBe("Cold");
    expect(bandForScore(bands, 39.99)?.label).toBe("Cold");
    expect(bandForScore(bands, 40)?.label).toBe("Warm");
    expect(bandForScore(bands, 100)?.label).toBe("Hot");
  });

  it("signs points with a real minus sign", () => {
    expect(formatPoints(10)).toBe("+10");
    expect(formatPoints(-20)).toBe("\u221220");
    expect(formatPoints(2.5)).toBe("+2.5");
    expect(formatPoints(0)).toBe("0");
  });
});
