// Binary classification metrics from labels (0/1) and scores (probability of class 1). Ties are
// handled as scikit-learn does: tied scores form one step of the ROC and PR curves.

export interface CurvePoint {
  x: number;
  y: number;
  threshold: number;
}

interface Sorted {
  /** Distinct thresholds, high to low, with cumulative true and false positives at each. */
  thresholds: number[];
  tps: number[];
  fps: number[];
  positives: number;
  negatives: number;
}

function sortByScore(y: ArrayLike<number>, p: ArrayLike<number>): Sorted {
  const n = y.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (p[b] as number) - (p[a] as number));
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r] as number;
    if ((y[i] as number) === 1) tp++;
    else fp++;
    const next = order[r + 1];
    if (next === undefined || (p[next] as number) !== (p[i] as number)) {
      thresholds.push(p[i] as number);
      tps.push(tp);
      fps.push(fp);
    }
  }
  return { thresholds, tps, fps, positives: tp, negatives: fp };
}

export function rocAuc(y: ArrayLike<number>, p: ArrayLike<number>): number {
  const s = sortByScore(y, p);
  if (s.positives === 0 || s.negatives === 0) return Number.NaN;
  let area = 0;
  let prevTpr = 0;
  let prevFpr = 0;
  for (let i = 0; i < s.thresholds.length; i++) {
    const tpr = (s.tps[i] as number) / s.positives;
    const fpr = (s.fps[i] as number) / s.negatives;
    area += ((fpr - prevFpr) * (tpr + prevTpr)) / 2;
    prevTpr = tpr;
    prevFpr = fpr;
  }
  return area;
}

/** Average precision: Σ (R_n − R_{n−1}) P_n, as scikit-learn's average_precision_score. */
export function averagePrecision(y: ArrayLike<number>, p: ArrayLike<number>): number {
  const s = sortByScore(y, p);
  if (s.positives === 0) return Number.NaN;
  let ap = 0;
  let prevRecall = 0;
  for (let i = 0; i < s.thresholds.length; i++) {
    const tp = s.tps[i] as number;
    const recall = tp / s.positives;
    const precision = tp / (tp + (s.fps[i] as number));
    ap += (recall - prevRecall) * precision;
    prevRecall = recall;
  }
  return ap;
}

export function logLoss(y: ArrayLike<number>, p: ArrayLike<number>, eps = 1e-15): number {
  let l = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(Math.max(p[i] as number, eps), 1 - eps);
    l -= (y[i] as number) === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return l / y.length;
}

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export function confusionAt(y: ArrayLike<number>, p: ArrayLike<number>, threshold = 0.5): Confusion {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < y.length; i++) {
    const predicted = (p[i] as number) >= threshold;
    const actual = (y[i] as number) === 1;
    if (predicted && actual) c.tp++;
    else if (predicted) c.fp++;
    else if (actual) c.fn++;
    else c.tn++;
  }
  return c;
}

export function thresholdMetrics(c: Confusion) {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return {
    accuracy: (c.tp + c.tn) / Math.max(1, c.tp + c.tn + c.fp + c.fn),
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
  };
}

/** Up to `points` points of the ROC curve (x = FPR, y = TPR), always including both ends. */
export function rocCurve(y: ArrayLike<number>, p: ArrayLike<number>, points = 300): CurvePoint[] {
  const s = sortByScore(y, p);
  const all = [
    { x: 0, y: 0, threshold: Infinity },
    ...s.thresholds.map((t, i) => ({ x: (s.fps[i] as number) / s.negatives, y: (s.tps[i] as number) / s.positives, threshold: t })),
  ];
  return thin(all, points);
}

/** Up to `points` points of the precision-recall curve (x = recall, y = precision). */
export function prCurve(y: ArrayLike<number>, p: ArrayLike<number>, points = 300): CurvePoint[] {
  const s = sortByScore(y, p);
  const all = s.thresholds.map((t, i) => ({
    x: (s.tps[i] as number) / s.positives,
    y: (s.tps[i] as number) / ((s.tps[i] as number) + (s.fps[i] as number)),
    threshold: t,
  }));
  return thin(all, points);
}

/** Predicted probability vs observed frequency in equal-width bins. */
export function calibration(y: ArrayLike<number>, p: ArrayLike<number>, bins = 10) {
  const sum = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const count = new Float64Array(bins);
  for (let i = 0; i < y.length; i++) {
    const b = Math.min(bins - 1, Math.floor((p[i] as number) * bins));
    sum[b] = (sum[b] as number) + (p[i] as number);
    hits[b] = (hits[b] as number) + (y[i] as number);
    count[b] = (count[b] as number) + 1;
  }
  return Array.from({ length: bins }, (_, b) => ({
    bin: b,
    predicted: count[b] ? (sum[b] as number) / (count[b] as number) : null,
    observed: count[b] ? (hits[b] as number) / (count[b] as number) : null,
    count: count[b] as number,
  }));
}

function thin(points: CurvePoint[], max: number): CurvePoint[] {
  if (points.length <= max) return points;
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)] as CurvePoint);
}
