// `roundhouse worker`: a worker on any host (see @roundhouse/worker's worker-process.ts).
import { PoolNameSchema, WorkerHostSchema } from "@roundhouse/contracts";
import { poolsFrom, runWorkerProcess } from "@roundhouse/worker";
import { InvalidArgumentError } from "commander";

export async function worker(o: { slots: number; pools: string; host?: string; signCheckpoints: boolean }) {
  const pools = poolsFrom(o.pools);
  for (const pool of pools) {
    const checked = PoolNameSchema.safeParse(pool);
    if (!checked.success) throw new InvalidArgumentError(`--pools: "${pool}": ${checked.error.issues[0]?.message}`);
  }
  if (!pools.length) throw new InvalidArgumentError("--pools: name at least one pool");
  const host = o.host === undefined ? undefined : WorkerHostSchema.safeParse(o.host);
  if (host && !host.success) throw new InvalidArgumentError(`--host: "${o.host}": ${host.error.issues[0]?.message}`);
  await runWorkerProcess({ slots: o.slots, pools, host: o.host, signCheckpoints: o.signCheckpoints });
}
