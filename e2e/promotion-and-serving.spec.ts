// The registry's whole path, as people would walk it: an engineer trains two versions and asks for
// the better one to take production; an approver sees the champion/challenger comparison and
// approves; a predict call answers with the new version; the decision explorer shows that
// decision with its reasons and its lineage back to the dataset version.
import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import { ACCOUNTS, ORIGIN, screenshot, signInThroughForm, waitForDemoData } from "./helpers";

test.setTimeout(240_000);

const model = `flight-delay-${Date.now().toString(36)}`;
const spec = (numTrees: number) => ({
  metadata: { name: model, description: "Will this flight arrive more than 15 minutes late?" },
  data: { dataset: "flights-2001", label: "delayed", features: ["distance", "origin", "destination"] },
  train: { algorithm: "gbdt", params: { numTrees, maxDepth: 4 } },
});

async function signedIn(baseURL: string, who: keyof typeof ACCOUNTS): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  expect((await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS[who] })).ok()).toBe(true);
  return api;
}

async function train(api: APIRequestContext, numTrees: number) {
  const job = await (await api.post("/api/v1/jobs", { data: spec(numTrees) })).json();
  await expect
    .poll(async () => (await (await api.get(`/api/v1/jobs/${job.id}`)).json()).status, { timeout: 150_000, intervals: [1000] })
    .toBe("succeeded");
}

test("engineer requests production, approver approves, predictions follow and are explained", async ({ page, browser, baseURL }) => {
  await waitForDemoData(page.request);
  const engineer = await signedIn(baseURL as string, "engineer");
  const approverApi = await signedIn(baseURL as string, "approver");

  // v1 (5 trees) is in production already; v2 (40 trees) is the challenger.
  await train(engineer, 5);
  await train(engineer, 40);
  const first = await (
    await engineer.post(`/api/v1/models/${model}/promotions`, {
      data: { version: 1, alias: "production", justification: "first version for the demo" },
    })
  ).json();
  expect((await approverApi.post(`/api/v1/promotions/${first.id}/decision`, { data: { decision: "approved", comment: "ok" } })).ok()).toBe(
    true,
  );

  // The engineer finds the model, opens the request dialog on v2 and sees the comparison.
  await signInThroughForm(page, "engineer");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Models" }).click();
  await page.getByRole("link", { name: model }).click();
  await expect(page.getByRole("heading", { level: 1, name: model })).toBeVisible();
  await expect(page.getByTestId("aliases")).toContainText("production");
  await expect(page.getByTestId("alias-timeline")).toContainText("first holder");
  await page.getByTestId("version-2").getByRole("button", { name: "Request promotion" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("comparison")).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByRole("columnheader", { name: "v1 (production now)" })).toBeVisible();
  await expect(dialog.getByTestId("delta-auc")).toHaveText(/^[+−±]\d\.\d{4}$/);
  await expect(dialog.getByTestId("comparison-roc").locator(".recharts-line")).toHaveCount(3); // two versions + chance
  await dialog.getByLabel("Justification").fill("40 trees instead of 5: better AUC on the same holdout rows");
  await screenshot(page, "promotion-dialog");
  await dialog.getByRole("button", { name: "Request approval" }).click();
  await expect(page).toHaveURL(/\/approvals\/[0-9a-f-]{36}$/);
  await expect(page.getByText("another approver has to decide it")).toBeVisible();
  const requestId = page.url().split("/").pop() as string;

  // Enforced on the server, not only hidden: the engineer cannot approve (an admin requester
  // cannot approve their own either: packages/db/src/promotions.int.test.ts).
  const own = await engineer.post(`/api/v1/promotions/${requestId}/decision`, { data: { decision: "approved", comment: "" } });
  expect(own.status()).toBe(403);
  expect((await own.json()).detail).toContain("models:approve");

  // The approver sees the request in the inbox (badge in the nav), reads the comparison, approves.
  const approverContext = await browser.newContext();
  const approver = await approverContext.newPage();
  await signInThroughForm(approver, "approver");
  await expect(approver.getByRole("navigation", { name: "Main" }).getByTestId("approvals-badge")).toHaveText(/^[1-9]/);
  await approver
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /Approvals/ })
    .click();
  await approver.getByRole("link", { name: `${model} v2 → production` }).click();
  await expect(approver.getByTestId("comparison")).toBeVisible();
  await expect(approver.getByTestId("delta-auc")).toBeVisible();
  await screenshot(approver, "promotion-request-approver");
  await approver.getByLabel(/Comment/).fill("Checked the ROC curves; AUC is up on the same rows.");
  await approver.getByRole("button", { name: "Approve and move production" }).click();
  await expect(approver.getByTestId("review")).toContainText("approved by approver@roundhouse.local");

  // Predictions now come from v2, with reasons; bad input gets a 422 naming each problem.
  const row = { distance: 733, origin: "ORD", destination: "ATL" };
  const answer = await (await engineer.post(`/api/v1/models/${model}/predict`, { data: row })).json();
  expect(answer.model).toMatchObject({ name: model, version: 2, alias: "production" });
  const decisionId = answer.predictions[0].decisionId as string;
  expect(answer.predictions[0].reasons.length).toBe(3);
  const bad = await engineer.post(`/api/v1/models/${model}/predict`, { data: [{ distance: "far", origin: "ORD" }, { distance: {} }] });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).errors.map((e: { path: string }) => e.path)).toEqual(["0.distance", "1.distance"]);
  // Only numbers for a numeric feature: not a boolean, not a number JSON cannot hold.
  const flag = await engineer.post(`/api/v1/models/${model}/predict`, { data: { distance: true } });
  expect(flag.status()).toBe(422);
  expect((await flag.json()).errors[0]).toEqual({ path: "distance", message: '"distance" must be a number, got a boolean' });
  const huge = await engineer.post(`/api/v1/models/${model}/predict`, {
    data: '{"distance": 1e309}',
    headers: { "content-type": "application/json" },
  });
  expect(huge.status()).toBe(422);
  expect((await huge.json()).errors[0].message).toBe('"distance" must be a finite number');
  // A real row with an airport the model never saw is answered; the unseen value is a warning.
  const unseen = await engineer.post(`/api/v1/models/${model}/predict`, { data: { distance: "733", origin: "NOWHERE" } });
  expect(unseen.status()).toBe(200);
  const warned = (await unseen.json()).predictions[0];
  expect(warned.warnings.map((w: { feature: string }) => w.feature)).toEqual(["origin", "destination"]);
  const warnedId = warned.decisionId as string;

  // With an API token the same call skips Next.js (apps/web/server.ts answers it): the same
  // answers and problems, and a revoked token is refused at once.
  const created = await (await engineer.post("/api/v1/tokens", { data: { name: "e2e predict" } })).json();
  const byToken = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${created.token}` } });
  const fast = await byToken.post(`/api/v1/models/${model}/predict`, { data: row });
  expect(fast.status()).toBe(200);
  const fastAnswer = await fast.json();
  expect(fastAnswer.model).toEqual(answer.model);
  expect(fastAnswer.predictions[0]).toMatchObject({ ...answer.predictions[0], decisionId: expect.any(String) });
  expect(fastAnswer.predictions[0].decisionId).not.toBe(decisionId);
  const fastFlag = await byToken.post(`/api/v1/models/${model}/predict`, { data: { distance: true } });
  expect(fastFlag.status()).toBe(422);
  expect(fastFlag.headers()["content-type"]).toBe("application/problem+json");
  expect((await fastFlag.json()).errors[0]).toEqual({ path: "distance", message: '"distance" must be a number, got a boolean' });
  expect((await byToken.post("/api/v1/models/no-such-model/predict", { data: row })).status()).toBe(404);
  expect((await engineer.delete(`/api/v1/tokens/${created.id}`)).status()).toBe(204);
  // Within 2 s, not the 10 s a remembered token may live: the revocation's NOTIFY did it.
  await expect
    .poll(async () => (await byToken.post(`/api/v1/models/${model}/predict`, { data: row })).status(), { timeout: 2_000 })
    .toBe(401);
  await byToken.dispose();

  // The model page shows the move on the timeline.
  await approver.goto(`/models/${model}`);
  await expect(approver.getByTestId("alias-timeline")).toContainText("(was v1)");
  await screenshot(approver, "model-page");

  // The decision explorer finds the decision; its page shows reasons and lineage.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Decisions" }).click();
  await page.getByLabel("Decision id").fill(decisionId);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("decisions-table").getByRole("row")).toHaveCount(2);
  await screenshot(page, "decisions-explorer");
  await page.getByRole("link", { name: decisionId }).click();
  await expect(page.getByTestId("reasons-chart").locator(".recharts-bar-rectangle")).toHaveCount(3);
  await expect(page.getByTestId("reasons-caption")).toContainText(`log-odds of “${answer.predictions[0].prediction}”, the predicted class`);
  const lineage = page.getByTestId("lineage");
  await expect(lineage.getByRole("link", { name: `${model} v2` })).toBeVisible();
  await expect(lineage.getByRole("link", { name: "flights-2001 v1" })).toBeVisible();
  await expect(lineage).toContainText("sha256");
  await screenshot(page, "decision-page");
  // The decision scored with an unseen airport shows its warnings.
  await page.goto(`/decisions/${warnedId}`);
  await expect(page.getByTestId("decision-warnings")).toContainText('unknown category "NOWHERE" for "origin"');
  await screenshot(page, "decision-page-warnings");
  await approverContext.close();
});
