import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthFrame, TEXT_LINK } from "@/components/auth/auth-frame";
import { CreateWorkspaceForm } from "@/components/auth/create-workspace-form";
import { currentSession } from "@/components/auth/current-session";
import { SignOutButton } from "@/components/auth/sign-out-button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create a workspace" };

/**
 * Outside the app shell on purpose: a new account has no workspace for the shell to show, and the
 * (app) layout sends such users here.
 */
export default async function NewWorkspacePage() {
  const me = await currentSession();
  if (!me) redirect("/sign-in?next=%2Fworkspaces%2Fnew");
  const first = me.workspaces.length === 0;
  return (
    <AuthFrame
      title={first ? "Create your workspace" : "Create a workspace"}
      description={
        first
          ? "A workspace holds your contacts, score models and the people you work with."
          : "A separate set of contacts, models and members. You will be its admin."
      }
      footer={
        <>
          {me.workspace ? (
            <>
              <Link href="/scores" className={TEXT_LINK}>
                Back to {me.workspace.name}
              </Link>
              <span aria-hidden="true" className="mx-2">
                ·
              </span>
            </>
          ) : null}
          Signed in as <span className="font-medium text-zinc-700">{me.user.email}</span>.{" "}
          <SignOutButton />
        </>
      }
    >
      <CreateWorkspaceForm />
    </AuthFrame>
  );
}
