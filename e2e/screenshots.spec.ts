/**
 * Product screenshots for docs/screenshots (run with SCREENSHOTS=1; skipped otherwise so CI never
 * writes into the repository).
 */
import path from "node:path";
import { expect, test } from "@playwright/test";

const OUT = path.join(process.cwd(), "docs", "screenshots");

test.skip(!process.env.SCREENSHOTS, "set SCREENSHOTS=1 to refresh docs/screenshots");

const SIZES = [
  { name: "1440", width: 1440, height: 900 },
  { name: "1024", width: 1024, height: 768 },
];

for (const size of SIZES) {
  test(`screenshots at ${size.width}px`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });

    await page.goto("/scores");
    await expect(
      page.getByRole("table", { name: "Score models" }).getByRole("img").first(),
    ).toBeVisible();
    await page.screenshot({ path: path.join(OUT, `scores-${size.name}.png`) });

    await page.goto("/scores/health");
    await expect(page.getByRole("list", { name: "Criteria" })).toBeVisible();
    await page.screenshot({ path: path.join(OUT, `model-health-${size.name}.png`) });
    await page.screenshot({
      path: path.join(OUT, `model-health-${size.name}-full.png`),
      fullPage: true,
    });

    if (size.name === "1440") {
      await page.goto("/scores/lead");
      await expect(page.getByRole("list", { name: "Criteria" })).toBeVisible();
      await page.screenshot({
        path: path.join(OUT, `model-lead-${size.name}-full.png`),
        fullPage: true,
      });

      await page.goto("/scores");
      await page.getByRole("button", { name: "New model" }).click();
      await page
        .getByRole("dialog", { name: "New score model" })
        .getByRole("textbox", { name: "Name" })
        .fill("Trial intent");
      await page.screenshot({ path: path.join(OUT, `new-model-dialog-${size.name}.png`) });
    }
  });
}
