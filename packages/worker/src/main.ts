// `node --import tsx packages/worker/src/main.ts`: the worker process the launcher starts on its own host.
import { poolsFrom, runWorkerProcess } from "./worker-process.ts";

try {
  await runWorkerProcess({
    slots: Number(process.env.ROUNDHOUSE_WORKER_SLOTS ?? 2),
    pools: poolsFrom(process.env.ROUNDHOUSE_WORKER_POOLS),
    host: process.env.ROUNDHOUSE_WORKER_HOST,
    signCheckpoints: true,
  });
} catch (err) {
  console.error(`[worker] ${(err as Error).message}`);
  process.exit(2);
}
