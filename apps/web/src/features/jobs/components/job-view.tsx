"use client";

import { isActive, isScoringSpec, type JobDto, type Role, trainerOf } from "@roundhouse/contracts";
import { Copy, Fingerprint, RotateCcw, Square } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Panel } from "@/components/ui/panel";
import { ProgressBar } from "@/components/ui/progress-bar";
import { RoleNote } from "@/components/ui/role-note";
import { Skeleton } from "@/components/ui/skeleton";
import { LossChart } from "@/features/runs/components/loss-chart";
import { RunNotes } from "@/features/runs/components/run-notes";
import { RunResults } from "@/features/runs/components/run-results";
import { useRun } from "@/features/runs/hooks/use-run";
import { useJob } from "../hooks/use-job";
import { useJobAction } from "../hooks/use-job-action";
import { useJobSeries } from "../hooks/use-job-series";
import { formatDuration, jobDuration, STATUS_TONE } from "../lib/job-format";
import { JobFacts } from "./job-facts";
import { LogsTail } from "./logs-tail";
import { ScoringSummary } from "./scoring-summary";
import { StepTimeline } from "./step-timeline";
import { SweepTrials } from "./sweep-trials";

/** A job as it runs (progress, steps, loss, log) and, once it succeeds, its run's evaluation. */
/** `canControl`: the caller owns the job or is an admin, so may cancel or retry it. */
export function JobView({
  initial,
  role,
  canSubmit,
  canControl,
}: {
  initial: JobDto;
  role: Role;
  canSubmit: boolean;
  canControl: boolean;
}) {
  const router = useRouter();
  const { data: job = initial } = useJob(initial.id, initial);
  const live = isActive(job.status);
  const series = useJobSeries(job.id, job.status, live);
  const run = useRun(job.status === "succeeded" && job.kind !== "sweep" ? job.run?.id : undefined);
  const cancel = useJobAction(job.id, "cancel");
  const retry = useJobAction(job.id, "retry");
  const reproduce = useJobAction(job.id, "reproduce");
  const latest = series.data?.attempts.at(-1)?.series ?? {};
  const now = useNow(live ? 1000 : null);
  const duration = jobDuration(job, now);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <Badge tone={STATUS_TONE[job.status]}>{job.status}</Badge>
        {job.cancelRequested && live && <span className="text-sm text-warning">cancelling…</span>}
        <span className="text-sm text-muted" suppressHydrationWarning>
          {job.kind === "sweep" ? "sweep" : trainerOf(job.spec)} · attempt {job.attempts} ·{" "}
          <span data-testid="elapsed" suppressHydrationWarning>
            {duration === null ? "not started" : formatDuration(duration)}
          </span>
        </span>
        <div className="ml-auto flex flex-wrap gap-2">
          {canControl && live && (
            <Button variant="secondary" disabled={cancel.isPending || job.cancelRequested} onClick={() => cancel.mutate()}>
              <Square aria-hidden className="size-4" /> Cancel
            </Button>
          )}
          {canControl && !live && (
            <Button
              variant="secondary"
              disabled={retry.isPending}
              onClick={() => retry.mutate(undefined, { onSuccess: (j) => router.push(`/jobs/${j.id}`) })}
            >
              <RotateCcw aria-hidden className="size-4" /> Retry
            </Button>
          )}
          {canSubmit && job.kind === "train" && job.status === "succeeded" && job.run?.artifactSha256 && (
            <Button
              variant="secondary"
              disabled={reproduce.isPending}
              title="Train again with the exact spec on the exact dataset versions, and check the model bytes match"
              onClick={() => reproduce.mutate(undefined, { onSuccess: (j) => router.push(`/jobs/${j.id}`) })}
            >
              <Fingerprint aria-hidden className="size-4" /> Reproduce
            </Button>
          )}
          {canSubmit ? (
            job.kind !== "score" && (
              <ButtonLink variant="secondary" href={`/training/new?clone=${job.id}&step=3`}>
                <Copy aria-hidden className="size-4" /> Clone
              </ButtonLink>
            )
          ) : (
            <RoleNote role={role}>reads this job; engineers and admins clone, retry and reproduce jobs.</RoleNote>
          )}
        </div>
      </div>
      {live && job.progress && (
        <div className="flex flex-col gap-1">
          <ProgressBar value={job.progress.fraction} label="Job progress" />
          <p className="text-sm text-muted" aria-live="polite">
            {Math.round(job.progress.fraction * 100)}% · {job.progress.step} · {job.progress.message}
          </p>
        </div>
      )}
      {job.error && (
        <Card className="border-danger/40 p-4" role="alert">
          <p className="font-medium text-danger">{job.error.message}</p>
          {job.error.logTail && <pre className="mt-2 overflow-auto text-xs text-muted">{job.error.logTail.join("\n")}</pre>}
        </Card>
      )}
      {job.reproduction && <ReproductionNote reproduction={job.reproduction} />}
      {job.parentJobId && (
        <p className="text-sm">
          A trial of{" "}
          <Link href={`/jobs/${job.parentJobId}`} className="text-accent hover:underline">
            its sweep
          </Link>
          .
        </p>
      )}
      {job.kind === "sweep" ? (
        <Panel title="Trials">
          <SweepTrials job={job} />
        </Panel>
      ) : isScoringSpec(job.spec) ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <Panel title="Steps">
            <StepTimeline job={job} />
          </Panel>
          <Panel title="Scores">
            <ScoringSummary job={job} spec={job.spec} />
          </Panel>
        </div>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          <Panel title="Steps">
            <StepTimeline job={job} />
          </Panel>
          <Panel title="Loss per iteration">
            {!series.data ? (
              <Skeleton className="h-60" />
            ) : (
              <LossChart
                series={[
                  { label: "train", points: latest.train_loss ?? [] },
                  { label: "validation", points: latest.valid_loss ?? [] },
                ]}
              />
            )}
          </Panel>
        </div>
      )}
      {run.data && (
        <section aria-label="Evaluation" className="flex flex-col gap-2">
          <div className="flex items-center justify-between">
            <h2 className="text-lg font-semibold">Evaluation on {run.data.rowsHoldout?.toLocaleString()} holdout rows</h2>
            <ButtonLink variant="ghost" size="sm" href={`/runs?select=${run.data.id}`}>
              Compare with other runs
            </ButtonLink>
          </div>
          <Panel title="Notes and tags">
            <RunNotes run={run.data} canEdit={canSubmit} />
          </Panel>
          <RunResults run={run.data} />
        </section>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Log">
          <LogsTail jobId={job.id} live={live} />
        </Panel>
        <Panel title="Provenance">
          <JobFacts job={job} />
        </Panel>
      </div>
    </div>
  );
}

/** The time now, again every `everyMs` (null: not ticking), so a running job's elapsed time moves between polls. */
function useNow(everyMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (everyMs === null) return;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Whether re-running the original's exact spec and data gave the same model file. */
function ReproductionNote({ reproduction: r }: { reproduction: NonNullable<JobDto["reproduction"]> }) {
  const original = (
    <Link href={`/jobs/${r.of}`} className="text-accent hover:underline">
      the original job
    </Link>
  );
  if (r.match === null)
    return (
      <p className="text-sm text-muted">A reproduction of {original}: its model file is compared with the original's when it succeeds.</p>
    );
  return (
    <Card className={`p-3 text-sm ${r.match ? "border-success/40" : "border-danger/40"}`} data-testid="reproduction">
      <Badge tone={r.match ? "success" : "danger"}>{r.match ? "reproduced" : "differs"}</Badge>{" "}
      {r.match ? "The model file is byte for byte the one " : "The model file is not the one "}
      {original} made: sha256 <span className="font-mono">{r.sha256?.slice(0, 16)}</span>
      {r.match ? (
        ""
      ) : (
        <>
          {" "}
          against <span className="font-mono">{r.expectedSha256?.slice(0, 16)}</span>
        </>
      )}
      .
    </Card>
  );
}
