import { useId, type ReactElement, type ReactNode } from "react";
import { cn } from "./cn";

/**
 * A CSS-only tooltip shown on hover and on keyboard focus within the trigger. The content is
 * also wired as the trigger's description, so screen readers get it without hovering.
 */
export function Tooltip({
  content,
  children,
  side = "top",
  className,
}: {
  content: ReactNode;
  children: (props: { "aria-describedby": string }) => ReactElement;
  side?: "top" | "bottom";
  className?: string;
}) {
  const id = useId();
  return (
    <span className={cn("group/tip relative inline-flex", className)}>
      {children({ "aria-describedby": id })}
      <span
        role="tooltip"
        id={id}
        className={cn(
          "pointer-events-none absolute left-1/2 z-30 w-max max-w-64 -translate-x-1/2 rounded-md bg-zinc-900 px-2 py-1 text-xs font-medium text-white shadow-lg",
          "invisible opacity-0 transition-opacity group-focus-within/tip:visible group-focus-within/tip:opacity-100 group-hover/tip:visible group-hover/tip:opacity-100",
          side === "top" ? "bottom-full mb-2" : "top-full mt-2",
        )}
      >
        {content}
      </span>
    </span>
  );
}
