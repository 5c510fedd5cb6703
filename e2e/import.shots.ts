/**
 * Screenshots of the Data page and the CSV mapping step at 1440×900 (`npm run screenshots`).
 */
import path from "node:path";
import { expect, test } from "@playwright/test";

const OUT = path.join(process.cwd(), "docs", "screenshots");

const CSV = [
  "Customer ID,Email,Signed up,Company,Country,Seats,Plan,Newsletter",
  "C-1001,ada@example.com,2025-01-14,Analytical Engines,GB,12,pro,yes",
  "C-1002,grace@example.com,2025-02-03,Cobol Works,US,4,free,no",
  "C-1003,linus@example.com,2025-03-22,Kernel Labs,FI,30,pro,yes",
  "C-1004,margaret@example.com,2025-04-09,Apollo Systems,US,7,free,yes",
  "C-1005,alan@example.com,,Enigma Ltd,GB,x,pro,no",
  "C-1006,barbara@example.com,2025-05-30,Liskov & Co,US,2,free,no",
].join("\n");

test("data page and import mapping at 1440", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/data/import");
  await page.getByTestId("csv-file-input").setInputFiles({
    name: "customers.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(CSV + "\n"),
  });
  await expect(page.getByTestId("upload-done")).toBeVisible();
  await page.getByLabel("Type of the new field for “Seats”").selectOption("number");
  await page.getByLabel("Type of the new field for “Newsletter”").selectOption("boolean");
  await page.screenshot({ path: path.join(OUT, "import-mapping-1440.png") });
  await page
    .getByRole("heading", { name: "3. Map columns" })
    .evaluate((el) => el.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: path.join(OUT, "import-mapping-columns-1440.png") });

  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByTestId("import-progress").getByRole("progressbar")).toHaveAttribute(
    "aria-valuenow",
    "100",
    { timeout: 20_000 },
  );
  // Let the bar's width transition finish before the shot.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
  await page.screenshot({ path: path.join(OUT, "import-result-1440.png") });

  await page.goto("/data");
  await expect(page.getByRole("table", { name: "Imports" })).toBeVisible();
  await page.screenshot({ path: path.join(OUT, "data-1440.png") });
});
