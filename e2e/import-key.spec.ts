/**
 * A contacts file without an id-like column: the import does not quietly use the email (or the
 * first column) as the contact key; it asks, and starts once a key column is chosen.
 */
import { expect, test } from "@playwright/test";

test("asks for the key column when no header names one", async ({ page }) => {
  const run = Date.now().toString(36);
  await page.goto("/data/import");
  await page.getByTestId("csv-file-input").setInputFiles({
    name: `no-key-${run}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from(`Email,Name\nkey-${run}@example.com,Ann\n`),
  });
  await expect(page.getByTestId("upload-done")).toBeVisible();

  await expect(page.getByLabel("Import “Email” as")).toHaveValue("role:email");
  await expect(page.getByLabel("Import “Name” as")).not.toHaveValue("role:key");
  await expect(page.getByTestId("mapping-problems")).toHaveText("Choose the column that holds the contact key.");
  await expect(page.getByRole("button", { name: "Start import" })).toBeDisabled();

  // Choosing one explicitly (here: the email) is allowed.
  await page.getByLabel("Import “Email” as").selectOption("role:key");
  await expect(page.getByRole("button", { name: "Start import" })).toBeEnabled();
});
