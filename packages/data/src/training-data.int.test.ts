// A training spec checked against its dataset before it is queued: a label with nothing to learn is
// refused at submit with the field and the reason, not after the job has loaded the data.
import { type Invalid, TrainingSpecSchema } from "@roundhouse/contracts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ingestDataset } from "./datasets-service.ts";
import { setUpDataTests, uniqueName } from "./test-fixtures.ts";
import { resolveTrainingData } from "./training-data.ts";

let t: Awaited<ReturnType<typeof setUpDataTests>>;
beforeAll(async () => {
  t = await setUpDataTests(inject("databaseUrl"));
});
afterAll(() => t.cleanUp());

/** A dataset of 30 rows: x, and the label column `y` as `label(i)` writes it (empty: missing). */
async function datasetWith(label: (i: number) => string) {
  const lines = ["x,y", ...Array.from({ length: 30 }, (_, i) => `${i},${label(i)}`)];
  const name = uniqueName("label");
  await ingestDataset(t.db, t.ctx, { name, file: t.file(`${name}.csv`, `${lines.join("\n")}\n`) });
  return name;
}

const specFor = (dataset: string, filters: unknown[] = []) =>
  TrainingSpecSchema.parse({ metadata: { name: "t" }, data: { dataset, label: "y", filters }, train: { algorithm: "gbdt" } });

async function problemsOf(dataset: string) {
  const error = (await resolveTrainingData(t.db, specFor(dataset)).catch((e) => e)) as Invalid;
  return error.problems;
}

describe("the label, checked at submit", () => {
  it("refuses a label with one value, naming it, and one empty in every row", async () => {
    const one = await datasetWith((i) => (i % 4 === 0 ? "" : "yes"));
    expect(await problemsOf(one)).toEqual([
      { path: "data.label", message: `"y" has one value ("yes") in every labelled row in ${one} v1: there is nothing to learn` },
    ]);
    const none = await datasetWith(() => "");
    expect(await problemsOf(none)).toEqual([
      { path: "data.label", message: `"y" is empty in every row in ${none} v1: there is nothing to learn` },
    ]);
  });

  it("takes two values, and leaves a filtered spec to the job (the profile is of every row)", async () => {
    const two = await datasetWith((i) => (i % 3 === 0 ? "no" : "yes"));
    expect((await resolveTrainingData(t.db, specFor(two))).features).toEqual(["x"]);
    const one = await datasetWith(() => "yes");
    const filtered = specFor(one, [{ column: "x", op: ">", value: 3 }]);
    expect((await resolveTrainingData(t.db, filtered)).features).toEqual(["x"]);
  });
});

describe("the features, checked at submit", () => {
  it("says which columns were left out on their own when none is left, and how to keep one", async () => {
    // 60 rows: `id` has its own value in every row and `plan` one value, so "all columns" leaves nothing.
    const lines = ["id,plan,y", ...Array.from({ length: 60 }, (_, i) => `${i},basic,${i % 2 ? "yes" : "no"}`)];
    const name = uniqueName("features");
    await ingestDataset(t.db, t.ctx, { name, file: t.file(`${name}.csv`, `${lines.join("\n")}\n`) });
    expect(await problemsOf(name)).toEqual([
      {
        path: "data.features",
        message:
          'no feature columns are left: "id" (ID-like: almost every row has its own value), "plan" (constant: every row has the same value) left out by default; list a column in data.features to use it anyway',
      },
    ]);
  });
});

describe("a date split, checked at submit", () => {
  it("refuses a range outside the column's dates, naming them; a range that reaches them is taken", async () => {
    // 40 days from 2024-01-01 (to 2024-02-09), at 10:00 on each.
    const lines = [
      "at,x,y",
      ...Array.from(
        { length: 40 },
        (_, i) =>
          `2024-${i < 31 ? `01-${String(i + 1).padStart(2, "0")}` : `02-${String(i - 30).padStart(2, "0")}`} 10:00:00,${i},${i % 2 ? "yes" : "no"}`,
      ),
    ];
    const name = uniqueName("dates");
    await ingestDataset(t.db, t.ctx, { name, file: t.file(`${name}.csv`, `${lines.join("\n")}\n`) });
    const split = (train: [string, string], holdout: [string, string]) =>
      TrainingSpecSchema.parse({
        metadata: { name: "t" },
        data: {
          dataset: name,
          label: "y",
          features: ["x"],
          holdout: {
            kind: "dateRange",
            column: "at",
            train: { from: train[0], to: train[1] },
            holdout: { from: holdout[0], to: holdout[1] },
          },
        },
        train: { algorithm: "gbdt" },
      });
    const error = (await resolveTrainingData(t.db, split(["2024-01-01", "2024-02-01"], ["2025-01-01", "2025-02-01"])).catch(
      (e) => e,
    )) as Invalid;
    expect(error.problems).toEqual([
      {
        path: "data.holdout.holdout",
        message: 'no row has a "at" in [2025-01-01, 2025-02-01): its dates run from 2024-01-01 10:00:00 to 2024-02-09 10:00:00',
      },
    ]);
    // Before the first date, and the range that ends on the first day at 10:00 (exclusive), are empty too.
    const early = (await resolveTrainingData(t.db, split(["2023-01-01", "2024-01-01 10:00:00"], ["2024-01-10", "2024-02-01"])).catch(
      (e) => e,
    )) as Invalid;
    expect(early.problems?.map((p) => p.path)).toEqual(["data.holdout.train"]);
    // The last day's 10:00 row is inside [2024-02-09, 2024-02-10).
    const ok = await resolveTrainingData(t.db, split(["2024-01-01", "2024-02-09"], ["2024-02-09", "2024-02-10"]));
    expect(ok.features).toEqual(["x"]);
  });
});
