"use client";

import { Download } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { KeyMetricCell } from "@/components/ui/key-metric-cell";
import { LocalTime } from "@/components/ui/local-time";
import { FilterSelect } from "@/components/ui/select";
import { SortableTh } from "@/components/ui/sortable-th";
import { Table, Td, Th } from "@/components/ui/table";
import { downloadCsv } from "@/lib/download";
import { keyMetric } from "@/lib/metric-format";
import { useUrlState } from "@/lib/use-url-state";
import { filterRuns, type RunSummary } from "../lib/run-list";
import { runLabel } from "../lib/verdict";

/** Recent finished runs to search, filter and sort (all in the URL); tick 2 to 20 and open the comparison. */
export function RunsPicker({ runs, preselected }: { runs: RunSummary[]; preselected: string[] }) {
  const { query, set } = useUrlState();
  const [selected, setSelected] = useState<string[]>(preselected);
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s, id].slice(-20) : s.filter((x) => x !== id)));
  const shown = filterRuns(runs, query);
  const sort = query.sort ?? "-finished";
  const tags = [...new Set(runs.flatMap((r) => r.tags))].sort();
  const exportCsv = () =>
    downloadCsv(
      "roundhouse-runs.csv",
      ["run_id", "job_id", "job", "model_version", "algorithm", "task", "key_metric", "key_metric_value", "finished", "tags"],
      shown.map((r) => {
        const m = keyMetric(r.metrics);
        return [
          r.id,
          r.jobId,
          r.jobName,
          r.modelVersion ? runLabel(r) : null,
          r.algorithm,
          r.task,
          m?.name,
          m?.value,
          r.createdAt,
          r.tags.join(" "),
        ];
      }),
    );
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-56">
          <Field
            label="Search"
            placeholder="job, model, tag or run id"
            defaultValue={query.q ?? ""}
            onChange={(e) => set({ q: e.target.value })}
          />
        </div>
        <FilterSelect
          label="Algorithm"
          className="w-44"
          value={query.algorithm}
          options={[...new Set(runs.map((r) => r.algorithm))].sort()}
          onChange={(algorithm) => set({ algorithm })}
        />
        <FilterSelect
          label="Task"
          className="w-36"
          value={query.task}
          options={[...new Set(runs.map((r) => r.task))].sort()}
          onChange={(task) => set({ task })}
        />
        {tags.length > 0 && <FilterSelect label="Tag" className="w-36" value={query.tag} options={tags} onChange={(tag) => set({ tag })} />}
        <div className="ml-auto flex items-center gap-3">
          <Button variant="ghost" size="sm" onClick={exportCsv} disabled={shown.length === 0} title="The runs shown, as CSV">
            <Download aria-hidden className="size-4" /> CSV
          </Button>
          <span className="text-sm text-muted">
            {shown.length} of {runs.length} shown · {selected.length} selected
          </span>
          {selected.length >= 2 ? (
            <ButtonLink href={`/runs/compare?ids=${selected.join(",")}`}>Compare {selected.length} runs</ButtonLink>
          ) : (
            <span className="text-sm text-muted">Tick at least 2 runs</span>
          )}
        </div>
      </div>
      <Table aria-label="Runs">
        <thead>
          <tr>
            <Th className="w-8">
              <span className="sr-only">Select</span>
            </Th>
            <SortableTh column="job" sort={sort} onSort={(s) => set({ sort: s })}>
              Job
            </SortableTh>
            <SortableTh column="algorithm" sort={sort} onSort={(s) => set({ sort: s })}>
              Algorithm
            </SortableTh>
            <Th>Task</Th>
            <SortableTh column="metric" sort={sort} onSort={(s) => set({ sort: s })} first="desc" className="text-right">
              Key metric
            </SortableTh>
            <SortableTh column="finished" sort={sort} onSort={(s) => set({ sort: s === "-finished" ? undefined : s })} first="desc">
              Finished
            </SortableTh>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => {
            return (
              <tr key={r.id}>
                <Td>
                  <input
                    type="checkbox"
                    aria-label={`select ${runLabel(r)}`}
                    checked={selected.includes(r.id)}
                    onChange={(e) => toggle(r.id, e.target.checked)}
                    className="size-4 accent-[var(--accent)]"
                  />
                </Td>
                <Td>
                  <Link href={`/jobs/${r.jobId}`} className="font-medium text-accent hover:underline">
                    {r.modelVersion ? runLabel(r) : r.jobName}
                  </Link>
                  <div className="flex flex-wrap items-center gap-1">
                    <span className="font-mono text-xs text-muted">run {r.id.slice(0, 8)}</span>
                    {r.tags.map((t) => (
                      <Badge key={t}>{t}</Badge>
                    ))}
                  </div>
                </Td>
                <Td>{r.algorithm}</Td>
                <Td>
                  <Badge>{r.task}</Badge>
                </Td>
                <KeyMetricCell metrics={r.metrics} />
                <Td className="text-muted">
                  <LocalTime iso={r.createdAt} />
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      {shown.length === 0 && <p className="text-sm text-muted">No run matches these filters.</p>}
    </div>
  );
}
