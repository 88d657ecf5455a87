// The logistic loss's log(1 + x) (log1p.ts) against Math.log1p on [0, 1], the range e^−|s| takes,
// and the multinomial loss's log(x) against Math.log on [1, 16].
import { expect, it } from "vitest";
import { log1pUnit, logAboveOne } from "./log1p.ts";

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

it("logAboveOne matches Math.log to within 4e-16 relative error on [1, 16], powers of two exactly", () => {
  let worst = 0;
  for (let i = 1; i <= 150_000; i++) {
    const x = 1 + i / 10_000;
    worst = Math.max(worst, Math.abs(logAboveOne(x) - Math.log(x)) / Math.log(x));
  }
  expect(worst).toBeLessThan(4e-16);
  expect(logAboveOne(1)).toBe(0);
  expect(logAboveOne(8)).toBe(3 * Math.LN2);
  const tiny = 1 + 2 ** -40; // just above 1, where log(x) ≈ x − 1 and cancellation would show
  expect(Math.abs(logAboveOne(tiny) / Math.log(tiny) - 1)).toBeLessThan(4e-16);
});
