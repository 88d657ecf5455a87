import { describe, expect, it } from "vitest";
import { thin } from "./thin.ts";

describe("thin", () => {
  it("keeps short curves as they are", () => {
    expect(thin([1, 2, 3], 5)).toEqual([1, 2, 3]);
  });
  it("keeps both ends and spaces the rest evenly", () => {
    const points = Array.from({ length: 301 }, (_, i) => i);
    const out = thin(points, 11);
    expect(out).toEqual([0, 30, 60, 90, 120, 150, 180, 210, 240, 270, 300]);
  });
});
