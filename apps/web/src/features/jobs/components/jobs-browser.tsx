"use client";

import { JOB_STATUSES } from "@roundhouse/contracts";
import { ListChecks, Plus } from "lucide-react";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { type JobPage, useJobs } from "../hooks/use-jobs";
import { PAGE_SIZE } from "../lib/job-format";
import { JobsTable } from "./jobs-table";

/** Jobs with their filters in the URL (shareable, back-button safe), live while any job is active. */
export function JobsBrowser({ initial, initialSearch }: { initial: JobPage; initialSearch: string }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const query = Object.fromEntries(search.entries()) as Record<string, string | undefined>;
  const page = Number(query.page ?? 1) || 1;
  // The server rendered the page for the address it was asked; later filters are fetched here only.
  const jobs = useJobs(
    { status: query.status, q: query.q, algorithm: query.algorithm, limit: String(PAGE_SIZE), offset: String((page - 1) * PAGE_SIZE) },
    search.toString() === initialSearch ? initial : undefined,
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [name, setName] = useState(query.q ?? "");
  const replaceSearch = (params: URLSearchParams) =>
    window.history.replaceState(null, "", params.size ? `${pathname}?${params}` : pathname);
  const setParam = (name: string, value: string) => {
    const params = new URLSearchParams(search.toString());
    if (value) params.set(name, value);
    else params.delete(name);
    if (name !== "page") params.delete("page");
    // The History API keeps the URL shareable without asking the server to render the page again.
    replaceSearch(params);
  };
  const data = jobs.data ?? initial;
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const filtered = Boolean(query.status || query.q || query.algorithm);

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
                  replaceSearch(new URLSearchParams());
                  setName("");
                }}
              >
                Clear filters
              </Button>
            ) : (
              <ButtonLink href="/training/new">
                <Plus aria-hidden className="size-4" /> New training job
              </ButtonLink>
            )
          }
        >
          {filtered
            ? "Try another status, algorithm or name."
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
