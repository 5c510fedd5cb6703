"use client";
/**
 * Toasts: short confirmations and errors in a live region (errors are announced assertively).
 * An optional action (e.g. "Undo") keeps destructive or surprising changes reversible.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { cn } from "./cn";

export type ToastTone = "success" | "error" | "info";

export interface ToastInput {
  title: string;
  description?: string;
  tone?: ToastTone;
  action?: { label: string; onClick: () => void };
  durationMs?: number;
}

interface ToastItem extends ToastInput {
  id: number;
}

interface ToastApi {
  toast: (t: ToastInput) => void;
  success: (title: string, description?: string) => void;
  error: (title: string, description?: string) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

export function useToast(): ToastApi {
  const ctx = useContext(ToastContext);
  if (!ctx) throw new Error("useToast must be used inside <ToastProvider>");
  return ctx;
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback(
    (id: number) => setItems((all) => all.filter((t) => t.id !== id)),
    [],
  );

  const toast = useCallback((t: ToastInput) => {
    const id = nextId.current++;
    // Keep at most 4 on screen.
    setItems((all) => [...all.slice(-3), { ...t, id }]);
  }, []);

  const api = useMemo<ToastApi>(
    () => ({
      toast,
      success: (title, description) => toast({ title, description, tone: "success" }),
      error: (title, description) => toast({ title, description, tone: "error" }),
    }),
    [toast],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div
        aria-live="polite"
        className="pointer-events-none fixed right-0 bottom-0 z-50 flex w-full max-w-sm flex-col gap-2 p-4"
      >
        {items.map((t) => (
          <ToastView key={t.id} item={t} onDismiss={() => dismiss(t.id)} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

const ICONS: Record<ToastTone, ReactNode> = {
  success: <path d="M5 10.5l3 3 7-7" />,
  error: <path d="M10 6v5m0 3h.01" />,
  info: <path d="M10 9v5m0-8h.01" />,
};

function ToastView({ item, onDismiss }: { item: ToastItem; onDismiss: () => void }) {
  const tone = item.tone ?? "info";
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused) return;
    const ms = item.durationMs ?? (tone === "error" ? 8000 : 5000);
    const timer = setTimeout(onDismiss, ms);
    return () => clearTimeout(timer);
  }, [paused, item.durationMs, tone, onDismiss]);

  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid="toast"
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
      className="pointer-events-auto flex animate-toast-in items-start gap-3 rounded-lg bg-white p-4 shadow-lg ring-1 ring-zinc-900/10"
    >
      <svg
        viewBox="0 0 20 20"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        className={cn(
          "mt-0.5 size-5 shrink-0 rounded-full p-0.5",
          tone === "success" && "bg-emerald-100 text-emerald-700",
          tone === "error" && "bg-red-100 text-red-700",
          tone === "info" && "bg-indigo-100 text-indigo-700",
        )}
      >
        {ICONS[tone]}
      </svg>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-zinc-900">{item.title}</p>
        {item.description ? (
          <p className="mt-0.5 text-sm break-words text-zinc-600">{item.description}</p>
        ) : null}
        {item.action ? (
          <button
            type="button"
            className="mt-2 rounded text-sm font-medium text-indigo-600 hover:text-indigo-500"
            onClick={() => {
              item.action?.onClick();
              onDismiss();
            }}
          >
            {item.action.label}
          </button>
        ) : null}
      </div>
      <button
        type="button"
        onClick={onDismiss}
        aria-label="Dismiss notification"
        className="-m-1 rounded p-1 text-zinc-400 hover:text-zinc-600"
      >
        <svg
          viewBox="0 0 20 20"
          className="size-4"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          aria-hidden="true"
        >
          <path d="M5 5l10 10M15 5L5 15" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}
