import type { ScoreModelDetail } from "@/trpc/types";

export type RegistryView = ScoreModelDetail["registry"];

const ACRONYMS: Record<string, string> = {
  url: "URL",
  id: "ID",
  utm: "UTM",
  ip: "IP",
  nps: "NPS",
  mrr: "MRR",
  arr: "ARR",
};

/** "job_title" → "Job title", "page_url" → "Page URL". */
export function humanize(key: string): string {
  const words = key.split(/[_\s.-]+/).filter(Boolean);
  return words
    .map(
      (w, i) => ACRONYMS[w.toLowerCase()] ?? (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w),
    )
    .join(" ");
}

/** Labels from the workspace registry, falling back to a readable form of the key. */
export function makeLabeler(registry: RegistryView | undefined) {
  const fields = new Map((registry?.fields ?? []).map((f) => [f.key, f]));
  const activities = new Map((registry?.activities ?? []).map((a) => [a.key, a]));
  return {
    field(path: string): string {
      const [scope, ...rest] = path.split(".");
      const key = rest.join(".");
      if (scope === "contact") return fields.get(key)?.label ?? humanize(key);
      if (scope === "property") return humanize(key);
      if (scope === "score") return `Score ${key}`;
      return path;
    },
    fieldType(path: string): string | undefined {
      const [scope, ...rest] = path.split(".");
      return scope === "contact" ? fields.get(rest.join("."))?.type : undefined;
    },
    activity(key: string): string {
      return activities.get(key)?.label ?? humanize(key);
    },
  };
}
export type Labeler = ReturnType<typeof makeLabeler>;
