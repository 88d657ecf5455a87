"use client";

import { Database } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { ChoiceCard } from "@/components/ui/choice-card";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useDataset } from "@/features/datasets/hooks/use-dataset";
import { useDatasets } from "@/features/datasets/hooks/use-datasets";
import { formatBytes, formatCount, shortHash } from "@/features/datasets/lib/format";
import type { StepProps } from "../lib/step-props";
import { problemAt } from "../lib/steps";

/** Step 1: a dataset and its exact version (derived datasets are datasets too). */
export function StepData({ draft, edit, problems }: StepProps) {
  const [q, setQ] = useState("");
  const datasets = useDatasets({ q, sort: "updated", order: "desc" });
  const detail = useDataset(draft.datasetId ?? "");
  const versionId = draft.spec.data.datasetVersionId;
  const version = detail.data?.versions.find((v) => v.id === versionId);
  const error = problemAt(problems, "data.datasetVersionId");

  const pickDataset = (id: string, latestVersionId?: string) =>
    edit((spec, d) => {
      if (d.datasetId !== id) {
        spec.data.label = "";
        spec.data.features = [];
        spec.data.holdout = { kind: "random", fraction: 0.2, seed: 42, stratify: false };
      }
      d.datasetId = id;
      spec.data.datasetVersionId = latestVersionId;
      delete spec.data.dataset;
    });

  return (
    <section aria-labelledby="step-data" className="flex flex-col gap-5">
      <div>
        <h2 id="step-data" className="text-lg font-semibold">
          What should the model learn from?
        </h2>
        <p className="text-sm text-muted">Pick a dataset and the exact version to train on; the job records its hash.</p>
      </div>
      <Field label="Search datasets" value={q} onChange={(e) => setQ(e.target.value)} placeholder="flights, weather…" />
      {datasets.isLoading ? (
        <Skeleton className="h-40" />
      ) : datasets.data?.items.length ? (
        <fieldset className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          <legend className="sr-only">Dataset</legend>
          {datasets.data.items.map((d) => (
            <ChoiceCard key={d.id} name="dataset" checked={draft.datasetId === d.id} onSelect={() => pickDataset(d.id, d.latest?.id)}>
              <span className="flex items-center gap-2 font-medium">
                <Database aria-hidden className="size-4 text-muted" />
                {d.name}
              </span>
              <span className="text-xs text-muted">
                {d.latest
                  ? `${formatCount(d.latest.rowCount)} rows · v${d.latest.version} · ${formatBytes(d.latest.byteSize)}`
                  : "no versions"}
              </span>
              <span className="line-clamp-2 text-xs text-muted">{d.description}</span>
            </ChoiceCard>
          ))}
        </fieldset>
      ) : (
        <p className="text-sm text-muted">
          No datasets match.{" "}
          <Link href="/datasets" className="text-accent underline">
            Upload one on the Datasets page
          </Link>
          .
        </p>
      )}
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error === "Required" ? "Pick a dataset" : error}
        </p>
      )}
      {detail.data && (
        <div className="flex flex-col gap-4 border-t border-border pt-4">
          <Select
            label="Version"
            value={versionId ?? ""}
            onChange={(e) =>
              edit((spec) => {
                spec.data.datasetVersionId = e.target.value;
              })
            }
            className="max-w-md"
          >
            {detail.data.versions.map((v) => (
              <option key={v.id} value={v.id}>
                v{v.version} · {formatCount(v.rowCount)} rows · {shortHash(v.contentHash)} · {new Date(v.createdAt).toLocaleDateString()}
              </option>
            ))}
          </Select>
          {version && (
            <div>
              <p className="mb-2 text-sm">
                <strong>{formatCount(version.rowCount)}</strong> rows, <strong>{version.schema.length}</strong> columns
                {version.sourceKind === "derived" && <Badge tone="accent">derived</Badge>}
              </p>
              <ul className="flex flex-wrap gap-2" aria-label="Columns">
                {version.schema.map((c) => (
                  <li key={c.name} className="rounded-md border border-border px-2 py-1 text-xs">
                    <span className="font-mono">{c.name}</span> <span className="text-muted">{c.type}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
