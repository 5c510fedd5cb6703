/**
 * Accounts end to end: signing in and up, a first workspace, inviting a viewer through a copied
 * link, and roles enforced both in the UI (hidden controls) and on the server (FORBIDDEN).
 * Every test here starts signed out; the project default (the demo admin) does not apply.
 */
import { expect, test, type Page } from "@playwright/test";
import superjson from "superjson";
import { DEMO_ADMIN, SIGNED_OUT, signUp, uniqueUser } from "./support/accounts";

test.use({ storageState: SIGNED_OUT });

test("a signed-out visit goes to sign-in and comes back to the page asked for", async ({ page }) => {
  await page.goto("/scores/health");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fscores%2Fhealth$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.getByRole("textbox", { name: "Email" }).fill(DEMO_ADMIN.email);
  await page.getByLabel("Password").fill(DEMO_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/scores\/health$/);
});

test("a wrong password shows an error and keeps the user on the sign-in page", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByTestId("demo-credentials")).toContainText(DEMO_ADMIN.password);
  await page.getByRole("textbox", { name: "Email" }).fill(DEMO_ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    "Wrong email or password",
  );
  await expect(page).toHaveURL(/\/sign-in/);
});

/** Opens the workspace switcher and picks an entry (a workspace name or "Create workspace"). */
async function fromSwitcher(page: Page, item: string | RegExp) {
  await page.getByTestId("workspace-switcher").click();
  const target =
    item === "Create workspace"
      ? page.getByRole("link", { name: item })
      : page.getByRole("list", { name: "Your workspaces" }).getByRole("button", { name: item });
  await target.click();
}

test("an admin invites a viewer, who sees the model but cannot switch it off", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = uniqueUser("Ada");
  const viewer = uniqueUser("Vic");
  const workspace = `Acme ${admin.name.split(" ")[1]}`;
  const modelName = "Trial intent";

  // Sign up. The server's password rule shows inline.
  await page.goto("/sign-up");
  await signUp(page, { ...admin, password: "short" }).catch(() => {});
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Create account" }).click();

  // A new account creates its first workspace and lands on its empty Scores.
  await expect(page).toHaveURL(/\/workspaces\/new$/);
  await page.getByRole("textbox", { name: "Workspace name" }).fill(workspace);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/scores$/);
  await expect(page.getByTestId("workspace-name")).toHaveText(workspace);
  await expect(page.getByRole("heading", { name: "No score models yet" })).toBeVisible();

  // Create a model in it.
  await page.getByRole("button", { name: "New model" }).click();
  const dialog = page.getByRole("dialog", { name: "New score model" });
  await dialog.getByRole("textbox", { name: "Name" }).fill(modelName);
  const key = await dialog.getByRole("textbox", { name: "Key" }).inputValue();
  await dialog.getByRole("button", { name: "Create model" }).click();
  await expect(page).toHaveURL(new RegExp(`/scores/${key}$`));
  await page.goto("/scores");
  await expect(page.getByRole("switch", { name: `Enable ${modelName}` })).toBeVisible();

  // Invite a viewer; the link is shown once, with Copy.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/settings/members");
  await page.getByRole("button", { name: "Invite people" }).first().click();
  const invite = page.getByRole("dialog", { name: "Invite people" });
  await invite.getByRole("radio", { name: /Viewer/ }).check();
  await invite.getByRole("button", { name: "Create invite link" }).click();
  const linkField = invite.getByTestId("invite-link");
  await expect(linkField).toHaveValue(/\/invite\/[\w-]{20,}$/);
  const link = await linkField.inputValue();
  await invite.getByRole("button", { name: "Copy" }).click();
  await expect(invite.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await invite.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("invitation-row")).toHaveCount(1);
  await expect(page.getByTestId("invitation-row")).toContainText("Viewer");

  // A second person opens the link signed out, signs up through it and comes back to join.
  const other = await browser.newContext({ storageState: SIGNED_OUT });
  const viewerPage = await other.newPage();
  await viewerPage.goto(link);
  await viewerPage.getByRole("link", { name: "Create an account" }).click();
  await expect(viewerPage).toHaveURL(/\/sign-up\?next=/);
  await signUp(viewerPage, viewer);
  await expect(viewerPage).toHaveURL(new RegExp(`/invite/`));
  await expect(
    viewerPage.getByRole("heading", { level: 1, name: `Join ${workspace} as viewer` }),
  ).toBeVisible();
  await viewerPage.getByRole("button", { name: `Join ${workspace}` }).click();
  await expect(viewerPage).toHaveURL(/\/scores$/);
  await expect(viewerPage.getByTestId("workspace-name")).toHaveText(workspace);

  // The viewer sees the model, read only: no switch, no New model, no Delete.
  const row = viewerPage.getByTestId(`model-row-${key}`);
  await expect(row.getByRole("link", { name: modelName })).toBeVisible();
  await expect(viewerPage.getByRole("switch")).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "New model" })).toHaveCount(0);
  await viewerPage.goto(`/scores/${key}`);
  await expect(viewerPage.getByRole("heading", { level: 1, name: modelName })).toBeVisible();
  await expect(viewerPage.getByRole("switch")).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Delete" })).toHaveCount(0);

  // And the server refuses, whatever the UI shows.
  const res = await other.request.post("/api/trpc/scoreModel.setEnabled", {
    data: superjson.serialize({ key, enabled: false }),
  });
  expect(res.status()).toBe(403);
  const body = (await res.json()) as { error?: { json?: { data?: { code?: string } } } };
  expect(body.error?.json?.data?.code).toBe("FORBIDDEN");

  // Members: read only for the viewer, with a note naming who can change it; no API keys.
  await viewerPage.goto("/settings/members");
  await expect(viewerPage.getByTestId("members-read-only")).toContainText(admin.name);
  await expect(viewerPage.getByRole("button", { name: "Invite people" })).toHaveCount(0);
  await expect(viewerPage.getByRole("combobox")).toHaveCount(0);
  await viewerPage.goto("/settings/api-keys");
  await expect(viewerPage.getByText("API keys are managed by admins")).toBeVisible();

  // The link worked once.
  await viewerPage.goto(link);
  await expect(
    viewerPage.getByRole("heading", { level: 1, name: "This invitation is no longer valid" }),
  ).toBeVisible();
  await other.close();

  // The admin sees the new member; the invitation is no longer pending.
  await page.reload();
  await expect(page.getByTestId(`member-row-${viewer.email}`)).toBeVisible();
  await expect(page.getByRole("combobox", { name: `Role for ${viewer.name}` })).toHaveValue(
    "viewer",
  );
  await expect(page.getByText("No pending invitations")).toBeVisible();

  // A second workspace from the switcher, then back: each shows its own models.
  await fromSwitcher(page, "Create workspace");
  await expect(page).toHaveURL(/\/workspaces\/new$/);
  await page.getByRole("textbox", { name: "Workspace name" }).fill(`${workspace} Labs`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByTestId("workspace-name")).toHaveText(`${workspace} Labs`);
  await expect(page.getByRole("heading", { name: "No score models yet" })).toBeVisible();
  await fromSwitcher(page, new RegExp(`^${workspace} Admin$`));
  await expect(page.getByTestId("workspace-name")).toHaveText(workspace);
  await expect(page.getByTestId(`model-row-${key}`)).toBeVisible();
});
