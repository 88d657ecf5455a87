"use client";

import type { JobDto, ModelDetail } from "@roundhouse/contracts";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { useDataset } from "@/features/datasets/hooks/use-dataset";
import { useDatasets } from "@/features/datasets/hooks/use-datasets";
import { ApiError, api } from "@/lib/api-client";

/**
 * Batch scoring from the model page: a version (latest, an alias's or an exact one) over a
 * dataset's latest version, with id columns to carry over; queued as a job, followed on its page.
 */
export function ScoreDatasetForm({ model }: { model: ModelDetail }) {
  const router = useRouter();
  const [which, setWhich] = useState("latest");
  const [datasetId, setDatasetId] = useState("");
  const [ids, setIds] = useState<string[]>([]);
  const [output, setOutput] = useState(`${model.name}-scores`);
  const datasets = useDatasets({});
  const dataset = useDataset(datasetId);
  const columns = dataset.data?.versions[0]?.schema.map((c) => c.name) ?? [];
  const submit = useMutation({
    mutationFn: () =>
      api<JobDto>(`/api/v1/models/${encodeURIComponent(model.name)}/score`, {
        method: "POST",
        json: {
          dataset: dataset.data?.name,
          ...(which.startsWith("alias:") ? { alias: which.slice(6) } : which === "latest" ? {} : { version: Number(which) }),
          idColumns: ids,
          output,
        },
      }),
    onSuccess: (job) => router.push(`/jobs/${job.id}`),
  });
  const error = submit.error instanceof ApiError ? submit.error : null;
  const latest = model.versions.reduce((m, v) => Math.max(m, v.version), 0);

  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate();
      }}
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <Select label="Model version" value={which} onChange={(e) => setWhich(e.target.value)}>
          <option value="latest">latest (v{latest})</option>
          {model.aliases.map((a) => (
            <option key={a.alias} value={`alias:${a.alias}`}>
              {a.alias} (v{a.version})
            </option>
          ))}
          {model.versions.map((v) => (
            <option key={v.version} value={String(v.version)}>
              v{v.version}
            </option>
          ))}
        </Select>
        <Select
          label="Dataset (its latest version)"
          value={datasetId}
          onChange={(e) => {
            setDatasetId(e.target.value);
            setIds([]);
          }}
        >
          <option value="">Choose a dataset…</option>
          {(datasets.data?.items ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
              {d.latest ? ` (v${d.latest.version})` : ""}
            </option>
          ))}
        </Select>
        <label className="flex flex-col gap-1.5 text-sm font-medium">
          Output dataset
          <input
            value={output}
            onChange={(e) => setOutput(e.target.value)}
            className="h-9 rounded-md border border-border bg-surface px-2 font-normal"
          />
        </label>
      </div>
      {columns.length > 0 && (
        <fieldset className="flex flex-col gap-1.5">
          <legend className="text-sm font-medium">Id columns to copy next to the scores</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {columns.map((c) => (
              <label key={c} className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  checked={ids.includes(c)}
                  onChange={(e) => setIds(e.target.checked ? [...ids, c] : ids.filter((x) => x !== c))}
                />
                {c}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {error && (
        <div role="alert" className="text-sm text-danger">
          <p>{error.message}</p>
          {error.problem.errors?.length ? (
            <ul className="list-disc pl-5">
              {error.problem.errors.map((p) => (
                <li key={p.path + p.message}>
                  {p.path}: {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
      <div>
        <Button type="submit" disabled={!dataset.data || submit.isPending}>
          {submit.isPending ? "Queueing…" : "Score dataset"}
        </Button>
      </div>
    </form>
  );
}
