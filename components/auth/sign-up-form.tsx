"use client";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { useFreshNavigation } from "../shell/use-fresh-navigation";
import { Button } from "../ui/button";
import { Field, fieldAria, Input } from "../ui/field";
import { authClient } from "./auth-client";
import { authFailure, type AuthFailure } from "./auth-errors";
import { FormAlert, TEXT_LINK } from "./auth-frame";
import { withNext } from "./next-path";

/** Minimum length; the server enforces it too (server/auth.ts) and its message wins. */
const MIN_PASSWORD = 8;

export function SignUpForm({ next }: { next: string | undefined }) {
  const navigate = useFreshNavigation();
  const ids = { name: useId(), email: useId(), password: useId() };
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<AuthFailure | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setPending(true);
    const { error } = await authClient.signUp.email({
      name: name.trim(),
      email: email.trim(),
      password,
    });
    if (error) {
      setPending(false);
      setFailure(authFailure(error));
      return;
    }
    // Signed in on sign-up; a new account has no workspace yet unless it came for an invitation.
    navigate(next ?? "/workspaces/new");
  }

  const errorFor = (field: AuthFailure["field"]) =>
    failure?.field === field ? failure.message : undefined;
  const emailTaken = failure?.field === "email" && /already exists/.test(failure.message);

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      {failure && !failure.field ? <FormAlert>{failure.message}</FormAlert> : null}
      <Field id={ids.name} label="Name" error={errorFor("name")}>
        <Input
          {...fieldAria(ids.name, errorFor("name"))}
          name="name"
          autoComplete="name"
          required
          autoFocus
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      <Field
        id={ids.email}
        label="Email"
        error={
          emailTaken ? (
            <>
              {failure.message}.{" "}
              <Link href={withNext("/sign-in", next)} className={TEXT_LINK}>
                Sign in instead
              </Link>
            </>
          ) : (
            errorFor("email")
          )
        }
      >
        <Input
          {...fieldAria(ids.email, errorFor("email"))}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </Field>
      <Field
        id={ids.password}
        label="Password"
        hint={`At least ${MIN_PASSWORD} characters.`}
        error={errorFor("password")}
      >
        <Input
          {...fieldAria(ids.password, errorFor("password"), true)}
          type="password"
          name="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <Button type="submit" variant="primary" pending={pending} className="w-full">
        {pending ? "Creating account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-zinc-500">
        Already have an account?{" "}
        <Link href={withNext("/sign-in", next)} className={TEXT_LINK}>
          Sign in
        </Link>
      </p>
    </form>
  );
}
