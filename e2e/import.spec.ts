/**
 * CSV import on the Data page: pick a file, preview, map, start, watch the progress bar reach
 * 100%, read the counts, see the skipped row and the report link; the import is listed afterwards.
 */
import { expect, test } from "@playwright/test";

function csvFile(name: string, lines: string[]) {
  return { name, mimeType: "text/csv", buffer: Buffer.from(lines.join("\n") + "\n") };
}

test("imports contacts from a CSV with a progress bar reaching 100% and the counts", async ({ page }) => {
  const run = Date.now().toString(36);
  await page.goto("/data");
  await expect(page.getByRole("heading", { level: 1, name: "Data" })).toBeVisible();
  await page.getByRole("link", { name: "Import CSV" }).first().click();
  await expect(page).toHaveURL(/\/data\/import$/);

  await page.getByTestId("csv-file-input").setInputFiles(
    csvFile(`people-${run}.csv`, [
      "Customer ID,Email,Signed up,Seats,Tier",
      `e2e-${run}-1,one-${run}@example.com,2025-01-02,3,gold`,
      `e2e-${run}-2,two-${run}@example.com,2025-02-03,five,silver`,
      `e2e-${run}-3,three-${run}@example.com,,7,gold`,
    ]),
  );

  // Preview of the first rows, read in the browser.
  const preview = page.getByRole("table", { name: "Preview of the first rows" });
  await expect(preview.getByRole("cell", { name: `e2e-${run}-1` })).toBeVisible();
  await expect(page.getByTestId("upload-done")).toBeVisible();

  // Guesses: key, email and signup date columns; the others become new fields.
  await expect(page.getByLabel("Import “Customer ID” as")).toHaveValue("role:key");
  await expect(page.getByLabel("Import “Email” as")).toHaveValue("role:email");
  await expect(page.getByLabel("Import “Signed up” as")).toHaveValue("role:createdAt");
  await page.getByLabel("Key of the new field for “Seats”").fill(`seats_${run}`);
  await expect(page.getByLabel("Type of the new field for “Seats”")).toHaveValue("text");
  await page.getByLabel("Type of the new field for “Seats”").selectOption("number");
  await page.getByLabel("Import “Tier” as").selectOption("skip");

  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page).toHaveURL(/\/data\/imports\/[0-9a-f-]{36}$/);

  const progress = page.getByTestId("import-progress").getByRole("progressbar");
  await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: 20_000 });
  await expect(page.getByTestId("import-progress")).toContainText("100%");
  await expect(page.getByTestId("count-created")).toHaveText("2");
  await expect(page.getByTestId("count-skipped")).toHaveText("1");
  const issues = page.getByRole("table", { name: "Skipped rows" });
  await expect(issues.getByRole("row").nth(1)).toContainText("3");
  await expect(issues).toContainText('"five" is not a number');

  // The report downloads as CSV with the reason and the original cells.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("download-report").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/report\.csv$/);
  const text = await (await download.createReadStream()).toArray();
  const report = Buffer.concat(text as Buffer[]).toString("utf8");
  expect(report).toContain("row,column,field,reason,Customer ID,Email,Signed up,Seats,Tier");
  expect(report).toContain(`3,Seats,seats_${run},"""five"" is not a number",e2e-${run}-2`);

  // Listed on the Data page with its counts.
  await page.getByRole("link", { name: "Data" }).first().click();
  await expect(page).toHaveURL(/\/data$/);
  const table = page.getByRole("table", { name: "Imports" });
  await expect(table.getByRole("link", { name: `people-${run}.csv`, exact: true })).toBeVisible();
});

test("keyboard: the file picker and the mapping are reachable without a mouse", async ({ page }) => {
  await page.goto("/data/import");
  await page.getByRole("radio", { name: /Activities/ }).focus();
  await expect(page.getByRole("radio", { name: /Activities/ })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByRole("radio", { name: /Activities/ })).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("csv-file-input")).toBeFocused();
  await page.getByTestId("csv-file-input").setInputFiles(
    csvFile("events.csv", ["user,activity,when,url", "u1,page_viewed,2026-01-02,/pricing"]),
  );
  await expect(page.getByLabel("Import “user” as")).toHaveValue("role:contact");
  await expect(page.getByLabel("Import “activity” as")).toHaveValue("role:type");
  await expect(page.getByLabel("Import “when” as")).toHaveValue("role:occurredAt");
  await expect(page.getByLabel("Property key for “url”")).toHaveValue("url");
  await expect(page.getByRole("button", { name: "Start import" })).toBeEnabled();
});
