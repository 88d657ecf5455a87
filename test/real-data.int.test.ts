// Real public tables, end to end, the way a user brings them: the raw file uploaded as it is, a job
// with default settings, the model promoted, then rows scored as a caller would send them: rows of
// the file itself (CSV rows as text), and rows with values training never saw (numbers nudged, new
// categories, nulls). Every row must get an answer in the file's own label values, and every
// unseen category a warning in the decision log.
import fs from "node:fs";
import path from "node:path";
import { type PredictResponse, TrainingSpecSchema } from "@roundhouse/contracts";
import { ingestDataset, literal, queryRows, resolveTrainingData, withConnection } from "@roundhouse/data";
import { type Db, decidePromotion, enqueueJob, requestPromotion } from "@roundhouse/db";
import type { Serving } from "@roundhouse/serving";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Platform, startPlatform } from "./platform-fixture.ts";
import type { Person } from "./registry-fixture.ts";

const VEGA = path.join(import.meta.dirname, "..", "packages", "data", "node_modules", "vega-datasets", "data");
let platform: Platform;
let home: string;
let db: Db;
let engineer: Person;
let approver: Person;
let serving: Serving;

beforeAll(async () => {
  platform = await startPlatform("real-data", { serving: true });
  ({ home, db, engineer, approver } = platform);
  serving = platform.serving as Serving;
});

afterAll(() => platform?.stop());

/** The file's rows as a caller has them: JSON records as they are, CSV cells as text (empty = null). */
async function rawRows(file: string, limit: number): Promise<Record<string, unknown>[]> {
  if (file.endsWith(".json")) return (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>[]).slice(0, limit);
  return withConnection((c) => queryRows(c, `SELECT * FROM read_csv(${literal(file)}, all_varchar=true) LIMIT ${limit}`));
}

async function trainAndPromote(name: string, file: string, label: string, algorithm: string) {
  const version = await ingestDataset(db, engineer.ctx, { name, file, originalName: path.basename(file) });
  const spec = TrainingSpecSchema.parse({
    metadata: { name },
    data: { datasetVersionId: version.version.id, label },
    train: { algorithm },
  });
  const data = await resolveTrainingData(db, spec);
  const { job } = await enqueueJob(db, engineer.ctx, { spec, ownerId: engineer.id, datasetVersionIds: [data.datasetVersionId] });
  const deadline = Date.now() + 90_000;
  for (;;) {
    const row = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    if (row.status === "succeeded") break;
    if (row.status === "failed" || Date.now() > deadline) throw new Error(`${name}: job ${row.status} ${JSON.stringify(row.error)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const request = await requestPromotion(db, engineer.ctx, {
    modelName: name,
    version: 1,
    alias: "production",
    justification: "t",
    comparison: null,
  });
  await decidePromotion(db, approver.ctx, request.id, "approved", "ok");
  return version;
}

/** A row with every value changed to one training never saw: numbers nudged, text made new, a null. */
function unseen(row: Record<string, unknown>, label: string, textColumns: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let nulled = false;
  for (const [k, v] of Object.entries(row)) {
    if (k === label) continue;
    if (textColumns.includes(k)) out[k] = `never-seen-${k}`;
    else if (typeof v === "number" || (typeof v === "string" && Number.isFinite(Number(v)) && v.trim() !== "")) {
      // The first number becomes null; the others are nudged off every value seen in training.
      out[k] = nulled ? Number(v) * 1.013 + 0.37 : null;
      nulled = true;
    } else out[k] = v;
  }
  return out;
}

const cases = [
  // 344 penguins: JSON with nulls and a "." for sex; 3 species as the label.
  { file: "penguins.json", label: "Species", algorithm: "gbdt", categorical: ["Island", "Sex"] },
  // 406 cars: JSON, nulls in miles per gallon and horsepower; the origin as the label.
  { file: "cars.json", label: "Origin", algorithm: "logistic_regression", categorical: ["Name"] },
  // 10,000 bird strikes: CSV with empty cells, dates, many text columns; 5 damage classes.
  {
    file: "birdstrikes.csv",
    label: "Effect Amount of damage",
    algorithm: "random_forest",
    categorical: ["Airport Name", "Origin State", "Wildlife Species", "Phase of flight"],
  },
  // 1,461 days of Seattle weather: CSV; 5 weather words as the label.
  { file: "seattle-weather.csv", label: "weather", algorithm: "gbdt", categorical: [] },
] as const;

describe.each(cases)("$file, label $label, $algorithm with defaults", ({ file, label, algorithm, categorical }) => {
  const name = `real-${file.replace(/\W/g, "-")}-${Date.now().toString(36)}`;
  const source = path.join(VEGA, file);

  it("answers raw rows of the file and rows with unseen values, in the file's own label values", async () => {
    await trainAndPromote(name, source, label, algorithm);
    const fileRows = await rawRows(source, 40);
    const labels = new Set(
      (
        await withConnection((c) =>
          queryRows(
            c,
            `SELECT DISTINCT "${label}"::VARCHAR AS v FROM ${file.endsWith(".json") ? `read_json(${literal(source)})` : `read_csv(${literal(source)})`}`,
          ),
        )
      )
        .map((r) => r.v)
        .filter((v) => v !== null),
    );
    const callers = [
      ...fileRows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== label))),
      ...fileRows.slice(0, 10).map((r) => unseen(r, label, [...categorical])),
    ];
    const answer: PredictResponse = await serving.predict({
      modelName: name,
      body: callers,
      query: {},
      caller: "test",
      requestId: `real-${name}`,
    });
    expect(answer.predictions).toHaveLength(callers.length);
    for (const p of answer.predictions) {
      expect(labels).toContain(String(p.prediction));
      expect(Object.keys(p.probabilities ?? {}).every((c) => labels.has(c))).toBe(true);
    }
    // Every never-seen category the model uses is reported, per row, and logged with the decision.
    const unseenAnswers = answer.predictions.slice(fileRows.length);
    const model = await db.modelVersion.findFirstOrThrow({ where: { model: { name } } });
    const known = ((model.featureSchema as { features: { name: string; kind: string }[] }).features ?? [])
      .filter((f) => f.kind === "categorical" && (categorical as readonly string[]).includes(f.name))
      .map((f) => f.name);
    for (const p of unseenAnswers) {
      const warned = (p.warnings ?? []).map((w) => w.feature);
      expect(warned.filter((f) => known.includes(f)).sort()).toEqual([...known].sort());
    }
    const logged = await db.decision.findUniqueOrThrow({ where: { id: unseenAnswers[0]?.decisionId as string } });
    expect(logged.warnings).toEqual(unseenAnswers[0]?.warnings ?? []);
    expect((logged.warnings as unknown[]).length).toBeGreaterThanOrEqual(known.length);
  });
});

describe("the telecom-churn story: NA in a numeric column, a Yes/No label, yes/no features", () => {
  it("keeps total_charges numeric, answers Yes/No, and scores a new customer sent as the user has it", async () => {
    const lines = ["customerID,tenure,total_charges,partner,paperless,contract,Churn"];
    for (let i = 0; i < 3000; i++) {
      const tenure = (i * 37) % 72;
      const contract = ["Month-to-month", "One year", "Two year"][i % 3] as string;
      const charges = i % 300 === 7 ? "NA" : (tenure * (20 + (i % 50))).toFixed(2);
      // Customers who joined this month have no outcome yet (an empty cell).
      const churn = i % 250 === 3 ? "" : (tenure < 12 && contract === "Month-to-month") !== (i % 11 === 0) ? "Yes" : "No";
      lines.push(`C${1000 + i},${tenure},${charges},${i % 2 ? "Yes" : "No"},${i % 5 ? "yes" : "no"},${contract},${churn}`);
    }
    const file = path.join(home, "churn.csv");
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    const name = `churn-story-${Date.now().toString(36)}`;
    const version = await trainAndPromote(name, file, "Churn", "gbdt");
    const types = Object.fromEntries(version.version.schema.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({ total_charges: "float", partner: "string", Churn: "string" });
    // The ID column is left out by default, so a new customer's ID is no problem.
    const model = await db.modelVersion.findFirstOrThrow({ where: { model: { name } } });
    const features = (model.featureSchema as { features: { name: string }[] }).features.map((f) => f.name);
    expect(features).not.toContain("customerID");
    // The 12 customers without an outcome are left out of training, and the job's log says so.
    const job = await db.trainingJob.findFirstOrThrow({ where: { name } });
    const logged = (await db.jobLog.findMany({ where: { jobId: job.id } })).map((l) => l.message);
    expect(logged).toContain('left out 12 rows whose label "Churn" is missing');

    const newCustomer = {
      customerID: "C9999-NEW",
      tenure: "3",
      total_charges: 478.5,
      partner: true,
      paperless: "YES",
      contract: "Month-to-month",
    };
    const answer = await serving.predict({ modelName: name, body: newCustomer, query: {}, caller: "test", requestId: "new-customer" });
    const [p] = answer.predictions;
    expect(["Yes", "No"]).toContain(p?.prediction);
    expect(Object.keys(p?.probabilities ?? {}).sort()).toEqual(["No", "Yes"]);
    expect(p?.warnings).toBeUndefined();
    expect(p?.prediction).toBe("Yes");
  });
});
