"use client";

import { type FieldProblem, type JobDto, parseTrainingSpec, type TrainingSpecInput } from "@roundhouse/contracts";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { api } from "@/lib/api-client";
import { useTrainingDraft } from "../hooks/use-training-draft";
import { type Draft, draftFromSpec, emptyDraft, newDraftId, saveDraft } from "../lib/draft";
import { problemsOfStep, STEPS, stepOfPath } from "../lib/steps";
import { StepData } from "./step-data";
import { StepFeatures } from "./step-features";
import { StepHoldout } from "./step-holdout";
import { StepIndicator } from "./step-indicator";
import { StepModel } from "./step-model";
import { StepResources } from "./step-resources";
import { StepReview } from "./step-review";

export interface StepProps {
  draft: Draft;
  edit: (change: (spec: TrainingSpecInput, draft: Draft) => void) => void;
  /** Problems to show next to fields: the zod schema's, after Next was pressed, and the server's. */
  problems: FieldProblem[];
}

/** Six steps that write one TrainingSpec; the step and the draft id live in the URL. */
export function TrainingWizard() {
  const search = useSearchParams();
  const draftId = search.get("draft");
  const cloneOf = search.get("clone");
  const step = Math.min(STEPS.length - 1, Math.max(0, Number(search.get("step") ?? 0) || 0));
  const [checked, setChecked] = useState<Set<number>>(new Set());
  const [serverProblems, setServerProblems] = useState<FieldProblem[]>([]);

  // Steps and draft ids change the address through the History API: the wizard is all in the
  // browser, so the server need not render the page again, and an id added on arrival cannot
  // race with (and undo) a click on another section.
  const go = useCallback(
    (next: number) => {
      window.history.pushState(null, "", `/training/new?draft=${draftId}&step=${next}`);
      window.scrollTo({ top: 0 });
    },
    [draftId],
  );

  // A fresh visit gets a draft id (and, for "Clone", the job's spec) before anything renders.
  useEffect(() => {
    if (draftId) return;
    const id = newDraftId();
    if (!cloneOf) {
      window.history.replaceState(null, "", `/training/new?draft=${id}&step=0`);
      return;
    }
    api<JobDto>(`/api/v1/jobs/${cloneOf}`).then((job) => {
      const source = job.datasetVersions[0];
      const draft = draftFromSpec(job.spec as unknown as TrainingSpecInput, source?.datasetId);
      if (source) draft.spec.data.datasetVersionId = source.id;
      saveDraft(id, draft);
      if (window.location.pathname === "/training/new") window.history.replaceState(null, "", `/training/new?draft=${id}&step=3`);
    });
  }, [draftId, cloneOf]);

  const { draft, edit } = useTrainingDraft(draftId, emptyDraft);
  const check = useMemo(() => (draft ? parseTrainingSpec(draft.spec) : null), [draft]);
  const clientProblems = check && !check.success ? check.problems : [];
  const editAndClear = useCallback<StepProps["edit"]>(
    (change) => {
      setServerProblems([]);
      edit(change);
    },
    [edit],
  );

  if (!draft || !draftId) return <Skeleton className="h-96 w-full" />;
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
