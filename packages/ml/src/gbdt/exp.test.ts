// The logistic gradients' e^x (exp.ts) against Math.exp: within a couple of ulps over the range
// boosting scores take, exact at 0, and clamped instead of overflowing.
import { expect, it } from "vitest";
import { gradientExp, gradientExp32 } from "./exp.ts";

it("matches Math.exp to within 4e-16 relative error from -700 to 700", () => {
  let worst = 0;
  for (let i = 0; i <= 200_000; i++) {
    const x = -700 + (1400 * i) / 200_000 + Math.sin(i) * 1e-3;
    const expected = Math.exp(x);
    worst = Math.max(worst, Math.abs(gradientExp(x) - expected) / expected);
  }
  expect(worst).toBeLessThan(4e-16);
  expect(gradientExp(0)).toBe(1);
  expect(gradientExp(1)).toBeCloseTo(Math.E, 15);
});

it("clamps beyond ±708 to finite, positive values", () => {
  expect(gradientExp(1000)).toBe(gradientExp(708));
  expect(Number.isFinite(gradientExp(1000))).toBe(true);
  expect(gradientExp(-1000)).toBeGreaterThan(0);
  expect(gradientExp(-1000)).toBe(gradientExp(-708));
});

it("gradientExp32 is a float32 within 2 float32 ulps of e^x from -80 to 80, exact at 0, clamped beyond", () => {
  let worst = 0;
  for (let i = 0; i <= 200_000; i++) {
    const x = Math.fround(-80 + (160 * i) / 200_000 + Math.sin(i) * 1e-3);
    const y = gradientExp32(x);
    expect(Math.fround(y)).toBe(y);
    worst = Math.max(worst, Math.abs(y - Math.exp(x)) / Math.exp(x));
  }
  expect(worst).toBeLessThan(2 * 2 ** -23);
  expect(gradientExp32(0)).toBe(1);
  expect(gradientExp32(200)).toBe(gradientExp32(80));
  expect(gradientExp32(-200)).toBe(gradientExp32(-80));
  expect(gradientExp32(-200)).toBeGreaterThan(1e-35);
});
