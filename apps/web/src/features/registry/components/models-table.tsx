"use client";

import { headlineMetric, type ModelSummary, metricLabel } from "@roundhouse/contracts";
import { Download } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import { FilterSelect, Select } from "@/components/ui/select";
import { SortableTh } from "@/components/ui/sortable-th";
import { Table, Td, Th } from "@/components/ui/table";
import { downloadCsv } from "@/lib/download";
import { formatMetric } from "@/lib/metric-format";
import { useUrlState } from "@/lib/use-url-state";
import { filterModels } from "../lib/model-list";

/** The registry: search, filters and sort in the URL; the view exports as CSV. */
export function ModelsTable({ models }: { models: ModelSummary[] }) {
  const { query, set } = useUrlState();
  const shown = filterModels(models, query);
  const sort = query.sort ?? "-updated";
  const sortBy = (next: string) => set({ sort: next === "-updated" ? undefined : next });
  const tasks = [...new Set(models.flatMap((m) => (m.task ? [m.task] : [])))].sort();
  const tags = [...new Set(models.flatMap((m) => m.tags))].sort();
  const aliases = [...new Set(models.flatMap((m) => Object.keys(m.aliases)))].sort();
  const exportCsv = () =>
    downloadCsv(
      "roundhouse-models.csv",
      ["model", "task", "aliases", "versions", "latest_version", "headline_metric", "headline_metric_value", "owner", "updated", "tags"],
      shown.map((m) => {
        const metric = headlineMetric(m.task);
        return [
          m.name,
          m.task,
          Object.entries(m.aliases)
            .map(([alias, v]) => `${alias}=v${v}`)
            .join(" "),
          m.versions,
          m.latestVersion,
          metric,
          m.latestMetrics?.[metric] ?? null,
          m.owner,
          m.updatedAt,
          m.tags.join(" "),
        ];
      }),
    );
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-56">
          <Field label="Search" placeholder="name, owner, tag" defaultValue={query.q ?? ""} onChange={(e) => set({ q: e.target.value })} />
        </div>
        <FilterSelect label="Task" className="w-36" value={query.task} options={tasks} onChange={(task) => set({ task })} />
        <div className="w-40">
          <Select label="Alias" value={query.alias ?? ""} onChange={(e) => set({ alias: e.target.value })}>
            <option value="">Any</option>
            {aliases.map((a) => (
              <option key={a} value={a}>
                has {a}
              </option>
            ))}
            <option value="none">no alias</option>
          </Select>
        </div>
        {tags.length > 0 && <FilterSelect label="Tag" className="w-36" value={query.tag} options={tags} onChange={(tag) => set({ tag })} />}
        <div className="ml-auto flex items-center gap-3">
          <span className="text-sm text-muted">
            {shown.length} of {models.length} shown
          </span>
          <Button variant="ghost" size="sm" onClick={exportCsv} disabled={shown.length === 0} title="The models shown, as CSV">
            <Download aria-hidden className="size-4" /> CSV
          </Button>
        </div>
      </div>
      <Table data-testid="models-table" aria-label="Models">
        <thead>
          <tr>
            <SortableTh column="name" sort={sort} onSort={sortBy}>
              Model
            </SortableTh>
            <SortableTh column="task" sort={sort} onSort={sortBy}>
              Task
            </SortableTh>
            <Th>Aliases</Th>
            <SortableTh column="versions" sort={sort} onSort={sortBy} first="desc" className="text-right">
              Versions
            </SortableTh>
            <SortableTh column="metric" sort={sort} onSort={sortBy} first="desc" className="text-right">
              Latest
            </SortableTh>
            <SortableTh column="owner" sort={sort} onSort={sortBy}>
              Owner
            </SortableTh>
            <SortableTh column="updated" sort={sort} onSort={sortBy} first="desc">
              Updated
            </SortableTh>
          </tr>
        </thead>
        <tbody>
          {shown.map((m) => {
            const metric = headlineMetric(m.task);
            return (
              <tr key={m.name}>
                <Td>
                  <Link href={`/models/${encodeURIComponent(m.name)}`} className="font-medium text-accent-strong hover:underline">
                    {m.name}
                  </Link>
                  {m.pendingRequests > 0 && (
                    <span className="ml-2">
                      <Badge tone="warning">{m.pendingRequests} pending</Badge>
                    </span>
                  )}
                  {m.description && <p className="text-xs text-muted">{m.description}</p>}
                  {m.tags.length > 0 && (
                    <div className="mt-1 flex flex-wrap gap-1">
                      {m.tags.map((t) => (
                        <Badge key={t}>{t}</Badge>
                      ))}
                    </div>
                  )}
                </Td>
                <Td>{m.task ?? "—"}</Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    {Object.entries(m.aliases).map(([alias, version]) => (
                      <Badge key={alias} tone={alias === "production" ? "success" : "accent"}>
                        {alias} → v{version}
                      </Badge>
                    ))}
                    {Object.keys(m.aliases).length === 0 && <span className="text-muted">none</span>}
                  </div>
                </Td>
                <Td className="text-right tabular-nums">{m.versions}</Td>
                <Td className="whitespace-nowrap text-right tabular-nums">
                  {m.latestVersion === null ? (
                    <span className="text-muted">—</span>
                  ) : (
                    <>
                      v{m.latestVersion} · <span className="text-muted">{metricLabel(metric)}</span>{" "}
                      {formatMetric(m.latestMetrics?.[metric])}
                    </>
                  )}
                </Td>
                <Td className="text-muted">{m.owner}</Td>
                <Td className="whitespace-nowrap text-muted">
                  <LocalTime iso={m.updatedAt} />
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      {shown.length === 0 && <p className="text-sm text-muted">No model matches these filters.</p>}
    </div>
  );
}
