import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthFrame } from "@/components/auth/auth-frame";
import { currentSession } from "@/components/auth/current-session";
import { safeNext } from "@/components/auth/next-path";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCaller } from "@/trpc/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const next = safeNext((await searchParams).next);
  // Already signed in (e.g. a bookmarked sign-in page): go straight on.
  if (await currentSession()) redirect(next);
  const demo = await (await getCaller()).session.demoCredentials();
  return (
    <AuthFrame title="Sign in" description="Welcome back. Sign in to your workspace.">
      <SignInForm next={next} demo={demo} />
    </AuthFrame>
  );
}
