// One window's drift counts for one model version: how many decisions fell in each training bin of
// each feature, how many were missing or had a category the model never saw, and where the
// predictions fell. Counts, not statistics, so windows add up (hours into days, batches into hours).

import { categoryBinOf, profileBinOf, type TrainingProfile } from "@roundhouse/ml";
import type { featureEncoder, ServedFeature } from "@roundhouse/serving";

export interface FeatureCounts {
  bins: number[];
  missing: number;
  unseen: number;
}

export interface WindowCounts {
  features: Record<string, FeatureCounts>;
  prediction: number[];
}

export interface ProfiledVersion {
  profile: TrainingProfile;
  features: ServedFeature[];
  classes: string[] | null;
  encode: ReturnType<typeof featureEncoder>;
}

export interface LoggedDecision {
  input: unknown;
  output: { prediction?: unknown; probabilities?: Record<string, number> | null } | null;
  warnings: { feature: string; message: string }[] | null;
}

export function emptyCounts(profile: TrainingProfile): WindowCounts {
  const features: Record<string, FeatureCounts> = {};
  for (const f of profile.features) features[f.name] = { bins: new Array(f.share.length).fill(0), missing: 0, unseen: 0 };
  return { features, prediction: new Array(profile.prediction.share.length).fill(0) };
}

/** Adds `more` into `into` (same profile, so same shapes). */
export function addCounts(into: WindowCounts, more: WindowCounts): WindowCounts {
  for (const [name, c] of Object.entries(more.features)) {
    const target = into.features[name];
    if (!target) {
      into.features[name] = { bins: c.bins.slice(), missing: c.missing, unseen: c.unseen };
      continue;
    }
    c.bins.forEach((n, i) => {
      target.bins[i] = (target.bins[i] ?? 0) + n;
    });
    target.missing += c.missing;
    target.unseen += c.unseen;
  }
  more.prediction.forEach((n, i) => {
    into.prediction[i] = (into.prediction[i] ?? 0) + n;
  });
  return into;
}

// The serving warning for a category the model never saw (feature-row.ts) starts this way.
const UNSEEN = "unknown category";

/** Counts one logged decision: its input encoded as serving encoded it, its warnings, its output. */
export function countDecision(counts: WindowCounts, version: ProfiledVersion, decision: LoggedDecision) {
  const { rows } = version.encode([decision.input], () => "");
  const row = rows[0];
  const unseen = new Set((decision.warnings ?? []).filter((w) => w.message.startsWith(UNSEEN)).map((w) => w.feature));
  const indexOf = featureIndex(version);
  for (const f of version.profile.features) {
    const c = counts.features[f.name] as FeatureCounts;
    const v = row ? (row[indexOf.get(f.name) as number] as number) : Number.NaN;
    if (Number.isNaN(v)) {
      if (unseen.has(f.name)) c.unseen++;
      else c.missing++;
      continue;
    }
    const bin = f.kind === "numeric" ? profileBinOf(f.edges, v) : categoryBinOf(f.top, v);
    c.bins[bin] = (c.bins[bin] ?? 0) + 1;
  }
  const bin = predictionBin(version, decision.output);
  if (bin !== null) counts.prediction[bin] = (counts.prediction[bin] ?? 0) + 1;
}

const indexes = new WeakMap<ProfiledVersion, Map<string, number>>();
function featureIndex(version: ProfiledVersion): Map<string, number> {
  let map = indexes.get(version);
  if (!map) {
    map = new Map(version.features.map((f, i) => [f.name, i]));
    indexes.set(version, map);
  }
  return map;
}

function predictionBin(version: ProfiledVersion, output: LoggedDecision["output"]): number | null {
  const p = version.profile.prediction;
  if (!output) return null;
  if (p.kind === "probability") {
    const positive = version.classes?.[1];
    const prob = positive !== undefined ? output.probabilities?.[positive] : undefined;
    return typeof prob === "number" ? profileBinOf(p.edges, prob) : null;
  }
  if (p.kind === "class") {
    const k = version.classes?.indexOf(String(output.prediction)) ?? -1;
    return k >= 0 ? k : null;
  }
  return typeof output.prediction === "number" ? profileBinOf(p.edges, output.prediction) : null;
}
