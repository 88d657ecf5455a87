// The worker fleet as the Workers page, GET /api/v1/workers and the autoscaler's metrics see it:
// heartbeats (every 5 s per worker process) and the queue, by pool.
import { type Fleet, type PoolLoad, WORKER_SILENT_SECONDS, type WorkerDto } from "@roundhouse/contracts";
import type { Db } from "./client.ts";

/** A worker killed without a goodbye keeps its row; after a day it is no longer shown (and is pruned). */
const FORGET_AFTER_MS = 24 * 3600_000;

export async function fleetStatus(db: Db): Promise<Fleet> {
  const rows = await db.workerHeartbeat.findMany({
    where: { heartbeatAt: { gte: new Date(Date.now() - FORGET_AFTER_MS) } },
    orderBy: [{ hostname: "asc" }, { startedAt: "asc" }],
  });
  const now = Date.now();
  const workers: WorkerDto[] = rows
    .map((w) => ({
      id: w.id,
      host: w.hostname,
      pid: w.pid,
      slots: w.slots,
      busy: w.busy,
      cpus: w.cpus,
      memoryMb: w.memoryMb,
      pools: w.pools,
      version: w.version,
      store: w.store,
      state: now - w.heartbeatAt.getTime() > WORKER_SILENT_SECONDS * 1000 ? ("silent" as const) : ("live" as const),
      startedAt: w.startedAt.toISOString(),
      heartbeatAt: w.heartbeatAt.toISOString(),
    }))
    .sort((a, b) => Number(a.state === "silent") - Number(b.state === "silent"));

  const jobs = await db.$queryRaw<{ pool: string; queued: bigint; running: bigint }[]>`
    SELECT coalesce(spec->'resources'->>'pool', 'default') AS pool,
           count(*) FILTER (WHERE status = 'queued') AS queued,
           count(*) FILTER (WHERE status = 'running') AS running
      FROM training_jobs
     WHERE status IN ('queued', 'running')
     GROUP BY 1`;
  const pools = new Map<string, PoolLoad>();
  const load = (pool: string) => {
    const p = pools.get(pool) ?? { pool, queued: 0, running: 0, slots: 0, busy: 0 };
    pools.set(pool, p);
    return p;
  };
  for (const j of jobs) Object.assign(load(j.pool), { queued: Number(j.queued), running: Number(j.running) });
  for (const w of workers) {
    if (w.state !== "live") continue;
    for (const pool of w.pools) {
      const p = load(pool);
      p.slots += w.slots;
      p.busy += w.busy;
    }
  }
  return { workers, pools: [...pools.values()].sort((a, b) => a.pool.localeCompare(b.pool)) };
}

/** Heartbeat rows of workers gone for a day (killed, never said goodbye). */
export async function pruneSilentWorkers(db: Db): Promise<number> {
  const gone = await db.workerHeartbeat.deleteMany({ where: { heartbeatAt: { lt: new Date(Date.now() - FORGET_AFTER_MS) } } });
  return gone.count;
}

/**
 * The fleet in the Prometheus text exposition format. Pool names are [a-z0-9-] (PoolNameSchema), so
 * label values need no escaping.
 */
export function fleetMetrics(fleet: Fleet): string {
  const gauge = (name: string, help: string, value: (p: PoolLoad) => number) => [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} gauge`,
    ...fleet.pools.map((p) => `${name}{pool="${p.pool}"} ${value(p)}`),
  ];
  const live = fleet.workers.filter((w) => w.state === "live").length;
  const queued = fleet.pools.reduce((sum, p) => sum + p.queued, 0);
  return [
    // Unlabelled, for scalers that read one number (KEDA's metrics-api): ?pool= narrows it to one pool.
    "# HELP roundhouse_queue_depth Jobs waiting for a worker, over the pools shown.",
    "# TYPE roundhouse_queue_depth gauge",
    `roundhouse_queue_depth ${queued}`,
    ...gauge("roundhouse_jobs_queued", "Jobs waiting for a worker of the pool.", (p) => p.queued),
    ...gauge("roundhouse_jobs_running", "Jobs of the pool running now.", (p) => p.running),
    ...gauge("roundhouse_worker_slots", "Job slots of live workers serving the pool.", (p) => p.slots),
    ...gauge("roundhouse_worker_slots_busy", "Slots of live workers serving the pool that run a job now.", (p) => p.busy),
    "# HELP roundhouse_workers_live Worker processes with a heartbeat in the last 30 s.",
    "# TYPE roundhouse_workers_live gauge",
    `roundhouse_workers_live ${live}`,
    "",
  ].join("\n");
}
