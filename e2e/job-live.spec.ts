// A long fit as its owner watches it: the job page moves while the model trains (progress, loss
// curve, log, elapsed time), and a cancel keeps what the attempt drew and said. The most rounds a
// spec allows, on a month of flights (508,239 rows): on seattle-weather's 1,461 rows the engine grew
// its 10,000 trees in 21 s, and the job had succeeded before the page saw it move.
import { expect, test } from "@playwright/test";
import { ACCOUNTS, ORIGIN, screenshot, signInThroughForm, waitForDemoData } from "./helpers";

test("a long fit moves on its page while it runs, and a cancel keeps its curve and log", async ({ page, playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await waitForDemoData(api);
  await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS.engineer });
  const res = await api.post("/api/v1/jobs", {
    data: {
      metadata: { name: "delays-live", project: "e2e-live" },
      data: {
        dataset: "flights-2001",
        label: "delayed",
        features: ["distance", "origin", "destination"],
        filters: [{ column: "date", op: "between", from: "2001-01-01", to: "2001-02-01" }],
      },
      train: { algorithm: "gbdt", params: { numTrees: 10000, maxDepth: 6, learningRate: 0.01 } },
    },
  });
  expect(res.status()).toBe(201);
  const job = await res.json();

  await signInThroughForm(page, "engineer");
  await page.goto(`/jobs/${job.id}`);
  const progress = page.getByText(/% · fit · iteration \d+\/10000/);
  await expect(progress).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("loss-chart")).toBeVisible();
  await expect(page.getByText(/fit: training gbdt/)).toBeVisible();
  // It moves without a reload: the iteration count and the elapsed clock both change.
  const [iteration, elapsed] = [await progress.textContent(), await page.getByTestId("elapsed").textContent()];
  await expect.poll(() => progress.textContent(), { timeout: 10_000 }).not.toBe(iteration);
  await expect.poll(() => page.getByTestId("elapsed").textContent(), { timeout: 5_000 }).not.toBe(elapsed);
  await screenshot(page, "job-live-fit");

  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("cancelled", { exact: true }).first()).toBeVisible({ timeout: 20_000 });
  // The attempt's curve and log are kept after the cancel.
  await expect(page.getByTestId("loss-chart")).toBeVisible();
  await expect(page.getByText(/fit: training gbdt/)).toBeVisible();
  const metrics = await (await api.get(`/api/v1/jobs/${job.id}/metrics`)).json();
  expect(metrics).toMatchObject({ status: "cancelled", attempts: [{ attempt: 1, runId: null, metrics: null }] });
  expect(metrics.attempts[0].series.train_loss.length).toBeGreaterThan(10);
  await screenshot(page, "job-live-cancelled");
});
