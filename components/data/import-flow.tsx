"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type DragEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { errorInfo, type ErrorInfo } from "@/trpc/errors";
import { formatCount } from "../score/format";
import { PageHeader } from "../shell/page-header";
import { Button, buttonClasses } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { cn } from "../ui/cn";
import { Input, Select } from "../ui/field";
import { ChevronLeftIcon, UploadIcon, WarningIcon } from "../ui/icons";
import { ProgressBar } from "../ui/progress-bar";
import { Table, TBody, TD, TH, THead, TR } from "../ui/table";
import {
  FIELD_TYPE_LABEL,
  FIELD_TYPES,
  formatBytes,
  guessRoles,
  inferType,
  keyFromHeader,
  readPreview,
  type FieldType,
  type Preview,
  type TextEncodingName,
} from "./csv-preview";
import type { RegistryList } from "./types";

type Kind = "contacts" | "activities";

type Upload =
  | { status: "uploading"; loaded: number; total: number }
  | { status: "done"; id: string; columns: string[]; encoding: TextEncodingName }
  | { status: "error"; message: string };

/** Per column: what it becomes, unless a role (key, email, …) claims the column. */
type Target =
  | { kind: "skip" }
  | { kind: "field"; key: string }
  | { kind: "new"; key: string; label: string; type: FieldType; options: string }
  | { kind: "property"; key: string; type: Exclude<FieldType, "enum"> };

type ContactRole = "key" | "email" | "createdAt";
type ActivityRole = "eventId" | "contact" | "type" | "occurredAt";
type Role = ContactRole | ActivityRole;

const ROLE_LABEL: Record<Role, string> = {
  key: "Contact key (external id)",
  email: "Email",
  createdAt: "Signed up (created at)",
  eventId: "Event id",
  contact: "Contact key",
  type: "Activity type",
  occurredAt: "Occurred at",
};
const ROLES: Record<Kind, Role[]> = {
  contacts: ["key", "email", "createdAt"],
  activities: ["eventId", "contact", "type", "occurredAt"],
};

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
const RESERVED = new Set(["email", "created_at"]);

/** The "Import CSV" page: kind and file, then preview and mapping, then start. */
export function ImportFlow() {
  const [kind, setKind] = useState<Kind>("contacts");
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const xhrRef = useRef<XMLHttpRequest | null>(null);

  useEffect(() => () => xhrRef.current?.abort(), []);

  async function choose(next: File) {
    xhrRef.current?.abort();
    setReadError(null);
    setPreview(null);
    setUpload(null);
    if (!/\.(csv|tsv|txt)$/i.test(next.name) && next.type && !/csv|text/.test(next.type)) {
      setReadError("Choose a CSV file (.csv).");
      return;
    }
    try {
      const p = await readPreview(next);
      if (p.columns.length === 0) {
        setReadError("The file is empty: the first row should name the columns.");
        return;
      }
      setFile(next);
      setPreview(p);
      startUpload(next, kind);
    } catch {
      setReadError("This file could not be read as CSV.");
    }
  }

  function startUpload(f: File, k: Kind) {
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    xhr.open("POST", `/api/imports?kind=${k}&name=${encodeURIComponent(f.name)}`);
    xhr.setRequestHeader("content-type", "text/csv");
    xhr.upload.onprogress = (e) =>
      setUpload({ status: "uploading", loaded: e.loaded, total: e.lengthComputable ? e.total : f.size });
    xhr.onload = () => {
      let body: {
        id?: string;
        columns?: string[];
        encoding?: TextEncodingName;
        error?: { message?: string };
      } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // fall through to a generic message
      }
      if (xhr.status === 201 && body.id && body.columns) {
        setUpload({ status: "done", id: body.id, columns: body.columns, encoding: body.encoding ?? "utf-8" });
      } else {
        setUpload({
          status: "error",
          message: body.error?.message ?? `The upload failed (HTTP ${xhr.status}). Please try again.`,
        });
      }
    };
    xhr.onerror = () =>
      setUpload({ status: "error", message: "Cannot reach the server. Check your connection and try again." });
    setUpload({ status: "uploading", loaded: 0, total: f.size });
    xhr.send(f);
  }

  function changeKind(k: Kind) {
    setKind(k);
    // An upload is tied to its kind: upload again for the other one.
    if (file) startUpload(file, k);
  }

  function reset() {
    xhrRef.current?.abort();
    setFile(null);
    setPreview(null);
    setUpload(null);
  }

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/data" className="inline-flex items-center gap-1 rounded text-sm text-zinc-500 hover:text-zinc-900">
            <ChevronLeftIcon className="size-4" />
            Data
          </Link>
        }
        title="Import CSV"
        description="Contacts are matched on their key and updated; activities are stored once per event id."
      />
      <div className="space-y-6">
        <KindAndFile kind={kind} onKind={changeKind} file={file} onFile={choose} onReset={reset} error={readError} upload={upload} />
        {file && preview ? (
          <MappingStep key={`${kind}:${file.name}:${file.size}`} kind={kind} preview={preview} upload={upload} />
        ) : null}
      </div>
    </>
  );
}

function KindAndFile({
  kind,
  onKind,
  file,
  onFile,
  onReset,
  error,
  upload,
}: {
  kind: Kind;
  onKind: (k: Kind) => void;
  file: File | null;
  onFile: (f: File) => void;
  onReset: () => void;
  error: string | null;
  upload: Upload | null;
}) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f) onFile(f);
  };
  return (
    <Card>
      <CardHeader title="1. What and which file" />
      <div className="grid gap-6 p-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-zinc-800">The file holds</legend>
          <div className="space-y-2">
            {(
              [
                ["contacts", "Contacts", "One row per person, with a key column (your id for them)."],
                ["activities", "Activities", "One row per event: who, what and when, plus properties."],
              ] as const
            ).map(([value, label, hint]) => (
              <label
                key={value}
                className={cn(
                  "flex cursor-pointer gap-3 rounded-md border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600",
                  kind === value ? "border-indigo-500 bg-indigo-50/60" : "border-zinc-200 hover:bg-zinc-50",
                )}
              >
                <input
                  type="radio"
                  name="import-kind"
                  value={value}
                  checked={kind === value}
                  onChange={() => onKind(value)}
                  className="mt-0.5 accent-indigo-600"
                />
                <span>
                  <span className="block font-medium text-zinc-900">{label}</span>
                  <span className="block text-[13px] text-zinc-500">{hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <div>
          <span className="mb-2 block text-sm font-medium text-zinc-800">CSV file</span>
          {file ? (
            <div className="rounded-md border border-zinc-200 p-3">
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium text-zinc-900" data-testid="chosen-file">
                    {file.name}
                  </p>
                  <p className="text-[13px] text-zinc-500">{formatBytes(file.size)}</p>
                </div>
                <Button size="sm" variant="ghost" onClick={onReset}>
                  Choose another
                </Button>
              </div>
              <UploadState upload={upload} />
            </div>
          ) : (
            <label
              htmlFor={inputId}
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={onDrop}
              className={cn(
                "flex cursor-pointer flex-col items-center justify-center rounded-md border border-dashed px-6 py-8 text-center has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600",
                dragging ? "border-indigo-500 bg-indigo-50" : "border-zinc-300 hover:bg-zinc-50",
              )}
            >
              <UploadIcon className="size-6 text-zinc-400" />
              <span className="mt-2 text-sm font-medium text-indigo-600">Choose a CSV file</span>
              <span className="text-[13px] text-zinc-500">or drop it here · up to 200 MB · comma, semicolon or tab separated</span>
              <input
                id={inputId}
                type="file"
                accept=".csv,.tsv,.txt,text/csv"
                className="sr-only"
                data-testid="csv-file-input"
                onChange={(e: ChangeEvent<HTMLInputElement>) => {
                  const f = e.target.files?.[0];
                  if (f) onFile(f);
                  e.target.value = "";
                }}
              />
            </label>
          )}
          {error ? (
            <p role="alert" className="mt-2 text-[13px] text-red-600">
              {error}
            </p>
          ) : null}
        </div>
      </div>
    </Card>
  );
}

function UploadState({ upload }: { upload: Upload | null }) {
  if (!upload) return null;
  if (upload.status === "error") {
    return (
      <p role="alert" className="mt-2 flex items-start gap-1.5 text-[13px] text-red-600">
        <WarningIcon className="mt-0.5 size-4 shrink-0" />
        {upload.message}
      </p>
    );
  }
  if (upload.status === "done") {
    return (
      <>
        <p className="mt-2 text-[13px] text-emerald-700" data-testid="upload-done">
          Uploaded · {upload.columns.length} columns
        </p>
        {upload.encoding === "windows-1252" ? (
          <p className="mt-1 text-[13px] text-amber-800" data-testid="upload-encoding">
            This file is not UTF-8, so it is read as Windows-1252 (Western European, as Excel on
            Windows saves CSV). Check the accents in the preview; if they look wrong, save the file
            as “CSV UTF-8” and choose it again.
          </p>
        ) : null}
      </>
    );
  }
  const pct = upload.total > 0 ? Math.floor((upload.loaded / upload.total) * 100) : 0;
  return (
    <div className="mt-3">
      <ProgressBar value={pct} max={100} label="Uploading the file" valueText={`${pct}% uploaded`} />
      <p className="mt-1 text-xs text-zinc-500 tabular-nums">
        Uploading… {pct}% ({formatBytes(upload.loaded)} of {formatBytes(upload.total)})
      </p>
    </div>
  );
}

function initialState(kind: Kind, preview: Preview, registry: RegistryList) {
  const cols = preview.columns;
  // No header names the key: none is preselected and "Start import" asks for one.
  const roles: Partial<Record<Role, number | null>> = guessRoles(kind, cols);
  const known = new Map(registry.fields.map((f) => [f.key, f]));
  const targets: Target[] = cols.map((header, i) => {
    const samples = preview.sampled.map((r) => r[i] ?? "");
    const key = keyFromHeader(header);
    if (kind === "activities") return { kind: "property", key, type: inferType(samples) };
    if (known.has(key) && !RESERVED.has(key)) return { kind: "field", key };
    return { kind: "new", key: RESERVED.has(key) ? `${key}_2` : key, label: header || key, type: inferType(samples), options: "" };
  });
  return { roles, targets };
}

function MappingStep({ kind, preview, upload }: { kind: Kind; preview: Preview; upload: Upload | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: registry } = useSuspenseQuery(trpc.registry.list.queryOptions());
  const [state, setState] = useState(() => initialState(kind, preview, registry));
  const [typeMode, setTypeMode] = useState<"column" | "value">(() =>
    kind === "activities" && state.roles.type == null ? "value" : "column",
  );
  const [typeValue, setTypeValue] = useState("");
  const [serverError, setServerError] = useState<ErrorInfo | null>(null);
  const fieldsByKey = useMemo(() => new Map(registry.fields.map((f) => [f.key, f])), [registry]);
  const columns = preview.columns;

  const roleOf = (i: number): Role | null =>
    (ROLES[kind].find((r) => state.roles[r] === i && !(r === "type" && typeMode === "value")) ?? null);

  function setColumn(i: number, value: string) {
    setState((s) => {
      const roles = { ...s.roles };
      for (const r of ROLES[kind]) if (roles[r] === i) roles[r] = null;
      const targets = [...s.targets];
      if (value.startsWith("role:")) {
        const role = value.slice(5) as Role;
        roles[role] = i;
      } else if (value === "skip") targets[i] = { kind: "skip" };
      else if (value.startsWith("field:")) targets[i] = { kind: "field", key: value.slice(6) };
      else if (value === "new" || value === "property") {
        const samples = preview.sampled.map((r) => r[i] ?? "");
        const key = keyFromHeader(columns[i] ?? "");
        targets[i] =
          value === "new"
            ? { kind: "new", key, label: columns[i] || key, type: inferType(samples), options: "" }
            : { kind: "property", key, type: inferType(samples) };
      }
      return { roles, targets };
    });
    if (value === "role:type") setTypeMode("column");
  }

  function patchTarget(i: number, patch: Partial<Target>) {
    setState((s) => {
      const targets = [...s.targets];
      targets[i] = { ...targets[i], ...patch } as Target;
      return { ...s, targets };
    });
  }

  // Problems that keep "Start import" disabled, in words.
  const problems: string[] = [];
  const perColumn = new Map<number, string>();
  if (kind === "contacts" && state.roles.key == null) problems.push("Choose the column that holds the contact key.");
  if (kind === "activities") {
    if (state.roles.contact == null) problems.push("Choose the column that holds the contact key.");
    if (state.roles.occurredAt == null) problems.push("Choose the column that says when each activity happened.");
    if (typeMode === "column" && state.roles.type == null) problems.push("Choose the activity type column, or one type for every row.");
    if (typeMode === "value" && !KEY_PATTERN.test(typeValue)) problems.push("Name the activity type: lowercase letters, digits and _ (e.g. purchase).");
  }
  const seen = new Map<string, number>();
  state.targets.forEach((t, i) => {
    if (roleOf(i) || t.kind === "skip") return;
    if (t.kind === "new" || t.kind === "property") {
      if (t.kind === "new" && !KEY_PATTERN.test(t.key)) perColumn.set(i, "Key: lowercase letters, digits and _, starting with a letter");
      else if (t.kind === "new" && RESERVED.has(t.key)) perColumn.set(i, `“${t.key}” is set by its own column role`);
      else if (t.kind === "new" && fieldsByKey.has(t.key) && fieldsByKey.get(t.key)?.type !== t.type)
        perColumn.set(i, `A field “${t.key}” already exists as ${fieldsByKey.get(t.key)?.type}`);
      else if (t.key.trim() === "") perColumn.set(i, "Name the property");
    }
    const key = t.key;
    if (seen.has(key)) perColumn.set(i, `“${key}” is already filled by column “${columns[seen.get(key)!]}”`);
    seen.set(key, i);
  });
  if (perColumn.size > 0) problems.push(`Fix ${perColumn.size === 1 ? "the column" : `${perColumn.size} columns`} marked below.`);

  const create = useMutation(
    trpc.dataImport.create.mutationOptions({
      onSuccess: async (item) => {
        await queryClient.invalidateQueries({ queryKey: trpc.dataImport.list.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.registry.list.queryKey() });
        router.push(`/data/imports/${item.id}`);
      },
      onError: (error) => setServerError(errorInfo(error)),
    }),
  );

  function start() {
    if (upload?.status !== "done") return;
    setServerError(null);
    const columnsOut = state.targets.map((t, i) => {
      if (roleOf(i)) return { kind: "skip" as const };
      if (t.kind === "new") {
        return {
          kind: "new" as const,
          key: t.key,
          label: t.label.trim() || t.key,
          type: t.type,
          ...(t.type === "enum" && t.options.trim()
            ? { options: [...new Set(t.options.split(",").map((o) => o.trim()).filter(Boolean))] }
            : {}),
        };
      }
      return t;
    });
    const mapping =
      kind === "contacts"
        ? {
            kind: "contacts" as const,
            key: state.roles.key!,
            email: state.roles.email ?? null,
            createdAt: state.roles.createdAt ?? null,
            columns: columnsOut as { kind: "skip" }[],
          }
        : {
            kind: "activities" as const,
            eventId: state.roles.eventId ?? null,
            contact: state.roles.contact!,
            type: typeMode === "value" ? { value: typeValue } : { column: state.roles.type! },
            occurredAt: state.roles.occurredAt!,
            columns: columnsOut as { kind: "skip" }[],
          };
    create.mutate({ uploadId: upload.id, mapping });
  }

  const uploadColumnsDiffer =
    upload?.status === "done" && upload.columns.join("\u0001") !== columns.join("\u0001");

  return (
    <>
      <Card>
        <CardHeader
          title="2. Preview"
          description={`The first ${Math.min(preview.rows.length, 5)} rows of the file, as read.`}
        />
        {preview.rows.length === 0 ? (
          <p className="p-4 text-sm text-zinc-500">The file has a header row but no data rows.</p>
        ) : (
          <Table aria-label="Preview of the first rows" data-testid="csv-preview">
            <THead>
              <TR>
                {columns.map((c, i) => (
                  <TH key={i} className="normal-case tracking-normal">
                    {c || <span className="italic">column {i + 1}</span>}
                  </TH>
                ))}
              </TR>
            </THead>
            <TBody>
              {preview.rows.map((row, r) => (
                <TR key={r}>
                  {columns.map((_, i) => (
                    <TD key={i} className="max-w-56 truncate py-2 text-[13px] text-zinc-700" title={row[i]}>
                      {row[i] ?? ""}
                    </TD>
                  ))}
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>

      <Card>
        <CardHeader
          title="3. Map columns"
          description={
            kind === "contacts"
              ? "Choose the key column, then what each other column fills. Empty cells leave stored values alone."
              : "Choose who, what and when, then which columns to keep as properties of each activity."
          }
        />
        {kind === "activities" ? (
          <div className="grid gap-4 border-b border-zinc-200 p-4 md:grid-cols-2">
            <fieldset>
              <legend className="mb-1.5 text-sm font-medium text-zinc-800">Activity type</legend>
              <div className="flex flex-wrap items-center gap-4 text-sm">
                <label className="flex items-center gap-2">
                  <input type="radio" name="type-mode" className="accent-indigo-600" checked={typeMode === "column"} onChange={() => setTypeMode("column")} />
                  From a column
                </label>
                <label className="flex items-center gap-2">
                  <input type="radio" name="type-mode" className="accent-indigo-600" checked={typeMode === "value"} onChange={() => setTypeMode("value")} />
                  The same for every row
                </label>
              </div>
              {typeMode === "value" ? (
                <Input
                  mono
                  aria-label="Activity type for every row"
                  className="mt-2 max-w-64"
                  placeholder="e.g. purchase"
                  value={typeValue}
                  onChange={(e) => setTypeValue(e.target.value)}
                  list="activity-types"
                />
              ) : null}
              <datalist id="activity-types">
                {registry.activities.map((a) => (
                  <option key={a.key} value={a.key} />
                ))}
              </datalist>
            </fieldset>
            <div className="text-[13px] text-zinc-500">
              <p className="font-medium text-zinc-800">Event id</p>
              <p className="mt-1">
                {state.roles.eventId != null
                  ? `From column “${columns[state.roles.eventId]}”: a repeated id is stored once.`
                  : "No event id column: each row gets an id from its content, so importing the same file again finds duplicates instead of adding rows."}
              </p>
            </div>
          </div>
        ) : null}
        <Table aria-label="Column mapping" data-testid="column-mapping">
          <THead>
            <TR>
              <TH className="w-[18%]">Column</TH>
              <TH className="w-[22%]">Sample values</TH>
              <TH className="w-[24%]">Import as</TH>
              <TH>Details</TH>
            </TR>
          </THead>
          <TBody>
            {columns.map((header, i) => (
              <MappingRow
                key={i}
                index={i}
                header={header}
                samples={preview.rows.map((r) => r[i] ?? "").filter(Boolean).slice(0, 3)}
                kind={kind}
                role={roleOf(i)}
                target={state.targets[i] ?? { kind: "skip" }}
                registry={registry}
                problem={perColumn.get(i) ?? null}
                onChoose={(v) => setColumn(i, v)}
                onPatch={(p) => patchTarget(i, p)}
              />
            ))}
          </TBody>
        </Table>
      </Card>

      <div className="sticky bottom-0 z-10 -mx-8 border-t border-zinc-200 bg-white/95 px-8 py-4 backdrop-blur">
        <div className="flex items-center justify-between gap-6">
          <div className="min-w-0 text-[13px]" aria-live="polite">
            {serverError ? (
              <div role="alert" className="text-red-600">
                <p className="font-medium">{serverError.message}</p>
                {serverError.issues.length > 0 ? (
                  <ul className="mt-1 list-disc pl-5">
                    {serverError.issues.slice(0, 5).map((issue) => (
                      <li key={issue.path}>{issue.message}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : problems.length > 0 ? (
              <p className="text-amber-800" data-testid="mapping-problems">
                {problems[0]}
              </p>
            ) : upload?.status === "uploading" ? (
              <p className="text-zinc-500">The file is still uploading; you can start when it is done.</p>
            ) : uploadColumnsDiffer ? (
              <p className="text-amber-800">The server read the header differently from the preview; check the mapping.</p>
            ) : (
              <p className="text-zinc-500">
                {formatCount(columns.length)} columns · {mappedCount(state, kind, roleOf)} imported. New fields are created when the import starts.
              </p>
            )}
          </div>
          <div className="flex shrink-0 gap-2">
            <Link href="/data" className={buttonClasses("secondary", "md")}>
              Cancel
            </Link>
            <Button
              variant="primary"
              onClick={start}
              pending={create.isPending}
              disabled={problems.length > 0 || upload?.status !== "done"}
            >
              Start import
            </Button>
          </div>
        </div>
      </div>
    </>
  );
}

function mappedCount(
  state: { targets: Target[] },
  kind: Kind,
  roleOf: (i: number) => Role | null,
): number {
  void kind;
  return state.targets.filter((t, i) => roleOf(i) !== null || t.kind !== "skip").length;
}

function MappingRow({
  index,
  header,
  samples,
  kind,
  role,
  target,
  registry,
  problem,
  onChoose,
  onPatch,
}: {
  index: number;
  header: string;
  samples: string[];
  kind: Kind;
  role: Role | null;
  target: Target;
  registry: RegistryList;
  problem: string | null;
  onChoose: (value: string) => void;
  onPatch: (patch: Partial<Target>) => void;
}) {
  const id = useId();
  const value = role
    ? `role:${role}`
    : target.kind === "field"
      ? `field:${target.key}`
      : target.kind === "new"
        ? "new"
        : target.kind === "property"
          ? "property"
          : "skip";
  const name = header || `column ${index + 1}`;
  return (
    <TR data-testid={`map-row-${index}`} className={cn(problem && "bg-red-50/40")}>
      <TD className="font-medium text-zinc-900">
        <label htmlFor={id} className="block truncate">
          {name}
        </label>
      </TD>
      <TD className="max-w-56 truncate text-[13px] text-zinc-500" title={samples.join(", ")}>
        {samples.length ? samples.join(", ") : <span className="italic">empty</span>}
      </TD>
      <TD>
        <Select id={id} value={value} onChange={(e) => onChoose(e.target.value)} aria-label={`Import “${name}” as`}>
          <optgroup label={kind === "contacts" ? "Contact" : "Activity"}>
            {ROLES[kind].map((r) => (
              <option key={r} value={`role:${r}`}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </optgroup>
          {kind === "contacts" ? (
            <>
              <optgroup label="Existing fields">
                {registry.fields
                  .filter((f) => !RESERVED.has(f.key))
                  .map((f) => (
                    <option key={f.key} value={`field:${f.key}`}>
                      {f.label} ({FIELD_TYPE_LABEL[f.type as FieldType] ?? f.type})
                    </option>
                  ))}
              </optgroup>
              <option value="new">New field…</option>
            </>
          ) : (
            <option value="property">Property</option>
          )}
          <option value="skip">Skip (do not import)</option>
        </Select>
      </TD>
      <TD>
        {role ? (
          <span className="text-[13px] text-zinc-500">{roleHint(role)}</span>
        ) : target.kind === "new" ? (
          <div className="grid grid-cols-[minmax(0,1fr)_9rem] gap-2">
            <Input
              mono
              aria-label={`Key of the new field for “${name}”`}
              aria-invalid={problem ? true : undefined}
              value={target.key}
              onChange={(e) => onPatch({ key: e.target.value })}
            />
            <Select
              aria-label={`Type of the new field for “${name}”`}
              value={target.type}
              onChange={(e) => onPatch({ type: e.target.value as FieldType })}
            >
              {FIELD_TYPES.map((t) => (
                <option key={t} value={t}>
                  {FIELD_TYPE_LABEL[t]}
                </option>
              ))}
            </Select>
            {target.type === "enum" ? (
              <Input
                className="col-span-2"
                aria-label={`Options for “${name}”, separated by commas`}
                placeholder="Options, separated by commas (empty: any value)"
                value={target.options}
                onChange={(e) => onPatch({ options: e.target.value })}
              />
            ) : null}
          </div>
        ) : target.kind === "property" ? (
          <div className="grid grid-cols-[minmax(0,1fr)_9rem] gap-2">
            <Input
              mono
              aria-label={`Property key for “${name}”`}
              aria-invalid={problem ? true : undefined}
              value={target.key}
              onChange={(e) => onPatch({ key: e.target.value })}
            />
            <Select
              aria-label={`Type of the property for “${name}”`}
              value={target.type}
              onChange={(e) => onPatch({ type: e.target.value as Exclude<FieldType, "enum"> })}
            >
              {FIELD_TYPES.filter((t) => t !== "enum").map((t) => (
                <option key={t} value={t}>
                  {FIELD_TYPE_LABEL[t]}
                </option>
              ))}
            </Select>
          </div>
        ) : target.kind === "field" ? (
          <span className="text-[13px] text-zinc-500">Values must be {typeWords(registry, target.key)}.</span>
        ) : (
          <span className="text-[13px] text-zinc-400">Not imported</span>
        )}
        {problem ? <p className="mt-1 text-[13px] text-red-600">{problem}</p> : null}
      </TD>
    </TR>
  );
}

function roleHint(role: Role): string {
  switch (role) {
    case "key":
      return "Matches existing contacts; rows without a key are skipped.";
    case "email":
      return "Sets the contact's email.";
    case "createdAt":
      return "Keeps the real signup date (2026-01-31 or ISO 8601; no offset = UTC).";
    case "eventId":
      return "A repeated id is a duplicate and stored once.";
    case "contact":
      return "Unknown contacts are created.";
    case "type":
      return "e.g. page_viewed, purchase (lowercase, digits and _).";
    case "occurredAt":
      return "2026-01-31 or ISO 8601; no offset = UTC.";
  }
}

function typeWords(registry: RegistryList, key: string): string {
  const f = registry.fields.find((x) => x.key === key);
  if (!f) return "valid";
  if (f.type === "enum" && f.options?.length) return `one of ${f.options.slice(0, 6).join(", ")}${f.options.length > 6 ? ", …" : ""}`;
  return { text: "text", number: "numbers", boolean: "yes/no, true/false or 1/0", date: "dates", enum: "text" }[f.type as FieldType];
}
