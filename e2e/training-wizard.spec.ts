import { expect, test } from "@playwright/test";
import { screenshot, signInThroughForm, waitForDemoData } from "./helpers";

// As a new engineer would: the demo flights data through every wizard step, watch the job train
// live, clone it with another parameter, and compare the two runs.
test("wizard → live job → clone with another parameter → compare the two runs", async ({ page, request }) => {
  test.setTimeout(300_000);
  await waitForDemoData(request);
  await signInThroughForm(page, "engineer");

  await page.getByRole("link", { name: "Training" }).click();
  await expect(page).toHaveURL(/\/training\/new$/);
  await page.getByText("flights-2001", { exact: true }).click();
  // The first choice puts the draft's id in the address (nothing is written there on arrival).
  await expect(page).toHaveURL(/\/training\/new\?draft=\w+&step=0/);
  await expect(page.getByLabel("Version")).toBeVisible();
  await expect(page.getByText(/3,000,000\s+rows/).last()).toBeVisible();
  await screenshot(page, "wizard-1-data");
  await page.getByRole("button", { name: "Next: Label & features" }).click();
  await expect(page).toHaveURL(/step=1/);

  // Step 2: the label's class balance, the task inferred, and a warning that `delay` gives the label away.
  await page.getByRole("combobox", { name: "Label" }).selectOption("delayed");
  await expect(page.getByRole("combobox", { name: "Task" })).toContainText("Inferred from the label: binary");
  const leak = page.getByRole("alert").filter({ hasText: "may leak the label" });
  await expect(leak).toContainText("delay");
  await leak.getByRole("button", { name: "Unselect it" }).click();
  await expect(leak).toHaveCount(0);
  await expect(page.getByRole("checkbox", { name: /^delay / })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: /^distance / })).toBeChecked();
  await screenshot(page, "wizard-2-features");

  // A reload keeps everything (the draft is in localStorage, the step in the URL).
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Label" })).toHaveValue("delayed");
  await page.getByRole("button", { name: "Next: Holdout" }).click();

  await expect(page.getByTestId("split-counts")).toContainText("2,400,000");
  // The browser's back button goes to the previous step with its choices.
  await page.goBack();
  await expect(page).toHaveURL(/step=1/);
  await expect(page.getByRole("combobox", { name: "Label" })).toHaveValue("delayed");
  await page.goForward();
  await expect(page.getByTestId("split-counts")).toContainText("2,400,000");
  await page.getByLabel("Stratify by the label").check();
  await screenshot(page, "wizard-3-holdout");
  await page.getByRole("button", { name: "Next: Model" }).click();

  await expect(page.getByRole("radio", { name: /Gradient-boosted trees/ })).toBeChecked();
  await page.getByLabel("numTrees").fill("15");
  await page.getByLabel("maxDepth").fill("4");
  await page.getByLabel("learningRate").fill("1.5");
  await page.getByRole("button", { name: "Next: Resources & name" }).click();
  // The same zod schema as the API refuses the learning rate before anything is sent.
  await expect(page.getByText("Too big: expected number to be <=1")).toBeVisible();
  await page.getByLabel("learningRate").fill("0.3");
  await screenshot(page, "wizard-4-model");
  await page.getByRole("button", { name: "Next: Resources & name" }).click();

  await page.getByRole("button", { name: "Next: Review" }).click();
  await expect(page.getByText("Name the job")).toBeVisible();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("flight-delays-wizard");
  await page.getByLabel("Tags").fill("e2e, demo");
  await screenshot(page, "wizard-5-resources");
  await page.getByRole("button", { name: "Next: Review" }).click();

  const json = page.getByLabel("TrainingSpec JSON");
  await expect(json).toContainText('"label": "delayed"');
  await expect(json).toContainText('"numTrees": 15');
  await expect(page.getByText("The spec is valid.")).toBeVisible();
  await screenshot(page, "wizard-6-review");
  await page.getByRole("button", { name: "Start training" }).click();

  // The job page follows the job live until it succeeds.
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  const firstJobUrl = page.url();
  await expect(page.getByRole("heading", { name: "flight-delays-wizard" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Job progress" })).toBeVisible({ timeout: 30_000 });
  await screenshot(page, "job-running");
  await expect(page.getByText("succeeded", { exact: true })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("roc-chart").locator(".recharts-line")).not.toHaveCount(0);
  await expect(page.getByTestId("confusion-matrix")).toBeVisible();
  await expect(page.getByTestId("loss-chart")).toBeVisible();
  await expect(page.getByText("flights-2001 v1")).toBeVisible();
  const matrix = page.getByTestId("confusion-matrix");
  const before = await matrix.locator("td").allTextContents();
  await matrix.getByLabel("Threshold").fill("0.2");
  await expect.poll(() => matrix.locator("td").allTextContents()).not.toEqual(before);
  await screenshot(page, "job-succeeded");

  // Clone: the wizard opens on the model step with the same spec; change one parameter.
  await page.getByRole("link", { name: "Clone" }).click();
  await expect(page).toHaveURL(/step=3/);
  await expect(page.getByLabel("numTrees")).toHaveValue("15");
  await page.getByLabel("numTrees").fill("30");
  await page.getByRole("button", { name: "Next: Resources & name" }).click();
  await page.getByRole("button", { name: "Next: Review" }).click();
  await expect(page.getByLabel("TrainingSpec JSON")).toContainText('"numTrees": 30');
  await page.getByRole("button", { name: "Start training" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  expect(page.url()).not.toBe(firstJobUrl);
  await expect(page.getByText("succeeded", { exact: true })).toBeVisible({ timeout: 120_000 });

  // Compare the two runs from the jobs table.
  await page.getByRole("link", { name: "Jobs", exact: true }).click();
  const compareBoxes = page.getByRole("checkbox", { name: "compare flight-delays-wizard" });
  await expect(compareBoxes).toHaveCount(2, { timeout: 15_000 });
  // Filters live in the address and narrow the list without a page load.
  await page.getByLabel("Search by name").fill("no-such-job");
  await expect(page).toHaveURL(/q=no-such-job/);
  await expect(page.getByText("No jobs match these filters")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByLabel("Search by name")).toHaveValue("");
  await expect(compareBoxes).toHaveCount(2);
  await compareBoxes.nth(0).check();
  await compareBoxes.nth(1).check();
  await screenshot(page, "jobs-selected");
  await page.getByRole("link", { name: "Compare 2 runs" }).click();
  await expect(page).toHaveURL(/\/runs\/compare\?ids=[0-9a-f-]{36},[0-9a-f-]{36}/);
  const table = page.getByRole("table", { name: "Metrics and parameters" });
  await expect(table.locator('tr[data-row="numTrees"]')).toContainText("30");
  await expect(table.locator('tr[data-row="auc"] [aria-label="best"]')).toHaveCount(1);
  await page.getByLabel("Show only differences").check();
  await expect(table.locator('tr[data-row="maxDepth"]')).toHaveCount(0);
  await expect(table.locator('tr[data-row="numTrees"]')).toHaveCount(1);
  await expect(page.getByTestId("compare-roc").locator(".recharts-line")).toHaveCount(3); // two runs and the chance line
  await expect(page.getByTestId("parallel-coordinates")).toBeVisible();
  await expect(page.getByTestId("importance-chart")).toBeVisible();
  await screenshot(page, "compare-two-runs");
});
