import { expect, test } from "@playwright/test";
import { trpcMutation, uniqueKey } from "./support/trpc";

const created: string[] = [];

test.afterAll(async ({ request }) => {
  for (const key of created) {
    await trpcMutation(request, "scoreModel.delete", { key, confirmKey: key }).catch(() => {});
  }
});

test("creating a model lands on its page as a draft", async ({ page }) => {
  const suffix = uniqueKey("t").slice(2);
  const name = `Trial intent ${suffix}`;
  const key = `trial_intent_${suffix}`;
  created.push(key);

  await page.goto("/scores");
  const open = page.getByRole("button", { name: "New model" });
  await open.click();
  const dialog = page.getByRole("dialog", { name: "New score model" });
  await expect(dialog).toBeVisible();

  // Inline validation before anything is sent.
  await dialog.getByRole("button", { name: "Create model" }).click();
  await expect(dialog.getByText("Name is required")).toBeVisible();

  await dialog.getByRole("textbox", { name: "Name" }).fill(name);
  await expect(dialog.getByRole("textbox", { name: "Key" })).toHaveValue(key);
  await dialog.getByRole("button", { name: "Use 🚀" }).click();
  await dialog.getByRole("radio", { name: /Engagement/ }).check();
  await dialog.getByRole("button", { name: "Create model" }).click();

  await expect(page).toHaveURL(new RegExp(`/scores/${key}$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("draft-notice")).toContainText("Draft — not published");
  await expect(page.getByTestId("model-version")).toHaveText("Draft only");
  await expect(page.getByText("No criteria yet")).toBeVisible();

  await page.getByRole("link", { name: "Scores" }).first().click();
  await expect(page.getByTestId(`model-row-${key}`)).toContainText("Draft only");
});

test("a taken key is reported on the key field", async ({ page }) => {
  await page.goto("/scores");
  await page.getByRole("button", { name: "New model" }).click();
  const dialog = page.getByRole("dialog", { name: "New score model" });
  await dialog.getByRole("textbox", { name: "Name" }).fill("Another lead");
  await dialog.getByRole("textbox", { name: "Key" }).fill("lead");
  await dialog.getByRole("button", { name: "Create model" }).click();
  await expect(dialog.getByRole("textbox", { name: "Key" })).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await expect(dialog).toContainText("already used");
  await expect(page).toHaveURL(/\/scores$/);
});

test("the new-model dialog traps focus and closes on Escape", async ({ page }) => {
  await page.goto("/scores");
  const open = page.getByRole("button", { name: "New model" });
  await open.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "New score model" });
  await expect(dialog.getByRole("textbox", { name: "Name" })).toBeFocused();
  // Shift+Tab from the first field wraps to the last control inside the dialog.
  await page.keyboard.press("Shift+Tab");
  await expect(dialog.getByRole("button", { name: "Create model" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("textbox", { name: "Name" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
});

test("import rejects an invalid document with the paths of its issues, then imports a valid one", async ({
  page,
}) => {
  const key = uniqueKey("imp");
  created.push(key);
  const document = {
    format: "scorecraft.model/v1",
    key,
    name: "Imported model",
    emoji: "📦",
    kind: "custom",
    halfLifeDays: 30,
    decay: "exponential",
    scale: { kind: "fixed", maxPoints: 100 },
    bands: [
      { label: "Low", color: "red", min: 0 },
      { label: "High", color: "green", min: 50 },
    ],
    criteria: [
      {
        id: "c1",
        kind: "inactivity",
        label: "No login for 14 days",
        points: -10,
        activity: "logged_in",
        where: null,
        days: 14,
      },
    ],
  };
  const invalid = {
    ...document,
    criteria: [{ ...document.criteria[0], activity: "no_such_activity" }],
  };

  await page.goto("/scores");
  await page.getByRole("button", { name: "Import model" }).click();
  const dialog = page.getByRole("dialog", { name: "Import score model" });
  const textarea = dialog.getByRole("textbox", { name: "Model document (JSON)" });

  await textarea.fill("{ not json");
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(dialog).toContainText("not valid JSON");

  await textarea.fill(JSON.stringify(invalid, null, 2));
  await dialog.getByRole("button", { name: "Import" }).click();
  const issues = dialog.getByTestId("import-issues");
  await expect(issues).toBeVisible();
  await expect(issues).toContainText("criteria[0]");

  await textarea.fill(JSON.stringify(document, null, 2));
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(new RegExp(`/scores/${key}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Imported model" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Criteria" })).toContainText("No login for 14 days");
});
