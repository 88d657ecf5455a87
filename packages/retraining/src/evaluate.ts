// After a retraining job ends: the new version (challenger) and the alias's holder (champion) are
// scored on the same holdout rows, the challenger's holdout of the newest data. Better by the
// policy's margin → a promotion request with a written justification (a person still approves);
// otherwise the run records why not. A run is claimed before the (slow) comparison, so two
// schedulers never evaluate it at once; a claim older than EVALUATION_TIMEOUT_MS was abandoned.
import { type Comparison, Conflict, formatMetric, lowerIsBetter, metricLabel } from "@roundhouse/contracts";
import { type Db, requestPromotion } from "@roundhouse/db";
import { compareVersionsOnHoldout } from "./comparison.ts";
import { finishRun, RETRAINING_ACTOR } from "./fire.ts";

const EVALUATION_TIMEOUT_MS = 10 * 60_000;

/** Evaluates every run whose job has ended; returns how many it finished. */
export async function evaluateFinishedRuns(db: Db): Promise<number> {
  const stale = new Date(Date.now() - EVALUATION_TIMEOUT_MS);
  const ready = await db.$queryRaw<{ id: string }[]>`
    SELECT r.id::text FROM retraining_runs r JOIN training_jobs j ON j.id = r.job_id
    WHERE j.status IN ('succeeded', 'failed', 'cancelled')
      AND (r.outcome = 'running' OR (r.outcome = 'evaluating' AND r.evaluating_since < ${stale}))
    ORDER BY r.fired_at LIMIT 20`;
  let finished = 0;
  for (const { id } of ready) if (await evaluateRun(db, id)) finished++;
  return finished;
}

async function evaluateRun(db: Db, runId: string): Promise<boolean> {
  const claimed = await db.$executeRaw`
    UPDATE retraining_runs SET outcome = 'evaluating', evaluating_since = now()
    WHERE id = ${runId}::uuid AND (outcome = 'running' OR (outcome = 'evaluating' AND evaluating_since < ${new Date(Date.now() - EVALUATION_TIMEOUT_MS)}))`;
  if (claimed === 0) return false;
  const run = await db.retrainingRun.findUniqueOrThrow({
    where: { id: runId },
    include: { policy: { include: { model: true } } },
  });
  const job = await db.trainingJob.findUniqueOrThrow({
    where: { id: run.jobId as string },
    include: {
      runs: { include: { modelVersions: true }, orderBy: { createdAt: "desc" }, take: 1 },
      datasets: { include: { datasetVersion: { include: { dataset: true } } } },
    },
  });
  if (job.status !== "succeeded") {
    const error = (job.error as { message?: string } | null)?.message;
    return finishRun(db, runId, "failed", `The training job ${job.status}${error ? `: ${error}` : "."}`);
  }
  const candidate = job.runs[0]?.modelVersions[0];
  if (!candidate) return finishRun(db, runId, "failed", "The training job succeeded but registered no model version.");

  const { policy } = run;
  const holder = await db.deployment.findUnique({ where: { modelId_alias: { modelId: policy.modelId, alias: policy.alias } } });
  if (holder?.modelVersionId === candidate.id)
    return finishRun(db, runId, "not_better", `Version ${candidate.version} already holds "${policy.alias}".`);
  const comparison = await compareVersionsOnHoldout(db, candidate.id, holder?.modelVersionId ?? null);
  const data = job.datasets.map((d) => `${d.datasetVersion.dataset.name} v${d.datasetVersion.version}`).join(", ");
  const verdict = judge(comparison, policy, candidate.version, data);
  const ids = { modelVersionId: candidate.id, comparison };
  if (!verdict.better) return finishRun(db, runId, verdict.failed ? "failed" : "not_better", verdict.reason, ids);

  const promotionRequestId = await propose(db, policy, candidate.id, candidate.version, verdict.reason, comparison);
  return finishRun(db, runId, "proposed", verdict.reason, { ...ids, promotionRequestId });
}

type Policy = { metric: string; minImprovement: number; alias: string; spec: unknown; model: { name: string } };

/** Better by the margin? With the sentence that says why, numbers and data versions included. */
export function judge(c: Comparison, policy: Policy, version: number, data: string): { better: boolean; failed?: boolean; reason: string } {
  if (c.error) return { better: false, failed: true, reason: c.error };
  const metric = policy.metric;
  const label = metricLabel(metric);
  const mine = c.challenger?.metrics[metric];
  if (mine === undefined) return { better: false, failed: true, reason: `The new version has no ${label} to compare.` };
  const on = `on the same ${c.rows?.toLocaleString("en-US")} holdout rows of ${c.dataset} (trained on ${data})`;
  if (!c.champion) {
    const why = c.note ?? `No version holds "${policy.alias}" yet.`;
    return { better: true, reason: `Retrained version ${version}: ${label} ${formatMetric(mine)} ${on}. ${why}` };
  }
  const theirs = c.champion.metrics[metric] as number;
  const gain = lowerIsBetter(metric) ? theirs - mine : mine - theirs;
  const numbers = `${label} ${formatMetric(mine)} against ${formatMetric(theirs)} for version ${c.champion.version} (${gain >= 0 ? "+" : "−"}${formatMetric(Math.abs(gain))}, ${gain >= 0 ? "better" : "worse"}: ${lowerIsBetter(metric) ? "lower" : "higher"} is better)`;
  const better = gain > 0 && gain >= policy.minImprovement;
  const margin = policy.minImprovement > 0 ? `; the policy asks for at least ${formatMetric(policy.minImprovement)}` : "";
  return {
    better,
    reason: `Retrained version ${version}: ${numbers} ${on}${margin}. ${better ? `Proposed for "${policy.alias}".` : "Not better by the margin: no promotion proposed."}`,
  };
}

/** Opens the promotion request for the policy's owner, or finds the one a crashed evaluation opened. */
async function propose(
  db: Db,
  policy: Policy & { ownerId: string; modelId: string },
  versionId: string,
  version: number,
  justification: string,
  comparison: Comparison,
) {
  try {
    const request = await requestPromotion(
      db,
      { actor: RETRAINING_ACTOR, requestId: "retraining" },
      {
        modelName: policy.model.name,
        version,
        alias: policy.alias,
        justification,
        comparison,
        requesterId: policy.ownerId,
      },
    );
    return request.id;
  } catch (err) {
    if (!(err instanceof Conflict)) throw err;
    const pending = await db.promotionRequest.findFirst({ where: { modelVersionId: versionId, alias: policy.alias, status: "pending" } });
    if (!pending) throw err;
    return pending.id;
  }
}
