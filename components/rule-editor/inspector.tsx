"use client";
import { useId } from "react";
import {
  OPERATORS_BY_TYPE,
  type Condition,
  type FieldType,
  type Operator,
} from "@/core/scoring/document";
import { ConditionView, PHRASE } from "../score-models/condition-view";
import type { Labeler, RegistryView } from "../score-models/registry-labels";
import { humanize } from "../score-models/registry-labels";
import { Button } from "../ui/button";
import { Input, Select } from "../ui/field";
import { TrashIcon } from "../ui/icons";
import type { CriterionData, GroupData, RuleData } from "./graph";
import { ChipsInput, NumberInput, Row, Segmented } from "./inputs";
import type { EditorNode } from "./types";

export interface FieldOption {
  path: string;
  label: string;
  type: FieldType;
  options: string[] | null;
  group: string;
}

/** Fields a rule may use where it sits: contact fields, plus the activity's properties inside one. */
export function fieldOptions(
  registry: RegistryView,
  activity: string | null | undefined,
): FieldOption[] {
  const out: FieldOption[] = registry.fields.map((f) => ({
    path: `contact.${f.key}`,
    label: f.label,
    type: f.type as FieldType,
    options: f.options ?? null,
    group: "Contact",
  }));
  if (activity) {
    const def = registry.activities.find((a) => a.key === activity);
    for (const [key, type] of Object.entries(def?.properties ?? {})) {
      out.unshift({
        path: `property.${key}`,
        label: humanize(key),
        type: type as FieldType,
        options: null,
        group: `${def?.label ?? humanize(activity)} properties`,
      });
    }
  }
  return out;
}

const NO_VALUE = new Set<Operator>(["is_set", "is_not_set", "is_true", "is_false"]);

/** A sensible starting value when the operator or field type changes. */
export function defaultValue(type: FieldType, operator: Operator): unknown {
  if (NO_VALUE.has(operator)) return undefined;
  if (operator === "in" || operator === "not_in") return [];
  if (operator === "within_last_days" || operator === "more_than_days_ago") return 30;
  if (type === "text") return "";
  return null;
}

function withValue(field: string, operator: Operator, value: unknown): RuleData {
  return value === undefined ? { field, operator } : { field, operator, value };
}

export function RuleInspector({
  data,
  fields,
  onChange,
  readOnly,
}: {
  data: RuleData;
  fields: FieldOption[];
  onChange: (data: RuleData) => void;
  readOnly: boolean;
}) {
  const id = useId();
  const current = fields.find((f) => f.path === data.field);
  const type = current?.type;
  const operators: readonly Operator[] = type ? OPERATORS_BY_TYPE[type] : [data.operator];
  const groups = [...new Set(fields.map((f) => f.group))];

  return (
    <div className="space-y-4">
      <Row id={`${id}-field`} label="Field">
        <Select
          id={`${id}-field`}
          value={current ? data.field : ""}
          disabled={readOnly}
          onChange={(e) => {
            const next = fields.find((f) => f.path === e.target.value);
            if (!next) return;
            const allowed: readonly string[] = OPERATORS_BY_TYPE[next.type];
            const operator = (
              allowed.includes(data.operator) ? data.operator : allowed[0]
            ) as Operator;
            const keep = next.type === type && operator === data.operator;
            onChange(
              withValue(next.path, operator, keep ? data.value : defaultValue(next.type, operator)),
            );
          }}
        >
          {current ? null : <option value="">{data.field || "Choose a field"} (unknown)</option>}
          {groups.map((g) => (
            <optgroup key={g} label={g}>
              {fields
                .filter((f) => f.group === g)
                .map((f) => (
                  <option key={f.path} value={f.path}>
                    {f.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </Select>
      </Row>
      <Row id={`${id}-op`} label="Operator">
        <Select
          id={`${id}-op`}
          value={data.operator}
          disabled={readOnly || !type}
          onChange={(e) => {
            const operator = e.target.value as Operator;
            onChange(
              withValue(data.field, operator, type ? defaultValue(type, operator) : undefined),
            );
          }}
        >
          {operators.map((op) => (
            <option key={op} value={op}>
              {PHRASE[op]}
            </option>
          ))}
        </Select>
      </Row>
      {type && !NO_VALUE.has(data.operator) ? (
        <ValueEditor
          id={`${id}-value`}
          type={type}
          options={current?.options ?? null}
          operator={data.operator}
          value={data.value}
          readOnly={readOnly}
          onChange={(value) => onChange(withValue(data.field, data.operator, value))}
        />
      ) : null}
    </div>
  );
}

function isoToLocal(value: unknown): string {
  if (typeof value !== "string") return "";
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})/.exec(value);
  return m?.[1] ?? "";
}

function ValueEditor({
  id,
  type,
  options,
  operator,
  value,
  onChange,
  readOnly,
}: {
  id: string;
  type: FieldType;
  options: string[] | null;
  operator: Operator;
  value: unknown;
  onChange: (value: unknown) => void;
  readOnly: boolean;
}) {
  if (operator === "in" || operator === "not_in") {
    const values = Array.isArray(value)
      ? value.filter((v): v is string => typeof v === "string")
      : [];
    if (type === "enum" && options?.length) {
      return (
        <fieldset className="space-y-1.5">
          <legend className="text-[13px] font-medium text-zinc-700">Values</legend>
          <div className="grid grid-cols-2 gap-1.5">
            {options.map((o) => (
              <label key={o} className="flex items-center gap-2 text-sm text-zinc-800">
                <input
                  type="checkbox"
                  className="size-4 rounded border-zinc-300 accent-indigo-600"
                  checked={values.includes(o)}
                  disabled={readOnly}
                  onChange={(e) =>
                    onChange(e.target.checked ? [...values, o] : values.filter((v) => v !== o))
                  }
                />
                {o}
              </label>
            ))}
          </div>
        </fieldset>
      );
    }
    return (
      <Row id={id} label="Values" hint="Any of these (case-insensitive).">
        <ChipsInput id={id} values={values} onChange={onChange} disabled={readOnly} />
      </Row>
    );
  }
  if (type === "number" && operator === "between") {
    const [a, b] = Array.isArray(value) ? value : [null, null];
    return (
      <Row label="Between (inclusive)">
        <div className="flex items-center gap-2">
          <NumberInput
            aria-label="Minimum"
            value={typeof a === "number" ? a : null}
            disabled={readOnly}
            onChange={(n) => onChange([n, typeof b === "number" ? b : null])}
          />
          <span className="text-sm text-zinc-500">and</span>
          <NumberInput
            aria-label="Maximum"
            value={typeof b === "number" ? b : null}
            disabled={readOnly}
            onChange={(n) => onChange([typeof a === "number" ? a : null, n])}
          />
        </div>
      </Row>
    );
  }
  if (operator === "within_last_days" || operator === "more_than_days_ago") {
    return (
      <Row
        id={id}
        label={operator === "within_last_days" ? "Within the last (days)" : "More than (days ago)"}
      >
        <NumberInput
          id={id}
          value={typeof value === "number" ? value : null}
          disabled={readOnly}
          onChange={onChange}
        />
      </Row>
    );
  }
  if (type === "date") {
    return (
      <Row id={id} label="Date (UTC)">
        <Input
          id={id}
          type="datetime-local"
          value={isoToLocal(value)}
          disabled={readOnly}
          onChange={(e) => onChange(e.target.value ? `${e.target.value}:00Z` : null)}
        />
      </Row>
    );
  }
  if (type === "number") {
    return (
      <Row id={id} label="Value">
        <NumberInput
          id={id}
          value={typeof value === "number" ? value : null}
          disabled={readOnly}
          onChange={onChange}
        />
      </Row>
    );
  }
  return (
    <Row id={id} label="Value">
      <Input
        id={id}
        value={typeof value === "string" ? value : ""}
        disabled={readOnly}
        onChange={(e) => onChange(e.target.value)}
      />
    </Row>
  );
}

export function GroupInspector({
  data,
  onChange,
  readOnly,
}: {
  data: GroupData;
  onChange: (data: GroupData) => void;
  readOnly: boolean;
}) {
  const id = useId();
  return (
    <div className="space-y-4">
      <Row label="Match">
        <Segmented
          label="Match"
          value={data.combinator}
          disabled={readOnly}
          options={[
            { value: "and", label: "All of (AND)" },
            { value: "or", label: "Any of (OR)" },
          ]}
          onChange={(combinator) => onChange({ ...data, combinator })}
        />
      </Row>
      <label htmlFor={`${id}-negate`} className="flex items-start gap-2.5 text-sm text-zinc-800">
        <input
          id={`${id}-negate`}
          type="checkbox"
          className="mt-0.5 size-4 rounded border-zinc-300 accent-indigo-600"
          checked={data.negate ?? false}
          disabled={readOnly}
          onChange={(e) => {
            const { negate: _n, ...rest } = data;
            onChange(e.target.checked ? { ...rest, negate: true } : rest);
          }}
        />
        <span>
          Negate{" "}
          <span className="block text-xs text-zinc-500">Matches when the group does not hold.</span>
        </span>
      </label>
    </div>
  );
}

export function CriterionInspector({
  data,
  registry,
  modelHalfLife,
  onChange,
  readOnly,
  condition,
  labels,
}: {
  /** The criterion's condition as the document has it, shown in words. */
  condition: Condition | null | undefined;
  labels: Labeler;
  data: CriterionData;
  registry: RegistryView;
  modelHalfLife: number | null;
  onChange: (data: CriterionData) => void;
  readOnly: boolean;
}) {
  const id = useId();
  return (
    <div className="space-y-4">
      <Row id={`${id}-label`} label="Label">
        <Input
          id={`${id}-label`}
          value={data.label}
          disabled={readOnly}
          maxLength={200}
          onChange={(e) => onChange({ ...data, label: e.target.value })}
        />
      </Row>
      <Row
        id={`${id}-points`}
        label={data.kind === "activity" ? "Points per activity" : "Points"}
        hint={
          data.kind === "activity"
            ? "Negative for activities that lower the score."
            : data.kind === "inactivity"
              ? "Usually negative."
              : undefined
        }
      >
        <NumberInput
          id={`${id}-points`}
          value={data.points}
          disabled={readOnly}
          onChange={(n) => onChange({ ...data, points: n ?? 0 })}
        />
      </Row>
      {data.kind !== "filter" ? (
        <Row id={`${id}-activity`} label="Activity">
          <Select
            id={`${id}-activity`}
            value={data.activity}
            disabled={readOnly}
            onChange={(e) => onChange({ ...data, activity: e.target.value })}
          >
            {registry.activities.some((a) => a.key === data.activity) ? null : (
              <option value={data.activity}>{data.activity} (unknown)</option>
            )}
            {registry.activities.map((a) => (
              <option key={a.key} value={a.key}>
                {a.label}
              </option>
            ))}
          </Select>
        </Row>
      ) : null}
      {data.kind === "activity" ? (
        <>
          <Row
            label="Half-life"
            hint="How fast an activity's points fade: half after this many days."
          >
            <div className="flex items-center gap-2">
              <Select
                aria-label="Half-life mode"
                className="w-auto flex-1"
                value={
                  data.halfLifeDays === undefined
                    ? "model"
                    : data.halfLifeDays === null
                      ? "none"
                      : "custom"
                }
                disabled={readOnly}
                onChange={(e) => {
                  const { halfLifeDays: _h, ...rest } = data;
                  const mode = e.target.value;
                  onChange(
                    mode === "model"
                      ? rest
                      : { ...rest, halfLifeDays: mode === "none" ? null : (modelHalfLife ?? 30) },
                  );
                }}
              >
                <option value="model">
                  Model default ({modelHalfLife === null ? "no decay" : `${modelHalfLife} d`})
                </option>
                <option value="custom">Custom</option>
                <option value="none">No decay</option>
              </Select>
              {data.halfLifeDays !== undefined && data.halfLifeDays !== null ? (
                <NumberInput
                  aria-label="Half-life in days"
                  className="w-24"
                  value={data.halfLifeDays}
                  disabled={readOnly}
                  onChange={(n) => onChange({ ...data, halfLifeDays: n ?? 0 })}
                />
              ) : null}
            </div>
          </Row>
          <Row
            id={`${id}-cap`}
            label="Cap (optional)"
            hint="Most points this criterion can add (or remove) in total."
          >
            <NumberInput
              id={`${id}-cap`}
              placeholder="No cap"
              value={data.maxPoints ?? null}
              disabled={readOnly}
              onChange={(n) => {
                const { maxPoints: _m, ...rest } = data;
                onChange(n === null ? rest : { ...rest, maxPoints: n });
              }}
            />
          </Row>
        </>
      ) : null}
      <div className="space-y-1.5">
        <p className="text-[13px] font-medium text-zinc-700">
          {data.kind === "filter" ? "When" : "Counting only"}
        </p>
        <div className="rounded-md bg-zinc-50 px-3 py-2 text-[13px] ring-1 ring-zinc-200 ring-inset">
          {condition &&
          !(
            data.kind === "filter" &&
            condition.kind === "group" &&
            condition.children.length === 0
          ) ? (
            <ConditionView condition={condition} labels={labels} />
          ) : (
            <span className="text-zinc-500">
              {data.kind === "filter"
                ? "No condition yet: connect a rule or group to the handle on the right."
                : "Every activity of this type. Connect rules to count only some."}
            </span>
          )}
        </div>
      </div>
      {data.kind === "inactivity" ? (
        <Row id={`${id}-days`} label="Inactive for (days)">
          <NumberInput
            id={`${id}-days`}
            value={data.days}
            disabled={readOnly}
            onChange={(n) => onChange({ ...data, days: n ?? 0 })}
          />
        </Row>
      ) : null}
    </div>
  );
}

export function NodeActions({
  node,
  onAddChild,
  onDelete,
  hasCondition,
  readOnly,
}: {
  node: EditorNode;
  onAddChild: (kind: "rule" | "group") => void;
  onDelete: () => void;
  hasCondition: boolean;
  readOnly: boolean;
}) {
  if (readOnly) return null;
  const canAdd = node.type === "group" || (node.type === "criterion" && !hasCondition);
  return (
    <div className="flex flex-wrap items-center gap-2 border-t border-zinc-100 pt-4">
      {canAdd ? (
        <>
          <Button size="sm" onClick={() => onAddChild("rule")}>
            Add rule
          </Button>
          <Button size="sm" onClick={() => onAddChild("group")}>
            Add group
          </Button>
        </>
      ) : null}
      <Button
        size="sm"
        variant="ghost"
        className="ml-auto text-red-700 hover:bg-red-50"
        icon={<TrashIcon className="size-4" />}
        onClick={onDelete}
      >
        Delete
      </Button>
    </div>
  );
}
