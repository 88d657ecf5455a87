// The pages that exist to support a decision, walked as a new user would: three runs on a real
// dataset compared on a chosen metric with a named winner; the audit explorer answering "who
// promoted this model to production, when, with what justification and comment" and exporting it;
// a viewer who is offered nothing they cannot do. Screenshots in light and dark at 1440 px.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { type APIRequestContext, expect, type Page, request as playwrightRequest, test } from "@playwright/test";
import { ACCOUNTS, ORIGIN, signInThroughForm, waitForDemoData } from "./helpers";
import { onnxProbabilities, servedProbabilities } from "./onnx-check";

test.setTimeout(300_000);
test.use({ viewport: { width: 1440, height: 900 } });

const model = `churn-${Date.now().toString(36)}`;

async function signedIn(baseURL: string, who: keyof typeof ACCOUNTS): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  expect((await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS[who] })).ok()).toBe(true);
  return api;
}

async function train(api: APIRequestContext, algorithm: string, params: Record<string, unknown>, tags: string[]) {
  const job = await (
    await api.post("/api/v1/jobs", {
      data: {
        metadata: { name: model, description: `${algorithm} for the delay model`, tags },
        data: { dataset: "flights-2001", label: "delayed", features: ["distance", "origin", "destination"] },
        train: { algorithm, params },
      },
    })
  ).json();
  await expect
    .poll(async () => (await (await api.get(`/api/v1/jobs/${job.id}`)).json()).status, { timeout: 150_000, intervals: [1000] })
    .toBe("succeeded");
  return (await (await api.get(`/api/v1/jobs/${job.id}`)).json()) as { id: string; run: { id: string } };
}

/** Light and dark, whole page, 1440 px wide. */
async function shoot(page: Page, name: string) {
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.evaluate((t) => {
      document.documentElement.classList.toggle("dark", t === "dark");
      document.documentElement.style.colorScheme = t;
      window.scrollTo(0, 0); // the sidebar is sticky: scrolled, a full-page shot draws it mid-page
    }, theme);
    await page.screenshot({ path: `test-results/screens/${name}-${theme}.png`, fullPage: true });
  }
}

test("a new user compares three runs, finds who promoted the model and why, and a viewer is offered only reading", async ({
  page,
  browser,
  baseURL,
}) => {
  await waitForDemoData(page.request);
  const engineer = await signedIn(baseURL as string, "engineer");
  const approver = await signedIn(baseURL as string, "approver");

  await train(engineer, "gbdt", { numTrees: 5, maxDepth: 3 }, ["growth"]);
  await train(engineer, "gbdt", { numTrees: 25, maxDepth: 4 }, ["growth"]);
  const logistic = await train(engineer, "logistic_regression", {}, ["risk"]);

  // Sorted by the headline metric on the server, best first; files come down as they were registered.
  const sorted = (await (await engineer.get(`/api/v1/jobs?q=${model}&sort=-metric`)).json()).items;
  const sortedAucs = sorted.map((j: { run: { metrics: { auc: number } } }) => j.run.metrics.auc);
  expect(sortedAucs).toEqual([...sortedAucs].sort((a, b) => b - a));
  const detail = await (await engineer.get(`/api/v1/models/${model}`)).json();
  const file = await engineer.get(`/api/v1/models/${model}/versions/2/file`);
  expect(file.status()).toBe(200);
  const { createHash } = await import("node:crypto");
  expect(
    createHash("sha256")
      .update(await file.body())
      .digest("hex"),
  ).toBe(detail.versions.find((v: { version: number }) => v.version === 2).artifactSha256);
  const airports = (
    (await (await engineer.get("/api/v1/datasets")).json()).items as { name: string; latest: { id: string; rowCount: number } }[]
  ).find((d) => d.name === "airports");
  const csvFile = await engineer.get(`/api/v1/dataset-versions/${airports?.latest.id}/download?format=csv`);
  expect(csvFile.headers()["content-disposition"]).toContain('filename="airports-v1.csv"');
  const csvRows = (await csvFile.text()).trim().split("\n");
  expect(csvRows).toHaveLength((airports?.latest.rowCount ?? 0) + 1);
  expect((await engineer.get(`/api/v1/models/${model}/versions/99/file`)).status()).toBe(404);

  // As ONNX, the trees (v2) and the logistic regression (v3) predict what is served, on real airports.
  for (const version of [2, 3]) {
    const onnx = await engineer.get(`/api/v1/models/${model}/versions/${version}/onnx`);
    expect(onnx.status()).toBe(200);
    expect(onnx.headers()["content-disposition"]).toContain(`filename="${model}-v${version}.onnx"`);
    const bytes = new Uint8Array(await onnx.body());
    const origins = ["ORD", "ATL", "DFW", "LAX", "SFO", "DEN", "ZZZ", null];
    const rows = origins.map((origin, i) => ({ distance: 150 + i * 397, origin, destination: origins[(i + 3) % origins.length] ?? null }));
    const { probabilities, metadata } = await onnxProbabilities(bytes, rows);
    expect(metadata.find((p) => p.key === "roundhouse.model")?.value).toBe(model);
    const served = await servedProbabilities(engineer, model, version, rows, "true");
    const gaps = served.map((p, i) => Math.abs((probabilities[i * 2 + 1] as number) - p));
    expect(gaps).toHaveLength(rows.length);
    expect(Math.max(...gaps)).toBeLessThan(1e-5);
  }
  expect((await engineer.get(`/api/v1/models/${model}/versions/99/onnx`)).status()).toBe(404);

  // Notes and tags are kept on the run, edited on its job page, and the change is audited.
  await signInThroughForm(page, "engineer");
  await page.goto(`/jobs/${logistic.id}`);
  await page.getByRole("button", { name: "Edit notes and tags" }).click();
  await page.getByRole("textbox", { name: "Tags" }).fill("risk, two words,");
  await page.getByRole("textbox", { name: "Notes" }).fill("Linear baseline: cheap to serve.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("run-notes")).toContainText("Linear baseline: cheap to serve.");
  await expect(page.getByTestId("run-notes")).toContainText("words");
  await expect(page.getByTestId("roc-chart")).toBeVisible();
  await shoot(page, "job-page");
  const annotated = (await (await approver.get(`/api/v1/audit-events?action=run.annotated&entityId=${logistic.run.id}`)).json()).items;
  expect(annotated[0]).toMatchObject({ before: { tags: ["risk"], note: "" }, after: { tags: ["risk", "two", "words"] } });
  const badTags = await engineer.patch(`/api/v1/runs/${logistic.run.id}`, { data: { tags: ["has space"] } });
  expect(badTags.status()).toBe(400);
  expect(JSON.stringify(await badTags.json())).toContain("tags");
  expect((await approver.patch(`/api/v1/runs/${logistic.run.id}`, { data: { note: "not mine to write" } })).status()).toBe(403);
  // Jobs filter by a tag they were submitted with, or one their run carries now.
  const tagged = async (tag: string) => (await (await engineer.get(`/api/v1/jobs?q=${model}&tag=${tag}`)).json()).items.length;
  expect([await tagged("growth"), await tagged("words"), await tagged("nothing")]).toEqual([2, 1, 0]);

  // Jobs → tick the three → Compare: the page names the winner on the chosen metric.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" }).click();
  await page.getByLabel("Search by name").fill(model);
  await expect(page.getByRole("checkbox", { name: `compare ${model}` })).toHaveCount(3);
  for (const box of await page.getByRole("checkbox", { name: `compare ${model}` }).all()) await box.check();
  await page.getByRole("link", { name: "Compare 3 runs" }).click();
  const verdict = page.getByTestId("verdict");
  await expect(page.getByRole("columnheader", { name: new RegExp(`${model} v1`) })).toBeVisible();
  await expect(verdict.getByLabel("Primary metric")).toHaveValue("auc");
  const aucs = await Promise.all([1, 2, 3].map(async (v) => Number(await page.locator("tr[data-row=auc] td").nth(v).textContent())));
  const best = aucs.indexOf(Math.max(...aucs));
  const headers = await page.locator("thead th a").allTextContents();
  await expect(verdict.getByTestId("winner")).toHaveText(headers[best] as string);
  await expect(verdict.getByTestId("margin")).toContainText(/by \d\.\d{4} \(\d+\.\d%\)/);
  await expect(verdict.getByTestId("noise")).toContainText(/(Larger than|Within) noise .*paired bootstrap over 200 resamples/, {
    timeout: 60_000,
  });
  // Another metric, another verdict; the choice and the table's toggle live in the URL.
  await verdict.getByLabel("Primary metric").selectOption("logloss");
  // The box follows the URL, which Next updates in a transition: click, then wait for the tick.
  await page.getByLabel("Show only differences").click();
  await expect(page.getByLabel("Show only differences")).toBeChecked();
  await expect(page).toHaveURL(/metric=logloss/);
  await expect(page).toHaveURL(/diff=1/);
  await expect(verdict).toContainText("Winner on Log loss");
  // Parallel coordinates: an axis per parameter that varies among the runs that have it, no more.
  const axes = page.getByTestId("parallel-coordinates").locator("svg > g text title");
  await expect(axes).toContainText(["maxDepth", "numTrees", "logloss"]);
  await expect(page.getByTestId("parallel-coordinates").locator("path[data-run]")).toHaveCount(3);
  await page.reload();
  await expect(page.getByTestId("verdict").getByLabel("Primary metric")).toHaveValue("logloss");
  await shoot(page, "compare");

  // Promote v2 to production through four eyes.
  const justification = "v2: 25 trees, best AUC of the three on the same holdout";
  const request = await (
    await engineer.post(`/api/v1/models/${model}/promotions`, { data: { version: 2, alias: "production", justification } })
  ).json();
  const comment = "Checked the ROC and calibration; approved for production.";
  expect((await approver.post(`/api/v1/promotions/${request.id}/decision`, { data: { decision: "approved", comment } })).ok()).toBe(true);

  // The audit explorer: Audit → "Promotion approved" → open the row. Three steps.
  await signInThroughForm(page, "approver");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  await page.getByLabel("Action").selectOption("promotion.approved");
  await expect(page).toHaveURL(/action=promotion\.approved/);
  const row = page
    .getByRole("row")
    .filter({ hasText: `${model} v2 → production` })
    .filter({ hasText: "Promotion approved" });
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: /Show details/ }).click();
  const details = page.locator("tr[id^=audit-]");
  await expect(details).toContainText(justification);
  await expect(details).toContainText(comment);
  await expect(row).toContainText("approver@roundhouse.local");
  await shoot(page, "audit-explorer");

  // The filtered view exports with its hashes, and the filter survives a reload (it is in the URL).
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = fs.readFileSync(await (await download).path(), "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("seq,at,actor,action,entity_type,entity_id,before,after,request_id,prev_hash,hash");
  expect(lines.slice(1).every((l) => l.includes("promotion.approved"))).toBe(true);
  expect(csv).toContain(justification);
  await page.reload();
  await expect(page.getByLabel("Action")).toHaveValue("promotion.approved");

  // The version's history: its training job, the request, the approval and the alias move.
  await expect(details).toContainText(comment); // the opened row is in the URL too
  await details.getByRole("link", { name: /History of/ }).click();
  await expect(page.getByText(`History of ${model} v2 → production`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Promotion requested" })).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: "Alias moved" })).toHaveCount(0); // only with what belongs to it

  const jsonl = await approver.get(`/api/v1/audit-events/export?format=jsonl&actor=approver%40roundhouse.local&action=promotion.*`);
  expect(jsonl.status()).toBe(200);
  const events = (await jsonl.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(events.some((e) => e.after?.justification === justification && /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
  // Filters are checked like any input.
  const bad = await approver.get("/api/v1/audit-events?from=yesterday");
  expect(bad.status()).toBe(400);
  expect(JSON.stringify(await bad.json())).toContain("from");

  // The model page says how to call it; the curl snippet, pasted into a shell, gets an answer.
  await page.goto(`/models/${model}`);
  await expect(page.getByTestId("call-snippet")).toContainText(`/api/v1/models/${model}/predict?alias=production`);
  for (const feature of ["distance", "origin", "destination"])
    await expect(page.getByTestId("call-snippet")).toContainText(`"${feature}":`);
  const curl = (await page.getByTestId("call-snippet").textContent()) as string;
  const { token } = await (await engineer.post("/api/v1/tokens", { data: { name: "snippet" } })).json();
  const answer = JSON.parse(
    execFileSync("bash", ["-c", curl.replace("curl -X", "curl -s -X")], {
      encoding: "utf8",
      env: { ...process.env, ROUNDHOUSE_TOKEN: token },
    }),
  );
  expect(answer.model).toMatchObject({ name: model, version: 2, alias: "production" });
  await page.getByRole("tab", { name: "Python" }).click();
  await expect(page.getByTestId("call-snippet")).toContainText("requests.post(");
  await shoot(page, "model-page");

  // Decisions: a batch logged in one millisecond pages without a gap or a repeat, in both orders.
  const exampleRow = JSON.parse(curl.slice(curl.indexOf("-d '") + 4, curl.lastIndexOf("'")));
  const pageThrough = async (order: string) => {
    const ids: string[] = [];
    for (let cursor = ""; ; ) {
      const res = await approver.get(`/api/v1/decisions?model=${model}&limit=2&order=${order}${cursor && `&cursor=${cursor}`}`);
      expect(res.status()).toBe(200);
      const body = await res.json();
      ids.push(...body.items.map((d: { id: string }) => d.id));
      if (!body.nextCursor) return ids;
      cursor = encodeURIComponent(body.nextCursor);
    }
  };
  const earlier = (await pageThrough("newest")).length;
  const batch = await engineer.post(`/api/v1/models/${model}/predict?alias=production`, { data: Array(7).fill(exampleRow) });
  expect(batch.status()).toBe(200);
  const newest = await pageThrough("newest");
  expect(newest.length).toBe(earlier + 7);
  expect(new Set(newest).size).toBe(earlier + 7);
  expect(await pageThrough("oldest")).toEqual([...newest].reverse());
  const badCursor = await approver.get("/api/v1/decisions?cursor=yesterday");
  expect(badCursor.status()).toBe(400);
  expect(JSON.stringify(await badCursor.json())).toContain("cursor");
  await page.goto(`/decisions?model=${model}`);
  await page.getByRole("button", { name: "Time" }).click();
  await expect(page).toHaveURL(/order=oldest/);
  const decisionsDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "CSV" }).click();
  const decisionsCsv = fs.readFileSync(await (await decisionsDownload).path(), "utf8");
  expect(decisionsCsv.split(/\r?\n/)[0]).toMatch(/^decision_id,at,model,version,alias,prediction,p_/);
  await shoot(page, "decisions");

  // The registry: sorted by its headline metric, searchable, in the URL, exported.
  await page.goto("/models");
  await page.getByLabel("Search").fill(model);
  await expect(page.getByTestId("models-table").locator("tbody tr")).toHaveCount(1);
  await page.getByRole("button", { name: "Latest" }).click();
  await expect(page).toHaveURL(/sort=-metric/);
  await expect(page).toHaveURL(new RegExp(`q=${model}`));
  await shoot(page, "models");

  // A viewer is offered nothing they cannot do: no Training in the menu, no wizard, reasons instead.
  const viewerContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const viewer = await viewerContext.newPage();
  await signInThroughForm(viewer, "viewer");
  const nav = viewer.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Jobs" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Training" })).toHaveCount(0);
  await viewer.goto("/jobs");
  await expect(viewer.getByRole("link", { name: "New training job" })).toHaveCount(0);
  await expect(viewer.getByTestId("role-note")).toContainText("Your role (viewer) reads jobs");
  await viewer.goto("/training/new");
  await expect(viewer.getByText("Training is for engineers and admins")).toBeVisible();
  await expect(viewer.getByRole("button", { name: /Next|Submit/ })).toHaveCount(0);
  await viewer.goto(`/models/${model}`);
  await expect(viewer.getByRole("button", { name: "Request promotion" })).toHaveCount(0);
  await expect(viewer.getByTestId("role-note")).toContainText("engineers request promotions");
  await shoot(viewer, "viewer-jobs");
  await viewerContext.close();
});
