"use client";
import { useState, type KeyboardEvent } from "react";
import { cn } from "../ui/cn";
import { Input } from "../ui/field";

/**
 * A number input that lets people type through invalid states ("-", "1.", "") and reports a
 * number, or null while the text is empty or not a number.
 */
export function NumberInput({
  value,
  onChange,
  className,
  ...rest
}: {
  value: number | null | undefined;
  onChange: (value: number | null) => void;
  className?: string;
  id?: string;
  min?: number;
  max?: number;
  step?: number | string;
  disabled?: boolean;
  placeholder?: string;
  "aria-label"?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}) {
  const [text, setText] = useState(value == null ? "" : String(value));
  const [seen, setSeen] = useState(value);
  // Adopt outside changes (undo, another node selected) without fighting the user's typing.
  if (seen !== value) {
    setSeen(value);
    if (parse(text) !== value) setText(value == null ? "" : String(value));
  }
  return (
    <Input
      type="text"
      inputMode="decimal"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = parse(e.target.value);
        setSeen(n);
        onChange(n);
      }}
      className={cn("tabular-nums", className)}
      {...rest}
    />
  );
}

function parse(text: string): number | null {
  const t = text.trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Values of an `in` / `not_in` rule as removable chips; Enter or comma adds one. */
export function ChipsInput({
  values,
  onChange,
  id,
  disabled,
  placeholder = "Type a value and press Enter",
}: {
  values: string[];
  onChange: (values: string[]) => void;
  id?: string;
  disabled?: boolean;
  placeholder?: string;
}) {
  const [draft, setDraft] = useState("");
  function add() {
    const v = draft.trim();
    if (v && !values.includes(v)) onChange([...values, v]);
    setDraft("");
  }
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter" || e.key === ",") {
      e.preventDefault();
      add();
    } else if (e.key === "Backspace" && draft === "" && values.length) {
      onChange(values.slice(0, -1));
    }
  }
  return (
    <div className="flex min-h-9 flex-wrap items-center gap-1.5 rounded-md bg-white px-2 py-1.5 shadow-xs ring-1 ring-zinc-300 ring-inset focus-within:ring-2 focus-within:ring-indigo-600">
      {values.map((v) => (
        <span
          key={v}
          className="inline-flex items-center gap-1 rounded bg-zinc-100 py-0.5 pr-1 pl-2 text-xs font-medium text-zinc-800 ring-1 ring-zinc-200 ring-inset"
        >
          {v}
          <button
            type="button"
            disabled={disabled}
            onClick={() => onChange(values.filter((x) => x !== v))}
            aria-label={`Remove ${v}`}
            className="rounded px-0.5 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900"
          >
            ×
          </button>
        </span>
      ))}
      <input
        id={id}
        value={draft}
        disabled={disabled}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={add}
        placeholder={values.length ? "" : placeholder}
        className="min-w-24 flex-1 border-0 bg-transparent p-0 text-sm text-zinc-900 placeholder:text-zinc-400 focus:ring-0 focus:outline-none"
      />
    </div>
  );
}

/** A labelled row in the inspector. */
export function Row({
  id,
  label,
  hint,
  children,
}: {
  id?: string;
  label: string;
  hint?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="space-y-1.5">
      {id ? (
        <label htmlFor={id} className="block text-[13px] font-medium text-zinc-700">
          {label}
        </label>
      ) : (
        <p className="text-[13px] font-medium text-zinc-700">{label}</p>
      )}
      {children}
      {hint ? <p className="text-xs text-zinc-500">{hint}</p> : null}
    </div>
  );
}

/** Two or three mutually exclusive options as a segmented control (radio group). */
export function Segmented<T extends string>({
  value,
  options,
  onChange,
  label,
  disabled,
}: {
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
  label: string;
  disabled?: boolean;
}) {
  return (
    <div role="radiogroup" aria-label={label} className="inline-flex rounded-md bg-zinc-100 p-0.5">
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={o.value === value}
          disabled={disabled}
          onClick={() => onChange(o.value)}
          className={cn(
            "h-7 rounded px-3 text-[13px] font-medium transition-colors",
            o.value === value
              ? "bg-white text-zinc-900 shadow-xs ring-1 ring-zinc-200"
              : "text-zinc-600 hover:text-zinc-900",
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
