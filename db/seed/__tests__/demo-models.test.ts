import { describe, expect, it } from "vitest";
import {
  BAND_COLORS,
  ModelDocument,
  OPERATORS_BY_TYPE,
  type Condition,
} from "../../../core/scoring/document";
import { createRegistry } from "../../../core/scoring/registry";
import { validateModel } from "../../../core/scoring/validate";
import { DEMO_ACTIVITY_TYPES, DEMO_FIELDS } from "../demo-data";
import { DEMO_MODELS } from "../demo-models";

const registry = createRegistry({
  fields: DEMO_FIELDS.map((f) => ({ key: f.key, type: f.type, options: f.options ?? null })),
  activities: DEMO_ACTIVITY_TYPES.map((a) => ({ key: a.key, properties: a.properties })),
});

function rules(c: Condition | null): { field: string; operator: string }[] {
  if (c === null) return [];
  if (c.kind === "rule") return [c];
  return c.children.flatMap(rules);
}

describe("demo models", () => {
  it("are the lead, engagement and health examples", () => {
    expect(DEMO_MODELS.map((m) => [m.key, m.kind, m.emoji])).toEqual([
      ["lead", "lead", "🎯"],
      ["engagement", "engagement", "🔥"],
      ["health", "health", "💚"],
    ]);
  });

  for (const model of DEMO_MODELS) {
    describe(model.key, () => {
      it("parses as a ModelDocument and round-trips through JSON", () => {
        const parsed = ModelDocument.parse(JSON.parse(JSON.stringify(model)));
        expect(parsed).toEqual(model);
      });

      it("validates against the demo registry", () => {
        const result = validateModel(model, registry);
        expect(result.ok ? [] : result.issues).toEqual([]);
      });

      it("has unique criterion ids, sorted bands from 0 and known colours", () => {
        const ids = model.criteria.map((c) => c.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(model.bands[0]?.min).toBe(0);
        const mins = model.bands.map((b) => b.min);
        expect([...mins].sort((a, b) => a - b)).toEqual(mins);
        for (const band of model.bands) expect(BAND_COLORS).toContain(band.color);
      });

      it("uses only operators valid for each field's type", () => {
        for (const criterion of model.criteria) {
          for (const rule of rules(criterion.where)) {
            const [source, key] = rule.field.split(".") as [string, string];
            const type =
              source === "contact"
                ? registry.fields[key]?.type
                : "activity" in criterion
                  ? registry.activities[criterion.activity]?.properties[key]
                  : undefined;
            expect(type, `${criterion.id} ${rule.field}`).toBeDefined();
            expect(OPERATORS_BY_TYPE[type!] as readonly string[]).toContain(rule.operator);
          }
        }
      });
    });
  }

  it("engagement penalises 30 days without a login", () => {
    const engagement = DEMO_MODELS.find((m) => m.key === "engagement");
    expect(engagement?.halfLifeDays).toBe(30);
    expect(engagement?.criteria).toContainEqual(
      expect.objectContaining({ kind: "inactivity", activity: "logged_in", days: 30, points: -20 }),
    );
  });
});
