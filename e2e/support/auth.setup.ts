/**
 * Signs the demo admin in once per run, through the real sign-in page, and saves the browser
 * state every spec starts from (playwright.config.ts: DEMO_STATE). One sign-in per run keeps the
 * suite far below the login rate limit (10 per minute per client).
 */
import { expect, test as setup } from "@playwright/test";
import { DEMO_ADMIN, DEMO_STATE } from "./accounts";

setup("sign in as the demo admin", async ({ page }) => {
  await page.goto("/sign-in");
  const demo = page.getByTestId("demo-credentials");
  await expect(demo).toContainText(DEMO_ADMIN.email);
  await demo.getByRole("button", { name: "Fill in" }).click();
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/scores$/);
  await expect(page.getByTestId("workspace-name")).toHaveText("Demo workspace");
  await page.context().storageState({ path: DEMO_STATE });
});
