"use client";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { authClient } from "../auth/auth-client";
import { cn } from "../ui/cn";
import { ChevronUpDownIcon, SettingsIcon } from "../ui/icons";
import { Spinner } from "../ui/spinner";
import { useToast } from "../ui/toast";
import { SignOutIcon } from "./icons";
import { ROLE_HELP, ROLE_LABEL, type Role } from "./roles";

/** The actor's name and role, with a small disclosure menu. Escape or a click outside closes it. */
export function UserMenu({
  actor,
  email,
  workspaceName,
}: {
  actor: { name: string; role: Role };
  email: string;
  workspaceName: string;
}) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const toast = useToast();
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const initials = actor.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p.charAt(0).toUpperCase())
    .join("");

  useEffect(() => {
    if (!open) return;
    function onPointer(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    }
    function onKey(event: KeyboardEvent) {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    }
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  async function signOut() {
    setSigningOut(true);
    const { error } = await authClient.signOut();
    if (error) {
      setSigningOut(false);
      toast.error("Could not sign out", error.message ?? "Please try again.");
      return;
    }
    // A full page load, not a client navigation: nothing of this user's data stays in memory.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- see above
    window.location.assign("/sign-in");
  }

  return (
    <div ref={rootRef} className="relative">
      {open ? (
        <div
          id={menuId}
          className="absolute right-0 bottom-full left-0 mb-2 rounded-lg bg-white p-1 shadow-lg ring-1 ring-zinc-900/10"
        >
          <div className="px-3 py-2">
            <p className="truncate text-sm font-medium text-zinc-900">{actor.name}</p>
            <p className="truncate text-xs text-zinc-500">{email}</p>
            <p className="mt-2 text-xs text-zinc-500">
              {ROLE_LABEL[actor.role]} in {workspaceName}. {ROLE_HELP[actor.role]}
            </p>
          </div>
          <div className="my-1 h-px bg-zinc-100" />
          <Link
            href="/settings"
            onClick={() => setOpen(false)}
            className="flex items-center gap-2 rounded-md px-3 py-2 text-sm text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900"
          >
            <SettingsIcon className="size-4 text-zinc-400" />
            Workspace settings
          </Link>
          <button
            type="button"
            onClick={signOut}
            disabled={signingOut}
            className="flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 disabled:cursor-wait"
          >
            {signingOut ? (
              <Spinner className="size-4 text-zinc-400" />
            ) : (
              <SignOutIcon className="size-4 text-zinc-400" />
            )}
            Sign out
          </button>
        </div>
      ) : null}
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        data-testid="user-menu"
        className={cn(
          "flex w-full items-center gap-3 rounded-md p-2 text-left transition-colors hover:bg-zinc-200/60",
          open && "bg-zinc-200/60",
        )}
      >
        <span
          aria-hidden="true"
          className="flex size-8 shrink-0 items-center justify-center rounded-full bg-zinc-800 text-xs font-semibold text-white"
        >
          {initials || "?"}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium text-zinc-900">{actor.name}</span>
          <span className="block text-xs text-zinc-500">{ROLE_LABEL[actor.role]}</span>
        </span>
        <ChevronUpDownIcon className="size-4 shrink-0 text-zinc-400" />
      </button>
    </div>
  );
}
