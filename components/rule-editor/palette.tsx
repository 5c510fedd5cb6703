"use client";
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import { cn } from "../ui/cn";
import { ActivityIcon, FilterIcon, InactivityIcon, NegativeActivityIcon } from "../ui/icons";
import type { PaletteKind } from "./types";

function GroupIcon({ className }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      className={className}
      aria-hidden="true"
    >
      <path d="M5 6h5M5 12h14M5 18h9" strokeLinecap="round" />
      <path d="M3 4v16" strokeLinecap="round" />
    </svg>
  );
}
function RuleIcon({ className }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      className={className}
      aria-hidden="true"
    >
      <rect x="3.5" y="7" width="17" height="10" rx="2" />
      <path d="M7.5 12h4M14.5 12h2" strokeLinecap="round" />
    </svg>
  );
}

export const PALETTE: {
  kind: PaletteKind;
  label: string;
  hint: string;
  icon: (p: { className?: string }) => React.ReactNode;
  tone: string;
}[] = [
  {
    kind: "filter",
    label: "Filter",
    hint: "Points when a contact field matches",
    icon: FilterIcon,
    tone: "text-sky-700 bg-sky-50 ring-sky-600/20",
  },
  {
    kind: "activity",
    label: "Activity",
    hint: "Points per activity, decaying with age",
    icon: ActivityIcon,
    tone: "text-indigo-700 bg-indigo-50 ring-indigo-600/20",
  },
  {
    kind: "negative",
    label: "Negative",
    hint: "Negative points per activity (e.g. unsubscribed)",
    icon: NegativeActivityIcon,
    tone: "text-red-700 bg-red-50 ring-red-600/20",
  },
  {
    kind: "inactivity",
    label: "Inactivity",
    hint: "Points when there is no activity for N days",
    icon: InactivityIcon,
    tone: "text-amber-800 bg-amber-50 ring-amber-600/25",
  },
  {
    kind: "group",
    label: "Group",
    hint: "All of / any of, optionally negated",
    icon: GroupIcon,
    tone: "text-zinc-700 bg-zinc-100 ring-zinc-500/20",
  },
  {
    kind: "rule",
    label: "Rule",
    hint: "Field, operator and value",
    icon: RuleIcon,
    tone: "text-zinc-700 bg-zinc-100 ring-zinc-500/20",
  },
];

/** Pointer moves below this many pixels are a click, not a drag. */
const DRAG_THRESHOLD = 4;

interface Drag {
  kind: PaletteKind;
  startX: number;
  startY: number;
  x: number;
  y: number;
  moved: boolean;
}

/**
 * Drag from the palette with pointer events (mouse, pen and touch alike; HTML5 drag and drop
 * has no touch support and no control over the drag image). Dropping outside the canvas does
 * nothing; a click or Enter adds the node in the middle of the canvas.
 */
export function Palette({
  onAdd,
  disabled,
}: {
  /** `at` is the drop point in screen coordinates, or null for "wherever is visible". */
  onAdd: (kind: PaletteKind, at: { x: number; y: number } | null) => void;
  disabled?: boolean;
}) {
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragRef = useRef<Drag | null>(null);
  const suppressClick = useRef(false);
  const onAddRef = useRef(onAdd);
  useEffect(() => {
    onAddRef.current = onAdd;
  }, [onAdd]);

  useEffect(() => {
    if (!drag) return;
    const move = (e: PointerEvent) => {
      const d = dragRef.current;
      if (!d) return;
      const moved =
        d.moved || Math.hypot(e.clientX - d.startX, e.clientY - d.startY) > DRAG_THRESHOLD;
      const next = { ...d, x: e.clientX, y: e.clientY, moved };
      dragRef.current = next;
      setDrag(next);
    };
    const up = (e: PointerEvent) => {
      const d = dragRef.current;
      dragRef.current = null;
      setDrag(null);
      if (d?.moved) {
        // The click that may follow this pointerup belongs to the drag; forget it right after.
        suppressClick.current = true;
        setTimeout(() => {
          suppressClick.current = false;
        }, 0);
        onAddRef.current(d.kind, { x: e.clientX, y: e.clientY });
      }
    };
    const cancel = () => {
      dragRef.current = null;
      setDrag(null);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === "Escape") cancel();
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    window.addEventListener("pointercancel", cancel);
    window.addEventListener("keydown", key);
    return () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      window.removeEventListener("pointercancel", cancel);
      window.removeEventListener("keydown", key);
    };
    // Listeners are (re)attached when a drag starts or ends, not on every move.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [drag !== null]);

  function start(kind: PaletteKind, e: ReactPointerEvent<HTMLButtonElement>) {
    if (disabled || e.button !== 0) return;
    e.preventDefault();
    const d = {
      kind,
      startX: e.clientX,
      startY: e.clientY,
      x: e.clientX,
      y: e.clientY,
      moved: false,
    };
    dragRef.current = d;
    setDrag(d);
  }

  const dragging = drag?.moved ? PALETTE.find((p) => p.kind === drag.kind) : undefined;

  return (
    <>
      <ul className="flex flex-wrap items-center gap-1.5" aria-label="Add to canvas">
        {PALETTE.map((item) => {
          const Icon = item.icon;
          return (
            <li key={item.kind}>
              <button
                type="button"
                data-testid={`palette-${item.kind}`}
                title={`${item.hint}. Drag onto the canvas, or press Enter to add.`}
                aria-label={`Add ${item.label.toLowerCase()}${item.kind === "negative" ? " activity" : ""}`}
                disabled={disabled}
                onPointerDown={(e) => start(item.kind, e)}
                onClick={() => {
                  if (suppressClick.current) {
                    suppressClick.current = false;
                    return;
                  }
                  onAdd(item.kind, null);
                }}
                className={cn(
                  "inline-flex h-8 cursor-grab touch-none items-center gap-1.5 rounded-md bg-white pr-2.5 pl-1.5 text-[13px] font-medium text-zinc-700 shadow-xs ring-1 ring-zinc-200 ring-inset select-none",
                  "hover:bg-zinc-50 hover:text-zinc-900 active:cursor-grabbing disabled:cursor-not-allowed disabled:opacity-50",
                )}
              >
                <span
                  className={cn(
                    "flex size-5 items-center justify-center rounded ring-1 ring-inset",
                    item.tone,
                  )}
                >
                  <Icon className="size-3.5" />
                </span>
                {item.label}
              </button>
            </li>
          );
        })}
      </ul>
      {dragging && drag ? (
        <div
          aria-hidden="true"
          className="pointer-events-none fixed z-50 flex items-center gap-2 rounded-lg bg-white px-3 py-2 text-sm font-medium text-zinc-800 shadow-lg ring-1 ring-indigo-500/40"
          style={{ left: drag.x + 8, top: drag.y + 8 }}
        >
          <span
            className={cn(
              "flex size-6 items-center justify-center rounded ring-1 ring-inset",
              dragging.tone,
            )}
          >
            <dragging.icon className="size-4" />
          </span>
          {dragging.label}
        </div>
      ) : null}
    </>
  );
}
