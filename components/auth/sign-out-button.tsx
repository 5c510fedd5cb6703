"use client";
import { useState } from "react";
import { authClient } from "./auth-client";
import { TEXT_LINK } from "./auth-frame";

/** "Not you? Sign out" on pages outside the shell; a full page load so nothing stays in memory. */
export function SignOutButton({
  next = "/sign-in",
  label = "Sign out",
}: {
  next?: string;
  label?: string;
}) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      className={TEXT_LINK}
      onClick={async () => {
        setPending(true);
        await authClient.signOut();
        window.location.assign(next);
      }}
    >
      {pending ? "Signing out…" : label}
    </button>
  );
}
