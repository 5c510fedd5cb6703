"use client";
import Link from "next/link";
import { useId, useRef, useState, type FormEvent } from "react";
import { useFreshNavigation } from "../shell/use-fresh-navigation";
import { Button } from "../ui/button";
import { Field, fieldAria, Input } from "../ui/field";
import { authClient } from "./auth-client";
import { authFailure, type AuthFailure } from "./auth-errors";
import { FormAlert, TEXT_LINK } from "./auth-frame";
import { withNext } from "./next-path";

export interface DemoCredentials {
  email: string;
  password: string;
}

export function SignInForm({ next, demo }: { next: string; demo: DemoCredentials | null }) {
  const navigate = useFreshNavigation();
  const ids = { email: useId(), password: useId() };
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<AuthFailure | null>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setPending(true);
    const { error } = await authClient.signIn.email({ email: email.trim(), password });
    if (error) {
      setPending(false);
      setFailure(authFailure(error));
      return;
    }
    // Stay pending through the navigation so the button cannot be pressed twice.
    navigate(next);
  }

  function fillDemo() {
    if (!demo) return;
    setEmail(demo.email);
    setPassword(demo.password);
    setFailure(null);
    submitRef.current?.focus();
  }

  const emailError = failure?.field === "email" ? failure.message : undefined;
  const passwordError = failure?.field === "password" ? failure.message : undefined;

  return (
    <>
      <form onSubmit={onSubmit} className="space-y-4">
        {failure && !failure.field ? <FormAlert>{failure.message}</FormAlert> : null}
        <Field id={ids.email} label="Email" error={emailError}>
          <Input
            {...fieldAria(ids.email, emailError)}
            type="email"
            name="email"
            autoComplete="email"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field id={ids.password} label="Password" error={passwordError}>
          <Input
            {...fieldAria(ids.password, passwordError)}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <Button
          ref={submitRef}
          type="submit"
          variant="primary"
          pending={pending}
          className="w-full"
        >
          {pending ? "Signing in…" : "Sign in"}
        </Button>
        <p className="text-center text-sm text-zinc-500">
          New to Scorecraft?{" "}
          <Link href={withNext("/sign-up", next)} className={TEXT_LINK}>
            Create an account
          </Link>
        </p>
      </form>
      {demo ? <DemoBox demo={demo} onUse={fillDemo} /> : null}
    </>
  );
}

/** The seeded demo admin, shown openly: this instance seeds it for trying the product. */
function DemoBox({ demo, onUse }: { demo: DemoCredentials; onUse: () => void }) {
  return (
    <section
      aria-labelledby="demo-title"
      className="mt-6 rounded-lg border border-dashed border-indigo-200 bg-indigo-50/60 p-4"
      data-testid="demo-credentials"
    >
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 id="demo-title" className="text-sm font-semibold text-indigo-900">
            Try the demo
          </h2>
          <p className="mt-0.5 text-[13px] text-indigo-900/70">
            An admin in the demo workspace, with sample contacts and three models.
          </p>
        </div>
        <Button size="sm" onClick={onUse} className="shrink-0">
          Fill in
        </Button>
      </div>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-[13px]">
        <dt className="text-indigo-900/70">Email</dt>
        <dd className="truncate font-mono text-indigo-950">{demo.email}</dd>
        <dt className="text-indigo-900/70">Password</dt>
        <dd className="truncate font-mono text-indigo-950">{demo.password}</dd>
      </dl>
    </section>
  );
}
