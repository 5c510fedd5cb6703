import { expect, test } from "@playwright/test";
import { trpcMutation, uniqueKey } from "./support/trpc";

test("deleting a model needs its key typed; cancel keeps it", async ({ page, request }) => {
  const key = uniqueKey("del");
  const name = `Disposable ${key}`;
  await trpcMutation(request, "scoreModel.create", { key, name, emoji: "🧪", kind: "custom" });

  await page.goto(`/scores/${key}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Cancel keeps the model.
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete 🧪 ${name}?` });
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Delete model" });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole("textbox").fill("not-the-key");
  await expect(confirm).toBeDisabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Escape closes it too, and focus goes back to the button that opened it.
  const openButton = page.getByRole("button", { name: "Delete" });
  await openButton.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("textbox")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(openButton).toBeFocused();

  // Typing the key deletes it and returns to the list.
  await openButton.click();
  await dialog.getByRole("textbox").fill(key);
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(page).toHaveURL(/\/scores$/);
  await expect(page.getByRole("status").filter({ hasText: `Deleted ${name}` })).toBeVisible();
  await expect(page.getByTestId(`model-row-${key}`)).toHaveCount(0);

  const res = await page.goto(`/scores/${key}`);
  expect(res?.status()).toBe(404);
});
