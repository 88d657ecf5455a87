"use client";

import { JOB_STATUSES } from "@roundhouse/contracts";
import { Download, ListChecks, Plus } from "lucide-react";
import { useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { downloadCsv } from "@/lib/download";
import { useUrlState } from "@/lib/use-url-state";
import { type JobPage, useJobs } from "../hooks/use-jobs";
import { jobsCsv, PAGE_SIZE } from "../lib/job-format";
import { JobsTable } from "./jobs-table";

/** Jobs with their filters in the URL (shareable, back-button safe), live while any job is active. */
export function JobsBrowser({ initial, initialSearch, canSubmit }: { initial: JobPage; initialSearch: string; canSubmit: boolean }) {
  const { query, search, set, clear } = useUrlState();
  const page = Number(query.page ?? 1) || 1;
  // The server rendered the page for the address it was asked; later filters are fetched here only.
  const sort = query.sort ?? "-submitted";
  const jobs = useJobs(
    {
      status: query.status,
      q: query.q,
      tag: query.tag,
      algorithm: query.algorithm,
      sort,
      limit: String(PAGE_SIZE),
      offset: String((page - 1) * PAGE_SIZE),
    },
    search === initialSearch ? initial : undefined,
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [name, setName] = useState(query.q ?? "");
  const [tag, setTag] = useState(query.tag ?? "");
  // Any other change starts again from the first page.
  const setParam = (name: string, value: string) => set({ [name]: value, ...(name === "page" ? {} : { page: undefined }) });
  const data = jobs.data ?? initial;
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const filtered = Boolean(query.status || query.q || query.algorithm || query.tag);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-56">
          <Field
            label="Search by name"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setParam("q", e.target.value);
            }}
          />
        </div>
        <div className="w-32">
          <Field
            label="Tag"
            value={tag}
            onChange={(e) => {
              setTag(e.target.value.trim());
              setParam("tag", e.target.value.trim());
            }}
          />
        </div>
        <div className="w-40">
          <Select label="Status" value={query.status ?? ""} onChange={(e) => setParam("status", e.target.value)}>
            <option value="">Any</option>
            {["active", ...JOB_STATUSES].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </Select>
        </div>
        <div className="w-48">
          <Select label="Algorithm" value={query.algorithm ?? ""} onChange={(e) => setParam("algorithm", e.target.value)}>
            <option value="">Any</option>
            {["gbdt", "random_forest", "logistic_regression", "linear_regression"].map((a) => (
              <option key={a}>{a}</option>
            ))}
          </Select>
        </div>
        <div className="ml-auto flex items-center gap-2">
          <Button
            variant="ghost"
            size="sm"
            title="The jobs on this page, as shown"
            disabled={data.items.length === 0}
            onClick={() => downloadCsv(`roundhouse-jobs-page-${page}.csv`, ...jobsCsv(data.items))}
          >
            <Download aria-hidden className="size-4" /> CSV
          </Button>
          {data.active > 0 && <span className="text-xs text-muted">{data.active} active · refreshing live</span>}
          {selected.length >= 2 ? (
            <ButtonLink variant="secondary" href={`/runs/compare?ids=${selected.join(",")}`}>
              Compare {selected.length} runs
            </ButtonLink>
          ) : (
            <span className="text-xs text-muted">Tick 2 to 20 finished jobs to compare their runs</span>
          )}
        </div>
      </div>
      {data.items.length ? (
        <JobsTable
          sort={sort}
          onSort={(s) => setParam("sort", s === "-submitted" ? "" : s)}
          jobs={data.items}
          selected={selected}
          onToggle={(runId, on) => setSelected((s) => (on ? [...s, runId].slice(-20) : s.filter((r) => r !== runId)))}
        />
      ) : (
        <EmptyState
          icon={ListChecks}
          title={filtered ? "No jobs match these filters" : "No training jobs yet"}
          action={
            filtered ? (
              <Button
                variant="secondary"
                onClick={() => {
                  clear();
                  setName("");
                }}
              >
                Clear filters
              </Button>
            ) : canSubmit ? (
              <ButtonLink href="/training/new">
                <Plus aria-hidden className="size-4" /> New training job
              </ButtonLink>
            ) : undefined
          }
        >
          {filtered
            ? "Try another status, algorithm, tag or name."
            : "Start one in the training wizard, or submit a TrainingSpec with `roundhouse jobs submit spec.json --watch`."}
        </EmptyState>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          <span className="text-muted">
            {((page - 1) * PAGE_SIZE + 1).toLocaleString()}–{Math.min(page * PAGE_SIZE, data.total).toLocaleString()} of{" "}
            {data.total.toLocaleString()}
          </span>
          <div className="flex gap-2">
            <Button size="sm" variant="secondary" disabled={page <= 1} onClick={() => setParam("page", String(page - 1))}>
              Previous
            </Button>
            <Button size="sm" variant="secondary" disabled={page >= pages} onClick={() => setParam("page", String(page + 1))}>
              Next
            </Button>
          </div>
        </nav>
      )}
    </div>
  );
}
