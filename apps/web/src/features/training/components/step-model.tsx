"use client";

import { ChoiceCard } from "@/components/ui/choice-card";
import { useDatasetVersion } from "@/features/datasets/hooks/use-dataset-version";
import { useWorkflows } from "@/features/workflows/hooks/use-workflows";
import { inferTask } from "../lib/column-warnings";
import { ALGORITHMS, type Algorithm, fieldsOfJsonSchema, paramFields } from "../lib/params";
import type { StepProps } from "../lib/step-props";
import { problemAt } from "../lib/steps";
import { ParamsForm } from "./params-form";
import { SweepForm } from "./sweep-form";

/** Step 4: a built-in algorithm or a registered workflow, its parameters, and optionally a sweep (built-ins). */
export function StepModel({ draft, edit, problems }: StepProps) {
  const version = useDatasetVersion(draft.spec.data.datasetVersionId);
  const workflows = useWorkflows();
  const labelColumn = version.data?.profile?.columns.find((c) => c.name === draft.spec.data.label);
  const task = draft.spec.train.task ?? inferTask(labelColumn) ?? "binary";
  const chosenWorkflow =
    draft.spec.train.workflow && draft.spec.train.workflow !== "builtin" ? draft.spec.train.workflow.split("@")[0] : null;
  const algorithm = chosenWorkflow ? null : (draft.spec.train.algorithm as Algorithm);
  const workflow = workflows.data?.items.find((w) => w.name === chosenWorkflow);
  const pick = (id: Algorithm) =>
    edit((spec) => {
      if (spec.train.algorithm === id && !chosenWorkflow) return;
      spec.train.workflow = "builtin";
      spec.train.algorithm = id;
      spec.train.params = {};
      delete spec.train.sweep;
    });
  const pickWorkflow = (name: string) =>
    edit((spec) => {
      if (chosenWorkflow === name) return;
      spec.train.workflow = name;
      delete spec.train.algorithm;
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
      {(workflows.data?.items.length ?? 0) > 0 && (
        <fieldset className="grid gap-3 md:grid-cols-2">
          <legend className="mb-2 text-sm font-medium">Workflows: your team's training code (Python), imported for serving</legend>
          {workflows.data?.items.map((w) => {
            const fits = w.tasks.includes(task);
            const why = !w.available ? w.unavailableReason : !fits ? `Not for ${task} labels.` : null;
            return (
              <ChoiceCard
                key={w.name}
                name="algorithm"
                checked={chosenWorkflow === w.name}
                disabled={why !== null}
                onSelect={() => pickWorkflow(w.name)}
              >
                <span className="font-medium">
                  {w.name} <span className="font-normal text-muted">v{w.version}</span>
                </span>
                <span className="text-xs text-muted">{why ?? w.description}</span>
              </ChoiceCard>
            );
          })}
        </fieldset>
      )}
      {problemAt(problems, "train.algorithm") && <p className="text-sm text-danger">{problemAt(problems, "train.algorithm")}</p>}
      {problemAt(problems, "train.workflow") && <p className="text-sm text-danger">{problemAt(problems, "train.workflow")}</p>}
      {algorithm && (
        <>
          <ParamsForm fields={paramFields(algorithm)} params={draft.spec.train.params ?? {}} edit={edit} problems={problems} />
          <SweepForm
            algorithm={algorithm}
            task={task}
            sweep={draft.spec.train.sweep as Parameters<typeof SweepForm>[0]["sweep"]}
            edit={edit}
            problems={problems}
          />
        </>
      )}
      {workflow && (
        <ParamsForm fields={fieldsOfJsonSchema(workflow.params)} params={draft.spec.train.params ?? {}} edit={edit} problems={problems} />
      )}
    </section>
  );
}
