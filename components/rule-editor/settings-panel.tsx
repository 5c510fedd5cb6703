"use client";
import { useId } from "react";
import { BAND_COLORS, MODEL_KIND_VALUES, type Band } from "@/core/scoring/document";
import { KIND_LABEL } from "../score-models/labels";
import { bandPalette } from "../score/band-colors";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Input, Select } from "../ui/field";
import { PlusIcon, TrashIcon } from "../ui/icons";
import type { ModelSettings } from "./graph";
import { NumberInput, Row, Segmented } from "./inputs";

export const EMOJIS = [
  "🎯",
  "🔥",
  "💚",
  "🚀",
  "⭐",
  "💎",
  "📈",
  "🧲",
  "⚡",
  "🏆",
  "💡",
  "🎓",
  "🛒",
  "💳",
  "📬",
  "👀",
  "🤝",
  "❤️",
  "🌱",
  "🧭",
  "🛟",
  "⏳",
  "📉",
  "🧊",
];

/** Half-life decay of one point over four half-lives, exponential and step side by side. */
export function DecayChart({
  halfLife,
  decay,
}: {
  halfLife: number | null;
  decay: "exponential" | "step";
}) {
  const W = 280;
  const H = 88;
  const pad = { l: 26, r: 8, t: 8, b: 18 };
  const w = W - pad.l - pad.r;
  const h = H - pad.t - pad.b;
  const x = (t: number) => pad.l + (t / 4) * w;
  const y = (v: number) => pad.t + (1 - v) * h;
  const points: string[] = [];
  for (let i = 0; i <= 80; i++) {
    const t = (i / 80) * 4;
    const v = halfLife === null ? 1 : decay === "step" ? 0.5 ** Math.floor(t) : 0.5 ** t;
    points.push(`${x(t).toFixed(1)},${y(v).toFixed(1)}`);
  }
  const unit = halfLife === null ? null : halfLife;
  const label = (k: number) =>
    unit === null
      ? ""
      : new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }).format(unit * k);
  return (
    <figure
      className="rounded-md border border-zinc-200 bg-zinc-50/60 px-2 pt-2 pb-1"
      data-testid="decay-chart"
    >
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="w-full"
        role="img"
        aria-label={
          halfLife === null
            ? "No decay: an activity keeps its full points"
            : `Points of an activity halve every ${halfLife} days (${decay})`
        }
      >
        {[0, 0.5, 1].map((v) => (
          <g key={v}>
            <line
              x1={pad.l}
              x2={W - pad.r}
              y1={y(v)}
              y2={y(v)}
              className="stroke-zinc-200"
              strokeDasharray={v === 0 ? undefined : "2 3"}
            />
            <text x={pad.l - 4} y={y(v) + 3} textAnchor="end" className="fill-zinc-400 text-[9px]">
              {v === 1 ? "100%" : v === 0.5 ? "50%" : "0"}
            </text>
          </g>
        ))}
        {[0, 1, 2, 3, 4].map((k) => (
          <text key={k} x={x(k)} y={H - 4} textAnchor="middle" className="fill-zinc-400 text-[9px]">
            {k === 0 ? "0 d" : label(k)}
          </text>
        ))}
        <polyline
          points={points.join(" ")}
          fill="none"
          className="stroke-indigo-600"
          strokeWidth={2}
          strokeLinejoin="round"
        />
      </svg>
    </figure>
  );
}

export function SettingsPanel({
  settings,
  onChange,
  readOnly,
  issues,
}: {
  settings: ModelSettings;
  onChange: (settings: ModelSettings) => void;
  readOnly: boolean;
  /** Issues of the settings part of the document (bands, scale, …), path → messages. */
  issues: { path: string; message: string }[];
}) {
  const id = useId();
  const issueFor = (prefix: string) =>
    issues.filter(
      (i) =>
        i.path === prefix || i.path.startsWith(`${prefix}.`) || i.path.startsWith(`${prefix}[`),
    );
  const setBand = (i: number, band: Band) =>
    onChange({ ...settings, bands: settings.bands.map((b, j) => (j === i ? band : b)) });

  return (
    <div className="space-y-5">
      <Row id={`${id}-name`} label="Name">
        <Input
          id={`${id}-name`}
          value={settings.name}
          maxLength={80}
          disabled={readOnly}
          onChange={(e) => onChange({ ...settings, name: e.target.value })}
        />
      </Row>
      <fieldset>
        <legend className="mb-1.5 text-[13px] font-medium text-zinc-700">Emoji</legend>
        <div className="grid grid-cols-8 gap-1">
          {EMOJIS.map((e) => (
            <button
              key={e}
              type="button"
              aria-label={`Use ${e}`}
              aria-pressed={settings.emoji === e}
              disabled={readOnly}
              onClick={() => onChange({ ...settings, emoji: e })}
              className={cn(
                "flex aspect-square items-center justify-center rounded-md text-lg transition-colors",
                settings.emoji === e ? "bg-indigo-50 ring-2 ring-indigo-500" : "hover:bg-zinc-100",
              )}
            >
              {e}
            </button>
          ))}
        </div>
      </fieldset>
      <Row id={`${id}-kind`} label="Kind">
        <Select
          id={`${id}-kind`}
          value={settings.kind}
          disabled={readOnly}
          onChange={(e) => onChange({ ...settings, kind: e.target.value as ModelSettings["kind"] })}
        >
          {MODEL_KIND_VALUES.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </Select>
      </Row>

      <div className="space-y-2">
        <div className="flex items-end gap-3">
          <Row id={`${id}-half`} label="Half-life (days)">
            <NumberInput
              id={`${id}-half`}
              className="w-28"
              value={settings.halfLifeDays}
              placeholder="No decay"
              disabled={readOnly || settings.halfLifeDays === null}
              onChange={(n) => onChange({ ...settings, halfLifeDays: n ?? 0 })}
            />
          </Row>
          <label className="mb-2 flex items-center gap-2 text-sm text-zinc-700">
            <input
              type="checkbox"
              className="size-4 rounded border-zinc-300 accent-indigo-600"
              checked={settings.halfLifeDays === null}
              disabled={readOnly}
              onChange={(e) =>
                onChange({ ...settings, halfLifeDays: e.target.checked ? null : 30 })
              }
            />
            No decay
          </label>
        </div>
        {settings.halfLifeDays !== null ? (
          <Segmented
            label="Decay"
            value={settings.decay}
            disabled={readOnly}
            options={[
              { value: "exponential", label: "Exponential" },
              { value: "step", label: "Step" },
            ]}
            onChange={(decay) => onChange({ ...settings, decay })}
          />
        ) : null}
        <DecayChart halfLife={settings.halfLifeDays} decay={settings.decay} />
        <Messages items={issueFor("halfLifeDays")} />
      </div>

      <div className="space-y-2">
        <p className="text-[13px] font-medium text-zinc-700">Scale</p>
        <Segmented
          label="Scale"
          value={settings.scale.kind}
          disabled={readOnly}
          options={[
            { value: "fixed", label: "Fixed maximum" },
            { value: "percentile", label: "Percentile" },
          ]}
          onChange={(kind) =>
            onChange({
              ...settings,
              scale: kind === "fixed" ? { kind, maxPoints: 100 } : { kind, percentile: 95 },
            })
          }
        />
        {settings.scale.kind === "fixed" ? (
          <div className="flex items-center gap-2 text-sm text-zinc-600">
            <NumberInput
              aria-label="Points that score 100"
              className="w-24"
              value={settings.scale.maxPoints}
              disabled={readOnly}
              onChange={(n) =>
                onChange({ ...settings, scale: { kind: "fixed", maxPoints: n ?? 0 } })
              }
            />
            points score 100
          </div>
        ) : (
          <div className="flex items-center gap-2 text-sm text-zinc-600">
            <NumberInput
              aria-label="Percentile that scores 100"
              className="w-24"
              value={settings.scale.percentile}
              disabled={readOnly}
              onChange={(n) =>
                onChange({ ...settings, scale: { kind: "percentile", percentile: n ?? 0 } })
              }
            />
            th percentile of raw scores = 100
          </div>
        )}
        <Messages items={issueFor("scale")} />
      </div>

      <fieldset className="space-y-2">
        <legend className="text-[13px] font-medium text-zinc-700">Bands</legend>
        <ul className="space-y-1.5">
          {settings.bands.map((b, i) => (
            <li key={i} className="flex items-center gap-1.5" data-testid="band-row">
              <span
                className={cn("size-3 shrink-0 rounded-full", bandPalette(b.color).solid)}
                aria-hidden="true"
              />
              <Select
                aria-label={`Colour of ${b.label}`}
                className="w-24 shrink-0 pr-6 text-[13px]"
                value={b.color}
                disabled={readOnly}
                onChange={(e) => setBand(i, { ...b, color: e.target.value as Band["color"] })}
              >
                {BAND_COLORS.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </Select>
              <Input
                aria-label={`Label of band ${i + 1}`}
                className="min-w-0 flex-1"
                value={b.label}
                disabled={readOnly}
                maxLength={40}
                onChange={(e) => setBand(i, { ...b, label: e.target.value })}
              />
              <NumberInput
                aria-label={`Minimum score of ${b.label}`}
                className="w-16 shrink-0"
                value={b.min}
                disabled={readOnly || i === 0}
                onChange={(n) => setBand(i, { ...b, min: n ?? 0 })}
              />
              <button
                type="button"
                aria-label={`Remove band ${b.label}`}
                disabled={readOnly || settings.bands.length === 1}
                onClick={() =>
                  onChange({ ...settings, bands: settings.bands.filter((_, j) => j !== i) })
                }
                className="rounded-md p-1.5 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 disabled:opacity-30"
              >
                <TrashIcon className="size-4" />
              </button>
            </li>
          ))}
        </ul>
        <Messages items={issueFor("bands")} />
        {readOnly ? null : (
          <Button
            size="sm"
            variant="ghost"
            icon={<PlusIcon className="size-4" />}
            onClick={() => {
              const last = settings.bands.at(-1);
              const min = Math.min(99, (last?.min ?? 0) + 10);
              onChange({
                ...settings,
                bands: [
                  ...settings.bands,
                  { label: `Band ${settings.bands.length + 1}`, color: "sky", min },
                ],
              });
            }}
          >
            Add band
          </Button>
        )}
      </fieldset>
    </div>
  );
}

function Messages({ items }: { items: { message: string }[] }) {
  if (!items.length) return null;
  return (
    <ul className="space-y-0.5 text-xs text-red-700">
      {items.map((i, k) => (
        <li key={k}>{i.message}</li>
      ))}
    </ul>
  );
}
