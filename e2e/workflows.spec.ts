import { expect, type Page, test } from "@playwright/test";
import { ORIGIN, screenshot, signInThroughForm, waitForDemoData } from "./helpers";

// A team's own training code, under 30 lines, registered through the API and trained from the
// wizard like a built-in algorithm: its parameter form comes from the workflow's JSON Schema.
const TEAM_WORKFLOW = `"""Seattle's weather with scikit-learn's histogram gradient boosting."""

from roundhouse_workflow import workflow


@workflow(
    tasks=["binary", "multiclass"],
    requires=["sklearn"],
    description="HistGradientBoosting with a tunable learning rate",
    params={"learning_rate": {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.1}},
)
def train(data, params, report):
    from sklearn.ensemble import HistGradientBoostingClassifier

    report(message=f"{len(data.train_X):,} rows")
    return HistGradientBoostingClassifier(learning_rate=params["learning_rate"], max_iter=40, random_state=0).fit(data.train_X, data.train_y)
`;

test("a workflow registered by API is chosen, configured and trained in the wizard", async ({ page, request }) => {
  test.setTimeout(180_000);
  expect(TEAM_WORKFLOW.split("\n").length).toBeLessThan(30);
  await waitForDemoData(request);
  await signInThroughForm(page, "engineer");

  const registered = await page.request.post("/api/v1/workflows", {
    data: { name: "team-hgb", source: TEAM_WORKFLOW },
    headers: { origin: ORIGIN },
  });
  expect([200, 201]).toContain(registered.status());
  const workflow = await registered.json();
  expect(workflow).toMatchObject({ name: "team-hgb", available: true, tasks: ["binary", "multiclass"] });
  expect(workflow.sha256).toMatch(/^[0-9a-f]{64}$/);
  // A file that is not a workflow is refused with what went wrong.
  const bad = await page.request.post("/api/v1/workflows", { data: { name: "broken", source: "def f(:\n" }, headers: { origin: ORIGIN } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).detail).toMatch(/SyntaxError/);
  const listed = (await (await page.request.get("/api/v1/workflows")).json()).items.map((w: { name: string }) => w.name);
  expect(listed).toEqual(expect.arrayContaining(["sklearn", "team-hgb", "torch-mlp", "xgboost"]));

  await toModelStep(page);

  // The radio is drawn as a card: a person clicks the card.
  await page.locator("label", { hasText: "team-hgb" }).click();
  await expect(page.getByRole("radio", { name: /team-hgb/ })).toBeChecked();
  await expect(page.getByLabel("learning_rate")).toBeVisible();
  await expect(page.getByLabel("numTrees")).toHaveCount(0);
  await page.getByLabel("learning_rate").fill("0.2");
  await screenshot(page, "wizard-4-workflow");
  await page.getByRole("button", { name: "Next: Resources & name" }).click();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("seattle-team-hgb");
  await page.getByRole("button", { name: "Next: Review" }).click();
  const json = page.getByLabel("TrainingSpec JSON");
  await expect(json).toContainText('"workflow": "team-hgb"');
  await expect(json).toContainText('"learning_rate": 0.2');
  await page.getByRole("button", { name: "Start training" }).click();

  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByText("succeeded", { exact: true })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText(/team-hgb@\d+/).first()).toBeVisible();
  await screenshot(page, "job-workflow");
});

test("a PyTorch network is configured in the wizard, trained, and its ONNX graph downloads from the model page", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await waitForDemoData(request);
  await signInThroughForm(page, "engineer");
  await toModelStep(page);

  await page.locator("label", { hasText: "torch-mlp" }).click();
  await expect(page.getByRole("radio", { name: /torch-mlp/ })).toBeChecked();
  await page.getByLabel("epochs").fill("15");
  await page.getByLabel("hidden_units").fill("32");
  await screenshot(page, "wizard-4-torch");
  await page.getByRole("button", { name: "Next: Resources & name" }).click();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("seattle-torch");
  await page.getByRole("button", { name: "Next: Review" }).click();
  await expect(page.getByLabel("TrainingSpec JSON")).toContainText('"workflow": "torch-mlp"');
  await page.getByRole("button", { name: "Start training" }).click();

  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByText("succeeded", { exact: true })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText(/torch-mlp@\d+/).first()).toBeVisible();
  await screenshot(page, "job-torch");

  // The model version's ONNX download is the network's graph, with its float32 input.
  const onnx = await page.request.get("/api/v1/models/seattle-torch/versions/1/onnx");
  expect(onnx.status()).toBe(200);
  const bytes = await onnx.body();
  expect(bytes.includes(Buffer.from("features"))).toBe(true);
  expect(bytes.includes(Buffer.from("pytorch"))).toBe(true);
});

/** The wizard on seattle-weather's weather label, up to its Model step. */
async function toModelStep(page: Page) {
  await page.getByRole("link", { name: "Training" }).click();
  // Wait for the wizard itself: the page before it may also name the dataset.
  await expect(page).toHaveURL(/\/training\/new$/);
  await page.getByText("seattle-weather", { exact: true }).click();
  await expect(page).toHaveURL(/\/training\/new\?draft=\w+&step=0/);
  await page.getByRole("button", { name: "Next: Label & features" }).click();
  await page.getByRole("combobox", { name: "Label" }).selectOption("weather");
  await page.getByRole("button", { name: "Next: Holdout" }).click();
  await page.getByRole("button", { name: "Next: Model" }).click();
}
