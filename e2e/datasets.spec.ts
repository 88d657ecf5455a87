import { expect, test } from "@playwright/test";
import { screenshot, signInThroughForm, waitForDemoData } from "./helpers";

const CSV = "code,score,when\nSFO,3.5,2024-01-01\nLAX,4,2024-01-02\nJFK,2.5,2024-01-03\nORD,,2024-01-04\nSFO,5,2024-01-05\n";

test("the demo datasets are there on a fresh start, with profiles", async ({ page }) => {
  await waitForDemoData(page.request);
  await signInThroughForm(page, "viewer");
  await page.goto("/datasets");
  await expect(page.getByRole("link", { name: "flights-2001" })).toBeVisible();
  await expect(page.getByRole("row", { name: /flights-2001/ })).toContainText("3,000,000");
  // Viewers read but do not upload.
  await expect(page.getByRole("button", { name: "Upload dataset" })).toHaveCount(0);
  await page.getByRole("link", { name: "flights-2001" }).click();
  await expect(page.getByTestId("histogram-delay")).toBeVisible();
  await expect(page.getByTestId("top-values-origin")).toBeVisible();
  await screenshot(page, "dataset-flights");
});

test("an engineer uploads a CSV in the browser, sees its profile, pages its rows and builds a join", async ({ page }) => {
  await signInThroughForm(page, "engineer");
  await page.goto("/datasets");
  await page.getByRole("button", { name: "Upload dataset" }).click();
  const dialog = page.getByRole("dialog", { name: "Upload a dataset" });
  await dialog.getByLabel("Dataset file").setInputFiles({ name: "airport-scores.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await expect(dialog.getByLabel("Dataset name")).toHaveValue("airport-scores");
  await dialog.getByRole("button", { name: "Upload" }).click();
  await expect(dialog.getByRole("status")).toContainText("Created version 1 of airport-scores with 5 rows");
  await screenshot(page, "dataset-upload-done");
  await dialog.getByRole("link", { name: "Open airport-scores" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "airport-scores" })).toBeVisible();
  await expect(page.getByTestId("histogram-score")).toBeVisible();
  await expect(page.getByTestId("top-values-code")).toContainText("SFO");
  await expect(page.getByTestId("column-profile").filter({ hasText: "score" })).toContainText("1 (20.0%)");
  await screenshot(page, "dataset-profile");

  // The same file again is recognised by its hash.
  await page.getByRole("button", { name: "Upload new version" }).click();
  const again = page.getByRole("dialog", { name: /New version of airport-scores/ });
  await again.getByLabel("Dataset file").setInputFiles({ name: "airport-scores.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await again.getByRole("button", { name: "Upload" }).click();
  await expect(again.getByRole("status")).toContainText("Identical to version 1");
  await again.getByRole("button", { name: "Close" }).first().click();

  await page.getByRole("tab", { name: "Preview" }).click();
  await expect(page.getByText("Rows 1–5 of 5")).toBeVisible();
  await page.getByRole("button", { name: "score" }).click();
  await expect(page.getByTestId("preview-table").getByRole("row").nth(1)).toContainText("2.5");

  // Join to the demo airports by IATA code, keep California, save.
  await page.getByRole("link", { name: "Join or filter" }).click();
  await expect(page.getByTestId("derive-row-count")).toContainText("5 rows");
  await page.getByRole("button", { name: "Add join" }).click();
  await page.getByLabel("Join 1 dataset").selectOption({ label: "airports v1" });
  await page.getByLabel("Join 1 base key").selectOption("code");
  await page.getByLabel("Join 1 key").selectOption("iata");
  await expect(page.getByTestId("derive-row-count")).toContainText("5 rows · 10 columns");
  await page.getByRole("button", { name: "Add filter" }).click();
  await page.getByLabel("Filter 1 column").selectOption("state");
  await page.getByLabel("Value").fill("CA");
  await expect(page.getByTestId("derive-row-count")).toContainText("3 rows");
  await screenshot(page, "dataset-join-builder");
  await page.getByLabel("New dataset name").fill("california-scores");
  await page.getByRole("button", { name: "Save as dataset" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "california-scores" })).toBeVisible();
  await expect(page.getByRole("row", { name: /v1/ })).toContainText("airport-scores v1");
  await expect(page.getByRole("row", { name: /v1/ })).toContainText("airports v1");
});

test("a bad file is refused with the reason, and nothing is created", async ({ page }) => {
  await signInThroughForm(page, "engineer");
  await page.goto("/datasets");
  await page.getByRole("button", { name: "Upload dataset" }).click();
  const dialog = page.getByRole("dialog", { name: "Upload a dataset" });
  await dialog
    .getByLabel("Dataset file")
    .setInputFiles({ name: "ragged.csv", mimeType: "text/csv", buffer: Buffer.from("a,b,c\n1,2,3\n4,5\n") });
  await dialog.getByRole("button", { name: "Upload" }).click();
  await expect(dialog.getByRole("alert")).toContainText("has a row with 2 values where the header has 3 (line 3)");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("link", { name: "ragged" })).toHaveCount(0);
});

test("the upload dialog previews a real CSV before storing it: NA is missing, types can be changed, options are kept", async ({ page }) => {
  const csv = [
    "customer;tenure;total_charges;partner;zip;Churn",
    "C1;1;29.85;Yes;02134;No",
    "C2;34;NA;No;10001;No",
    "C3;2;108.15;No;94105;Yes",
    "C4;45;N/A;Yes;60601;No",
  ].join("\n");
  await signInThroughForm(page, "engineer");
  await page.goto("/datasets");
  await page.getByRole("button", { name: "Upload dataset" }).click();
  const dialog = page.getByRole("dialog", { name: "Upload a dataset" });
  await dialog.getByLabel("Dataset file").setInputFiles({ name: "telco-sample.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const preview = dialog.getByTestId("file-preview");
  // The delimiter is guessed, NA and N/A read as missing, so total_charges stays a number; Yes/No stay words.
  await expect(dialog.getByLabel("Type of total_charges")).toHaveValue("float");
  await expect(dialog.getByLabel("Type of Churn")).toHaveValue("string");
  await expect(preview.getByRole("row").nth(2)).toContainText("missing");
  await expect(preview).toContainText("Yes");
  // A zip code with a leading zero stays text; tenure is changed from integer to float before storing.
  await expect(dialog.getByLabel("Type of zip")).toHaveValue("string");
  await expect(preview).toContainText("02134");
  await expect(dialog.getByLabel("Type of tenure")).toHaveValue("integer");
  await dialog.getByLabel("Type of tenure").selectOption("float");
  await dialog.getByLabel("Description").fill("Four customers of a telecom, as exported");
  await screenshot(page, "dataset-upload-preview");
  await dialog.getByRole("button", { name: "Upload" }).click();
  await expect(dialog.getByRole("status")).toContainText("Created version 1 of telco-sample with 4 rows");
  await dialog.getByRole("link", { name: "Open telco-sample" }).click();
  const charges = page.getByTestId("column-profile").filter({ hasText: "total_charges" });
  await expect(charges).toContainText("float");
  await expect(charges).toContainText("2 (50.0%)");
  await expect(page.getByTestId("column-profile").filter({ hasText: "tenure" })).toContainText("float");
  await expect(page.getByText("Four customers of a telecom, as exported")).toBeVisible();
});

test("a CSV that Excel saved in Windows-1252: the preview says which encoding to choose, and reads it once chosen", async ({ page }) => {
  const csv = Buffer.from("ville;prix\nOrl\xe9ans;12,5\nBesan\xe7on;7,25\n", "latin1");
  await signInThroughForm(page, "engineer");
  await page.goto("/datasets");
  await page.getByRole("button", { name: "Upload dataset" }).click();
  const dialog = page.getByRole("dialog", { name: "Upload a dataset" });
  await dialog.getByLabel("Dataset file").setInputFiles({ name: "villes-excel.csv", mimeType: "text/csv", buffer: csv });
  await expect(dialog).toContainText('is not valid UTF-8 text (line 2); save it as UTF-8, or upload it with encoding "windows-1252"');
  await dialog.getByLabel("Encoding").selectOption("windows-1252");
  const preview = dialog.getByTestId("file-preview");
  await expect(preview).toContainText("Orléans");
  await expect(dialog.getByLabel("Type of prix")).toHaveValue("float");
  await screenshot(page, "dataset-upload-encoding");
  await dialog.getByRole("button", { name: "Upload" }).click();
  await expect(dialog.getByRole("status")).toContainText("Created version 1 of villes-excel with 2 rows");
});

test("dates that read both ways: the upload says which it took, and Month first reads 03/04/2024 as March 4", async ({ page }) => {
  const csv = "contract,signed\nK1,03/04/2024\nK2,05/06/2024\nK3,01/02/2024\n";
  await signInThroughForm(page, "engineer");
  await page.goto("/datasets");
  await page.getByRole("button", { name: "Upload dataset" }).click();
  const dialog = page.getByRole("dialog", { name: "Upload a dataset" });
  await dialog.getByLabel("Dataset file").setInputFiles({ name: "contracts-guessed.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(dialog.getByLabel("Type of signed")).toHaveValue("date");
  await dialog.getByRole("button", { name: "Upload" }).click();
  await expect(dialog.getByRole("status")).toContainText("Created version 1 of contracts-guessed with 3 rows");
  await expect(dialog.getByRole("status")).toContainText("every date in it reads as day/month/year and as month/day/year");
  await screenshot(page, "dataset-upload-ambiguous-dates");
  await dialog.getByRole("button", { name: "Close" }).first().click();

  await page.getByRole("button", { name: "Upload dataset" }).click();
  await dialog.getByLabel("Dataset file").setInputFiles({ name: "contracts-us.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await dialog.getByLabel("Dates").selectOption({ label: "Month first 12/31/2024" });
  await expect(dialog.getByTestId("file-preview")).toContainText("2024-03-04");
  await dialog.getByRole("button", { name: "Upload" }).click();
  await expect(dialog.getByRole("status")).toContainText("Created version 1 of contracts-us with 3 rows");
  await expect(dialog.getByRole("status")).not.toContainText("every date in it reads");
});

test("a file written with ', ' between values: the preview and the upload read them without the spaces, ' ?' as missing", async ({
  page,
}) => {
  const csv = "age,workclass,hours,income\n39, State-gov, 40, <=50K\n50, Self-emp-not-inc, 13, <=50K\n38, ?, ?, >50K\n";
  await signInThroughForm(page, "engineer");
  await page.goto("/datasets");
  await page.getByRole("button", { name: "Upload dataset" }).click();
  const dialog = page.getByRole("dialog", { name: "Upload a dataset" });
  await dialog.getByLabel("Dataset file").setInputFiles({ name: "census.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  // " 40" and " ?" read as a number and a missing value: the column is whole numbers, not text.
  await expect(dialog.getByLabel("Type of hours")).toHaveValue("integer");
  await expect(dialog.getByTestId("file-preview")).toContainText("State-gov");
  await dialog.getByRole("button", { name: "Upload" }).click();
  await expect(dialog.getByRole("status")).toContainText("Created version 1 of census with 3 rows");
  await expect(dialog.getByRole("status")).toContainText('without the spaces around them (" State-gov" as "State-gov")');
  await screenshot(page, "dataset-upload-padded-values");
});
