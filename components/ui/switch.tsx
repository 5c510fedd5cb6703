"use client";
import { cn } from "./cn";

export interface SwitchProps {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  /** Accessible name, e.g. "Enable Lead score". */
  label: string;
  disabled?: boolean;
  size?: "sm" | "md";
  className?: string;
  "data-testid"?: string;
}

/** A two-state toggle: a real button with role="switch", operable with Space and Enter. */
export function Switch({
  checked,
  onCheckedChange,
  label,
  disabled,
  size = "md",
  className,
  ...rest
}: SwitchProps) {
  const track = size === "sm" ? "h-5 w-9" : "h-6 w-11";
  const thumb = size === "sm" ? "size-4" : "size-5";
  const shift = size === "sm" ? "translate-x-4" : "translate-x-5";
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      disabled={disabled}
      onClick={() => onCheckedChange(!checked)}
      data-state={checked ? "on" : "off"}
      data-testid={rest["data-testid"]}
      className={cn(
        "relative inline-flex shrink-0 cursor-pointer items-center rounded-full p-0.5 transition-colors",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
        "disabled:cursor-not-allowed disabled:opacity-50",
        checked ? "bg-indigo-600" : "bg-zinc-300",
        track,
        className,
      )}
    >
      <span
        aria-hidden="true"
        className={cn(
          "pointer-events-none inline-block rounded-full bg-white shadow ring-0 transition-transform",
          thumb,
          checked ? shift : "translate-x-0",
        )}
      />
    </button>
  );
}
