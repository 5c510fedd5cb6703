"use client";
import { createContext, useContext, type ReactNode } from "react";
import type { Role } from "./roles";

export type { Role } from "./roles";

/** What the (app) layout reads once per request on the server and hands to the client. */
export interface ShellSession {
  user: { id: string; name: string; email: string };
  workspace: { name: string; slug: string };
  actor: { name: string; role: Role };
  /** Every workspace the user belongs to, for the switcher. */
  workspaces: { slug: string; name: string; role: Role }[];
}

const SessionContext = createContext<ShellSession | null>(null);

/** The acting user and workspace, read once by the (app) layout on the server. */
export function SessionProvider({
  session,
  children,
}: {
  session: ShellSession;
  children: ReactNode;
}) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): ShellSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside <SessionProvider>");
  return session;
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** Whether the actor may do something that needs at least `minimum`. The server checks again. */
export function useCan(minimum: Role): boolean {
  return RANK[useSession().actor.role] >= RANK[minimum];
}
