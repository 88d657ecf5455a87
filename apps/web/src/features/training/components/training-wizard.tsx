"use client";

import { type FieldProblem, isScoringSpec, type JobDto, parseTrainingSpec, type TrainingSpecInput } from "@roundhouse/contracts";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { api } from "@/lib/api-client";
import { useTrainingDraft } from "../hooks/use-training-draft";
import { draftFromSpec, emptyDraft, newDraftId } from "../lib/draft";
import type { StepProps } from "../lib/step-props";
import { problemsOfStep, STEPS, stepOfPath } from "../lib/steps";
import { StepData } from "./step-data";
import { StepFeatures } from "./step-features";
import { StepHoldout } from "./step-holdout";
import { StepIndicator } from "./step-indicator";
import { StepModel } from "./step-model";
import { StepResources } from "./step-resources";
import { StepReview } from "./step-review";

/** Six steps that write one TrainingSpec; the step and the draft id live in the URL. */
export function TrainingWizard() {
  const search = useSearchParams();
  const [freshId] = useState(newDraftId);
  const draftInUrl = search.get("draft");
  const draftId = draftInUrl ?? freshId;
  const cloneOf = draftInUrl ? null : search.get("clone");
  const step = Math.min(STEPS.length - 1, Math.max(0, Number(search.get("step") ?? 0) || 0));
  const [checked, setChecked] = useState<Set<number>>(new Set());
  const [serverProblems, setServerProblems] = useState<FieldProblem[]>([]);

  const initial = useCallback(() => (cloneOf ? null : emptyDraft()), [cloneOf]);
  const { draft, edit, replace } = useTrainingDraft(draftId, initial);
  // "Clone": the job's spec becomes this draft.
  useEffect(() => {
    if (!cloneOf) return;
    let current = true;
    api<JobDto>(`/api/v1/jobs/${cloneOf}`).then((job) => {
      // A scoring job trains nothing: its "clone" is a fresh draft.
      if (isScoringSpec(job.spec)) {
        if (current) replace(emptyDraft());
        return;
      }
      const source = job.datasetVersions[0];
      const cloned = draftFromSpec(job.spec as unknown as TrainingSpecInput, source?.datasetId);
      if (source) cloned.spec.data.datasetVersionId = source.id;
      if (current) replace(cloned);
    });
    return () => {
      current = false;
    };
  }, [cloneOf, replace]);

  // The address changes only on the user's own actions, through the History API: the wizard is
  // all in the browser, so the server need not render the page again, and nothing written on
  // arrival can race with (and undo) a click on another section.
  const go = useCallback(
    (next: number) => {
      window.history.pushState(null, "", `/training/new?draft=${draftId}&step=${next}`);
      window.scrollTo({ top: 0 });
    },
    [draftId],
  );
  const check = useMemo(() => (draft ? parseTrainingSpec(draft.spec) : null), [draft]);
  const clientProblems = check && !check.success ? check.problems : [];
  const editAndClear = useCallback<StepProps["edit"]>(
    (change) => {
      setServerProblems([]);
      edit(change);
      // The first edit puts the draft id in the address, so a reload finds the draft.
      if (!draftInUrl) window.history.replaceState(null, "", `/training/new?draft=${draftId}&step=${step}`);
    },
    [edit, draftInUrl, draftId, step],
  );

  if (!draft) return <Skeleton className="h-96 w-full" />;
  // Client problems show only on steps the user has tried to leave, so a new form is not all red.
  const shown = [...serverProblems, ...clientProblems.filter((p) => checked.has(stepOfPath(p.path)))];
  const props: StepProps = { draft, edit: editAndClear, problems: shown };
  const blocking = problemsOfStep(clientProblems, step);
  const next = () => {
    setChecked((c) => new Set(c).add(step));
    if (blocking.length === 0) go(step + 1);
  };

  return (
    <div className="flex flex-col gap-6">
      <StepIndicator current={step} problems={[...serverProblems, ...clientProblems]} onPick={(i) => go(i)} />
      <Card className="p-6">
        {step === 0 && <StepData {...props} />}
        {step === 1 && <StepFeatures {...props} />}
        {step === 2 && <StepHoldout {...props} />}
        {step === 3 && <StepModel {...props} />}
        {step === 4 && <StepResources {...props} />}
        {step === 5 && (
          <StepReview
            {...props}
            draftId={draftId}
            problems={[...serverProblems, ...clientProblems]}
            onServerProblems={setServerProblems}
            onGoToStep={go}
          />
        )}
      </Card>
      <div className="flex items-center justify-between">
        <Button variant="secondary" disabled={step === 0} onClick={() => go(step - 1)}>
          Back
        </Button>
        {checked.has(step) && blocking.length > 0 && (
          <p role="alert" className="text-sm text-danger">
            Fix {blocking.length === 1 ? "the problem" : `the ${blocking.length} problems`} above to continue.
          </p>
        )}
        {step < STEPS.length - 1 && <Button onClick={next}>Next: {STEPS[step + 1]?.title}</Button>}
      </div>
    </div>
  );
}
