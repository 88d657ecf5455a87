// A 250 px chart cannot show more than this many points per curve; fewer points keep 20 overlaid
// curves quick to send and to draw.
export const MAX_CURVE_POINTS = 120;

/** Evenly spaced points of a curve, first and last kept. */
export function thin<T>(points: T[], max = MAX_CURVE_POINTS): T[] {
  if (points.length <= max) return points;
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)] as T);
}
