// Binary classification metrics from labels (0/1) and scores (probability of class 1). Ties are
// handled as scikit-learn does: tied scores form one step of the ROC and PR curves.

export interface CurvePoint {
  x: number;
  y: number;
  threshold: number;
}

/** Scores ranked high to low, computed once and shared by every metric and curve of an evaluation. */
export interface ScoreRanking {
  /** Distinct thresholds, high to low, with cumulative true and false positives at each. */
  thresholds: number[];
  tps: number[];
  fps: number[];
  positives: number;
  negatives: number;
}

/**
 * Each class's scores sorted on its own (a typed array's native sort), then merged from the top:
 * sorting row indices with a comparator took 0.19 s per call on 80k rows. A missing (NaN) score
 * counts as the lowest, below every other.
 */
export function rankByScore(y: ArrayLike<number>, p: ArrayLike<number>): ScoreRanking {
  let positives = 0;
  for (let i = 0; i < y.length; i++) if ((y[i] as number) === 1) positives++;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(y.length - positives);
  for (let i = 0, a = 0, b = 0; i < y.length; i++) {
    const score = Number.isNaN(p[i] as number) ? -Infinity : (p[i] as number);
    if ((y[i] as number) === 1) pos[a++] = score;
    else neg[b++] = score;
  }
  pos.sort();
  neg.sort();
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let a = pos.length - 1;
  let b = neg.length - 1;
  while (a >= 0 || b >= 0) {
    const t = Math.max(a >= 0 ? (pos[a] as number) : -Infinity, b >= 0 ? (neg[b] as number) : -Infinity);
    while (a >= 0 && pos[a] === t) a--;
    while (b >= 0 && neg[b] === t) b--;
    thresholds.push(t);
    tps.push(pos.length - 1 - a);
    fps.push(neg.length - 1 - b);
  }
  return { thresholds, tps, fps, positives, negatives: neg.length };
}

export function rocAuc(y: ArrayLike<number>, p: ArrayLike<number>, s = rankByScore(y, p)): number {
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
export function averagePrecision(y: ArrayLike<number>, p: ArrayLike<number>, s = rankByScore(y, p)): number {
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

/** A threshold of the run page's slider (0, 0.01 … 1) with the holdout's true and false positives at P ≥ it. */
export interface ThresholdCounts {
  threshold: number;
  tp: number;
  fp: number;
}

/**
 * The confusion at each hundredth, exactly: the page's matrix read it from the ROC curve, thinned to
 * 300 points, so on more rows than that it disagreed with the metrics (31 true positives at 0.50
 * beside a precision counted with 32).
 */
export function countsAtHundredths(y: ArrayLike<number>, p: ArrayLike<number>): ThresholdCounts[] {
  const tp = new Float64Array(101);
  const fp = new Float64Array(101);
  for (let i = 0; i < y.length; i++) {
    const v = p[i] as number;
    if (!(v >= 0)) continue;
    // The highest k with k / 100 ≤ v: the slider's values are k / 100 as JavaScript reads "0.07".
    let k = Math.min(100, Math.floor(v * 100));
    while (k < 100 && (k + 1) / 100 <= v) k++;
    while (k > 0 && k / 100 > v) k--;
    if ((y[i] as number) === 1) tp[k] = (tp[k] as number) + 1;
    else fp[k] = (fp[k] as number) + 1;
  }
  const out: ThresholdCounts[] = [];
  let t = 0;
  let f = 0;
  for (let k = 100; k >= 0; k--) {
    t += tp[k] as number;
    f += fp[k] as number;
    out.push({ threshold: k / 100, tp: t, fp: f });
  }
  return out.reverse();
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
export function rocCurve(y: ArrayLike<number>, p: ArrayLike<number>, points = 300, s = rankByScore(y, p)): CurvePoint[] {
  const all = [
    { x: 0, y: 0, threshold: Infinity },
    ...s.thresholds.map((t, i) => ({ x: (s.fps[i] as number) / s.negatives, y: (s.tps[i] as number) / s.positives, threshold: t })),
  ];
  return thin(all, points);
}

/** Up to `points` points of the precision-recall curve (x = recall, y = precision). */
export function prCurve(y: ArrayLike<number>, p: ArrayLike<number>, points = 300, s = rankByScore(y, p)): CurvePoint[] {
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
