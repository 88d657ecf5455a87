import { expect, test } from "@playwright/test";
import { screenshot, signInThroughForm } from "./helpers";

const SECTIONS = [
  { nav: "Datasets", heading: "Datasets", empty: null },
  { nav: "Training", heading: "New training job", empty: null },
  { nav: "Jobs", heading: "Jobs", empty: null },
  { nav: "Workers", heading: "Workers", empty: null },
  { nav: "Runs", heading: "Runs", empty: null },
  { nav: "Models", heading: "Models", empty: null },
  { nav: "Approvals", heading: "Approvals", empty: null },
  { nav: "Decisions", heading: "Decisions", empty: null },
  { nav: "Audit", heading: "Audit", empty: null },
  { nav: "Settings", heading: "Settings", empty: null },
];

test("a signed-out visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/jobs");
  await expect(page).toHaveURL(/\/sign-in$/);
  await screenshot(page, "sign-in");
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("engineer@roundhouse.local");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "email or password" })).toContainText("email or password is wrong");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("the engineer signs in and visits every section", async ({ page }) => {
  await signInThroughForm(page, "engineer");
  await expect(page.getByTestId("user-menu")).toContainText("Eli Engineer");
  for (const s of SECTIONS) {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: s.nav }).click();
    await expect(page.getByRole("heading", { level: 1, name: s.heading })).toBeVisible();
    await expect(page.getByRole("link", { name: s.nav, exact: true }).first()).toHaveAttribute("aria-current", "page");
    if (s.empty) await expect(page.getByText(s.empty)).toBeVisible();
    await screenshot(page, `section-${s.nav.toLowerCase()}`);
  }
  // The engineer's own sign-in is in the audit log.
  await page.getByRole("link", { name: "Audit" }).first().click();
  await expect(page.getByRole("cell", { name: "engineer@roundhouse.local" }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Verify hash chain" })).toHaveCount(0);
});

test("dark and light themes switch and stick", async ({ page }) => {
  await signInThroughForm(page, "viewer");
  await page.emulateMedia({ colorScheme: "light" });
  await page.reload();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await screenshot(page, "datasets-dark");
  await page.getByRole("button", { name: "Switch to light theme" }).click();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
});

test("signing out ends the session", async ({ page }) => {
  await signInThroughForm(page, "viewer");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/datasets");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("an admin verifies the audit hash chain from the Audit page", async ({ page }) => {
  await signInThroughForm(page, "admin");
  await page.goto("/audit");
  await page.getByRole("button", { name: "Verify hash chain" }).click();
  await expect(page.getByRole("status")).toContainText(/Intact: \d+ events checked/);
  await screenshot(page, "audit-verified");
});
