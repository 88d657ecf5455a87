import type { RunDetail } from "@roundhouse/contracts";

export interface Counts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/**
 * The binary confusion matrix at a threshold of the slider (a hundredth): exact from the run's counts
 * at each hundredth; for a run stored before them, near enough from its ROC curve (TPR and FPR at up
 * to 300 of its scores) and the class totals. No second pass over the holdout in the browser.
 */
export function confusionAtThreshold(evaluation: NonNullable<RunDetail["evaluation"]>, threshold: number): Counts | null {
  const c = evaluation.confusion as Counts | undefined;
  if (!c || typeof c.tp !== "number") return null;
  const positives = c.tp + c.fn;
  const negatives = c.fp + c.tn;
  const exact = evaluation.atThresholds?.[Math.round(threshold * 100)];
  if (exact) return { tp: exact.tp, fp: exact.fp, fn: positives - exact.tp, tn: negatives - exact.fp };
  const roc = evaluation.curves?.roc;
  if (!roc?.length) return null;
  // Points run from the highest threshold down; take the last one still at or above the cut.
  let point = roc[0];
  for (const p of roc) if ((p.threshold ?? Infinity) >= threshold) point = p;
  const tp = Math.round((point?.y ?? 0) * positives);
  const fp = Math.round((point?.x ?? 0) * negatives);
  return { tp, fp, fn: positives - tp, tn: negatives - fp };
}

export function rates(c: Counts) {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return {
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    accuracy: (c.tp + c.tn) / Math.max(1, c.tp + c.tn + c.fp + c.fn),
  };
}
