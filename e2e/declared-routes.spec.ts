import { expect, test } from "@playwright/test";
import { ACCOUNTS, ORIGIN, waitForDemoData } from "./helpers";

// The e2e server checks every answer against its route declaration (ROUNDHOUSE_CHECK_RESPONSES):
// a body its schema rejects is a 500. So reading each documented GET here proves the document.

test("every documented read answers what the OpenAPI document declares", async ({ playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await waitForDemoData(admin);
  await admin.post("/api/v1/auth/sign-in", { data: ACCOUNTS.admin });
  const doc = await (await admin.get("/api/v1/openapi.json")).json();
  const first = async (path: string) => (await (await admin.get(path)).json()).items[0];
  const datasets = (await (await admin.get("/api/v1/datasets")).json()).items as { name: string; id: string; latest: { id: string } }[];
  const weather = datasets.find((d) => d.name === "seattle-weather")?.latest.id;
  const [job, model, promotion, decision] = [
    await first("/api/v1/jobs"),
    await first("/api/v1/models"),
    await first("/api/v1/promotions?status=all"),
    await first("/api/v1/decisions"),
  ];
  // One real id per detail route; the ones this server has no rows for yet are skipped.
  const filled: Record<string, string | undefined> = {
    "/api/v1/datasets/{id}": datasets[0]?.id,
    "/api/v1/dataset-versions/{id}": weather,
    "/api/v1/dataset-versions/{id}/preview": weather,
    "/api/v1/dataset-versions/{id}/days": weather,
    "/api/v1/dataset-versions/{id}/label-associations": weather,
    "/api/v1/jobs/{id}": job?.id,
    "/api/v1/jobs/{id}/logs": job?.id,
    "/api/v1/jobs/{id}/metrics": job?.id,
    "/api/v1/models/{name}": model?.name,
    "/api/v1/promotions/{id}": promotion?.id,
    "/api/v1/decisions/{id}": decision?.id,
  };
  // The query parameters a route needs (a route refuses any it does not declare).
  const queries: Record<string, string> = {
    "/api/v1/dataset-versions/{id}/days": "?column=date",
    "/api/v1/dataset-versions/{id}/label-associations": "?label=temp_max",
  };
  const read: string[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, { get?: { responses: Record<string, unknown> } }>)) {
    // The export streams a file; the run lists and the noise check need runs named in the query.
    if (!item.get || ["/api/v1/audit-events/export", "/api/v1/runs", "/api/v1/runs/noise"].includes(path)) continue;
    const value = path.includes("{") ? filled[path] : "";
    if (value === undefined) continue;
    const url = path.replace(/\{\w+\}/, value) + (queries[path] ?? "");
    const res = await admin.get(url);
    expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
    expect(Object.keys(item.get.responses)).toContain("200");
    read.push(path);
  }
  expect(read.length).toBeGreaterThanOrEqual(17);
});

test("path parameters are parsed by their declaration: a malformed id is a 400 naming it", async ({ playwright, baseURL }) => {
  const viewer = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await viewer.post("/api/v1/auth/sign-in", { data: ACCOUNTS.viewer });
  for (const path of ["/api/v1/jobs/42", "/api/v1/runs/x", "/api/v1/decisions/abc", "/api/v1/dataset-versions/1/preview"]) {
    const res = await viewer.get(path);
    expect(res.status(), path).toBe(400);
    expect((await res.json()).errors, path).toEqual([{ path: "id", message: "must be a UUID" }]);
  }
  const alias = await viewer.post("/api/v1/models/churn/aliases/Not An Alias/rollback", { data: { reason: "because" } });
  expect(alias.status()).toBe(403); // permission first: a viewer learns nothing about the path
});

test("a dataset is read by its id or by its name, as training specs name it", async ({ playwright, baseURL }) => {
  const viewer = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await waitForDemoData(viewer);
  const byName = await viewer.get("/api/v1/datasets/airports");
  expect(byName.status(), await byName.text()).toBe(200);
  const airports = await byName.json();
  expect(airports.name).toBe("airports");
  expect((await (await viewer.get(`/api/v1/datasets/${airports.id}`)).json()).name).toBe("airports");
  expect((await viewer.get("/api/v1/datasets/no-such-dataset")).status()).toBe(404);
  const bad = await viewer.get("/api/v1/datasets/not%20a%20name");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).errors).toEqual([{ path: "id", message: "must be a dataset's id (a UUID) or its name" }]);
});

test("the permission can depend on the request: a viewer may dry-run a derived dataset, not create it", async ({ playwright, baseURL }) => {
  const viewer = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await waitForDemoData(viewer);
  const airports = (await (await viewer.get("/api/v1/datasets")).json()).items.find((d: { name: string }) => d.name === "airports").latest
    .id;
  const definition = { base: airports };
  const dry = await viewer.post("/api/v1/datasets/derive?dryRun=true", { data: { definition } });
  expect(dry.status(), await dry.text()).toBe(200);
  expect((await dry.json()).rowCount).toBeGreaterThan(0);
  const create = await viewer.post("/api/v1/datasets/derive", { data: { name: "viewer-copy", definition } });
  expect(create.status()).toBe(403);
  expect((await create.json()).detail).toContain("'datasets:write'");
});
