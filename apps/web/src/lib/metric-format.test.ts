import { describe, expect, it } from "vitest";
import { formatDelta, formatMetric } from "./metric-format";

describe("metric values as pages show them", () => {
  it("signs deltas with a real minus and shows no value as a dash", () => {
    expect(formatDelta(0.01234)).toBe("+0.0123");
    expect(formatDelta(-0.5)).toBe("−0.5000");
    expect(formatMetric(null)).toBe("–");
    expect(formatMetric(0.91234)).toBe("0.9123");
    expect(formatMetric(12345.67)).toBe("12,345.7");
  });
});
