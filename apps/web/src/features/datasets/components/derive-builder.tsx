"use client";

import { Plus, Trash2 } from "lucide-react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Table, Td, Th } from "@/components/ui/table";
import { ApiError } from "@/lib/api-client";
import { useCreateDerived } from "../hooks/use-create-derived";
import { useDatasetVersion } from "../hooks/use-dataset-version";
import { useDatasets } from "../hooks/use-datasets";
import { useDebounced } from "../hooks/use-debounced";
import { useDerivePreview } from "../hooks/use-derive-preview";
import { type FilterDraft, type JoinDraft, OPERATORS, toDefinition } from "../lib/builder-state";
import { formatCount } from "../lib/format";

/** Join, filter and select over dataset versions, with the result's row count shown before saving. */
export function DeriveBuilder() {
  const params = useSearchParams();
  const router = useRouter();
  const datasets = useDatasets({ sort: "name", order: "asc" });
  const [base, setBase] = useState<string | undefined>(params.get("base") ?? undefined);
  const [joins, setJoins] = useState<JoinDraft[]>([]);
  const [filters, setFilters] = useState<FilterDraft[]>([]);
  const [name, setName] = useState("");
  const baseVersion = useDatasetVersion(base);
  const definition = useDebounced(toDefinition(base, joins, filters, []), 300);
  const preview = useDerivePreview(definition);
  const create = useCreateDerived();
  const versions = (datasets.data?.items ?? []).filter((d) => d.latest);
  const outputColumns = preview.data?.columns.map((c) => c.name) ?? baseVersion.data?.schema.map((s) => s.name) ?? [];

  const updateJoin = (i: number, patch: Partial<JoinDraft>) => setJoins((js) => js.map((j, k) => (k === i ? { ...j, ...patch } : j)));
  const updateFilter = (i: number, patch: Partial<FilterDraft>) => setFilters((fs) => fs.map((f, k) => (k === i ? { ...f, ...patch } : f)));
  const save = () => {
    const def = toDefinition(base, joins, filters, []);
    if (def) create.mutate({ name, definition: def }, { onSuccess: (r) => router.push(`/datasets/${r.version.datasetId}`) });
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,420px)_1fr]">
      <div className="flex flex-col gap-4">
        <Card className="flex flex-col gap-3 p-4">
          <h2 className="font-semibold">1. Start from</h2>
          <Select label="Base dataset" value={base ?? ""} onChange={(e) => setBase(e.target.value || undefined)}>
            <option value="">Choose a dataset…</option>
            {base && !versions.some((d) => d.latest?.id === base) && baseVersion.data && (
              <option value={base}>
                {baseVersion.data.datasetName} v{baseVersion.data.version}
              </option>
            )}
            {versions.map((d) => (
              <option key={d.id} value={d.latest?.id}>
                {d.name} v{d.latest?.version} ({formatCount(d.latest?.rowCount ?? 0)} rows)
              </option>
            ))}
          </Select>
        </Card>

        <Card className="flex flex-col gap-3 p-4">
          <h2 className="font-semibold">2. Join</h2>
          {joins.map((j, i) => (
            <JoinRow
              key={i}
              index={i}
              join={j}
              leftColumns={baseVersion.data?.schema.map((s) => s.name) ?? []}
              versions={versions}
              onChange={(p) => updateJoin(i, p)}
              onRemove={() => setJoins((js) => js.filter((_, k) => k !== i))}
            />
          ))}
          <Button
            variant="secondary"
            size="sm"
            disabled={!base}
            onClick={() => setJoins((js) => [...js, { versionId: "", type: "inner", left: "", right: "" }])}
          >
            <Plus aria-hidden className="size-4" /> Add join
          </Button>
        </Card>

        <Card className="flex flex-col gap-3 p-4">
          <h2 className="font-semibold">3. Filter rows</h2>
          {filters.map((f, i) => (
            <div key={i} className="grid grid-cols-[1fr_auto_auto] items-end gap-2 border-b border-border pb-3" data-testid="filter-row">
              <Select label={`Filter ${i + 1} column`} value={f.column} onChange={(e) => updateFilter(i, { column: e.target.value })}>
                <option value="">Column…</option>
                {outputColumns.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </Select>
              <Select label="Operator" value={f.op} onChange={(e) => updateFilter(i, { op: e.target.value as FilterDraft["op"] })}>
                {OPERATORS.map((op) => (
                  <option key={op}>{op}</option>
                ))}
              </Select>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove filter ${i + 1}`}
                onClick={() => setFilters((fs) => fs.filter((_, k) => k !== i))}
              >
                <Trash2 aria-hidden className="size-4" />
              </Button>
              {f.op !== "is null" && f.op !== "is not null" && (
                <div className="col-span-3 flex gap-2">
                  <Field
                    label={f.op === "between" ? "From (inclusive)" : f.op.includes("in") ? "Values (comma-separated)" : "Value"}
                    value={f.value}
                    onChange={(e) => updateFilter(i, { value: e.target.value })}
                  />
                  {f.op === "between" && (
                    <Field label="To (exclusive)" value={f.to} onChange={(e) => updateFilter(i, { to: e.target.value })} />
                  )}
                </div>
              )}
            </div>
          ))}
          <Button
            variant="secondary"
            size="sm"
            disabled={!base}
            onClick={() => setFilters((fs) => [...fs, { column: "", op: "=", value: "", to: "" }])}
          >
            <Plus aria-hidden className="size-4" /> Add filter
          </Button>
        </Card>

        <Card className="flex flex-col gap-3 p-4">
          <h2 className="font-semibold">4. Save</h2>
          <Field
            label="New dataset name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={create.error instanceof ApiError ? (create.error.fieldError("name") ?? create.error.message) : undefined}
          />
          <Button disabled={!definition || !name || create.isPending || preview.isError} onClick={save}>
            {create.isPending ? "Materializing…" : "Save as dataset"}
          </Button>
        </Card>
      </div>

      <Card className="min-w-0 p-4">
        <h2 className="mb-2 font-semibold">Result</h2>
        {!definition ? (
          <p className="text-sm text-muted">Choose a base dataset; the result's row count and first rows appear here as you build.</p>
        ) : preview.isError ? (
          <p role="alert" className="rounded-md bg-danger/10 px-3 py-2 text-sm text-danger">
            {preview.error.message}
          </p>
        ) : preview.data ? (
          <div className={preview.isFetching ? "opacity-60" : undefined}>
            <p className="mb-3 text-sm" data-testid="derive-row-count">
              <strong className="text-lg tabular-nums">{formatCount(preview.data.rowCount)}</strong> rows · {preview.data.columns.length}{" "}
              columns
            </p>
            <Table>
              <thead>
                <tr>
                  {preview.data.columns.map((c) => (
                    <Th key={c.name}>{c.name}</Th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.data.rows.slice(0, 10).map((row, i) => (
                  <tr key={i}>
                    {preview.data.columns.map((c) => (
                      <Td key={c.name} className="whitespace-nowrap font-mono text-xs">
                        {row[c.name] === null ? <span className="text-muted">null</span> : String(row[c.name])}
                      </Td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        ) : (
          <p className="text-sm text-muted">Counting rows…</p>
        )}
      </Card>
    </div>
  );
}

function JoinRow(props: {
  index: number;
  join: JoinDraft;
  leftColumns: string[];
  versions: { id: string; name: string; latest: { id: string; version: number } | null }[];
  onChange: (patch: Partial<JoinDraft>) => void;
  onRemove: () => void;
}) {
  const right = useDatasetVersion(props.join.versionId || undefined);
  const n = props.index + 1;
  return (
    <div className="grid grid-cols-2 gap-2 border-b border-border pb-3" data-testid="join-row">
      <Select
        label={`Join ${n} dataset`}
        value={props.join.versionId}
        onChange={(e) => props.onChange({ versionId: e.target.value, right: "" })}
      >
        <option value="">Dataset…</option>
        {props.versions.map((d) => (
          <option key={d.id} value={d.latest?.id}>
            {d.name} v{d.latest?.version}
          </option>
        ))}
      </Select>
      <Select
        label={`Join ${n} type`}
        value={props.join.type}
        onChange={(e) => props.onChange({ type: e.target.value as JoinDraft["type"] })}
      >
        <option value="inner">inner: matching rows only</option>
        <option value="left">left: keep every base row</option>
      </Select>
      <Select label={`Join ${n} base key`} value={props.join.left} onChange={(e) => props.onChange({ left: e.target.value })}>
        <option value="">Column…</option>
        {props.leftColumns.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </Select>
      <Select label={`Join ${n} key`} value={props.join.right} onChange={(e) => props.onChange({ right: e.target.value })}>
        <option value="">Column…</option>
        {right.data?.schema.map((s) => (
          <option key={s.name}>{s.name}</option>
        ))}
      </Select>
      <Button variant="ghost" size="sm" className="col-span-2 justify-self-end" onClick={props.onRemove}>
        <Trash2 aria-hidden className="size-4" /> Remove join
      </Button>
    </div>
  );
}
