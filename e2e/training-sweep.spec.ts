import { expect, test } from "@playwright/test";
import { screenshot, signInThroughForm, waitForDemoData } from "./helpers";

// A date-range holdout picked on the rows-per-day chart and a 2×2 grid sweep, compared afterwards.
test("date-range holdout and a sweep of 4 trials, compared afterwards", async ({ page, request }) => {
  test.setTimeout(240_000);
  await waitForDemoData(request);
  await signInThroughForm(page, "engineer");
  await page.goto("/training/new");
  await page.getByText("seattle-weather", { exact: true }).click();
  await page.getByRole("button", { name: "Next: Label & features" }).click();
  await expect(page).toHaveURL(/step=1/);

  await page.getByRole("combobox", { name: "Label" }).selectOption("weather");
  await expect(page.getByRole("combobox", { name: "Task" })).toContainText("Inferred from the label: multiclass");
  await expect(page.getByText("5 of 5 columns selected")).toBeVisible();
  await page.getByRole("button", { name: "Next: Holdout" }).click();

  await page.getByRole("combobox", { name: "Holdout strategy" }).selectOption("dateRange");
  await expect(page.getByTestId("rows-per-day").locator(".recharts-bar-rectangle").first()).toBeVisible({ timeout: 15_000 });
  await page.getByLabel("Train from").fill("2012-01-01");
  await page.getByLabel("Train until (excluded)").fill("2015-01-01");
  await page.getByLabel("Holdout from").fill("2015-01-01");
  await page.getByLabel("Holdout until (excluded)").fill("2016-01-01");
  await expect(page.getByTestId("split-counts")).toContainText("1,096 rows to train on, 365 in the holdout");
  await screenshot(page, "sweep-1-date-holdout");
  await page.getByRole("button", { name: "Next: Model" }).click();

  await page.getByLabel("numTrees").fill("20");
  await page.getByLabel("Sweep parameters").check();
  await page.getByLabel("vary maxDepth").check();
  await page.getByLabel("maxDepth values").fill("2, 4");
  await page.getByLabel("vary learningRate").check();
  await page.getByLabel("learningRate values").fill("0.1, 0.3");
  await expect(page.getByRole("combobox", { name: "Objective" })).toHaveValue("accuracy");
  await screenshot(page, "sweep-2-model");
  await page.getByRole("button", { name: "Next: Resources & name" }).click();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("weather-sweep");
  await page.getByRole("button", { name: "Next: Review" }).click();
  await expect(page.getByLabel("TrainingSpec JSON")).toContainText('"kind": "dateRange"');
  await page.getByRole("button", { name: "Start sweep" }).click();

  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByText("4 trials, maximize accuracy; 4 finished.")).toBeVisible({ timeout: 180_000 });
  const trials = page.getByRole("table", { name: "Trials" });
  await expect(trials.locator("tbody tr")).toHaveCount(4);
  await expect(trials.getByText("best")).toHaveCount(1);
  await expect(page.getByTestId("sweep-chart-maxDepth").locator(".recharts-scatter-symbol")).toHaveCount(4);
  await expect(page.getByTestId("sweep-chart-learningRate")).toBeVisible();
  await screenshot(page, "sweep-3-trials");

  await page.getByRole("link", { name: "Compare 4 trials" }).click();
  await expect(page.getByRole("heading", { name: "Compare 4 runs" })).toBeVisible();
  const table = page.getByRole("table", { name: "Metrics and parameters" });
  await expect(table.locator('tr[data-row="accuracy"] [aria-label="best"]')).not.toHaveCount(0);
  await expect(table.locator('tr[data-row="holdout rows"]')).toContainText("365");
  await expect(page.getByTestId("parallel-coordinates").locator("path[data-run]")).toHaveCount(4);
  await expect(page.getByTestId("loss-chart").locator(".recharts-line")).toHaveCount(4);
  await screenshot(page, "sweep-4-compare");
});
