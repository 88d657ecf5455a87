import { describe, expect, it } from "vitest";
import { rng } from "../dataset.ts";
import { metricOn, pairedBootstrap } from "./paired-bootstrap.ts";

// Labels and two scorers: `good` sees the label through little noise, `noisy` through a lot.
function scored(n: number, seed: number) {
  const random = rng(seed);
  const y = Float64Array.from({ length: n }, () => (random() < 0.4 ? 1 : 0));
  const score = (noise: number) => Float64Array.from(y, (v) => 1 / (1 + Math.exp(-((v - 0.5) * 2 + (random() - 0.5) * noise))));
  return { y, good: score(4), alsoGood: score(4), noisy: score(12) };
}

describe("paired bootstrap", () => {
  it("finds a clear lead larger than noise, and bounds it around the observed difference", () => {
    const { y, good, noisy } = scored(2000, 1);
    const r = pairedBootstrap({ task: "binary", metric: "auc", y, a: good, b: noisy });
    expect(r.difference).toBeCloseTo(metricOn("binary", "auc", y, good) - metricOn("binary", "auc", y, noisy), 12);
    expect(r.low).toBeGreaterThan(0);
    expect(r.low).toBeLessThan(r.difference);
    expect(r.high).toBeGreaterThan(r.difference);
    expect(r.resamples).toBe(200);
  });

  it("calls two equally good models a tie: the interval holds zero", () => {
    // Two scorers of the same quality with their own noise: the observed difference is luck.
    const { y, good, alsoGood } = scored(500, 2);
    const r = pairedBootstrap({ task: "binary", metric: "auc", y, a: alsoGood, b: good });
    expect(r.low).toBeLessThan(0);
    expect(r.high).toBeGreaterThan(0);
  });

  it("works for regression errors, where lower is better and the difference is negative", () => {
    const random = rng(4);
    const y = Float64Array.from({ length: 1000 }, () => random() * 10);
    const close = Float64Array.from(y, (v) => v + (random() - 0.5));
    const far = Float64Array.from(y, (v) => v + (random() - 0.5) * 6);
    const r = pairedBootstrap({ task: "regression", metric: "rmse", y, a: close, b: far, seed: 9 });
    expect(r.high).toBeLessThan(0);
    // Same seed, same interval: the verdict on a page does not flicker between loads.
    expect(pairedBootstrap({ task: "regression", metric: "rmse", y, a: close, b: far, seed: 9 })).toEqual(r);
  });
});
