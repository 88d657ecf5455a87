// Keeping a model current, as people and schedulers drive it: an engineer sets up retraining on the
// model page; new rows are appended with the CLI (as a cron job would); the worker's scheduler
// retrains and proposes the new version with its numbers; `roundhouse retrain --wait` says what came
// of a run by its exit code.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { churnInProduction, customers, signedIn } from "./churn-fixture";
import { screenshot, signInThroughForm } from "./helpers";

test.setTimeout(240_000);

const run = promisify(execFile);
const bin = path.resolve("packages/cli/bin/roundhouse.js");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-retrain-e2e-"));
const suffix = Date.now().toString(36);
const model = `churn-${suffix}`;
const dataset = `subscriptions-${suffix}`;

test("retraining is set up on the model page, new rows retrain and propose, the CLI reports by exit code", async ({ page, baseURL }) => {
  const engineer = await signedIn(baseURL as string, "engineer");
  const approver = await signedIn(baseURL as string, "approver");
  const uploaded = await churnInProduction(engineer, approver, dataset, model);

  // The engineer sets up retraining with the defaults: production's spec, on new data, ROC AUC.
  await signInThroughForm(page, "engineer");
  await page.goto(`/models/${model}`);
  await page.getByRole("link", { name: "Retraining" }).click();
  await expect(page.getByText("No retraining runs yet")).toBeVisible();
  await page.getByLabel("Schedule (cron)").fill("every monday");
  await page.getByRole("button", { name: "Set up retraining" }).click();
  await expect(page.getByTestId("retraining-policy")).toContainText("not a cron expression");
  await page.getByLabel("Schedule (cron)").fill("0 3 * * 1");
  await page.getByRole("button", { name: "Set up retraining" }).click();
  await expect(page.getByText("Policy saved.")).toBeVisible();
  await expect(page.getByTestId("retraining-policy")).toContainText("Next:");

  // New rows arrive from a scheduler elsewhere: appended with the CLI.
  const { token } = await (await engineer.post("/api/v1/tokens", { data: { name: "retraining e2e" } })).json();
  const env = { ...process.env, ROUNDHOUSE_URL: baseURL, ROUNDHOUSE_TOKEN: token };
  const cli = (...args: string[]) => run(process.execPath, [bin, ...args], { env, encoding: "utf8" });
  const february = path.join(dir, "february.csv");
  fs.writeFileSync(february, customers(600, 1400));
  const appended = await cli("datasets", "append", dataset, february);
  expect(appended.stdout).toMatch(/Created version 2 of .* with 2000 rows/);
  // A retry of the same file adds nothing.
  expect((await cli("datasets", "append", dataset, february)).stdout).toContain("already appended as version 2");
  expect(uploaded.version.datasetId).toBeTruthy();

  // The scheduler notices, retrains on v2, compares with production and proposes.
  const runs = page.getByTestId("retraining-runs");
  await expect(runs.getByRole("row").nth(1)).toContainText("proposed", { timeout: 120_000 });
  await expect(runs).toContainText("new data");
  await expect(runs).toContainText(`${dataset} v2`);
  await expect(runs).toContainText(/ROC AUC 0\.\d{4} against 0\.\d{4} for version 1/);
  await screenshot(page, "retraining-tab");
  await runs.getByRole("link", { name: "Open the request" }).click();
  await expect(page.getByText(/ROC AUC 0\.\d{4} against/).first()).toBeVisible();

  // By hand from the CLI: the same data again makes the same model as the proposal, better than
  // production → proposed again (exit 3). Unknown models exit 2.
  const waited = await cli("retrain", model, "--wait").then(
    () => ({ code: 0, stdout: "" }),
    (err: { code: number; stdout: string }) => err,
  );
  expect(waited.code).toBe(3);
  expect(waited.stdout).toMatch(/^proposed: .* version 3 on .* v2/);
  const unknown = await cli("retrain", `no-such-${suffix}`).catch((err: { code: number; stderr: string }) => err);
  expect(unknown).toMatchObject({ code: 2, stderr: expect.stringMatching(/retraining policy/i) });
});
