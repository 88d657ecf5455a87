// The drift page's numbers: each stored hour (or day: the sum of its hours) measured against the
// version's training profile, the prediction distribution served against the holdout's, and the alerts.
import { DRIFT_THRESHOLDS, type DriftAlert, type DriftReport, type MonitoringWindow } from "@roundhouse/contracts";
import type { Db } from "@roundhouse/db";
import type { PredictionProfile, TrainingProfile } from "@roundhouse/ml";
import { monitoredVersion } from "../monitored-version.ts";
import { windowDrift } from "./measures.ts";
import { addCounts, emptyCounts, type WindowCounts } from "./window-counts.ts";

const DAY = 86_400_000;

export async function driftReport(
  db: Db,
  modelName: string,
  q: { version?: number; window: MonitoringWindow; days: number },
): Promise<DriftReport> {
  const { model, version } = await monitoredVersion(db, modelName, q.version);
  const empty: DriftReport = {
    modelVersion: version ? { model: model.name, version: version.version, modelVersionId: version.id } : null,
    window: q.window,
    profiled: false,
    thresholds: { ...DRIFT_THRESHOLDS },
    features: [],
    windows: [],
    prediction: { kind: "probability", labels: [], training: [], served: [] },
    alerts: [],
  };
  if (!version?.trainingProfile) return empty;
  const profile = version.trainingProfile as unknown as TrainingProfile;
  const since = new Date(Date.now() - q.days * DAY);
  const stored = await db.driftWindow.findMany({
    where: { modelVersionId: version.id, windowStart: { gte: since } },
    orderBy: { windowStart: "asc" },
  });
  const windows = new Map<number, { decisions: number; counts: WindowCounts }>();
  const served = emptyCounts(profile);
  for (const w of stored) {
    const start = q.window === "day" ? Math.floor(w.windowStart.getTime() / DAY) * DAY : w.windowStart.getTime();
    const into = windows.get(start) ?? { decisions: 0, counts: emptyCounts(profile) };
    addCounts(into.counts, w.counts as unknown as WindowCounts);
    addCounts(served, w.counts as unknown as WindowCounts);
    into.decisions += w.decisions;
    windows.set(start, into);
  }
  const alerts = await db.driftAlert.findMany({ where: { modelVersionId: version.id }, orderBy: { createdAt: "desc" }, take: 50 });
  const servedTotal = served.prediction.reduce((s, n) => s + n, 0);
  const schema = version.featureSchema as { classes?: string[] | null };
  return {
    ...empty,
    profiled: true,
    features: profile.features.map((f) => ({ name: f.name, kind: f.kind })),
    windows: [...windows.entries()].map(([start, w]) => {
      const drift = windowDrift(profile, w.counts, w.decisions);
      return {
        start: new Date(start).toISOString(),
        decisions: w.decisions,
        predictionPsi: drift.predictionPsi,
        features: drift.features.map(({ kind: _k, ...f }) => f),
      };
    }),
    prediction: {
      kind: profile.prediction.kind,
      labels: binLabels(profile.prediction, schema.classes ?? []),
      training: profile.prediction.share,
      served: served.prediction.map((n) => (servedTotal ? n / servedTotal : 0)),
    },
    alerts: alerts.map(
      (a): DriftAlert => ({
        id: a.id,
        modelVersionId: a.modelVersionId,
        version: version.version,
        windowStart: a.windowStart.toISOString(),
        feature: a.feature,
        measure: a.measure as DriftAlert["measure"],
        value: a.value,
        threshold: a.threshold,
        decisions: a.decisions,
        createdAt: a.createdAt.toISOString(),
      }),
    ),
  };
}

function binLabels(p: PredictionProfile, classes: string[]): string[] {
  if (p.kind === "class") return classes;
  const fmt = (v: number) => Number(v.toPrecision(3)).toString();
  return p.share.map((_, i) => {
    if (i === 0) return `≤ ${fmt(p.edges[0] ?? 0)}`;
    if (i === p.edges.length) return `> ${fmt(p.edges[i - 1] ?? 0)}`;
    return `${fmt(p.edges[i - 1] ?? 0)}–${fmt(p.edges[i] ?? 0)}`;
  });
}
