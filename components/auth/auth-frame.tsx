import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "../ui/cn";

/** The product mark: the app icon's three bars on the accent colour. */
export function Logo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={cn("size-9", className)}>
      <rect width="32" height="32" rx="7" fill="#4f46e5" />
      <rect x="7" y="17" width="4.5" height="8" rx="1" fill="#fff" />
      <rect x="13.75" y="12" width="4.5" height="13" rx="1" fill="#fff" />
      <rect x="20.5" y="7" width="4.5" height="18" rx="1" fill="#fff" />
    </svg>
  );
}

/**
 * The frame of the pages outside the app shell (sign in, sign up, invitations, first workspace):
 * the mark, a heading, one card, and a line of links under it.
 */
export function AuthFrame({
  title,
  description,
  children,
  footer,
  aside,
}: {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  /** Shown under the card, e.g. the demo credentials. */
  aside?: ReactNode;
}) {
  return (
    <div className="flex min-h-dvh flex-col items-center bg-zinc-50 px-4 py-16 sm:py-24">
      <main className="w-full max-w-sm">
        <Link
          href="/"
          className="mx-auto mb-8 flex w-max items-center gap-2 rounded-md text-zinc-900"
          aria-label="Scorecraft home"
        >
          <Logo className="size-8" />
          <span className="text-lg font-semibold tracking-tight">Scorecraft</span>
        </Link>
        <div className="rounded-xl bg-white p-8 shadow-sm ring-1 ring-zinc-900/5">
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900">{title}</h1>
          {description ? <p className="mt-1 text-sm text-zinc-500">{description}</p> : null}
          <div className="mt-6">{children}</div>
        </div>
        {footer ? <div className="mt-6 text-center text-sm text-zinc-500">{footer}</div> : null}
        {aside ? <div className="mt-6">{aside}</div> : null}
      </main>
    </div>
  );
}

/** A form-level error (not tied to one field), announced when it appears. */
export function FormAlert({ children }: { children: ReactNode }) {
  return (
    <p
      role="alert"
      className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-600/10"
    >
      {children}
    </p>
  );
}

export const TEXT_LINK = "font-medium text-indigo-600 hover:text-indigo-500 rounded";
