import { expect, test } from "@playwright/test";
import { ACCOUNTS, ORIGIN, screenshot, signInThroughForm, waitForDemoData } from "./helpers";

test.beforeAll(async ({ playwright, baseURL }) =>
  waitForDemoData(await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } })),
);

const weatherSpec = {
  metadata: { name: "weather-gbdt-api", project: "e2e" },
  data: { dataset: "seattle-weather", version: "latest", label: "weather" },
  train: { algorithm: "gbdt", params: { numTrees: 20 } },
};

test("invalid training specs get 400 listing every problem by path, before anything is queued", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS.engineer });
  const paths = async (spec: unknown) => {
    const res = await api.post("/api/v1/jobs", { data: spec });
    expect(res.status()).toBe(400);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    return ((await res.json()).errors as { path: string }[]).map((e) => e.path).sort();
  };
  expect(await paths({ metadata: { name: "" }, data: { dataset: "seattle-weather", label: "" }, train: { algorithm: "xgboost" } })).toEqual(
    ["data.label", "metadata.name", "train.algorithm"],
  );
  expect(await paths({ ...weatherSpec, train: { algorithm: "gbdt", params: { maxDepth: 0, learningRate: 3, bogus: 1 } } })).toEqual([
    "train.params.bogus",
    "train.params.learningRate",
    "train.params.maxDepth",
  ]);
  expect(
    await paths({
      ...weatherSpec,
      data: { dataset: "seattle-weather", label: "nope", features: ["wind", "also-nope"], holdout: { kind: "random", fraction: 0 } },
    }),
  ).toEqual(["data.holdout.fraction"]);
  expect(await paths({ ...weatherSpec, data: { dataset: "seattle-weather", label: "nope", features: ["wind", "also-nope"] } })).toEqual([
    "data.features.1",
    "data.label",
  ]);
  const jobs = await (await api.get("/api/v1/jobs?project=e2e")).json();
  expect(jobs.total).toBe(0);
});

test("a viewer cannot submit", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS.viewer });
  expect((await api.post("/api/v1/jobs", { data: weatherSpec })).status()).toBe(403);
});

test("a submitted job runs on the worker to succeeded, with logs, metrics and series", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS.engineer });
  const submitted = await api.post("/api/v1/jobs", { data: weatherSpec, headers: { "idempotency-key": "e2e-weather-1" } });
  expect(submitted.status()).toBe(201);
  const job = await submitted.json();
  expect(["queued", "running"]).toContain(job.status);
  expect(job).toMatchObject({
    spec: { train: { params: { numTrees: 20, maxDepth: 6, learningRate: 0.1 } }, resources: { cpu: 1, memoryMb: 2048 } },
  });
  const again = await api.post("/api/v1/jobs", { data: weatherSpec, headers: { "idempotency-key": "e2e-weather-1" } });
  expect(again.status()).toBe(200);
  expect((await again.json()).id).toBe(job.id);

  let current = job;
  await expect
    .poll(
      async () => {
        current = await (await api.get(`/api/v1/jobs/${job.id}`)).json();
        return current.status;
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe("succeeded");
  expect(current.run).toMatchObject({
    algorithm: "gbdt",
    task: "multiclass",
    artifactSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    modelVersion: { model: "weather-gbdt-api", version: 1 },
  });
  expect(current.run.metrics.accuracy).toBeGreaterThan(0.6);
  expect(current.stepTimings.map((s: { step: string }) => s.step)).toEqual(["load", "split", "fit", "evaluate", "serialize"]);
  const logs = await (await api.get(`/api/v1/jobs/${job.id}/logs`)).json();
  expect(logs.lines.length).toBeGreaterThan(2);
  const metrics = await (await api.get(`/api/v1/jobs/${job.id}/metrics`)).json();
  expect(metrics.attempts).toEqual([expect.objectContaining({ attempt: 1, runId: current.run.id })]);
  expect(metrics.attempts[0].series.train_loss).toHaveLength(20);

  // The run as the run and compare pages read it; bad selections are refused by name.
  const run = await (await api.get(`/api/v1/runs/${current.run.id}`)).json();
  expect(run).toMatchObject({ jobId: job.id, task: "multiclass", evaluation: { classes: expect.arrayContaining(["sun", "rain"]) } });
  expect(run.evaluation.confusion).toHaveLength(5);
  expect(run.series.train_loss).toHaveLength(20);
  const one = await api.get(`/api/v1/runs?ids=${run.id}`);
  expect(one.status()).toBe(400);
  expect((await one.json()).errors[0]).toMatchObject({ path: "ids", message: "Pick at least 2 runs to compare" });
  const unknown = await api.get(`/api/v1/runs?ids=${run.id},00000000-0000-4000-8000-000000000000`);
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).detail).toContain("00000000-0000-4000-8000-000000000000");

  const listed = await (await api.get(`/api/v1/jobs?status=succeeded&project=e2e`)).json();
  expect(listed.items.map((j: { id: string }) => j.id)).toContain(job.id);
  const retried = await api.post(`/api/v1/jobs/${job.id}/retry`);
  expect(retried.status()).toBe(201);
  const cancelled = await (await api.post(`/api/v1/jobs/${(await retried.json()).id}/cancel`)).json();
  expect(["cancelled", "running", "succeeded"]).toContain(cancelled.status);
});

test("a sweep runs its trials and shows them best first", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS.engineer });
  const spec = {
    ...weatherSpec,
    metadata: { name: "weather-sweep", project: "e2e-sweep" },
    train: {
      algorithm: "gbdt",
      params: { numTrees: 10 },
      sweep: { params: { maxDepth: [2, 4], learningRate: [0.1, 0.3] }, parallelism: 2, objective: { metric: "accuracy" } },
    },
  };
  const res = await api.post("/api/v1/jobs", { data: spec });
  expect(res.status()).toBe(201);
  const sweep = await res.json();
  expect(sweep).toMatchObject({ kind: "sweep", status: "running" });
  expect(sweep.trials).toHaveLength(4);
  let current = sweep;
  await expect
    .poll(
      async () => {
        current = await (await api.get(`/api/v1/jobs/${sweep.id}`)).json();
        return current.status;
      },
      { timeout: 90_000, intervals: [500] },
    )
    .toBe("succeeded");
  const accuracies = current.trials.map((t: { metrics: { accuracy: number } }) => t.metrics.accuracy);
  expect([...accuracies].sort((a: number, b: number) => b - a)).toEqual(accuracies);
  expect(current.progress.bestTrialId).toBe(current.trials[0].id);
});

test("early stopping without a validation set is refused by name; a sampled job is reproduced byte for byte from its page", async ({
  page,
  playwright,
  baseURL,
}) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS.engineer });
  const early = await api.post("/api/v1/jobs", {
    data: { ...weatherSpec, train: { algorithm: "gbdt", params: { numTrees: 50, earlyStoppingRounds: 5 } } },
  });
  expect(early.status()).toBe(400);
  expect((await early.json()).errors).toEqual([{ path: "data.validation", message: expect.stringContaining("add data.validation") }]);

  const spec = {
    ...weatherSpec,
    metadata: { name: "weather-reproduce", project: "e2e-reproduce" },
    train: { algorithm: "gbdt", params: { numTrees: 15, subsample: 0.7, colsampleByTree: 0.5 } },
    resources: { cpu: 2 },
  };
  const job = await (await api.post("/api/v1/jobs", { data: spec })).json();
  await expect.poll(async () => (await (await api.get(`/api/v1/jobs/${job.id}`)).json()).status, { timeout: 60_000 }).toBe("succeeded");

  await signInThroughForm(page, "engineer");
  await page.goto(`/jobs/${job.id}`);
  await page.getByRole("button", { name: "Reproduce" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/jobs/${job.id}$`));
  await expect(page.getByTestId("reproduction")).toContainText("reproduced", { timeout: 60_000 });
  await expect(page.getByTestId("reproduction")).toContainText("byte for byte");
  await screenshot(page, "job-reproduced");
});

test("only a job's owner or an admin may cancel or retry it", async ({ playwright, baseURL }) => {
  const owner = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await owner.post("/api/v1/auth/sign-in", { data: ACCOUNTS.engineer });
  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await admin.post("/api/v1/auth/sign-in", { data: ACCOUNTS.admin });
  const colleague = { email: `colleague.${Date.now()}@example.com`, name: "Colleague", role: "engineer", password: "colleague-pass" };
  await admin.post("/api/v1/users", { data: colleague });
  const other = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await other.post("/api/v1/auth/sign-in", { data: { email: colleague.email, password: colleague.password } });

  const job = await (
    await owner.post("/api/v1/jobs", { data: { ...weatherSpec, metadata: { name: "owned", project: "e2e-owner" } } })
  ).json();
  for (const verb of ["cancel", "retry"]) {
    const refused = await other.post(`/api/v1/jobs/${job.id}/${verb}`);
    expect(refused.status()).toBe(403);
    expect((await refused.json()).detail).toContain(`Only the job's owner (${ACCOUNTS.engineer.email}) or an admin may ${verb} it.`);
  }
  expect((await owner.get(`/api/v1/jobs/${job.id}`).then((r) => r.json())).cancelRequested).toBe(false);
  expect((await admin.post(`/api/v1/jobs/${job.id}/cancel`)).status()).toBe(202);
});
