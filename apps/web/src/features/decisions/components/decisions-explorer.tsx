"use client";

import type { DecisionRow } from "@roundhouse/contracts";
import { Download } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import { Skeleton } from "@/components/ui/skeleton";
import { SortableTh } from "@/components/ui/sortable-th";
import { Table, Td, Th } from "@/components/ui/table";
import { downloadCsv } from "@/lib/download";
import { useDecisions } from "../hooks/use-decisions";

const FILTERS = ["id", "model", "version", "output", "from", "to", "order"] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** The decision log, newest first, searchable; each row opens the decision with its lineage. */
export function DecisionsExplorer({ initial }: { initial: Partial<Filters> }) {
  const empty: Filters = { id: "", model: "", version: "", output: "", from: "", to: "", order: "" };
  const [draft, setDraft] = useState<Filters>({ ...empty, ...initial });
  const [applied, setApplied] = useState<Filters>({ ...empty, ...initial });
  const [pages, setPages] = useState<string[]>([]);
  const query = {
    ...applied,
    // datetime-local gives local time without a zone: send it as an instant.
    from: applied.from ? new Date(applied.from).toISOString() : "",
    to: applied.to ? new Date(applied.to).toISOString() : "",
    cursor: pages[pages.length - 1] ?? "",
  };
  const decisions = useDecisions(query);
  const apply = (next: Filters) => {
    setApplied(next);
    setPages([]);
    const params = new URLSearchParams(Object.entries(next).filter(([, v]) => v));
    window.history.replaceState(null, "", `/decisions${params.size ? `?${params}` : ""}`);
  };
  const error = decisions.error?.message;
  return (
    <div className="flex flex-col gap-4">
      <form
        className="grid gap-3 md:grid-cols-3 lg:grid-cols-6"
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
        aria-label="Search decisions"
      >
        <Field
          label="Decision id"
          value={draft.id}
          onChange={(e) => setDraft({ ...draft, id: e.target.value.trim() })}
          placeholder="UUID"
        />
        <Field label="Model" value={draft.model} onChange={(e) => setDraft({ ...draft, model: e.target.value })} />
        <Field
          label="Version"
          inputMode="numeric"
          value={draft.version}
          onChange={(e) => setDraft({ ...draft, version: e.target.value })}
        />
        <Field
          label="Output"
          value={draft.output}
          onChange={(e) => setDraft({ ...draft, output: e.target.value })}
          placeholder="class or value"
        />
        <Field label="From" type="datetime-local" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <Field label="To" type="datetime-local" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        <div className="flex gap-2 md:col-span-3 lg:col-span-6">
          <Button type="submit">Search</Button>
          <Button
            variant="secondary"
            onClick={() => {
              setDraft(empty);
              apply(empty);
            }}
          >
            Clear
          </Button>
        </div>
      </form>
      {error && (
        <p className="text-sm text-danger" role="alert">
          {error}
        </p>
      )}
      {!decisions.data ? (
        <Skeleton className="h-64 w-full" />
      ) : decisions.data.items.length === 0 ? (
        <p className="rounded-lg border border-border bg-surface p-6 text-center text-sm text-muted">
          No decisions match. Every prediction made through POST /api/v1/models/&#123;name&#125;/predict is recorded here.
        </p>
      ) : (
        <>
          <div className="flex items-center justify-end gap-3">
            <span className="text-sm text-muted">
              {decisions.data.items.length} on this page, {applied.order === "oldest" ? "oldest" : "newest"} first
            </span>
            <Button variant="ghost" size="sm" onClick={() => exportDecisions(decisions.data?.items ?? [])} title="This page, as CSV">
              <Download aria-hidden className="size-4" /> CSV
            </Button>
          </div>
          <Table data-testid="decisions-table">
            <thead>
              <tr>
                <SortableTh
                  column="at"
                  sort={applied.order === "oldest" ? "at" : "-at"}
                  onSort={(next) => apply({ ...applied, order: next === "at" ? "oldest" : "" })}
                >
                  Time
                </SortableTh>
                <Th>Decision</Th>
                <Th>Model</Th>
                <Th>Output</Th>
                <Th>Caller</Th>
              </tr>
            </thead>
            <tbody>
              {decisions.data.items.map((d) => (
                <tr key={d.id}>
                  <Td className="whitespace-nowrap text-muted">
                    <LocalTime iso={d.at} />
                  </Td>
                  <Td>
                    <Link href={`/decisions/${d.id}`} className="font-mono text-xs text-accent-strong hover:underline">
                      {d.id}
                    </Link>
                  </Td>
                  <Td>
                    {d.model} v{d.version}
                    {d.alias && <span className="text-muted"> ({d.alias})</span>}
                  </Td>
                  <Td className="font-medium">{String(d.output.prediction)}</Td>
                  <Td className="text-muted">{d.caller}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
      <div className="flex gap-2">
        {pages.length > 0 && (
          <Button variant="secondary" size="sm" onClick={() => setPages(pages.slice(0, -1))}>
            {applied.order === "oldest" ? "Older" : "Newer"}
          </Button>
        )}
        {decisions.data?.nextCursor && (
          <Button variant="secondary" size="sm" onClick={() => setPages([...pages, decisions.data?.nextCursor as string])}>
            {applied.order === "oldest" ? "Newer" : "Older"}
          </Button>
        )}
      </div>
    </div>
  );
}

/** The rows shown as CSV, one probability column per class (the classes of the rows on the page). */
function exportDecisions(rows: DecisionRow[]) {
  const classes = [...new Set(rows.flatMap((d) => Object.keys(d.output.probabilities ?? {})))].sort();
  downloadCsv(
    "roundhouse-decisions.csv",
    ["decision_id", "at", "model", "version", "alias", "prediction", ...classes.map((c) => `p_${c}`), "caller"],
    rows.map((d) => [
      d.id,
      d.at,
      d.model,
      d.version,
      d.alias,
      d.output.prediction,
      ...classes.map((c) => d.output.probabilities?.[c] ?? null),
      d.caller,
    ]),
  );
}
