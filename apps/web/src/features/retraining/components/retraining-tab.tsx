"use client";

import type { RetrainingDto } from "@roundhouse/contracts";
import { Play } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { useRetraining } from "../hooks/use-retraining";
import { useSaveRetrainingPolicy } from "../hooks/use-save-retraining-policy";
import { useStartRetraining } from "../hooks/use-start-retraining";
import { RetrainingPolicyForm } from "./retraining-policy-form";
import { RetrainingRuns } from "./retraining-runs";

export function RetrainingTab({
  model,
  task,
  initial,
  canEdit,
}: {
  model: string;
  task: string;
  initial: RetrainingDto;
  canEdit: boolean;
}) {
  const retraining = useRetraining(model, initial);
  const start = useStartRetraining(model);
  const save = useSaveRetrainingPolicy(model);
  const { policy, runs } = retraining.data ?? initial;
  return (
    <div className="flex flex-col gap-4">
      <Panel title="Retraining policy">
        <RetrainingPolicyForm key={policy?.updatedAt ?? "new"} task={task} policy={policy} canEdit={canEdit} save={save} />
      </Panel>
      <section>
        <div className="mb-2 flex items-center justify-between gap-2">
          <h2 className="text-lg font-semibold">Runs</h2>
          {canEdit && policy && (
            <Button variant="secondary" onClick={() => start.mutate()} disabled={start.isPending}>
              <Play aria-hidden className="size-4" /> {start.isPending ? "Starting…" : "Run now"}
            </Button>
          )}
        </div>
        {start.error && (
          <p role="alert" className="mb-2 text-sm text-danger">
            {start.error.message}
          </p>
        )}
        <RetrainingRuns model={model} runs={runs} />
      </section>
    </div>
  );
}
