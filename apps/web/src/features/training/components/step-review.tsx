"use client";

import type { FieldProblem } from "@roundhouse/contracts";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useSubmitJob } from "@/features/jobs/hooks/use-submit-job";
import { ApiError } from "@/lib/api-client";
import { asCli, asCurl } from "../lib/copy-commands";
import { idempotencyKey } from "../lib/draft";
import type { StepProps } from "../lib/step-props";
import { STEPS, stepOfPath } from "../lib/steps";

/** Step 6: the exact spec (editable, checked as you type), copy as curl or CLI, and submit. */
export function StepReview({
  draft,
  edit,
  problems,
  draftId,
  onServerProblems,
  onGoToStep,
}: StepProps & { draftId: string; onServerProblems: (p: FieldProblem[]) => void; onGoToStep: (step: number) => void }) {
  const router = useRouter();
  const submit = useSubmitJob();
  const [text, setText] = useState(() => JSON.stringify(draft.spec, null, 2));
  const [syntaxError, setSyntaxError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const onText = (value: string) => {
    setText(value);
    try {
      const parsed = JSON.parse(value);
      setSyntaxError(null);
      edit((_spec, d) => {
        d.spec = parsed;
      });
    } catch (err) {
      setSyntaxError((err as Error).message);
    }
  };
  const copy = async (what: string, content: string) => {
    await navigator.clipboard?.writeText(content).catch(() => undefined);
    setCopied(what);
  };
  const onSubmit = () =>
    submit.mutate(
      { spec: draft.spec, idempotencyKey: idempotencyKey(draftId, draft.spec) },
      {
        onSuccess: (job) => router.push(`/jobs/${job.id}`),
        onError: (err) => {
          if (err instanceof ApiError && err.problem.errors?.length) onServerProblems(err.problem.errors);
        },
      },
    );
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const blocked = problems.length > 0 || syntaxError !== null;

  return (
    <section aria-labelledby="step-review" className="flex flex-col gap-4">
      <div>
        <h2 id="step-review" className="text-lg font-semibold">
          Review the training spec
        </h2>
        <p className="text-sm text-muted">This is exactly what is submitted to POST /api/v1/jobs. Edit it here or go back to a step.</p>
      </div>
      <label htmlFor="spec-json" className="text-sm font-medium">
        TrainingSpec JSON
      </label>
      <textarea
        id="spec-json"
        value={text}
        onChange={(e) => onText(e.target.value)}
        spellCheck={false}
        rows={Math.min(30, text.split("\n").length + 1)}
        className="rounded-md border border-border bg-surface-muted p-3 font-mono text-xs text-text focus-visible:outline-2 focus-visible:outline-ring"
        aria-invalid={blocked || undefined}
        aria-describedby="spec-problems"
      />
      <div id="spec-problems" aria-live="polite">
        {syntaxError && <p className="text-sm text-danger">Not valid JSON: {syntaxError}</p>}
        {!syntaxError && problems.length > 0 && (
          <ul className="flex flex-col gap-1 text-sm text-danger">
            {problems.map((p) => (
              <li key={`${p.path}:${p.message}`} className="flex flex-wrap items-center gap-2">
                <code>{p.path || "spec"}</code>: {p.message}
                <Button size="sm" variant="ghost" onClick={() => onGoToStep(stepOfPath(p.path))}>
                  Fix in “{STEPS[stepOfPath(p.path)]?.title}”
                </Button>
              </li>
            ))}
          </ul>
        )}
        {!blocked && <p className="text-sm text-success">The spec is valid.</p>}
        {submit.error && !(submit.error instanceof ApiError && submit.error.problem.errors?.length) && (
          <p role="alert" className="text-sm text-danger">
            {submit.error.message}
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={() => copy("curl", asCurl(origin, draft.spec))}>
          Copy as curl
        </Button>
        <Button variant="secondary" onClick={() => copy("CLI", asCli(origin, draft.spec))}>
          Copy as CLI
        </Button>
        {copied && <span className="text-xs text-muted">Copied the {copied} command.</span>}
        <Button className="ml-auto" disabled={blocked || submit.isPending} onClick={onSubmit}>
          {submit.isPending ? "Submitting…" : draft.spec.train.sweep ? "Start sweep" : "Start training"}
        </Button>
      </div>
    </section>
  );
}
