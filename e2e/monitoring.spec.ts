// Watching a model in production, as its owner does: a client's traffic changes (tenures longer
// than any customer the model learned from, a plan it never saw, calls no longer sent); the worker
// counts drift from the decision log and raises alerts; outcomes arrive later through the API; the
// Monitoring tab shows the drift chart with its alerts and the realised AUC beside the holdout's.
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

  // Outcomes later: half by decision id; a value that is no class of the model is refused by path.
  const outcomes = predictions.map((p: { decisionId: string }, i: number) => ({
    decisionId: p.decisionId,
    value: ((i * 7) % 9) + ((i * 31) % 5) > 8 ? "Yes" : "No",
  }));
  const bad = await engineer.post(`/api/v1/models/${model}/outcomes`, {
    data: { outcomes: [{ decisionId: predictions[0].decisionId, value: "Maybe" }] },
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).errors).toEqual([expect.objectContaining({ path: "outcomes[0].value" })]);
  const recorded = await engineer.post(`/api/v1/models/${model}/outcomes`, { data: { outcomes } });
  expect(recorded.status(), await recorded.text()).toBe(200);
  expect(await recorded.json()).toEqual({ recorded: 400, unmatchedKeys: 0 });

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
  await screenshot(page, "monitoring-tab");
  await page.getByLabel("by day").check();
  await expect(page.getByText(/in the last 30 days/)).toBeVisible();

  // The alerts are in the audit trail, raised by the system.
  const audit = await (await approver.get("/api/v1/audit-events?action=drift.alert")).json();
  expect(audit.items.length).toBeGreaterThan(0);
  expect(audit.items[0].actorLabel).toBe("system:drift");
});
