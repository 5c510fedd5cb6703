import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";
import { cn } from "./cn";

const CONTROL =
  "block w-full rounded-md border-0 bg-white px-3 text-zinc-900 shadow-xs ring-1 ring-inset ring-zinc-300 placeholder:text-zinc-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none disabled:bg-zinc-50 disabled:text-zinc-500 aria-[invalid=true]:ring-red-500";

/**
 * `mono` is for keys and JSON: 13 px, which also keeps underscores from vanishing in some
 * monospace fonts at 14 px. `textSize` overrides the default 14 px (no class merging here).
 */
interface TextProps {
  mono?: boolean;
  textSize?: string;
}

function textClass({ mono, textSize }: TextProps) {
  return cn(mono && "font-mono", textSize ?? (mono ? "text-[13px]" : "text-sm"));
}

export function Input({
  className,
  mono,
  textSize,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & TextProps) {
  return (
    <input
      className={cn(CONTROL, "h-9 leading-6", textClass({ mono, textSize }), className)}
      {...rest}
    />
  );
}

export function Textarea({
  className,
  mono,
  textSize,
  ...rest
}: TextareaHTMLAttributes<HTMLTextAreaElement> & TextProps) {
  return (
    <textarea className={cn(CONTROL, "py-2", textClass({ mono, textSize }), className)} {...rest} />
  );
}

export function Select({ className, ...rest }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={cn(CONTROL, "h-9 pr-8 text-sm", className)} {...rest} />;
}

/** Label + control + hint/error, wired with ids for screen readers. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-[13px] text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-[13px] text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function fieldAria(id: string, error: unknown, hint?: unknown) {
  return {
    id,
    "aria-invalid": error ? (true as const) : undefined,
    "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  };
}
