import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppSidebar } from "@/components/shell/app-sidebar";
import { SessionProvider, type ShellSession } from "@/components/shell/session-context";
import { getCaller } from "@/trpc/server";

// Reads the database on every request; `next build` must never open it.
export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const caller = await getCaller();
  const me = await caller.session.me().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") redirect("/sign-in");
    throw error;
  });
  if (!me.workspace || !me.actor) redirect("/workspaces/new");
  // Only what the client needs: no ids beyond the user's own (for "you" in the members list).
  const session: ShellSession = {
    user: { id: me.user.id, name: me.user.name, email: me.user.email },
    workspace: { name: me.workspace.name, slug: me.workspace.slug },
    actor: { name: me.actor.name, role: me.actor.role },
    workspaces: me.workspaces.map((w) => ({ slug: w.slug, name: w.name, role: w.role })),
  };
  return (
    <SessionProvider session={session}>
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-4 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <div className="flex min-h-dvh">
        <AppSidebar session={session} />
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 bg-white outline-none">
          <div className="mx-auto w-full max-w-6xl px-8 py-8">{children}</div>
        </main>
      </div>
    </SessionProvider>
  );
}
