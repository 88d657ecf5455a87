// A whole worker process: the launcher's (`pnpm start` runs main.ts) or `roundhouse worker` on any
// host that reaches PostgreSQL (DATABASE_URL) and the store (ROUNDHOUSE_STORE, AWS_*): no shared
// disk and no web app. SIGTERM/SIGINT hand running jobs back to the queue before it exits.
import { WorkerHostSchema } from "@roundhouse/contracts";
import { type AuditSigningKey, loadAuditSigningKey } from "@roundhouse/db";
import { startWorker } from "./worker.ts";

export interface WorkerProcessOptions {
  slots: number;
  pools: string[];
  host?: string;
  /** Sign audit checkpoints with this installation's key (the launcher's host has it; others only when given). */
  signCheckpoints: boolean;
}

/** ROUNDHOUSE_WORKER_POOLS="default,gpu" → ["default", "gpu"]. */
export const poolsFrom = (text: string | undefined) =>
  (text ?? "default")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);

export async function runWorkerProcess(o: WorkerProcessOptions) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl)
    throw new Error("DATABASE_URL is not set: a worker needs the Roundhouse database (see README, Running on more than one machine).");
  if (o.host !== undefined && !WorkerHostSchema.safeParse(o.host).success)
    throw new Error(`ROUNDHOUSE_WORKER_HOST "${o.host}" is not a host name (letters, digits, dots, dashes, underscores).`);
  const key: AuditSigningKey | null = o.signCheckpoints ? loadAuditSigningKey() : null;
  // Signals are heard from the first moment: a SIGTERM while the worker is still starting (a pod
  // stopped right after it was scheduled) waits for the start, then hands back whatever it claimed.
  const starting = startWorker({
    databaseUrl,
    slots: o.slots,
    pools: o.pools,
    host: o.host,
    checkpoints: key ? { key, everyMs: Number(process.env.ROUNDHOUSE_CHECKPOINT_SECONDS ?? 60) * 1000 } : undefined,
  });
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      const worker = await starting;
      console.log(`[worker] ${signal}: handing ${worker.running()} running job(s) back to the queue`);
      await worker.stop();
      process.exit(0);
    });
  }
  const worker = await starting;
  console.log(`[worker] ${worker.id} serving pool(s) ${o.pools.join(", ")} with ${o.slots} slot(s)`);
  return worker;
}
