// `roundhouse fit` as a user runs it: the real binary on real files (CSV and Parquet, written on
// the spot by DuckDB), each kind of label. No database needed, but DuckDB and the file system are real.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { literal, withConnection } from "@roundhouse/data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const bin = path.resolve(import.meta.dirname, "../bin/roundhouse.js");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  // 3,000 rows: x, y numeric, city categorical; labels in every supported form.
  await withConnection(async (c) => {
    await c.run(`CREATE OR REPLACE TABLE t AS
      SELECT i, (hash(i) % 1000) / 250.0 - 2 AS x, (hash(i * 7) % 1000) / 250.0 - 2 AS y,
             ['paris', 'lyon', 'nice'][1 + i % 3] AS city
      FROM range(3000) r(i)`);
    await c.run(`CREATE OR REPLACE TABLE labelled AS
      SELECT x, y, city,
             (x + y + CASE city WHEN 'lyon' THEN 1.5 ELSE 0 END > 0)::INTEGER AS churned01,
             (x + y > 0) AS churned_bool,
             CASE WHEN x + y > 1 THEN 'high' WHEN x + y > -1 THEN 'mid' ELSE 'low' END AS tier,
             2 * x - y + CASE city WHEN 'nice' THEN 3 ELSE 0 END AS spend
      FROM t`);
    await c.run(`COPY labelled TO ${literal(path.join(dir, "data.csv"))} (FORMAT csv, HEADER)`);
    await c.run(`COPY labelled TO ${literal(path.join(dir, "data.parquet"))} (FORMAT parquet)`);
    await c.run(`COPY (SELECT * FROM labelled LIMIT 2000) TO ${literal(path.join(dir, "train.csv"))} (FORMAT csv, HEADER)`);
    await c.run(`COPY (SELECT * FROM labelled OFFSET 2000) TO ${literal(path.join(dir, "test.csv"))} (FORMAT csv, HEADER)`);
    // Rows enough for a fit on 2 threads to take its helper thread.
    await c.run(`COPY (SELECT (hash(i) % 1000) / 250.0 - 2 AS x, (hash(i * 7) % 1000) / 250.0 - 2 AS y,
                              ((hash(i) % 1000) + (hash(i * 7) % 1000) > 1000)::INTEGER AS churned01
                       FROM range(30000) r(i)) TO ${literal(path.join(dir, "wide.csv"))} (FORMAT csv, HEADER)`);
  });
});

function fit(...args: string[]) {
  return JSON.parse(execFileSync(process.execPath, [bin, "fit", ...args, "--json"], { encoding: "utf8" }));
}

/** The exit code and error output of a run expected to fail. */
function run(...args: string[]) {
  try {
    execFileSync(process.execPath, [bin, "fit", ...args], { encoding: "utf8", stdio: "pipe" });
    return { code: 0, stderr: "" };
  } catch (err) {
    const e = err as { status: number; stderr: string };
    return { code: e.status, stderr: e.stderr };
  }
}

describe("roundhouse fit", () => {
  it("says which rows it left out for a missing label, and what reading the file noticed", async () => {
    // 400 rows, every 50th without a label; "Yes" and "yes" in one column.
    const file = path.join(dir, "unlabelled.csv");
    await withConnection((c) =>
      c.run(`COPY (SELECT i % 10 AS visits, CASE WHEN i % 2 = 0 THEN 'Yes' WHEN i % 3 = 0 THEN 'yes' ELSE 'No' END AS partner,
                          CASE WHEN i % 50 = 7 THEN NULL ELSE (i % 10 > 4)::INTEGER END AS churned FROM range(400) r(i))
             TO ${literal(file)} (FORMAT csv, HEADER)`),
    );
    const r = spawnSync(process.execPath, [bin, "fit", "--train", file, "--label", "churned", "--params", '{"numTrees": 5}'], {
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('left out 8 rows whose label "churned" is missing');
    expect(r.stderr).toMatch(/warning: Column "partner" has values that differ only .* such as "Yes" and "yes"/);
  });

  it("0/1 labels from CSV: binary GBDT with every figure the bench reads", () => {
    const r = fit("--train", path.join(dir, "data.csv"), "--label", "churned01", "--params", '{"numTrees": 50}');
    expect(r).toMatchObject({
      task: "binary",
      algorithm: "gbdt",
      rows: { train: expect.any(Number), test: expect.any(Number) },
      label: { classes: ["0", "1"], positiveClass: "1" },
    });
    expect(r.rows.train + r.rows.test).toBe(3000);
    expect(r.metrics.auc).toBeGreaterThan(0.95);
    expect(r.metrics).toEqual(expect.objectContaining({ logloss: expect.any(Number), accuracy: expect.any(Number) }));
    expect(r.predict).toEqual({ rowMicros: expect.any(Number), batch1000Millis: expect.any(Number) });
    expect(r.modelSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("true/false labels from Parquet, with every algorithm that classifies", () => {
    for (const algorithm of ["gbdt", "random_forest", "logistic_regression"]) {
      const r = fit("--train", path.join(dir, "data.parquet"), "--label", "churned_bool", "--algorithm", algorithm);
      expect(r).toMatchObject({ task: "binary", algorithm, label: { classes: ["false", "true"] } });
      expect(r.metrics.auc).toBeGreaterThan(0.9);
    }
  });

  it("string labels: multiclass, classes reported", () => {
    const r = fit("--train", path.join(dir, "data.csv"), "--label", "tier", "--params", '{"numTrees": 40}');
    expect(r).toMatchObject({ task: "multiclass", label: { classes: ["high", "low", "mid"] } });
    expect(r.metrics.accuracy).toBeGreaterThan(0.85);
  });

  it("numeric labels: regression with a separate test file, and a model file that is the same bytes twice", () => {
    const out = path.join(dir, "spend.model.json");
    const args = [
      "--train",
      path.join(dir, "train.csv"),
      "--test",
      path.join(dir, "test.csv"),
      "--label",
      "spend",
      "--algorithm",
      "linear_regression",
      "--out",
      out,
    ];
    const r = fit(...args);
    expect(r).toMatchObject({ task: "regression", rows: { train: 2000, test: 1000 } });
    expect(r.metrics.r2).toBeGreaterThan(0.99);
    expect(r.metrics).toEqual(expect.objectContaining({ rmse: expect.any(Number), mae: expect.any(Number) }));
    expect(JSON.parse(fs.readFileSync(out, "utf8"))).toMatchObject({
      format: "roundhouse-model",
      task: "regression",
      label: { name: "spend" },
    });
    expect(fit(...args).modelSha256).toBe(r.modelSha256);
  });

  it("says when a fit on 2 threads grew trees on one, in the report and on stderr", () => {
    const args = ["fit", "--train", path.join(dir, "wide.csv"), "--label", "churned01", "--threads", "2"];
    const params = ["--params", '{"numTrees": 30, "maxDepth": 4, "maxBins": 15}'];
    // Each of the helper's jobs starts 1 ms late, and the fit waits for the helper to take part.
    const env = { ...process.env, ROUNDHOUSE_FIT_HELPER_FAULT: "slow", ROUNDHOUSE_FIT_HELPER_WAIT_MS: "10000" };
    const json = JSON.parse(execFileSync(process.execPath, [bin, ...args, ...params, "--json"], { encoding: "utf8", env }));
    expect(json.notes).toEqual([expect.stringMatching(/^\d+ of 30 trees grown on one thread: the helper thread was kept from its core/)]);
    const text = spawnSync(process.execPath, [bin, ...args, ...params], { encoding: "utf8", env });
    expect(text.status).toBe(0);
    expect(text.stderr).toMatch(/^note: \d+ of 30 trees grown on one thread/m);
    // Without the fault nothing is said.
    expect(fit("--train", path.join(dir, "data.csv"), "--label", "churned01", "--params", '{"numTrees": 10}').notes).toEqual([]);
  });

  it("explains bad arguments and exits 2", () => {
    expect(run("--train", path.join(dir, "data.csv"), "--label", "nope")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('There is no column "nope"'),
    });
    expect(run("--train", path.join(dir, "data.csv"), "--label", "tier", "--params", "{oops")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("--params must be a JSON object"),
    });
    expect(run("--train", path.join(dir, "data.csv"), "--label", "tier", "--params", '{"maxDepth": 0}')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("params.maxDepth"),
    });
    // A path that is no file is named with its option (Node's own words were "EISDIR: illegal
    // operation on a directory, read", with no path).
    expect(run("--train", dir, "--label", "tier")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        new RegExp(`\nroundhouse: --train: ${dir} is a folder, not a file: give a CSV, Parquet or JSON Lines file.\n$`),
      ),
    });
    expect(run("--train", path.join(dir, "data.csv"), "--test", path.join(dir, "none.csv"), "--label", "tier")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(new RegExp(`\nroundhouse: --test: there is no file ${path.join(dir, "none.csv")}.\n$`)),
    });
  });

  it("--features and --exclude choose the columns; an id column is left out on its own, and refused with the option that leaves it out when listed", async () => {
    const all = fit("--train", path.join(dir, "data.csv"), "--label", "churned01", "--params", '{"numTrees": 10}');
    // Every other column by default, the other labels too (they give this one away).
    expect(all.features).toEqual([
      "x:numeric",
      "y:numeric",
      "city:categorical",
      "churned_bool:categorical",
      "tier:categorical",
      "spend:numeric",
    ]);
    const args = ["--train", path.join(dir, "data.csv"), "--label", "churned01", "--params", '{"numTrees": 10}'];
    expect(fit(...args, "--exclude", "churned_bool,tier,spend").features).toEqual(["x:numeric", "y:numeric", "city:categorical"]);
    // In the order given.
    expect(fit(...args, "--features", "city, x").features).toEqual(["city:categorical", "x:numeric"]);
    expect(run(...args, "--exclude", "tier,nope")).toMatchObject({ code: 2, stderr: expect.stringContaining('There is no column "nope"') });
    expect(run(...args, "--exclude", "tier,,")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("column names separated by commas"),
    });
    expect(run(...args, "--features", "x", "--exclude", "y")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("cannot be used with"),
    });
    expect(run(...args, "--features", "churned01")).toMatchObject({ code: 2, stderr: expect.stringContaining("No features are left") });

    // 15,000 customers, each its own id: too many distinct values for a category (12,000 in training).
    const withIds = path.join(dir, "customers.csv");
    await withConnection((c) =>
      c.run(`COPY (SELECT 'c-' || i AS customer_id, i % 7 AS visits, (i % 7 > 3)::INTEGER AS churned FROM range(15000) r(i))
             TO ${literal(withIds)} (FORMAT csv, HEADER)`),
    );
    // Every other column: the id is left out on its own, as a training job leaves it out, and said so.
    const r = fit("--train", withIds, "--label", "churned", "--params", '{"numTrees": 10}');
    expect(r.features).toEqual(["visits:numeric"]);
    expect(r.warnings).toContain(
      'left out column "customer_id" (ID-like: 15,000 different values in 15,000 rows); list it in --features to use it',
    );
    expect(r.metrics.auc).toBe(1);
    expect(fit("--train", withIds, "--label", "churned", "--exclude", "customer_id", "--params", '{"numTrees": 10}').features).toEqual([
      "visits:numeric",
    ]);
    // Listed, it is taken as written, and the feature matrix's refusal names the way out.
    expect(run("--train", withIds, "--label", "churned", "--features", "customer_id,visits")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/"customer_id" has more than 10000 distinct values.*Leave it out with --exclude customer_id\./),
    });
    // Nothing left but ids and constants: said, with the way to keep one.
    expect(run("--train", withIds, "--label", "churned", "--exclude", "visits")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        'No features are left: "customer_id" (ID-like: 15,000 different values in 15,000 rows) left out by default',
      ),
    });
  });
});
