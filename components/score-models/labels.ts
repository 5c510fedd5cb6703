export const KIND_LABEL = {
  lead: "Lead",
  engagement: "Engagement",
  health: "Health",
  custom: "Custom",
} as const;

export type ModelKind = keyof typeof KIND_LABEL;
