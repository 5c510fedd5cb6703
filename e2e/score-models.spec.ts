import { expect, test, type Page } from "@playwright/test";
import { trpcMutation } from "./support/trpc";

// The demo workspace seeded on the server's first start (db/seed/demo-models.ts).
const DEMO = [
  { key: "lead", emoji: "🎯", name: "Next-course lead" },
  { key: "engagement", emoji: "🔥", name: "Engagement" },
  { key: "health", emoji: "💚", name: "Student health" },
];

function setEnabledResponse(page: Page) {
  return page.waitForResponse(
    (r) => r.url().includes("scoreModel.setEnabled") && r.request().method() === "POST",
  );
}

test("the root redirects to Scores, which lists the demo models", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/scores$/);
  await expect(page.getByRole("heading", { level: 1, name: "Scores" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Scores" }),
  ).toHaveAttribute("aria-current", "page");

  const table = page.getByRole("table", { name: "Score models" });
  for (const model of DEMO) {
    const row = page.getByTestId(`model-row-${model.key}`);
    await expect(table.getByRole("link", { name: `${model.emoji} ${model.name}` })).toBeVisible();
    await expect(row).toContainText(/v\d+/);
    // The band bar has a text alternative, not just colours.
    await expect(row.getByRole("img", { name: /^Band distribution: / })).toBeVisible();
  }
});

test.describe("switching a model off", () => {
  test.afterEach(async ({ request }) => {
    // Leave the shared demo model on for the other specs, whatever happened above.
    await trpcMutation(request, "scoreModel.setEnabled", { key: "engagement", enabled: true });
  });

  test("persists across a reload and marks the model stale", async ({ page }) => {
    await page.goto("/scores");
    const toggle = page.getByRole("switch", { name: "Enable Engagement" });
    await expect(toggle).toHaveAttribute("aria-checked", "true");

    const saved = setEnabledResponse(page);
    await toggle.click();
    // Optimistic: the switch moves before the server answers.
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    expect((await saved).ok()).toBe(true);
    const row = page.getByTestId("model-row-engagement");
    await expect(row.getByTestId("stale-marker")).toContainText("Off since");

    await page.reload();
    await expect(page.getByRole("switch", { name: "Enable Engagement" })).toHaveAttribute(
      "aria-checked",
      "false",
    );
    await expect(row.getByTestId("stale-marker")).toBeVisible();
    await expect(row.getByRole("img", { name: /\(stale\)$/ })).toBeVisible();

    // And back on; the stale marker goes away.
    const savedOn = setEnabledResponse(page);
    await page.getByRole("switch", { name: "Enable Engagement" }).click();
    expect((await savedOn).ok()).toBe(true);
    await expect(page.getByRole("switch", { name: "Enable Engagement" })).toHaveAttribute(
      "aria-checked",
      "true",
    );
    await expect(row.getByTestId("stale-marker")).toHaveCount(0);
  });

  test("the switch works from the keyboard", async ({ page }) => {
    await page.goto("/scores");
    const toggle = page.getByRole("switch", { name: "Enable Next-course lead" });
    await toggle.focus();
    const saved = setEnabledResponse(page);
    await page.keyboard.press("Space");
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    expect((await saved).ok()).toBe(true);
    const savedOn = setEnabledResponse(page);
    await page.keyboard.press("Enter");
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    expect((await savedOn).ok()).toBe(true);
  });
});

test("a model page shows the published criteria, settings and versions", async ({ page }) => {
  await page.goto("/scores");
  await page.getByRole("link", { name: "🔥 Engagement" }).click();
  await expect(page).toHaveURL(/\/scores\/engagement$/);
  await expect(page.getByRole("heading", { level: 1, name: /Engagement/ })).toBeVisible();
  await expect(page.getByTestId("model-version")).toHaveText(/^v\d+$/);

  const criteria = page.getByRole("list", { name: "Criteria" });
  const inactivity = criteria.getByRole("listitem").filter({ hasText: "No login for 30 days" });
  await expect(inactivity).toBeVisible();
  await expect(inactivity).toContainText("Inactivity");
  await expect(inactivity).toContainText(/for 30 days/);
  await expect(inactivity).toContainText("−20 pts");

  await expect(page.getByRole("heading", { name: "Settings", exact: true })).toBeVisible();
  await expect(
    page.getByRole("list", { name: "Published versions" }).getByRole("listitem"),
  ).not.toHaveCount(0);
  await expect(page.getByRole("img", { name: /^Band distribution: / })).toBeVisible();
});

test("an unknown model key is a 404 page, not a crash", async ({ page }) => {
  const res = await page.goto("/scores/no_such_model");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("sections that are not built yet say so", async ({ page }) => {
  await page.goto("/scores");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /Audiences/ })
    .click();
  await expect(page).toHaveURL(/\/audiences$/);
  await expect(page.getByRole("heading", { name: "Audiences is coming soon" })).toBeVisible();
});
