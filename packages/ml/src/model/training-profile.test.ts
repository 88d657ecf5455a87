import { describe, expect, it } from "vitest";
import { synthetic } from "../test-data.ts";
import { categoryBinOf, populationStability, profileBinOf, trainingProfile } from "./training-profile.ts";

describe("training profile", () => {
  const data = synthetic(5000, "binary", 3);
  const probs = Float64Array.from({ length: 1000 }, (_, i) => i / 1000);
  const profile = trainingProfile(data, probs, "binary", 2, new Set(["noise"]));

  it("cuts numbers at their deciles, keeps the missing share, and leaves out what it is told to", () => {
    expect(profile.features.map((f) => f.name)).toEqual(["x0", "x1", "color"]);
    const x0 = profile.features[0];
    if (x0?.kind !== "numeric") throw new Error("x0 is numeric");
    expect(x0.edges).toHaveLength(9);
    expect(x0.missing).toBeGreaterThan(0.07);
    expect(x0.missing).toBeLessThan(0.13);
    for (const share of x0.share) expect(share).toBeCloseTo(0.1, 1);
  });

  it("groups categories into the most frequent and the rest, and bins predictions by tenths", () => {
    const color = profile.features[2];
    if (color?.kind !== "categorical") throw new Error("color is categorical");
    expect([...color.top].sort()).toEqual([0, 1, 2]);
    expect(color.share).toHaveLength(4);
    expect(color.share[3]).toBe(0);
    expect(categoryBinOf(color.top, 7)).toBe(3);
    expect(profile.prediction.share).toHaveLength(10);
    for (const share of profile.prediction.share) expect(share).toBeCloseTo(0.1, 2);
  });

  it("puts a value on a cut in the bin below it", () => {
    expect(profileBinOf([1, 2, 3], 0)).toBe(0);
    expect(profileBinOf([1, 2, 3], 1)).toBe(0);
    expect(profileBinOf([1, 2, 3], 1.5)).toBe(1);
    expect(profileBinOf([1, 2, 3], 9)).toBe(3);
  });
});

describe("population stability", () => {
  it("is zero for the same shares and grows with the shift, finite with empty bins", () => {
    expect(populationStability([0.5, 0.5], [50, 50])).toBe(0);
    const small = populationStability([0.5, 0.5], [55, 45]);
    const large = populationStability([0.5, 0.5], [90, 10]);
    expect(small).toBeGreaterThan(0);
    expect(small).toBeLessThan(0.1);
    expect(large).toBeGreaterThan(0.25);
    expect(Number.isFinite(populationStability([0.5, 0.5, 0], [0, 50, 50]))).toBe(true);
    expect(populationStability([0.5, 0.5], [0, 0])).toBe(0);
  });
});
