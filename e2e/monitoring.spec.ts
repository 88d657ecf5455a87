// Watching a model in production, as its owner does: a client's traffic changes (tenures longer
// than any customer the model learned from, a plan it never saw, calls no longer sent); the worker
// counts drift from the decision log and raises alerts; outcomes arrive later, through the API and
// as a CSV export given to the CLI; the Monitoring tab shows the drift chart with its alerts and the realised AUC beside the holdout's.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { churnInProduction, signedIn } from "./churn-fixture";
import { screenshot, signInThroughForm } from "./helpers";

test.setTimeout(240_000);

const suffix = Date.now().toString(36);
const model = `watched-${suffix}`;

test("drift alerts and live performance on the Monitoring tab", async ({ page, baseURL }) => {
  const engineer = await signedIn(baseURL as string, "engineer");
  const approver = await signedIn(baseURL as string, "approver");
  await churnInProduction(engineer, approver, `watched-customers-${suffix}`, model, 20);

  const rows = Array.from({ length: 400 }, (_, i) => {
    const calls = (i * 7) % 9;
    const row: Record<string, unknown> = {
      customer: `C${i}`,
      tenure: 60 + ((i * 13) % 60),
      plan: i % 4 === 0 ? "enterprise" : ["basic", "plus", "pro"][i % 3],
    };
    if (i % 3 !== 0) row.calls = calls;
    return row;
  });
  const predicted = await engineer.post(`/api/v1/models/${model}/predict`, { data: rows });
  expect(predicted.status(), await predicted.text()).toBe(200);
  const { predictions } = await predicted.json();

  // The worker's scheduler counts the decisions within a tick or two and raises the alerts.
  await expect
    .poll(async () => (await (await engineer.get(`/api/v1/models/${model}/drift`)).json()).alerts.length, { timeout: 60_000 })
    .toBeGreaterThan(0);

  // Outcomes later: half by decision id through the API (a value that is no class of the model is
  // refused by path), half from a CSV export given to the CLI, matched by the customer field.
  const churned = (i: number) => ((i * 7) % 9) + ((i * 31) % 5) > 8;
  const outcomes = predictions.slice(0, 200).map((p: { decisionId: string }, i: number) => ({
    decisionId: p.decisionId,
    value: churned(i) ? "Yes" : "No",
  }));
  const bad = await engineer.post(`/api/v1/models/${model}/outcomes`, {
    data: { outcomes: [{ decisionId: predictions[0].decisionId, value: "Maybe" }] },
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).errors).toEqual([expect.objectContaining({ path: "outcomes[0].value" })]);
  const recorded = await engineer.post(`/api/v1/models/${model}/outcomes`, { data: { outcomes } });
  expect(recorded.status(), await recorded.text()).toBe(200);
  expect(await recorded.json()).toEqual({ recorded: 200, unmatchedKeys: 0 });

  const csv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-outcomes-")), "churned.csv");
  const exported = rows.slice(200).map((_, j) => `C${200 + j},${churned(200 + j) ? "yes" : "no"}`);
  fs.writeFileSync(csv, ["customer,churned", ...exported, "C-unknown,yes", "C7,NA"].join("\n"));
  const { token } = await (await engineer.post("/api/v1/tokens", { data: { name: `outcomes ${suffix}` } })).json();
  const cli = await promisify(execFile)(
    process.execPath,
    [path.resolve("packages/cli/bin/roundhouse.js"), "models", "outcomes", model, "--file", csv, "--key", "customer", "--value", "churned"],
    { env: { ...process.env, ROUNDHOUSE_URL: baseURL, ROUNDHOUSE_TOKEN: token }, encoding: "utf8" },
  );
  expect(cli.stdout).toContain(`uploaded ${csv} as ${model}-outcomes v1`);
  expect(cli.stdout).toContain(`200 decision(s) of ${model} got an outcome; 1 key(s) matched no decision; 1 row(s) had no value or key.`);

  await signInThroughForm(page, "engineer");
  await page.goto(`/models/${model}`);
  await page.getByRole("link", { name: "Monitoring" }).click();
  const alerts = page.getByTestId("drift-alerts");
  await expect(alerts).toContainText("tenure: PSI");
  await expect(alerts).toContainText("plan: unseen categories");
  await expect(alerts).toContainText("calls: missing rate");
  // One hour of traffic is one point per line (a dot; lines join once more hours come).
  await expect(page.getByTestId("drift-chart").locator(".recharts-line-dot").first()).toBeVisible();
  await expect(page.getByTestId("feature-drift")).toContainText("shifted");
  await expect(page.getByText(/on 400 decisions with outcomes; holdout 0\.\d{4}/)).toBeVisible();
  await expect(page.getByTestId("live-performance-chart").locator(".recharts-line-dot").first()).toBeVisible();
  // The same export read again from the page: corrections replace, so the counts stay as they were.
  const form = page.getByTestId("outcomes-from-dataset");
  await form.getByLabel("Outcome dataset").selectOption(`${model}-outcomes`);
  await form.getByLabel("True value column").selectOption("churned");
  await form.getByLabel("Key column").selectOption("customer");
  await form.getByRole("button", { name: "Record outcomes" }).click();
  await expect(form.getByRole("status")).toHaveText("200 decisions got an outcome; 1 key matched no decision; 1 row had no value.");
  await expect(page.getByText(/on 400 decisions with outcomes; holdout 0\.\d{4}/)).toBeVisible();
  await screenshot(page, "monitoring-tab");
  await page.getByLabel("by day").check();
  await expect(page.getByText(/in the last 30 days/)).toBeVisible();

  // The alerts are in the audit trail, raised by the system.
  const audit = await (await approver.get("/api/v1/audit-events?action=drift.alert")).json();
  expect(audit.items.length).toBeGreaterThan(0);
  expect(audit.items[0].actorLabel).toBe("system:drift");
});
