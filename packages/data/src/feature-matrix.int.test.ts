import type { Holdout } from "@roundhouse/contracts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDatasetVersion, ingestDataset } from "./datasets-service.ts";
import { buildFeatureMatrix, leftOutRows, taskOf } from "./feature-matrix.ts";
import { setUpDataTests, uniqueName } from "./test-fixtures.ts";

let t: Awaited<ReturnType<typeof setUpDataTests>>;
let file: string;
let schema: Awaited<ReturnType<typeof getDatasetVersion>>["dto"]["schema"];
beforeAll(async () => {
  t = await setUpDataTests(inject("databaseUrl"));
  const rows = ["day,x,color,label"];
  for (let i = 0; i < 1000; i++) {
    const day = new Date(Date.UTC(2024, 0, 1 + (i % 100))).toISOString().slice(0, 10);
    rows.push(`${day},${i % 7 === 0 ? "" : i},${["red", "green", ""][i % 3]},${i % 4 === 0 ? "churn" : "stay"}`);
  }
  const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("fm"), file: t.file("fm.csv", `${rows.join("\n")}\n`) });
  const v = await getDatasetVersion(t.db, r.version.id);
  file = v.file;
  schema = v.dto.schema;
});
afterAll(() => t.cleanUp());

/** Ingests CSV lines as a new dataset and builds its matrix, label "y" as a number. */
async function matrixOf(name: string, lines: string[], features: string[], holdout: Holdout) {
  const r = await ingestDataset(t.db, t.ctx, { name: uniqueName(name), file: t.file(`${name}.csv`, `${lines.join("\n")}\n`) });
  const v = await getDatasetVersion(t.db, r.version.id);
  return buildFeatureMatrix({ file: v.file, schema: v.dto.schema, label: "y", labelKind: "numeric", features, holdout });
}

describe("feature matrix", () => {
  it("gives typed columns with NaN for missing values and category codes with their list", async () => {
    const m = await buildFeatureMatrix({
      file,
      schema,
      label: "label",
      features: ["x", "color", "day"],
      holdout: { kind: "random", fraction: 0.25, seed: 7, stratify: false },
    });
    expect(m.features).toEqual([
      { name: "x", kind: "numeric" },
      { name: "color", kind: "categorical", categories: ["green", "red"] },
      { name: "day", kind: "numeric" },
    ]);
    expect(m.label).toEqual({ name: "label", kind: "categorical", classes: ["churn", "stay"] });
    expect(leftOutRows(m)).toEqual([]);
    expect(m.train.rows + m.holdout.rows).toBe(1000);
    expect(m.holdout.rows).toBeGreaterThan(200);
    expect(m.holdout.rows).toBeLessThan(300);
    const all = [...(m.train.columns[0] as Float32Array), ...(m.holdout.columns[0] as Float32Array)];
    expect(all.filter(Number.isNaN).length).toBe(143); // i % 7 === 0
    const colors = [...(m.train.columns[1] as Float32Array), ...(m.holdout.columns[1] as Float32Array)];
    expect(colors.filter(Number.isNaN).length).toBe(333); // empty string reads as missing
    expect(new Set(colors.filter((c) => !Number.isNaN(c)))).toEqual(new Set([0, 1]));
    expect([...m.train.label, ...m.holdout.label].filter((l) => l === 0).length).toBe(250);
  });

  it("is deterministic for a seed and changes with it", async () => {
    const split = (seed: number) =>
      buildFeatureMatrix({
        file,
        schema,
        label: "label",
        features: ["x"],
        holdout: { kind: "random", fraction: 0.2, seed, stratify: false },
      });
    const [a, b, c] = await Promise.all([split(1), split(1), split(2)]);
    expect(Array.from(a.holdout.columns[0] as Float32Array)).toEqual(Array.from(b.holdout.columns[0] as Float32Array));
    expect(Array.from(a.holdout.columns[0] as Float32Array)).not.toEqual(Array.from(c.holdout.columns[0] as Float32Array));
  });

  it("keeps the class balance exactly when stratified", async () => {
    const m = await buildFeatureMatrix({
      file,
      schema,
      label: "label",
      features: ["x"],
      holdout: { kind: "random", fraction: 0.2, seed: 3, stratify: true },
    });
    expect(m.holdout.rows).toBe(200);
    expect(Array.from(m.holdout.label).filter((l) => l === 0).length).toBe(50);
  });

  it("splits by date ranges and leaves out rows outside both", async () => {
    const m = await buildFeatureMatrix({
      file,
      schema,
      label: "x",
      labelKind: "numeric",
      features: ["color"],
      holdout: {
        kind: "dateRange",
        column: "day",
        train: { from: "2024-01-01", to: "2024-03-01" },
        holdout: { from: "2024-03-01", to: "2024-03-11" },
      },
    });
    expect(m.label.kind).toBe("numeric");
    // Row i falls on day i % 100; January and February 2024 are days 0-59, March 1-10 days 60-69.
    const expected = (lo: number, hi: number) =>
      Array.from({ length: 1000 }, (_, i) => i).filter((i) => i % 100 >= lo && i % 100 < hi && i % 7 !== 0).length;
    expect(m.train.rows).toBe(expected(0, 60));
    expect(m.holdout.rows).toBe(expected(60, 70));
    expect(m.holdout.rows + m.train.rows + m.skippedRows).toBe(1000);
    // x is missing in rows i % 7 = 0; of the others, days 70-99 are in neither range. Both are told.
    expect(m.unlabelledRows).toBe(143);
    const outside = Array.from({ length: 1000 }, (_, i) => i).filter((i) => i % 100 >= 70 && i % 7 !== 0).length;
    expect(leftOutRows(m)).toEqual([
      'left out 143 rows whose label "x" is missing',
      `left out ${outside} rows outside the training and holdout date ranges`,
    ]);
  });

  it("takes a label of whole numbers written as decimals (pandas' 0/1 with a missing value: 1.0, 0.0) as classes, and fractions as a number", async () => {
    const lines = ["x,y", ...Array.from({ length: 40 }, (_, i) => `${i},${i % 13 === 0 ? "" : i % 2 ? "1.0" : "0.0"}`)];
    const r = await ingestDataset(t.db, t.ctx, { name: uniqueName("pandas"), file: t.file("pandas.csv", `${lines.join("\n")}\n`) });
    expect(r.version.schema.find((s) => s.name === "y")?.type).toBe("float");
    const v = await getDatasetVersion(t.db, r.version.id);
    const holdout = { kind: "random" as const, fraction: 0.25, seed: 1, stratify: false };
    const m = await buildFeatureMatrix({ file: v.file, schema: v.dto.schema, label: "y", features: ["x"], holdout });
    expect(m.label).toEqual({ name: "y", kind: "categorical", classes: ["0.0", "1.0"] });
    expect(taskOf(m)).toBe("binary");

    const fractions = ["x,y", ...Array.from({ length: 40 }, (_, i) => `${i},${(i % 3) + 0.5}`)];
    const f = await ingestDataset(t.db, t.ctx, { name: uniqueName("fractions"), file: t.file("f.csv", `${fractions.join("\n")}\n`) });
    const fv = await getDatasetVersion(t.db, f.version.id);
    const n = await buildFeatureMatrix({ file: fv.file, schema: fv.dto.schema, label: "y", features: ["x"], holdout });
    expect(taskOf(n)).toBe("regression");
  });

  it("names what is wrong with a request", async () => {
    const req = {
      file,
      schema,
      label: "label",
      features: ["x"],
      holdout: { kind: "random" as const, fraction: 0.2, seed: 1, stratify: false },
    };
    await expect(buildFeatureMatrix({ ...req, features: ["nope"] })).rejects.toThrow(/no column "nope"/);
    await expect(buildFeatureMatrix({ ...req, features: ["label"] })).rejects.toThrow(/cannot also be a feature/);
    await expect(buildFeatureMatrix({ ...req, labelKind: "numeric", label: "color" })).rejects.toThrow(/not a number/);
    await expect(
      buildFeatureMatrix({
        ...req,
        holdout: {
          kind: "dateRange",
          column: "day",
          train: { from: "2024-01-01", to: "2024-02-01" },
          holdout: { from: "2024-01-15", to: "2024-03-01" },
        },
      }),
    ).rejects.toThrow(/overlap/);
    await expect(
      buildFeatureMatrix({
        ...req,
        holdout: {
          kind: "dateRange",
          column: "x",
          train: { from: "2024-01-01", to: "2024-02-01" },
          holdout: { from: "2024-02-01", to: "2024-03-01" },
        },
      }),
    ).rejects.toThrow(/not a date/);
    // A range the data does not reach is named with the dates the labelled rows have.
    await expect(
      buildFeatureMatrix({
        ...req,
        holdout: {
          kind: "dateRange",
          column: "day",
          train: { from: "2024-01-01", to: "2024-02-01" },
          holdout: { from: "2025-01-01", to: "2025-02-01" },
        },
      }),
    ).rejects.toThrow(
      'No labelled row falls in the holdout dates [2025-01-01, 2025-02-01): the labelled rows\' "day" runs from 2024-01-01 to 2024-04-09.',
    );
  });

  it("learns categories from the training rows only: a category seen only in the holdout is missing to the model", async () => {
    const rows = ["day,city,y"];
    for (let i = 0; i < 400; i++) {
      const late = i >= 300; // April rows form the holdout; only they have "Nantes"
      const day = new Date(Date.UTC(2024, late ? 3 : 0, 1 + (i % 28))).toISOString().slice(0, 10);
      rows.push(`${day},${late && i % 2 === 0 ? "Nantes" : ["Paris", "Lyon"][i % 2]},${i % 3}`);
    }
    const m = await matrixOf("leak", rows, ["city"], {
      kind: "dateRange",
      column: "day",
      train: { from: "2024-01-01", to: "2024-02-01" },
      holdout: { from: "2024-04-01", to: "2024-05-01" },
    });
    expect(m.features[0]?.categories).toEqual(["Lyon", "Paris"]);
    const codes = Array.from(m.holdout.columns[0] as Float32Array);
    expect(codes.filter(Number.isNaN).length).toBe(50);
  });

  it("lists a feature's categories alphabetically, most frequent first when a tree could not give each a bin", async () => {
    // 300 shops (more than a tree's 254 category bins): shop k appears k + 1 times, shop299 most.
    const rows = ["shop,size,y"];
    for (let k = 0; k < 300; k++) for (let j = 0; j <= k; j++) rows.push(`shop${k},${["S", "M", "L"][j % 3]},${j % 2}`);
    const m = await matrixOf("shops", rows, ["shop", "size"], { kind: "random", fraction: 0.1, seed: 3, stratify: false });
    const shops = m.features[0]?.categories ?? [];
    expect(shops).toHaveLength(300);
    expect(m.features[1]?.categories).toEqual(["L", "M", "S"]);
    // Codes follow the list, and the training rows' counts never rise along it (ties by name).
    const counts = new Array<number>(300).fill(0);
    for (const code of m.train.columns[0] as Float32Array) counts[code] = (counts[code] ?? 0) + 1;
    for (let c = 1; c < 300; c++) expect(counts[c - 1]).toBeGreaterThanOrEqual(counts[c] as number);
    const k = (name: string | undefined) => Number(name?.slice(4));
    expect(k(shops[0])).toBeGreaterThanOrEqual(290);
    expect(k(shops.at(-1))).toBeLessThan(10);
  });

  it("hands rows back in file order, so a stratified split gives identical arrays every time", async () => {
    const split = () =>
      buildFeatureMatrix({
        file,
        schema,
        label: "label",
        features: ["x", "color"],
        holdout: { kind: "random", fraction: 0.3, seed: 5, stratify: true },
      });
    const runs = await Promise.all([split(), split(), split()]);
    const key = (m: Awaited<ReturnType<typeof split>>) =>
      JSON.stringify([Array.from(m.train.columns[0] as Float32Array), Array.from(m.train.label)]);
    expect(new Set(runs.map(key)).size).toBe(1);
    const x = Array.from(runs[0]?.train.columns[0] as Float32Array).filter((v) => !Number.isNaN(v));
    expect(x).toEqual([...x].sort((a, b) => a - b));
  });
});
