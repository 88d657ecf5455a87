import { type APIRequestContext, expect, type Page } from "@playwright/test";

export const ACCOUNTS = {
  admin: { email: "admin@roundhouse.local", password: "admin-roundhouse" },
  engineer: { email: "engineer@roundhouse.local", password: "engineer-roundhouse" },
  approver: { email: "approver@roundhouse.local", password: "approver-roundhouse" },
  viewer: { email: "viewer@roundhouse.local", password: "viewer-roundhouse" },
} as const;

export async function signInThroughForm(page: Page, who: keyof typeof ACCOUNTS) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ACCOUNTS[who].email);
  await page.getByLabel("Password").fill(ACCOUNTS[who].password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("user-menu")).toContainText(who);
}

/** The e2e server's own origin: cookie-authenticated writes must carry it (CSRF check). */
export const ORIGIN = `http://localhost:${process.env.ROUNDHOUSE_E2E_PORT ?? 3100}`;

export const screenshot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

/** The launcher loads the demo datasets just after the app is up; specs that use them wait here. */
export async function waitForDemoData(request: APIRequestContext) {
  await request.post("/api/v1/auth/sign-in", { data: ACCOUNTS.viewer, headers: { origin: ORIGIN } });
  await expect
    .poll(async () => ((await (await request.get("/api/v1/datasets")).json()).items ?? []).map((d: { name: string }) => d.name), {
      timeout: 60_000,
      intervals: [500],
    })
    .toEqual(expect.arrayContaining(["flights-2001", "airports", "seattle-weather"]));
}
