import os from "node:os";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, ORIGIN, screenshot, signInThroughForm, waitForDemoData } from "./helpers";

test("the Workers page shows this machine's worker and its pool; the API and metrics say the same", async ({ page }) => {
  await signInThroughForm(page, "viewer");
  await page.goto("/workers");
  await expect(page.getByRole("heading", { level: 1, name: "Workers" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: os.hostname() }).first();
  await expect(row).toBeVisible();
  await expect(row.getByText("live", { exact: true })).toBeVisible();
  await expect(row.getByRole("progressbar", { name: `${os.hostname()} slots in use` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Pools" }).getByRole("heading", { name: "default" })).toBeVisible();
  await screenshot(page, "workers");

  const fleet = await (await page.request.get("/api/v1/workers")).json();
  expect(fleet.workers.find((w: { host: string }) => w.host === os.hostname())).toMatchObject({
    state: "live",
    pools: ["default"],
    slots: expect.any(Number),
  });
  const metrics = await page.request.get("/api/v1/metrics");
  expect(metrics.headers()["content-type"]).toContain("text/plain");
  expect(await metrics.text()).toMatch(/^roundhouse_worker_slots\{pool="default"\} [1-9]\d*$/m);
  const one = await (await page.request.get("/api/v1/metrics?pool=no-such-pool")).text();
  expect(one).toMatch(/^roundhouse_queue_depth 0$/m);
  expect(one).not.toContain('pool="default"');
  expect((await page.request.get("/api/v1/metrics?pool=NOT%20A%20POOL")).status()).toBe(400);
});

test("the metrics endpoint is not open to anonymous callers", async ({ request }) => {
  const res = await request.get("/api/v1/metrics");
  expect(res.status()).toBe(401);
});

test("the Jobs page and the job page name the host that ran the job", async ({ page, playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await waitForDemoData(api);
  await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS.engineer });
  const spec = {
    metadata: { name: "weather-on-a-host", project: "e2e-workers" },
    data: { dataset: "seattle-weather", label: "weather" },
    train: { algorithm: "gbdt", params: { numTrees: 5 } },
  };
  const job = await (await api.post("/api/v1/jobs", { data: spec })).json();
  await expect.poll(async () => (await (await api.get(`/api/v1/jobs/${job.id}`)).json()).status, { timeout: 60_000 }).toBe("succeeded");
  expect((await (await api.get(`/api/v1/jobs/${job.id}`)).json()).workerHost).toBe(os.hostname());

  await signInThroughForm(page, "viewer");
  await page.goto("/jobs?q=weather-on-a-host");
  await expect(page.getByRole("columnheader", { name: "Host" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "weather-on-a-host" }).getByRole("cell", { name: os.hostname() })).toBeVisible();
  await page.getByRole("link", { name: "weather-on-a-host" }).click();
  // The job page renders after a server round trip, which took over 5 s on a busy CI machine: wait for the page itself.
  await expect(page).toHaveURL(`/jobs/${job.id}`, { timeout: 20_000 });
  await expect(page.getByRole("heading", { name: "weather-on-a-host" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("link", { name: os.hostname(), exact: true })).toHaveAttribute("href", "/workers");
});
