import { expect, test } from "@playwright/test";
import { ACCOUNTS, ORIGIN, screenshot, signInThroughForm } from "./helpers";

test("a cookie saved before sign-out no longer works after it, and cannot mint a token", async ({ page, playwright, baseURL }) => {
  await signInThroughForm(page, "engineer");
  const saved = (await page.context().cookies()).find((c) => c.name === "roundhouse_session");
  expect(saved).toBeDefined();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  const replay = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { origin: ORIGIN, cookie: `roundhouse_session=${saved?.value}` },
  });
  expect((await replay.get("/api/v1/me")).status()).toBe(401);
  expect((await replay.post("/api/v1/tokens", { data: { name: "stolen" } })).status()).toBe(401);
});

test("disabling a user ends their open sessions at once; tokens default to 90 days", async ({ playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await admin.post("/api/v1/auth/sign-in", { data: ACCOUNTS.admin });
  const who = { email: `leaver.${Date.now()}@example.com`, name: "Leaver", role: "engineer", password: "leaver-password" };
  const created = await (await admin.post("/api/v1/users", { data: who })).json();

  const leaver = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  expect((await leaver.post("/api/v1/auth/sign-in", { data: { email: who.email, password: who.password } })).status()).toBe(200);
  const token = await (await leaver.post("/api/v1/tokens", { data: { name: "laptop" } })).json();
  const days = (Date.parse(token.expiresAt) - Date.now()) / 86_400_000;
  expect(Math.round(days)).toBe(90);

  const disabled = await admin.patch(`/api/v1/users/${created.id}`, { data: { disabled: true } });
  expect(disabled.status()).toBe(200);
  expect((await disabled.json()).disabled).toBe(true);
  expect((await leaver.get("/api/v1/me")).status()).toBe(401);
  const byToken = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token.token}` } });
  expect((await byToken.get("/api/v1/me")).status()).toBe(401);
  expect((await leaver.post("/api/v1/auth/sign-in", { data: { email: who.email, password: who.password } })).status()).toBe(401);
});

test("guessing a password is slowed down with 429 and Retry-After, the right one included", async ({ playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await admin.post("/api/v1/auth/sign-in", { data: ACCOUNTS.admin });
  const who = { email: `target.${Date.now()}@example.com`, name: "Target", role: "viewer", password: "target-password" };
  const target = await (await admin.post("/api/v1/users", { data: who })).json();

  // Each guess from its own address, so this test does not lock out the shared test address.
  const guess = (password: string, n: number) =>
    playwright.request
      .newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN, "x-forwarded-for": `192.0.2.${n}` } })
      .then((c) => c.post("/api/v1/auth/sign-in", { data: { email: who.email, password } }));
  const statuses = [];
  for (let i = 0; i < 8; i++) statuses.push((await guess("wrong-password", i)).status());
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(statuses.slice(5)).toContain(429);
  const locked = await guess(who.password, 99);
  expect(locked.status()).toBe(429);
  expect(Number(locked.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await locked.json()).detail).toMatch(/Too many failed sign-ins/);

  // Seven wrong passwords and two locked attempts: two audit rows (the first failure, the lock).
  const events = await (await admin.get(`/api/v1/audit-events?entityType=user&entityId=${target.id}`)).json();
  const failures = events.items.filter((e: { action: string }) => e.action === "auth.sign-in-failed");
  expect(failures.length).toBeLessThanOrEqual(3);
  expect(failures.at(0).after).toMatchObject({ failures: expect.any(Number) });
});

test("an admin disables and re-enables a user from Settings", async ({ page, playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: ORIGIN } });
  await admin.post("/api/v1/auth/sign-in", { data: ACCOUNTS.admin });
  const who = { email: `temp.${Date.now()}@example.com`, name: "Temp Worker", role: "viewer", password: "temp-password" };
  await admin.post("/api/v1/users", { data: who });

  await signInThroughForm(page, "admin");
  await page.goto("/settings");
  const row = page.getByRole("row", { name: /Temp Worker/ });
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("disabled");
  await screenshot(page, "settings-user-disabled");
  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row).toContainText("viewer");
  // No way to lock yourself out: your own row has no Disable.
  const own = page.getByRole("row", { name: /admin@roundhouse\.local/ });
  await expect(own).toContainText("you");
  await expect(own.getByRole("button")).toHaveCount(0);
});
