/**
 * The built-in contact fields every workspace starts with (SPEC §2), as registry rows
 * (`builtin = true`). Which fields and their types are the engine's; the labels are the app's.
 */
import { BUILTIN_FIELDS as ENGINE_BUILTINS } from "../core/scoring/registry";

const LABELS: Record<string, string> = {
  email: "Email",
  first_name: "First name",
  last_name: "Last name",
  country: "Country",
  city: "City",
  company: "Company",
  job_title: "Job title",
  created_at: "Created at",
};

export const BUILTIN_FIELDS = ENGINE_BUILTINS.map((f) => ({
  key: f.key,
  label: LABELS[f.key] ?? f.key,
  type: f.type,
}));
