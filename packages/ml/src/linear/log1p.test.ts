// The logistic loss's log(1 + x) (log1p.ts) against Math.log1p on [0, 1], the range e^−|s| takes.
import { expect, it } from "vitest";
import { log1pUnit } from "./log1p.ts";

it("matches Math.log1p to within 2.5e-16 relative error on [0, 1], on both sides of √2 − 1", () => {
  let worst = 0;
  for (let i = 1; i <= 200_000; i++) {
    const x = i % 2 ? i / 200_000 : Math.exp(-i / 2_000); // evenly spaced, then down to e^-100
    const expected = Math.log1p(x);
    worst = Math.max(worst, Math.abs(log1pUnit(x) - expected) / expected);
  }
  expect(worst).toBeLessThan(2.5e-16);
  expect(log1pUnit(0)).toBe(0);
  expect(log1pUnit(1)).toBe(Math.LN2);
  expect(log1pUnit(Math.SQRT2 - 1)).toBeCloseTo(Math.LN2 / 2, 15);
  expect(log1pUnit(1e-300)).toBe(1e-300);
});
