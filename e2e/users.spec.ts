import { expect, test } from "@playwright/test";
import { screenshot, signInThroughForm } from "./helpers";

test("an admin adds a user in Settings, who can then sign in with that role", async ({ page }) => {
  await signInThroughForm(page, "admin");
  await page.goto("/settings");
  const panel = page
    .locator("section, div")
    .filter({ has: page.getByRole("heading", { name: "Users" }) })
    .last();

  // The form checks with the API's own schema before sending.
  await panel.getByLabel("Email").fill("not an email");
  await panel.getByRole("button", { name: "Add user" }).click();
  await expect(panel.getByText("Use at least 10 characters")).toBeVisible();

  await panel.getByLabel("Email").fill("grace@example.com");
  await panel.getByLabel("Name").fill("Grace Approver");
  await panel.getByLabel("Role").selectOption("approver");
  await panel.getByLabel("Initial password").fill("grace-password-1");
  await panel.getByRole("button", { name: "Add user" }).click();
  await expect(panel.getByRole("status")).toContainText("Added grace@example.com");
  await expect(panel.getByRole("row", { name: /Grace Approver/ })).toContainText("approver");
  await screenshot(page, "settings-users");

  // The same email again is a conflict, reported on the form.
  await panel.getByLabel("Email").fill("grace@example.com");
  await panel.getByLabel("Name").fill("Grace Again");
  await panel.getByLabel("Initial password").fill("grace-password-2");
  await panel.getByRole("button", { name: "Add user" }).click();
  await expect(panel.getByRole("alert")).toContainText("already exists");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel("Email").fill("grace@example.com");
  await page.getByLabel("Password").fill("grace-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("user-menu")).toContainText("approver");
});

test("the Users panel is only for admins", async ({ page }) => {
  await signInThroughForm(page, "engineer");
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Users" })).toHaveCount(0);
});
