// Firing a policy: record the firing (unique per policy, trigger and due time, so it happens once
// however many schedulers try), then submit its spec pinned to the exact dataset version it will
// train on. The job is submitted with an idempotency key made from the firing, so a scheduler that
// dies between the two steps is finished by the next one without a second job.
import { Conflict, Invalid, NotFound, type RetrainingTrigger, type TrainingSpec } from "@roundhouse/contracts";
import { resolveTrainingData } from "@roundhouse/data";
import { type Actor, audit, type Db, enqueueJob, type RequestContext } from "@roundhouse/db";

/** Automatic actions are the system's, named for what did them. */
export const RETRAINING_ACTOR: Actor = { id: null, label: "system:retraining" };

type Policy = NonNullable<Awaited<ReturnType<Db["retrainingPolicy"]["findUnique"]>>>;

/** Records the firing and submits its job; null when this (policy, trigger, due) already fired. */
export async function firePolicy(db: Db, policy: Policy, trigger: RetrainingTrigger, dueAt: Date, ctx?: RequestContext) {
  const context = ctx ?? { actor: RETRAINING_ACTOR, requestId: `retraining:${policy.id}` };
  const run = await db.$transaction(async (tx) => {
    if (trigger === "manual") {
      // A second "Run now" (a double click, a retried call) while a run is under way is refused, not
      // a second job: the policy's row serializes the check.
      await tx.$queryRaw`SELECT id FROM retraining_policies WHERE id = ${policy.id}::uuid FOR UPDATE`;
      const active = await tx.retrainingRun.findFirst({ where: { policyId: policy.id, outcome: { in: ["running", "evaluating"] } } });
      if (active) {
        throw new Conflict(`A retraining run of this model is under way (${active.id}); wait for its outcome.`, [
          { path: "name", message: "a run is under way" },
        ]);
      }
    }
    const [inserted] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO retraining_runs (policy_id, trigger, due_at) VALUES (${policy.id}::uuid, ${trigger}, ${dueAt})
      ON CONFLICT (policy_id, trigger, due_at) DO NOTHING RETURNING id::text`;
    if (!inserted) return null;
    await audit(tx, context, {
      action: "retraining.fired",
      entityType: "retraining-run",
      entityId: inserted.id,
      after: { policyId: policy.id, trigger, dueAt: dueAt.toISOString() },
    });
    return inserted;
  });
  if (!run) return null;
  await submitRunJob(db, policy, run.id);
  return run.id;
}

/** Submits (or finds, by its idempotency key) the job of a firing and links it. */
export async function submitRunJob(db: Db, policy: Policy, runId: string) {
  const ctx = { actor: RETRAINING_ACTOR, requestId: `retraining-run:${runId}` };
  try {
    const template = policy.spec as unknown as TrainingSpec;
    const data = await resolveTrainingData(db, template);
    // Pinned: the job names the exact version it trains on, whatever arrives while it waits.
    const spec: TrainingSpec = { ...template, data: { ...template.data, datasetVersionId: data.datasetVersionId } };
    const { job } = await enqueueJob(db, ctx, {
      spec,
      ownerId: policy.ownerId,
      datasetVersionIds: [data.datasetVersionId],
      idempotencyKey: `retraining-run:${runId}`,
    });
    await db.retrainingRun.update({ where: { id: runId }, data: { jobId: job.id } });
  } catch (err) {
    if (!(err instanceof Invalid || err instanceof NotFound)) throw err;
    // The spec no longer fits the data (a dataset renamed, a column gone): recorded, not retried.
    await finishRun(db, runId, "failed", `The job could not be submitted: ${err.message}`);
  }
}

/** Moves a run to its outcome once (only from running/evaluating), audited as the system. */
export async function finishRun(
  db: Db,
  runId: string,
  outcome: "proposed" | "not_better" | "failed",
  reason: string,
  extra: { modelVersionId?: string; promotionRequestId?: string; comparison?: unknown } = {},
) {
  return db.$transaction(async (tx) => {
    const moved = await tx.retrainingRun.updateMany({
      where: { id: runId, outcome: { in: ["running", "evaluating"] } },
      data: {
        outcome,
        reason,
        finishedAt: new Date(),
        evaluatingSince: null,
        modelVersionId: extra.modelVersionId,
        promotionRequestId: extra.promotionRequestId,
        comparison: extra.comparison === undefined ? undefined : (extra.comparison as object),
      },
    });
    if (moved.count === 0) return false;
    await audit(
      tx,
      { actor: RETRAINING_ACTOR, requestId: `retraining-run:${runId}` },
      {
        action: "retraining.finished",
        entityType: "retraining-run",
        entityId: runId,
        after: { outcome, reason, ...extra, comparison: undefined },
      },
    );
    return true;
  });
}
