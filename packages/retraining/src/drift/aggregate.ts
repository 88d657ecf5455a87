// Drift is counted as the decision log grows, never by rescanning it. The decision batches are
// numbered in commit order (record_decision_batch takes a lock until its transaction ends), so a
// cursor on the batch number says exactly what has been counted. One transaction reads the batches
// after the cursor, adds their decisions to hourly windows, raises the alerts they cross and moves
// the cursor: a process killed mid-step leaves the counts and the cursor as they were.
import type { Actor, Db, Prisma } from "@roundhouse/db";
import { audit } from "@roundhouse/db";
import type { TrainingProfile } from "@roundhouse/ml";
import { featureEncoder, type ServedFeature } from "@roundhouse/serving";
import { driftFindings, windowDrift } from "./measures.ts";
import { addCounts, countDecision, emptyCounts, type LoggedDecision, type ProfiledVersion, type WindowCounts } from "./window-counts.ts";

export const DRIFT_ACTOR: Actor = { id: null, label: "system:drift" };

const HOUR = 3_600_000;

export interface AggregateResult {
  decisions: number;
  windows: number;
  alerts: number;
  /** More batches are waiting after this step. */
  more: boolean;
}

/** Counts the decisions of up to ~`maxDecisions` batches after the cursor. */
export async function aggregateDrift(db: Db, maxDecisions = 20_000): Promise<AggregateResult> {
  return db.$transaction(
    async (tx) => {
      const [cursor] = await tx.$queryRaw<{ seq: bigint }[]>`SELECT last_batch_seq AS seq FROM drift_cursor WHERE id = 1 FOR UPDATE`;
      const from = cursor?.seq ?? 0n;
      const batches = await tx.$queryRaw<{ seq: bigint; count: number }[]>`
        SELECT seq, count FROM decision_batches WHERE seq > ${from} ORDER BY seq LIMIT 1000`;
      if (batches.length === 0) return { decisions: 0, windows: 0, alerts: 0, more: false };
      let upto = from;
      let taken = 0;
      for (const b of batches) {
        if (taken > 0 && taken + b.count > maxDecisions) break;
        upto = b.seq;
        taken += b.count;
      }
      const rows = await tx.$queryRaw<(LoggedDecision & { modelVersionId: string; at: Date })[]>`
        SELECT model_version_id::text AS "modelVersionId", at, input, output, warnings
        FROM decisions WHERE batch_seq > ${from} AND batch_seq <= ${upto}`;
      const windows = await countWindows(tx, rows);
      const alerts = await storeWindows(tx, windows);
      await tx.$executeRaw`UPDATE drift_cursor SET last_batch_seq = ${upto} WHERE id = 1`;
      return {
        decisions: rows.length,
        windows: windows.size,
        alerts,
        more: upto !== batches[batches.length - 1]?.seq || batches.length === 1000,
      };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

interface Window {
  version: ProfiledVersion;
  modelVersionId: string;
  start: Date;
  decisions: number;
  counts: WindowCounts;
}

async function countWindows(tx: Prisma.TransactionClient, rows: (LoggedDecision & { modelVersionId: string; at: Date })[]) {
  const versions = await profiledVersions(tx, [...new Set(rows.map((r) => r.modelVersionId))]);
  const windows = new Map<string, Window>();
  for (const row of rows) {
    const version = versions.get(row.modelVersionId);
    // A version trained before drift existed has no profile to compare with: nothing to count.
    if (!version) continue;
    const start = new Date(Math.floor(row.at.getTime() / HOUR) * HOUR);
    const key = `${row.modelVersionId}|${start.getTime()}`;
    let w = windows.get(key);
    if (!w) {
      w = { version, modelVersionId: row.modelVersionId, start, decisions: 0, counts: emptyCounts(version.profile) };
      windows.set(key, w);
    }
    countDecision(w.counts, version, row);
    w.decisions++;
  }
  return windows;
}

/** Adds each window's counts to the stored hour, then raises what the hour now crosses (once each). */
async function storeWindows(tx: Prisma.TransactionClient, windows: Map<string, Window>): Promise<number> {
  let raised = 0;
  for (const w of windows.values()) {
    const [stored] = await tx.$queryRaw<{ decisions: number; counts: WindowCounts }[]>`
      SELECT decisions, counts FROM drift_windows WHERE model_version_id = ${w.modelVersionId}::uuid AND window_start = ${w.start} FOR UPDATE`;
    const counts = stored ? addCounts(stored.counts, w.counts) : w.counts;
    const decisions = (stored?.decisions ?? 0) + w.decisions;
    await tx.$executeRaw`
      INSERT INTO drift_windows (model_version_id, window_start, decisions, counts, updated_at)
      VALUES (${w.modelVersionId}::uuid, ${w.start}, ${decisions}, ${JSON.stringify(counts)}::jsonb, now())
      ON CONFLICT (model_version_id, window_start) DO UPDATE SET decisions = EXCLUDED.decisions, counts = EXCLUDED.counts, updated_at = now()`;
    for (const f of driftFindings(windowDrift(w.version.profile, counts, decisions), decisions)) {
      const [alert] = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO drift_alerts (model_version_id, window_start, feature, measure, value, threshold, decisions)
        VALUES (${w.modelVersionId}::uuid, ${w.start}, ${f.feature}, ${f.measure}, ${f.value}, ${f.threshold}, ${decisions})
        ON CONFLICT (model_version_id, window_start, feature, measure) DO NOTHING RETURNING id::text`;
      if (!alert) continue;
      raised++;
      await audit(
        tx,
        { actor: DRIFT_ACTOR, requestId: `drift:${w.modelVersionId}:${w.start.toISOString()}` },
        {
          action: "drift.alert",
          entityType: "model-version",
          entityId: w.modelVersionId,
          after: { alertId: alert.id, windowStart: w.start.toISOString(), ...f, decisions },
        },
      );
    }
  }
  return raised;
}

// A version's schema and profile never change once registered: read each once per process.
const cache = new Map<string, ProfiledVersion | null>();

export async function profiledVersions(tx: Prisma.TransactionClient | Db, ids: string[]) {
  const missing = ids.filter((id) => !cache.has(id));
  if (missing.length) {
    const found = await tx.modelVersion.findMany({
      where: { id: { in: missing } },
      select: { id: true, featureSchema: true, trainingProfile: true },
    });
    for (const id of missing) cache.set(id, null);
    for (const v of found) cache.set(v.id, v.trainingProfile ? profiled(v.featureSchema, v.trainingProfile) : null);
  }
  const out = new Map<string, ProfiledVersion>();
  for (const id of ids) {
    const v = cache.get(id);
    if (v) out.set(id, v);
  }
  return out;
}

function profiled(featureSchema: unknown, trainingProfile: unknown): ProfiledVersion {
  const schema = featureSchema as { features: ServedFeature[]; classes: string[] | null };
  return {
    profile: trainingProfile as TrainingProfile,
    features: schema.features,
    classes: schema.classes ?? null,
    encode: featureEncoder(schema.features),
  };
}
