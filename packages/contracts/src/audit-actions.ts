// Every action the audit trail records, with the words the explorer shows for it. Services write
// the name; the explorer's action filter offers these (a family filter is "job.*").
export const AUDIT_ACTIONS = {
  "auth.sign-in": "Signed in",
  "auth.sign-in-failed": "Sign-in refused",
  "user.create": "User created",
  "user.update": "User changed",
  "api-token.create": "API token created",
  "api-token.revoke": "API token revoked",
  "dataset.create": "Dataset created",
  "dataset-version.create": "Dataset version added",
  "job.submit": "Job submitted",
  "job.retry": "Job retried",
  "job.reproduce": "Job reproduced",
  "job.cancel": "Job cancel requested",
  "job.claimed": "Job claimed by a worker",
  "job.succeeded": "Job succeeded",
  "job.failed": "Job failed",
  "job.stopped": "Job stopped",
  "job.released": "Job handed back",
  "job.requeued": "Job requeued",
  "job.reclaimed": "Job reclaimed",
  "run.annotated": "Run notes or tags edited",
  "model-version.registered": "Model version registered",
  "promotion.requested": "Promotion requested",
  "promotion.approved": "Promotion approved",
  "promotion.rejected": "Promotion rejected",
  "deployment.alias_moved": "Alias moved",
  "deployment.rolled_back": "Alias rolled back",
  "retraining-policy.create": "Retraining policy set",
  "retraining-policy.update": "Retraining policy changed",
  "retraining.fired": "Retraining run started",
  "retraining.finished": "Retraining run finished",
  "drift.alert": "Drift alert raised",
  "outcome.recorded": "Decision outcomes recorded",
  "workflow.registered": "Workflow version registered",
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** "promotion.approved" → "Promotion approved"; an action this list does not know reads as itself. */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTIONS as Record<string, string>)[action] ?? action;
}

/** The families for the "all job events" kind of filter: "job" from "job.claimed". */
export function auditActionFamilies(): string[] {
  return [...new Set(Object.keys(AUDIT_ACTIONS).map((a) => a.split(".")[0] as string))];
}
