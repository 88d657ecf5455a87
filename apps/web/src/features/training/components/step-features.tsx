"use client";

import { AlertTriangle } from "lucide-react";
import { useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { ColumnProfileChart } from "@/features/datasets/components/column-profile-chart";
import { useDatasetVersion } from "@/features/datasets/hooks/use-dataset-version";
import { useLabelAssociations } from "../hooks/use-label-associations";
import { columnNote, columnWarning, inferTask } from "../lib/column-warnings";
import type { StepProps } from "../lib/step-props";
import { problemAt } from "../lib/steps";
import { MiniHistogram } from "./mini-histogram";

/** Step 2: the label (with its distribution and the task it implies) and the feature columns. */
export function StepFeatures({ draft, edit, problems }: StepProps) {
  const version = useDatasetVersion(draft.spec.data.datasetVersionId);
  const label = draft.spec.data.label;
  const associations = useLabelAssociations(draft.spec.data.datasetVersionId, label || undefined);
  const [q, setQ] = useState("");
  const profile = version.data?.profile;
  const rows = version.data?.rowCount ?? 0;
  const links = useMemo(() => new Map(associations.data?.columns.map((c) => [c.column, c]) ?? []), [associations.data]);
  if (!version.data || !profile) return <Skeleton className="h-96" />;

  const labelColumn = profile.columns.find((c) => c.name === label);
  const inferred = inferTask(labelColumn);
  const rawFeatures = draft.spec.data.features;
  const selected = new Set(
    Array.isArray(rawFeatures)
      ? rawFeatures
      : profile.columns.map((c) => c.name).filter((n) => n !== label && !(rawFeatures?.allExcept ?? []).includes(n)),
  );
  const candidates = profile.columns.filter((c) => c.name !== label);
  const warnings = new Map(candidates.map((c) => [c.name, columnWarning(c, rows, links.get(c.name))]));
  const leaking = candidates.filter((c) => selected.has(c.name) && warnings.get(c.name)?.startsWith("may leak"));
  const setFeatures = (names: string[]) =>
    edit((spec) => {
      spec.data.features = candidates.map((c) => c.name).filter((n) => names.includes(n));
    });

  const pickLabel = (name: string) =>
    edit((spec) => {
      spec.data.label = name;
      delete spec.train.task;
      const others = profile.columns.filter((c) => c.name !== name);
      spec.data.features = others.filter((c) => !columnWarning(c, rows, undefined)).map((c) => c.name);
    });
  const shown = candidates.filter((c) => c.name.toLowerCase().includes(q.toLowerCase()));

  return (
    <section aria-labelledby="step-features" className="flex flex-col gap-6">
      <div>
        <h2 id="step-features" className="text-lg font-semibold">
          What should it predict, and from what?
        </h2>
        <p className="text-sm text-muted">The label is the column to predict; features are the columns it may look at.</p>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <div className="flex flex-col gap-4">
          <Select label="Label" value={label} onChange={(e) => pickLabel(e.target.value)}>
            <option value="">Choose the label column…</option>
            {profile.columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} ({c.type}
                {c.labelHint ? `, ${c.labelHint}` : ""})
              </option>
            ))}
          </Select>
          {problemAt(problems, "data.label") && <p className="text-sm text-danger">{problemAt(problems, "data.label")}</p>}
          <Select
            label="Task"
            value={draft.spec.train.task ?? ""}
            onChange={(e) =>
              edit((spec) => {
                if (e.target.value) spec.train.task = e.target.value as "binary";
                else delete spec.train.task;
              })
            }
          >
            <option value="">{inferred ? `Inferred from the label: ${inferred}` : "Inferred from the label"}</option>
            <option value="binary">binary classification</option>
            <option value="multiclass">multiclass classification</option>
            <option value="regression">regression</option>
          </Select>
        </div>
        {labelColumn && (
          <section aria-label="Label distribution">
            <p className="mb-1 text-sm font-medium">
              {labelColumn.topValues && labelColumn.distinct <= 20 ? "Class balance" : "Distribution"} of {label}
            </p>
            <ColumnProfileChart column={labelColumn} />
            {labelColumn.nulls > 0 && (
              <p className="text-xs text-muted">{labelColumn.nulls.toLocaleString()} rows without a label are left out.</p>
            )}
          </section>
        )}
      </div>

      {label && (
        <div className="flex flex-col gap-3 border-t border-border pt-4">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <div className="w-64">
              <Field label="Search features" value={q} onChange={(e) => setQ(e.target.value)} />
            </div>
            <div className="flex gap-2">
              <Button size="sm" variant="secondary" onClick={() => setFeatures(candidates.map((c) => c.name))}>
                Select all
              </Button>
              <Button
                size="sm"
                variant="secondary"
                onClick={() => setFeatures(candidates.filter((c) => !warnings.get(c.name)).map((c) => c.name))}
              >
                Only columns without warnings
              </Button>
            </div>
          </div>
          {leaking.length > 0 && (
            <div role="alert" className="flex flex-wrap items-center gap-3 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm">
              <AlertTriangle aria-hidden className="size-4 text-warning" />
              <span>{leaking.map((c) => c.name).join(", ")} may leak the label: the model would learn the answer, not the pattern.</span>
              <Button
                size="sm"
                variant="secondary"
                onClick={() => setFeatures([...selected].filter((n) => !leaking.some((c) => c.name === n)))}
              >
                Unselect {leaking.length === 1 ? "it" : "them"}
              </Button>
            </div>
          )}
          {problemAt(problems, "data.features") && <p className="text-sm text-danger">{problemAt(problems, "data.features")}</p>}
          <p className="text-sm text-muted">
            {selected.size} of {candidates.length} columns selected
          </p>
          <ul className="divide-y divide-border rounded-md border border-border" aria-label="Feature columns">
            {shown.map((c) => {
              const warning = warnings.get(c.name);
              const note = warning ? null : columnNote(c);
              return (
                <li key={c.name} className="flex items-center gap-3 px-3 py-2">
                  <input
                    id={`feature-${c.name}`}
                    type="checkbox"
                    checked={selected.has(c.name)}
                    onChange={(e) => setFeatures(e.target.checked ? [...selected, c.name] : [...selected].filter((n) => n !== c.name))}
                    className="size-4 accent-[var(--accent)]"
                  />
                  <label htmlFor={`feature-${c.name}`} className="flex min-w-0 flex-1 flex-wrap items-center gap-x-3 gap-y-1">
                    <span className="font-mono text-sm">{c.name}</span>
                    <span className="text-xs text-muted">{c.type}</span>
                    <span className="text-xs text-muted">{(c.nullFraction * 100).toFixed(1)}% null</span>
                    <span className="text-xs text-muted">{c.distinct.toLocaleString()} distinct</span>
                    {warning && <Badge tone={warning.startsWith("may leak") ? "danger" : "warning"}>{warning}</Badge>}
                    {note && <Badge>{note}</Badge>}
                  </label>
                  <MiniHistogram column={c} />
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
