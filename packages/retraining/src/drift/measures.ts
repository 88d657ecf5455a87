// Drift measures of one window against the training profile, and the alerts they raise. Pure, so
// the aggregator, the report and the tests read the same numbers.
import { DRIFT_THRESHOLDS, type DriftMeasure } from "@roundhouse/contracts";
import { populationStability, type TrainingProfile } from "@roundhouse/ml";
import type { WindowCounts } from "./window-counts.ts";

export interface FeatureDrift {
  name: string;
  kind: "numeric" | "categorical";
  /** Population stability of the known values against the training bins (categories: their shares). */
  psi: number;
  missingRate: number;
  trainingMissingRate: number;
  unseenRate: number;
}

export interface WindowDrift {
  features: FeatureDrift[];
  predictionPsi: number;
}

export function windowDrift(profile: TrainingProfile, counts: WindowCounts, decisions: number): WindowDrift {
  const n = Math.max(1, decisions);
  const features = profile.features.map((f): FeatureDrift => {
    const c = counts.features[f.name] ?? { bins: [], missing: 0, unseen: 0 };
    return {
      name: f.name,
      kind: f.kind,
      psi: populationStability(f.share, c.bins),
      missingRate: c.missing / n,
      trainingMissingRate: f.missing,
      unseenRate: c.unseen / n,
    };
  });
  return { features, predictionPsi: populationStability(profile.prediction.share, counts.prediction) };
}

export interface DriftFinding {
  feature: string;
  measure: DriftMeasure;
  value: number;
  threshold: number;
}

/** What crosses a threshold; nothing below `minDecisions` (a handful of decisions is noise, not drift). */
export function driftFindings(drift: WindowDrift, decisions: number, t = DRIFT_THRESHOLDS): DriftFinding[] {
  if (decisions < t.minDecisions) return [];
  const out: DriftFinding[] = [];
  for (const f of drift.features) {
    if (f.psi > t.psi) out.push({ feature: f.name, measure: "psi", value: f.psi, threshold: t.psi });
    const rise = f.missingRate - f.trainingMissingRate;
    if (rise > t.missingRateRise)
      out.push({ feature: f.name, measure: "missing_rate", value: f.missingRate, threshold: f.trainingMissingRate + t.missingRateRise });
    if (f.unseenRate > t.unseenRate) out.push({ feature: f.name, measure: "unseen_rate", value: f.unseenRate, threshold: t.unseenRate });
  }
  if (drift.predictionPsi > t.psi) out.push({ feature: "prediction", measure: "psi", value: drift.predictionPsi, threshold: t.psi });
  return out;
}
