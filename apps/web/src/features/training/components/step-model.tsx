"use client";

import { ChoiceCard } from "@/components/ui/choice-card";
import { useDatasetVersion } from "@/features/datasets/hooks/use-dataset-version";
import { inferTask } from "../lib/column-warnings";
import { ALGORITHMS, type Algorithm } from "../lib/params";
import type { StepProps } from "../lib/step-props";
import { problemAt } from "../lib/steps";
import { ParamsForm } from "./params-form";
import { SweepForm } from "./sweep-form";

/** Step 4: the algorithm, its parameters, and optionally a sweep over some of them. */
export function StepModel({ draft, edit, problems }: StepProps) {
  const version = useDatasetVersion(draft.spec.data.datasetVersionId);
  const labelColumn = version.data?.profile?.columns.find((c) => c.name === draft.spec.data.label);
  const task = draft.spec.train.task ?? inferTask(labelColumn) ?? "binary";
  const algorithm = draft.spec.train.algorithm as Algorithm;
  const pick = (id: Algorithm) =>
    edit((spec) => {
      if (spec.train.algorithm === id) return;
      spec.train.algorithm = id;
      spec.train.params = {};
      delete spec.train.sweep;
    });

  return (
    <section aria-labelledby="step-model" className="flex flex-col gap-6">
      <div>
        <h2 id="step-model" className="text-lg font-semibold">
          Which model?
        </h2>
        <p className="text-sm text-muted">The task is {task}. Defaults are sensible; change what you have a reason to.</p>
      </div>
      <fieldset className="grid gap-3 md:grid-cols-2">
        <legend className="sr-only">Algorithm</legend>
        {ALGORITHMS.map((a) => {
          const fits = a.tasks.includes(task);
          return (
            <ChoiceCard key={a.id} name="algorithm" checked={algorithm === a.id} disabled={!fits} onSelect={() => pick(a.id)}>
              <span className="font-medium">{a.title}</span>
              <span className="text-xs text-muted">{fits ? a.blurb : `Not for ${task} labels.`}</span>
            </ChoiceCard>
          );
        })}
      </fieldset>
      {problemAt(problems, "train.algorithm") && <p className="text-sm text-danger">{problemAt(problems, "train.algorithm")}</p>}
      <ParamsForm algorithm={algorithm} params={draft.spec.train.params ?? {}} edit={edit} problems={problems} />
      <SweepForm
        algorithm={algorithm}
        task={task}
        sweep={draft.spec.train.sweep as Parameters<typeof SweepForm>[0]["sweep"]}
        edit={edit}
        problems={problems}
      />
    </section>
  );
}
