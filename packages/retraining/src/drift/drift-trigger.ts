// A policy with the drift trigger runs when the version holding its alias raises a drift alert: one
// firing per alert window (the firing's due time is the window's start, and firings are unique per
// policy, trigger and due time). Looked up from the alerts table at every tick rather than fired by
// the aggregator, so an alert raised just before a crash still starts its run.
import type { Db } from "@roundhouse/db";
import { firePolicy } from "../fire.ts";

/** Alerts older than this do not start a run (a policy turned on today does not act on last month). */
const RECENT_MS = 24 * 3_600_000;

export async function fireOnDrift(db: Db): Promise<string[]> {
  const policies = await db.retrainingPolicy.findMany({
    where: { enabled: true, onDrift: true },
    include: { model: { select: { name: true } } },
  });
  const fired: string[] = [];
  for (const policy of policies) {
    const holder = await db.deployment.findFirst({
      where: { modelId: policy.modelId, alias: policy.alias },
      select: { modelVersionId: true },
    });
    if (!holder) continue;
    // Drift that lasts raises an alert every hour; while a run is under way it is already answering.
    const active = await db.retrainingRun.count({ where: { policyId: policy.id, outcome: { in: ["running", "evaluating"] } } });
    if (active) continue;
    const alert = await db.driftAlert.findFirst({
      where: {
        modelVersionId: holder.modelVersionId,
        createdAt: { gt: new Date(Math.max(Date.now() - RECENT_MS, policy.updatedAt.getTime())) },
      },
      orderBy: { windowStart: "desc" },
    });
    if (alert && (await firePolicy(db, policy, "drift", alert.windowStart)))
      fired.push(`${policy.model.name}: drift alert (${alert.feature} ${alert.measure} ${alert.value.toFixed(3)})`);
  }
  return fired;
}
