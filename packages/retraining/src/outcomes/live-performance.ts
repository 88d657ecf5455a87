// How right a deployed version has been: its headline metric (AUC, accuracy, RMSE) on the decisions
// whose outcomes arrived, per window of decision time, beside the holdout metric it was approved with.
import { headlineMetric, type LivePerformance, type MonitoringWindow } from "@roundhouse/contracts";
import type { Db } from "@roundhouse/db";
import { rocAuc } from "@roundhouse/ml";
import { monitoredVersion } from "../monitored-version.ts";

const SPAN = { hour: 3_600_000, day: 86_400_000 };
const DAY = 86_400_000;

interface Scored {
  at: Date;
  value: string | number;
  output: { prediction?: unknown; probabilities?: Record<string, number> | null };
}

export async function livePerformance(
  db: Db,
  modelName: string,
  q: { version?: number; window: MonitoringWindow; days: number },
): Promise<LivePerformance> {
  const { model, version } = await monitoredVersion(db, modelName, q.version);
  const schema = (version?.featureSchema ?? {}) as { task?: string; classes?: string[] | null };
  const task = schema.task ?? "binary";
  const metric = headlineMetric(task);
  const base = {
    modelVersion: version ? { model: model.name, version: version.version, modelVersionId: version.id } : null,
    window: q.window,
    metric,
    holdout: ((version?.metrics ?? {}) as Record<string, number>)[metric] ?? null,
  };
  if (!version) return { ...base, overall: null, outcomes: 0, windows: [] };
  const rows = await db.$queryRaw<Scored[]>`
    SELECT o.decided_at AS at, o.value, d.output FROM decision_outcomes o JOIN decisions d ON d.id = o.decision_id
    WHERE o.model_version_id = ${version.id}::uuid AND o.decided_at >= ${new Date(Date.now() - q.days * DAY)}
    ORDER BY o.decided_at`;
  const score = scorer(task, schema.classes ?? []);
  const groups = new Map<number, Scored[]>();
  for (const r of rows) {
    const start = Math.floor(r.at.getTime() / SPAN[q.window]) * SPAN[q.window];
    groups.set(start, [...(groups.get(start) ?? []), r]);
  }
  return {
    ...base,
    overall: score(rows),
    outcomes: rows.length,
    windows: [...groups.entries()].map(([start, rs]) => ({ start: new Date(start).toISOString(), outcomes: rs.length, value: score(rs) })),
  };
}

/** The task's headline metric on scored outcomes; null where it is undefined (AUC of one class). */
function scorer(task: string, classes: string[]): (rows: Scored[]) => number | null {
  if (task === "regression") {
    return (rows) => {
      if (!rows.length) return null;
      let se = 0;
      for (const r of rows) se += (Number(r.value) - Number(r.output.prediction)) ** 2;
      return Math.sqrt(se / rows.length);
    };
  }
  if (task === "multiclass") {
    return (rows) => (rows.length ? rows.filter((r) => String(r.output.prediction) === String(r.value)).length / rows.length : null);
  }
  const positive = classes[1] as string;
  return (rows) => {
    const y = rows.map((r) => (String(r.value) === positive ? 1 : 0));
    const p = rows.map((r) => r.output.probabilities?.[positive] ?? 0);
    if (!y.includes(1) || !y.includes(0)) return null;
    return rocAuc(y, p);
  };
}
