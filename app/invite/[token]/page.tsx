import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitation } from "@/components/auth/accept-invitation";
import { AuthFrame, TEXT_LINK } from "@/components/auth/auth-frame";
import { currentSession } from "@/components/auth/current-session";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ROLE_LABEL } from "@/components/shell/roles";
import { buttonClasses } from "@/components/ui/button";
import { getCaller } from "@/trpc/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

type Lookup =
  | { ok: true; workspaceName: string; role: "admin" | "editor" | "viewer" }
  | { ok: false; title: string; message: string };

async function lookUp(token: string): Promise<Lookup> {
  const caller = await getCaller();
  try {
    const invitation = await caller.invitation.get({ token });
    return { ok: true, workspaceName: invitation.workspaceName, role: invitation.role };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    // The server words expiry itself; a malformed token fails input validation (also BAD_REQUEST).
    if (error.code === "BAD_REQUEST" && /expired/i.test(error.message)) {
      return { ok: false, title: "This invitation has expired", message: error.message };
    }
    if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") {
      return {
        ok: false,
        title: "This invitation is no longer valid",
        message:
          "It has been used, revoked, or the link is incomplete. Ask an admin of the workspace for a new link.",
      };
    }
    throw error;
  }
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const here = `/invite/${encodeURIComponent(token)}`;
  const me = await currentSession();

  if (!me) {
    const next = encodeURIComponent(here);
    return (
      <AuthFrame
        title="You have been invited to Scorecraft"
        description="Sign in or create an account to see the invitation and join the workspace."
      >
        <div className="space-y-3">
          <Link href={`/sign-up?next=${next}`} className={buttonClasses("primary", "md", "w-full")}>
            Create an account
          </Link>
          <Link
            href={`/sign-in?next=${next}`}
            className={buttonClasses("secondary", "md", "w-full")}
          >
            I already have an account
          </Link>
        </div>
      </AuthFrame>
    );
  }

  const found = await lookUp(token);
  const signedInAs = (
    <>
      Signed in as <span className="font-medium text-zinc-700">{me.user.email}</span>. Not you?{" "}
      <SignOutButton next={`/sign-in?next=${encodeURIComponent(here)}`} />
    </>
  );

  if (!found.ok) {
    return (
      <AuthFrame title={found.title} description={found.message} footer={signedInAs}>
        <Link href="/scores" className={buttonClasses("secondary", "md", "w-full")}>
          {me.workspace ? `Go to ${me.workspace.name}` : "Continue"}
        </Link>
      </AuthFrame>
    );
  }

  return (
    <AuthFrame
      title={`Join ${found.workspaceName} as ${ROLE_LABEL[found.role].toLowerCase()}`}
      description={
        <>
          You have been invited to the{" "}
          <strong className="font-medium text-zinc-700">{found.workspaceName}</strong> workspace on
          Scorecraft.
        </>
      }
      footer={
        <>
          {signedInAs}
          {me.workspace ? (
            <p className="mt-2">
              <Link href="/scores" className={TEXT_LINK}>
                Not now, back to {me.workspace.name}
              </Link>
            </p>
          ) : null}
        </>
      }
    >
      <AcceptInvitation token={token} workspaceName={found.workspaceName} role={found.role} />
    </AuthFrame>
  );
}
