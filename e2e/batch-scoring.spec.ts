// Batch scoring: a trained model scores a whole dataset as a job, from the model page, the API
// (with its refusals) and the CLI; the scores become a dataset version with lineage.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { ACCOUNTS, ORIGIN, screenshot, signInThroughForm, waitForDemoData } from "./helpers";

const MODEL = "weather-scorer";
let api: APIRequestContext;

test.beforeAll(async ({ playwright, baseURL }) => {
  api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await waitForDemoData(api);
  await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS.engineer });
  const job = await (
    await api.post("/api/v1/jobs", {
      data: {
        metadata: { name: MODEL, project: "e2e-scoring" },
        data: { dataset: "seattle-weather", label: "weather" },
        train: { algorithm: "gbdt", params: { numTrees: 10 } },
      },
    })
  ).json();
  await expect.poll(async () => (await (await api.get(`/api/v1/jobs/${job.id}`)).json()).status, { timeout: 90_000 }).toBe("succeeded");
});

const score = (body: unknown, who = api, model = MODEL) => who.post(`/api/v1/models/${model}/score`, { data: body });

test("refuses what cannot be scored before anything is queued, naming the field", async ({ playwright, baseURL }) => {
  const noColumn = await score({ dataset: "seattle-weather", idColumns: ["date", "customer"] });
  expect(noColumn.status()).toBe(400);
  expect((await noColumn.json()).errors).toEqual([{ path: "idColumns.1", message: 'the input has no column "customer"' }]);

  const lacksFeatures = await score({ dataset: "airports" });
  expect(lacksFeatures.status()).toBe(400);
  expect((await lacksFeatures.json()).errors[0]).toMatchObject({
    path: "dataset",
    message: expect.stringContaining("lacks the model's feature"),
  });

  const both = await score({ dataset: "seattle-weather", version: 1, alias: "production" });
  expect([both.status(), (await both.json()).errors[0].path]).toEqual([400, "alias"]);
  expect((await score({ dataset: "no-such-dataset" })).status()).toBe(404);
  expect((await score({ dataset: "seattle-weather" }, api, "no-such-model")).status()).toBe(404);
  expect((await score({ dataset: "seattle-weather", alias: "production" })).status()).toBe(404); // nobody holds it yet
  const overwrite = await score({ dataset: "seattle-weather", output: "airports" });
  expect([overwrite.status(), (await overwrite.json()).errors[0].path]).toEqual([409, "output"]);

  const viewer = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await viewer.post("/api/v1/auth/sign-in", { data: ACCOUNTS.viewer });
  expect((await score({ dataset: "seattle-weather" }, viewer)).status()).toBe(403);
  const jobs = await (await api.get("/api/v1/jobs?kind=score&q=score-weather-scorer")).json();
  expect(jobs.items.filter((j: { spec: { score?: { output: string } } }) => j.spec.score?.output === "airports")).toHaveLength(0);
});

test("an Idempotency-Key makes a scoring request safe to send again: one job, answered twice", async () => {
  const key = `e2e-scoring-${Date.now()}`;
  const body = { dataset: "seattle-weather", output: "weather-scores-key" };
  const send = (k: string) => api.post(`/api/v1/models/${MODEL}/score`, { data: body, headers: { "idempotency-key": k } });
  const first = await send(key);
  expect(first.status()).toBe(202);
  const again = await send(key);
  expect(again.status()).toBe(200);
  expect((await again.json()).id).toBe((await first.json()).id);

  const tooLong = await send("k".repeat(201));
  expect(tooLong.status()).toBe(400);
  expect((await tooLong.json()).errors).toEqual([{ path: "idempotency-key", message: "over 200 characters" }]);
  const blank = await send(" ");
  expect([blank.status(), (await blank.json()).errors]).toEqual([400, [{ path: "idempotency-key", message: "empty" }]]);
  // A key that queued this scoring job cannot also queue a training job.
  const training = await api.post("/api/v1/jobs", {
    data: { metadata: { name: "not-by-this-key" }, data: { dataset: "seattle-weather", label: "weather" }, train: { algorithm: "gbdt" } },
    headers: { "idempotency-key": key },
  });
  expect([training.status(), (await training.json()).errors]).toEqual([
    409,
    [{ path: "Idempotency-Key", message: "used for a scoring job" }],
  ]);
  const jobs = await (await api.get("/api/v1/jobs?kind=score")).json();
  expect(jobs.items.filter((j: { spec: { score?: { output: string } } }) => j.spec.score?.output === "weather-scores-key")).toHaveLength(1);
});

test("the model page scores a dataset; the job shows its progress and the dataset version it made", async ({ page }) => {
  await signInThroughForm(page, "engineer");
  await page.goto(`/models/${MODEL}`);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Score dataset" }) });
  await expect(form).toBeVisible();
  await form.getByLabel("Dataset (its latest version)").selectOption({ label: "seattle-weather (v1)" });
  await form.getByRole("checkbox", { name: "date" }).check();
  await form.getByLabel("Output dataset").fill("weather-scores-ui");
  await screenshot(page, "scoring-1-form");
  await form.getByRole("button", { name: "Score dataset" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByText("succeeded").first()).toBeVisible({ timeout: 90_000 });
  const output = page.getByTestId("scoring-output");
  await expect(output).toContainText("weather-scores-ui v1");
  await expect(output).toContainText("1,461 rows scored");
  await screenshot(page, "scoring-2-job");
  await output.getByRole("link", { name: "weather-scores-ui v1" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "weather-scores-ui" })).toBeVisible();
  await expect(page.getByText("scored by")).toBeVisible();
  await expect(page.getByRole("link", { name: `${MODEL} v1` })).toBeVisible();
  for (const column of ["date", "prediction", "probability_sun", "probability_rain"])
    await expect(page.getByText(column).first()).toBeVisible();
  await screenshot(page, "scoring-3-dataset");
});

test("roundhouse models score --watch queues, follows and reports the dataset version", async ({ baseURL }) => {
  const { token } = await (await api.post("/api/v1/tokens", { data: { name: "scoring cli" } })).json();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      path.resolve("packages/cli/bin/roundhouse.js"),
      "models",
      "score",
      MODEL,
      "--dataset",
      "seattle-weather",
      "--id",
      "date",
      "--watch",
      "--json",
    ],
    { env: { ...process.env, ROUNDHOUSE_URL: baseURL, ROUNDHOUSE_TOKEN: token }, encoding: "utf8" },
  );
  const job = JSON.parse(stdout);
  expect(job).toMatchObject({ kind: "score", status: "succeeded", result: { dataset: `${MODEL}-scores`, version: 1, rows: 1461 } });
  const version = await (await api.get(`/api/v1/dataset-versions/${job.result.datasetVersionId}`)).json();
  expect(version).toMatchObject({ sourceKind: "scored", scoring: { model: MODEL, version: 1, jobId: job.id, idColumns: ["date"] } });
  expect(version.parents).toEqual([expect.objectContaining({ datasetName: "seattle-weather" })]);
});
