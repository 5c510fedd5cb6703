import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthFrame } from "@/components/auth/auth-frame";
import { currentSession } from "@/components/auth/current-session";
import { safeNext } from "@/components/auth/next-path";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).next;
  // Keep "no next" distinct: a new account then goes on to create its first workspace.
  const next = raw ? safeNext(raw) : undefined;
  if (await currentSession()) redirect(next ?? "/scores");
  return (
    <AuthFrame
      title="Create your account"
      description="Score contacts by fit, engagement and health. Free and open source."
    >
      <SignUpForm next={next} />
    </AuthFrame>
  );
}
