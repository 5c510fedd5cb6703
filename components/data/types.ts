import type { RouterOutputs } from "@/trpc/types";

export type ImportItem = RouterOutputs["dataImport"]["get"];
export type ImportIssue = RouterOutputs["dataImport"]["issues"]["issues"][number];
export type RegistryList = RouterOutputs["registry"]["list"];
