"use client";

import { metricLabel, metricsOfTask, type RetrainingPolicyDto, trainerOf } from "@roundhouse/contracts";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { ApiError } from "@/lib/api-client";
import type { useSaveRetrainingPolicy } from "../hooks/use-save-retraining-policy";

/**
 * The policy's triggers and promotion rule. Its spec is copied from the version holding the alias
 * when first set (shown, not edited here: the API takes a whole spec for that).
 */
export function RetrainingPolicyForm({
  task,
  policy,
  canEdit,
  save,
}: {
  task: string;
  policy: RetrainingPolicyDto | null;
  canEdit: boolean;
  /** Owned by the tab: the form remounts with the saved policy, and the "saved" note must survive that. */
  save: ReturnType<typeof useSaveRetrainingPolicy>;
}) {
  const [enabled, setEnabled] = useState(policy?.enabled ?? true);
  const [newData, setNewData] = useState(policy?.triggers.newData ?? true);
  const [drift, setDrift] = useState(policy?.triggers.drift ?? false);
  const [schedule, setSchedule] = useState(policy?.triggers.schedule ?? "");
  const [timezone, setTimezone] = useState(policy?.triggers.timezone ?? "UTC");
  const [metric, setMetric] = useState(policy?.rule.metric ?? metricsOfTask(task)[0] ?? "auc");
  const [minImprovement, setMinImprovement] = useState(String(policy?.rule.minImprovement ?? 0));
  const [alias, setAlias] = useState(policy?.rule.alias ?? "production");
  const error = save.error instanceof ApiError ? save.error : null;
  const submit = () =>
    save.mutate({
      enabled,
      spec: policy?.spec,
      triggers: { newData, schedule: schedule.trim() || null, timezone, drift },
      rule: { metric, minImprovement: Number(minImprovement), alias },
    });

  return (
    <form
      className="flex flex-col gap-4"
      data-testid="retraining-policy"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <fieldset disabled={!canEdit} className="grid gap-4 sm:grid-cols-2">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Policy on
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={newData} onChange={(e) => setNewData(e.target.checked)} />
          Retrain when {policy?.spec.data.dataset ?? "the dataset"} gets a new version
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={drift} onChange={(e) => setDrift(e.target.checked)} />
          Retrain when drift raises an alert on the {alias} version
        </label>
        <Field
          label="Schedule (cron)"
          placeholder="0 3 * * 1 — Mondays at 03:00"
          value={schedule}
          onChange={(e) => setSchedule(e.target.value)}
          hint={policy?.nextScheduledAt ? `Next: ${new Date(policy.nextScheduledAt).toLocaleString()}` : "Empty for no schedule"}
          error={error?.fieldError("triggers.schedule")}
        />
        <Field
          label="Time zone"
          value={timezone}
          onChange={(e) => setTimezone(e.target.value)}
          error={error?.fieldError("triggers.timezone")}
        />
        <Select label="Compare on" value={metric} onChange={(e) => setMetric(e.target.value)}>
          {metricsOfTask(task).map((m) => (
            <option key={m} value={m}>
              {metricLabel(m)}
            </option>
          ))}
        </Select>
        <Field
          label="Propose when better by at least"
          type="number"
          min={0}
          step="any"
          value={minImprovement}
          onChange={(e) => setMinImprovement(e.target.value)}
          error={error?.fieldError("rule.minImprovement")}
        />
        <Field label="For the alias" value={alias} onChange={(e) => setAlias(e.target.value)} error={error?.fieldError("rule.alias")} />
      </fieldset>
      {policy && (
        <p className="text-xs text-muted">
          Trains {trainerOf(policy.spec)} on the latest version of <span className="font-mono">{policy.spec.data.dataset}</span> (label{" "}
          <span className="font-mono">{policy.spec.data.label}</span>), submitted as {policy.owner}; a proposal still needs another person's
          approval.
        </p>
      )}
      {error && !error.fieldError("triggers.schedule") && (
        <p role="alert" className="rounded-md bg-danger/10 px-3 py-2 text-sm text-danger">
          {error.message}
        </p>
      )}
      {save.isSuccess && (
        <p role="status" className="text-sm text-success">
          Policy saved.
        </p>
      )}
      {canEdit && (
        <div>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : policy ? "Save policy" : "Set up retraining"}
          </Button>
        </div>
      )}
    </form>
  );
}
