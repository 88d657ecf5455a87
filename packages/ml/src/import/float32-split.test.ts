import { describe, expect, it } from "vitest";
import { rng } from "../dataset.ts";
import { float32AtOrBelow, nextUpF32, thresholdForAtMostF32, thresholdForLessThanF32 } from "./float32-split.ts";

// Doubles just around a float32 are where float32(x) and x disagree: every one must go the way the
// library sends it.
function probes(t: number): number[] {
  const p = Math.fround(t);
  const up = nextUpF32(p);
  const down = -nextUpF32(-p);
  const out = [t, p, up, down, (p + up) / 2, (p + down) / 2];
  for (const base of [...out]) for (const d of [1e-12, 1e-9, 1e-7]) out.push(base * (1 + d), base * (1 - d), base + d, base - d);
  return out;
}

describe("float32 split rules as x <= threshold", () => {
  const random = rng(7);
  const thresholds = [0, 1, -1, 0.1, -0.1, 1e-30, 3.5, 1234.5678, 2 ** 24 + 2, -(2 ** 20) - 0.5, 3.4e38];
  for (let i = 0; i < 300; i++) thresholds.push((random() - 0.5) * 10 ** Math.floor(random() * 12 - 6));

  it("float32(x) < t (XGBoost) for every probe", () => {
    for (const raw of thresholds) {
      const t = Math.fround(raw);
      const converted = thresholdForLessThanF32(t);
      for (const x of probes(t)) expect([x, x <= converted]).toEqual([x, Math.fround(x) < t]);
    }
  });

  it("float32(x) <= t (scikit-learn) for every probe, t any double", () => {
    for (const t of thresholds) {
      const converted = thresholdForAtMostF32(t);
      for (const x of probes(t)) expect([x, x <= converted]).toEqual([x, Math.fround(x) <= t]);
    }
  });
});

describe("float32AtOrBelow (ONNX thresholds)", () => {
  it("is the largest float32 not above t, so float32 inputs split as x <= t does", () => {
    for (const t of [0.1, -0.1, 0.3, 1e-40, -1e-40, 12345.678, 0.5, -2]) {
      const f = float32AtOrBelow(t);
      expect(Math.fround(f)).toBe(f);
      expect(f).toBeLessThanOrEqual(t);
      expect(nextUpF32(f)).toBeGreaterThan(t);
    }
  });
});
