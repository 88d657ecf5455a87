// `node --import tsx packages/worker/src/main.ts`: one worker process (the launcher starts one).
import { loadAuditSigningKey } from "@roundhouse/db";
import { startWorker } from "./worker.ts";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("[worker] DATABASE_URL is not set; start Roundhouse with `pnpm start`.");
  process.exit(2);
}
const worker = await startWorker({
  databaseUrl,
  slots: Number(process.env.ROUNDHOUSE_WORKER_SLOTS ?? 2),
  checkpoints: { key: loadAuditSigningKey(), everyMs: Number(process.env.ROUNDHOUSE_CHECKPOINT_SECONDS ?? 60) * 1000 },
});
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: handing ${worker.running()} running job(s) back to the queue`);
    await worker.stop();
    process.exit(0);
  });
}
