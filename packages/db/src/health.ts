import type { Health } from "@roundhouse/contracts";
import pg from "pg";
import { migrationStatus } from "./migrations.ts";

// A worker that has not reported for this long is considered gone.
const WORKER_STALE_SECONDS = 60;

/** Checks with a short-lived connection of its own, so a broken pool cannot hide a healthy server. */
export async function checkHealth(url: string, version: string): Promise<Health> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000, statement_timeout: 3000 });
  const base = { time: new Date().toISOString(), version };
  try {
    await client.connect();
    await client.query("SELECT 1");
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const migrations = await migrationStatus(client);
    const beat = await client.query<{ at: Date | null }>(`SELECT max(heartbeat_at) AS at FROM worker_heartbeats`).catch(() => null);
    const at = beat?.rows[0]?.at ?? null;
    const ageSeconds = at ? Math.max(0, Math.round((Date.now() - at.getTime()) / 1000)) : null;
    const migrationsOk = migrations.pending.length === 0 && migrations.modified.length === 0;
    // No worker yet is not a fault (jobs wait in the queue); one that stopped reporting is.
    const workerOk = ageSeconds === null || ageSeconds <= WORKER_STALE_SECONDS;
    const reasons = [
      ...(migrations.pending.length ? [`${migrations.pending.length} migration(s) not applied: run pnpm db:deploy`] : []),
      ...(migrations.modified.length ? [`applied migration(s) changed since: ${migrations.modified.join(", ")}`] : []),
      ...(workerOk ? [] : [`no worker has reported for ${ageSeconds} s: jobs wait in the queue until one is back`]),
    ];
    return {
      ...base,
      status: migrationsOk ? (workerOk ? "ok" : "degraded") : "down",
      reasons,
      database: { ok: true, latencyMs },
      migrations: { ok: migrationsOk, applied: migrations.applied.length, pending: migrations.pending },
      worker: {
        ok: workerOk,
        lastHeartbeatAt: at?.toISOString() ?? null,
        ageSeconds,
        ...(at ? {} : { note: "no worker has reported yet; jobs queue until one does" }),
      },
    };
  } catch (err) {
    // The app is up and reconnects by itself (the launcher restarts an embedded server that died):
    // degraded, not down, and the reason says what it is waiting for.
    return {
      ...base,
      status: "degraded",
      reasons: [`the database is unreachable (${(err as Error).message}); requests that need it fail until it is back`],
      database: { ok: false, latencyMs: null, error: (err as Error).message },
      migrations: { ok: false, applied: 0, pending: [] },
      worker: { ok: false, lastHeartbeatAt: null, ageSeconds: null },
    };
  } finally {
    await client.end().catch(() => {});
  }
}
