/** The contact fields every workspace starts with (SPEC §2); registry rows with `builtin = true`. */
export const BUILTIN_FIELDS = [
  { key: "email", label: "Email", type: "text" },
  { key: "first_name", label: "First name", type: "text" },
  { key: "last_name", label: "Last name", type: "text" },
  { key: "country", label: "Country", type: "text" },
  { key: "city", label: "City", type: "text" },
  { key: "company", label: "Company", type: "text" },
  { key: "job_title", label: "Job title", type: "text" },
  { key: "created_at", label: "Created at", type: "date" },
] as const satisfies readonly { key: string; label: string; type: "text" | "date" }[];
