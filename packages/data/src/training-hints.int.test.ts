import { Invalid } from "@roundhouse/contracts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDatasetVersion, ingestDataset } from "./datasets-service.ts";
import { setUpDataTests, uniqueName } from "./test-fixtures.ts";
import { labelAssociations, rowsPerDay } from "./training-hints.ts";

let t: Awaited<ReturnType<typeof setUpDataTests>>;
let version: Awaited<ReturnType<typeof getDatasetVersion>>;
beforeAll(async () => {
  t = await setUpDataTests(inject("databaseUrl"));
  // 600 rows over 3 days (100, 200, 300 rows); `minutes` decides the label, `noise` does not.
  const rows = ["day,minutes,noise,late"];
  for (let i = 0; i < 600; i++) {
    const day = i < 100 ? "2024-03-01" : i < 300 ? "2024-03-02" : "2024-03-03";
    const minutes = (i * 37) % 120;
    rows.push(`${day},${minutes},${(i * 7919) % 13},${minutes > 15}`);
  }
  const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("hints"), file: t.file("hints.csv", `${rows.join("\n")}\n`) });
  version = await getDatasetVersion(t.db, r.version.id);
});
afterAll(() => t.cleanUp());

describe("training hints", () => {
  it("counts rows per day of a date column", async () => {
    expect(await rowsPerDay(version.file, version.dto.schema, "day")).toEqual([
      { day: "2024-03-01", rows: 100 },
      { day: "2024-03-02", rows: 200 },
      { day: "2024-03-03", rows: 300 },
    ]);
  });

  it("refuses a column that is not a date, naming it", async () => {
    await expect(rowsPerDay(version.file, version.dto.schema, "minutes")).rejects.toThrow(Invalid);
    await expect(rowsPerDay(version.file, version.dto.schema, "minutes")).rejects.toThrow(/"minutes" is integer, not a date/);
  });

  it("finds the column that gives a 0/1 label away (single-column AUC 1) and not the noise", async () => {
    const links = await labelAssociations(version.file, version.dto.schema, "late");
    const by = new Map(links.map((l) => [l.column, l]));
    expect(by.get("minutes")?.auc).toBeCloseTo(1, 6);
    expect(Math.abs((by.get("noise")?.auc ?? 0) - 0.5)).toBeLessThan(0.1);
    expect(by.get("day")).toEqual({ column: "day", correlation: null, auc: null });
  });
});
