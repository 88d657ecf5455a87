// The retraining scheduler runs in every worker process; one of them leads. Leadership is a
// PostgreSQL session advisory lock held on a connection of its own: when the leader dies its
// connection closes, the lock is freed and another worker takes over at its next tick. Leading is
// an optimisation, not the guarantee: every firing is an insert that is unique per (policy,
// trigger, due time), so even two leaders at once could not fire a slot twice.
import type { Db } from "@roundhouse/db";
import pg from "pg";
import { aggregateDrift } from "./drift/aggregate.ts";
import { fireOnDrift } from "./drift/drift-trigger.ts";
import { evaluateFinishedRuns } from "./evaluate.ts";
import { firePolicy, submitRunJob } from "./fire.ts";
import { dueSlot } from "./schedule.ts";

/** "roundhouse retraining scheduler" as a 64-bit advisory lock key. */
const LEADER_LOCK = 7_245_091_311n;

export interface SchedulerOptions {
  databaseUrl: string;
  /** How often to look for due work (default ROUNDHOUSE_SCHEDULER_TICK_MS or 5 s). */
  tickMs?: number;
  log?: (line: string) => void;
}

export function startRetrainingScheduler(db: Db, opts: SchedulerOptions) {
  const tickMs = opts.tickMs ?? Number(process.env.ROUNDHOUSE_SCHEDULER_TICK_MS ?? 5000);
  const log = opts.log ?? ((line: string) => console.log(`[retraining] ${line}`));
  let lock: pg.Client | null = null;
  let stopped = false;
  let ticking: Promise<void> = Promise.resolve();

  async function lead(): Promise<boolean> {
    if (lock) return true;
    const client = new pg.Client({ connectionString: opts.databaseUrl, application_name: "roundhouse-scheduler" });
    client.on("error", () => {
      // The connection is gone, and the lock with it: lead again only after winning it again.
      if (lock === client) lock = null;
    });
    try {
      await client.connect();
      const { rows } = await client.query<{ won: boolean }>("SELECT pg_try_advisory_lock($1) AS won", [LEADER_LOCK.toString()]);
      if (rows[0]?.won) {
        lock = client;
        log("leading the retraining scheduler");
        return true;
      }
    } catch {
      // The database is away; try at the next tick.
    }
    await client.end().catch(() => {});
    return false;
  }

  async function tick() {
    if (stopped || !(await lead())) return;
    try {
      await countDrift(db, tickMs, log);
      const fired = [...(await fireDue(db, new Date())), ...(await fireOnDrift(db))];
      for (const line of fired) log(line);
      await resubmitOrphans(db);
      const finished = await evaluateFinishedRuns(db);
      if (finished) log(`evaluated ${finished} finished retraining run(s)`);
    } catch (err) {
      log(`tick failed: ${(err as Error).message}`);
    }
  }

  // A slow tick (a comparison on big data) is not queued behind: the next interval that finds the
  // previous tick still running skips.
  let busy = false;
  const once = () => {
    if (busy) return;
    busy = true;
    ticking = tick().finally(() => {
      busy = false;
    });
  };
  const timer = setInterval(once, tickMs);
  once();

  return {
    isLeader: () => lock !== null,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await ticking;
      await lock?.end().catch(() => {});
      lock = null;
    },
  };
}

/** Counts the decisions logged since the last tick, in steps, for at most about one tick's time. */
async function countDrift(db: Db, tickMs: number, log: (line: string) => void) {
  const until = Date.now() + Math.max(1000, tickMs * 0.8);
  let counted = 0;
  for (;;) {
    const step = await aggregateDrift(db);
    counted += step.decisions;
    if (step.alerts) log(`${step.alerts} drift alert(s) raised`);
    if (!step.more || Date.now() > until) break;
  }
  if (counted) log(`counted drift of ${counted} decision(s)`);
}

/** Fires every enabled policy whose schedule slot or new dataset version is due. */
export async function fireDue(db: Db, now: Date): Promise<string[]> {
  const policies = await db.retrainingPolicy.findMany({ where: { enabled: true }, include: { model: { select: { name: true } } } });
  const fired: string[] = [];
  for (const policy of policies) {
    if (policy.schedule) {
      const last = await db.retrainingRun.findFirst({ where: { policyId: policy.id, trigger: "schedule" }, orderBy: { dueAt: "desc" } });
      // Only the latest missed slot: after downtime, one catch-up firing.
      const slot = dueSlot(policy.schedule, policy.timezone, last?.dueAt ?? policy.updatedAt, now);
      if (slot && (await firePolicy(db, policy, "schedule", slot)))
        fired.push(`${policy.model.name}: scheduled run for ${slot.toISOString()}`);
    }
    if (policy.onNewData) {
      const arrived = await newDataVersion(db, policy);
      if (arrived && (await firePolicy(db, policy, "new-data", arrived.createdAt))) {
        fired.push(`${policy.model.name}: new data (${arrived.datasetName} v${arrived.version})`);
      }
    }
  }
  return fired;
}

/** The newest version of the policy's dataset, if it arrived after the policy was set and after the last new-data run. */
async function newDataVersion(db: Db, policy: { id: string; spec: unknown; updatedAt: Date }) {
  const dataset = (policy.spec as { data?: { dataset?: string } }).data?.dataset;
  if (!dataset) return null;
  const latest = await db.datasetVersion.findFirst({ where: { dataset: { name: dataset } }, orderBy: { version: "desc" } });
  if (!latest || latest.createdAt <= policy.updatedAt) return null;
  const last = await db.retrainingRun.findFirst({ where: { policyId: policy.id, trigger: "new-data" }, orderBy: { dueAt: "desc" } });
  if (last && latest.createdAt <= last.dueAt) return null;
  return { createdAt: latest.createdAt, datasetName: dataset, version: latest.version };
}

/** Firings whose scheduler stopped between recording them and submitting their job. */
async function resubmitOrphans(db: Db) {
  const orphans = await db.retrainingRun.findMany({
    where: { jobId: null, outcome: "running", firedAt: { lt: new Date(Date.now() - 30_000) } },
    include: { policy: true },
    take: 20,
  });
  for (const run of orphans) await submitRunJob(db, run.policy, run.id);
}
