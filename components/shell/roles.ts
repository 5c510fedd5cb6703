/** Role names and what each may do, worded for people (the server's requireRole is the authority). */
export type Role = "admin" | "editor" | "viewer";

export const ROLES: readonly Role[] = ["admin", "editor", "viewer"];

export const ROLE_LABEL: Record<Role, string> = {
  admin: "Admin",
  editor: "Editor",
  viewer: "Viewer",
};

export const ROLE_HELP: Record<Role, string> = {
  admin: "Can switch score models on and off, manage members and API keys.",
  editor: "Can build, publish and import score models.",
  viewer: "Can read everything in the workspace and change nothing.",
};
