/**
 * Product screenshots for docs/screenshots: `npm run screenshots`. Not part of `npm test`
 * (the config only matches `*.shots.ts` when SCREENSHOTS=1), so test runs never write into the repo.
 */
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

const OUT = path.join(process.cwd(), "docs", "screenshots");

/**
 * A whole-page shot rendered at the page's real height (a plain fullPage capture stretches the
 * viewport mid-shot, which detaches the sticky sidebar).
 */
async function fullPage(page: Page, file: string) {
  const viewport = page.viewportSize();
  if (!viewport) throw new Error("no viewport");
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path: path.join(OUT, file) });
  await page.setViewportSize(viewport);
}

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

    if (size.name === "1440") {
      await fullPage(page, `model-health-${size.name}-full.png`);

      await page.goto("/scores/lead");
      await expect(page.getByRole("list", { name: "Criteria" })).toBeVisible();
      await fullPage(page, `model-lead-${size.name}-full.png`);

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

/** The visual editor on the demo Lead model: canvas, inspector on a criterion, live preview. */
test("editor screenshot at 1440px", async ({ page, baseURL }) => {
  test.setTimeout(60_000);
  const session = await page.request.get("/api/auth/get-session");
  if (!(session.ok() && ((await session.json()) as { user?: unknown } | null)?.user)) {
    const res = await page.request.post("/api/auth/sign-in/email", {
      data: { email: "demo@scorecraft.dev", password: "scorecraft-demo" },
      headers: baseURL ? { origin: baseURL } : {},
    });
    expect([200, 404]).toContain(res.status());
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/scores/lead");
  await expect(page.getByTestId("preview-meta")).toContainText("contacts");
  await page.getByTestId("model-editor").scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(OUT, "editor-1440-settings.png") });
  await page.getByTestId("criterion-node").nth(1).click();
  await expect(page.getByTestId("inspector-title")).not.toHaveText("Model settings");
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(OUT, "editor-1440.png") });
});
