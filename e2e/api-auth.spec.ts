import { expect, test } from "@playwright/test";
import { ACCOUNTS, ORIGIN, screenshot, signInThroughForm } from "./helpers";

test("an unauthenticated API call gets 401 problem+json", async ({ request }) => {
  const res = await request.get("/api/v1/me");
  expect(res.status()).toBe(401);
  expect(res.headers()["content-type"]).toBe("application/problem+json");
  expect(await res.json()).toMatchObject({
    status: 401,
    code: "unauthenticated",
    title: "Authentication required",
    requestId: expect.any(String),
  });

  const bad = await request.get("/api/v1/me", { headers: { authorization: "Bearer rh_not-a-real-token" } });
  expect(bad.status()).toBe(401);
  expect((await bad.json()).detail).toMatch(/unknown, revoked or expired/);
});

test("a viewer gets 403 on a mutating route; an admin may do it", async ({ playwright, baseURL }) => {
  const viewer = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  expect((await viewer.post("/api/v1/auth/sign-in", { data: ACCOUNTS.viewer })).status()).toBe(200);
  const newUser = { email: "new.engineer@example.com", name: "New Engineer", role: "engineer", password: "a-long-password" };
  const forbidden = await viewer.post("/api/v1/users", { data: newUser });
  expect(forbidden.status()).toBe(403);
  expect(forbidden.headers()["content-type"]).toBe("application/problem+json");
  expect((await forbidden.json()).detail).toContain("Your role (viewer) does not allow this");

  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await admin.post("/api/v1/auth/sign-in", { data: ACCOUNTS.admin });
  const created = await admin.post("/api/v1/users", { data: newUser });
  expect(created.status()).toBe(201);
  expect(await created.json()).toMatchObject({ email: newUser.email, role: "engineer" });
  const again = await admin.post("/api/v1/users", { data: newUser });
  expect(again.status()).toBe(409);
});

test("bad input gets 400 naming every field and its problem", async ({ playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await admin.post("/api/v1/auth/sign-in", { data: ACCOUNTS.admin });
  const res = await admin.post("/api/v1/users", { data: { email: "not-an-email", role: "wizard", password: "short" } });
  expect(res.status()).toBe(400);
  const body = await res.json();
  expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["email", "name", "password", "role"]);
  const notJson = await admin.post("/api/v1/users", { data: Buffer.from("{oops"), headers: { "content-type": "application/json" } });
  expect(notJson.status()).toBe(400);
  expect((await notJson.json()).detail).toMatch(/must be JSON/);
  // A misspelt field would be dropped by parsing and the job trained on what the caller did not ask for.
  const engineer = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await engineer.post("/api/v1/auth/sign-in", { data: ACCOUNTS.engineer });
  const spec = { metadata: { name: "typo" }, data: { dataset: "seattle-weather", label: "weather", features: { include: ["wind"] } } };
  const typo = await engineer.post("/api/v1/jobs", { data: { ...spec, train: { algorithm: "gbdt" } } });
  expect(typo.status()).toBe(400);
  expect((await typo.json()).errors).toEqual([{ path: "data.features.include", message: 'unknown field "include" (it would be ignored)' }]);
  const jobs = (await (await engineer.get("/api/v1/jobs?limit=200")).json()) as { items: { name: string }[] };
  expect(jobs.items.map((j) => j.name)).not.toContain("typo");
  // A misspelt filter would be dropped and every job listed, as if that were the answer.
  const filter = await engineer.get("/api/v1/jobs?stauts=failed");
  expect(filter.status()).toBe(400);
  expect((await filter.json()).errors).toEqual([
    { path: "stauts", message: 'unknown field "stauts": did you mean "status"? (it would be ignored)' },
  ]);
  // A route that takes no query parameters would answer the whole list to one that asked for 5.
  const models = await engineer.get("/api/v1/models?limit=5");
  expect(models.status()).toBe(400);
  expect((await models.json()).errors).toEqual([{ path: "limit", message: 'unknown field "limit" (it would be ignored)' }]);
  expect((await engineer.get("/api/v1/models")).status()).toBe(200);
  // So would an upload option: the file read with a guessed delimiter, or replaced where it was to be appended.
  const upload = await engineer.post("/api/v1/datasets?name=typo-upload&delimeter=%3B", {
    data: "a;b\n1;2\n",
    headers: { "x-filename": "typo.csv" },
  });
  expect(upload.status()).toBe(400);
  expect((await upload.json()).errors).toEqual([
    { path: "delimeter", message: 'unknown field "delimeter": did you mean "delimiter"? (it would be ignored)' },
  ]);
  expect((await engineer.get("/api/v1/datasets?q=typo-upload").then((r) => r.json())).items).toEqual([]);
  // A date format is checked before the file is read.
  const dated = await engineer.post("/api/v1/datasets?name=typo-dates&dateFormat=month-first", {
    data: "id,d\n1,03/04/2024\n",
    headers: { "x-filename": "dates.csv" },
  });
  expect(dated.status()).toBe(400);
  expect((await dated.json()).errors).toEqual([
    { path: "dateFormat", message: 'must be a strftime format with %d, %m and %Y (or %y), such as "%m/%d/%Y"' },
  ]);
});

test("an API token made in Settings authenticates the API and can be revoked", async ({ page, request }) => {
  await signInThroughForm(page, "engineer");
  await page.goto("/settings");
  await page.getByLabel("Token name").fill("e2e CLI");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^rh_/);
  await screenshot(page, "settings-token-created");

  const me = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: ACCOUNTS.engineer.email, role: "engineer" });

  await page
    .getByRole("row", { name: /e2e CLI/ })
    .getByRole("button", { name: "Revoke" })
    .click();
  await expect(page.getByRole("row", { name: /e2e CLI/ })).toContainText("revoked");
  expect((await request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});

test("health is green and the OpenAPI document is served", async ({ request }) => {
  const health = await request.get("/api/v1/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({
    status: "ok",
    database: { ok: true },
    migrations: { ok: true, pending: [] },
    disk: { ok: true },
  });
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  expect(doc.paths["/api/v1/users"].post.responses["403"]).toBeDefined();
});
