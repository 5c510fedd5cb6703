"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { useTRPC } from "@/trpc/client";
import { errorInfo } from "@/trpc/errors";
import { cn } from "../ui/cn";
import { ChevronUpDownIcon, PlusIcon } from "../ui/icons";
import { Spinner } from "../ui/spinner";
import { useToast } from "../ui/toast";
import { CheckIcon } from "./icons";
import { ROLE_LABEL } from "./roles";
import type { ShellSession } from "./session-context";
import { useFreshNavigation } from "./use-fresh-navigation";

function initialOf(name: string): string {
  return name.trim().charAt(0).toUpperCase() || "W";
}

/**
 * Where to land after switching: the same section, but not a detail page (a model key from one
 * workspace means nothing in another).
 */
function landingFor(pathname: string): string {
  if (pathname.startsWith("/settings")) return pathname;
  const section = pathname.split("/")[1];
  return section ? `/${section}` : "/scores";
}

/** The active workspace at the top of the sidebar; opens a list of the user's workspaces. */
export function WorkspaceSwitcher({ session }: { session: ShellSession }) {
  const trpc = useTRPC();
  const toast = useToast();
  const pathname = usePathname();
  const navigate = useFreshNavigation();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const current = session.workspace;
  const currentRole = session.actor.role;

  const switchTo = useMutation(
    trpc.workspace.switch.mutationOptions({
      onSuccess: (target) => {
        setOpen(false);
        navigate(landingFor(pathname));
        toast.success(`Switched to ${target.name}`);
      },
      onError: (error) => toast.error("Could not switch workspace", errorInfo(error).message),
    }),
  );

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

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-label={`Workspace: ${current.name}. Switch workspace`}
        onClick={() => setOpen((o) => !o)}
        data-testid="workspace-switcher"
        className={cn(
          "flex w-full items-center gap-3 rounded-md p-2 text-left transition-colors hover:bg-zinc-200/60",
          open && "bg-zinc-200/60",
        )}
      >
        <span
          aria-hidden="true"
          className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-indigo-600 text-sm font-semibold text-white shadow-sm"
        >
          {initialOf(current.name)}
        </span>
        <span className="min-w-0 flex-1">
          <span
            className="block truncate text-sm font-semibold text-zinc-900"
            data-testid="workspace-name"
          >
            {current.name}
          </span>
          <span className="block truncate text-xs text-zinc-500">
            Scorecraft · {ROLE_LABEL[currentRole]}
          </span>
        </span>
        {switchTo.isPending ? (
          <Spinner className="size-4 shrink-0 text-zinc-400" />
        ) : (
          <ChevronUpDownIcon className="size-4 shrink-0 text-zinc-400" />
        )}
      </button>

      {open ? (
        <div
          id={listId}
          className="absolute top-full right-0 left-0 z-40 mt-1 rounded-lg bg-white p-1 shadow-lg ring-1 ring-zinc-900/10"
        >
          <p className="px-3 pt-2 pb-1 text-xs font-medium text-zinc-500">Your workspaces</p>
          <ul aria-label="Your workspaces" className="max-h-72 overflow-y-auto">
            {session.workspaces.map((w) => {
              const active = w.slug === current.slug;
              return (
                <li key={w.slug}>
                  <button
                    type="button"
                    aria-current={active ? "true" : undefined}
                    disabled={switchTo.isPending}
                    onClick={() => {
                      if (active) setOpen(false);
                      else switchTo.mutate({ slug: w.slug });
                    }}
                    className="flex w-full items-center gap-3 rounded-md px-2 py-2 text-left hover:bg-zinc-100 disabled:cursor-wait"
                  >
                    <span
                      aria-hidden="true"
                      className={cn(
                        "flex size-6 shrink-0 items-center justify-center rounded-md text-xs font-semibold",
                        active ? "bg-indigo-600 text-white" : "bg-zinc-200 text-zinc-700",
                      )}
                    >
                      {initialOf(w.name)}
                    </span>
                    <span className="min-w-0 flex-1">
                      <span className="block truncate text-sm font-medium text-zinc-900">
                        {w.name}
                      </span>
                      <span className="block text-xs text-zinc-500">{ROLE_LABEL[w.role]}</span>
                    </span>
                    {active ? (
                      <>
                        <CheckIcon className="size-4 shrink-0 text-indigo-600" />
                        <span className="sr-only">(current)</span>
                      </>
                    ) : null}
                  </button>
                </li>
              );
            })}
          </ul>
          <div className="my-1 h-px bg-zinc-100" />
          <Link
            href="/workspaces/new"
            onClick={() => setOpen(false)}
            className="flex items-center gap-3 rounded-md px-2 py-2 text-sm text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900"
          >
            <span className="flex size-6 items-center justify-center rounded-md border border-dashed border-zinc-300 text-zinc-500">
              <PlusIcon className="size-4" />
            </span>
            Create workspace
          </Link>
        </div>
      ) : null}
    </div>
  );
}
