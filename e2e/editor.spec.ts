/**
 * The visual score-model editor: palette drag, inspector, connecting rules, validation on nodes,
 * live preview, autosave, publish and reload. Every test creates its own model over tRPC.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { trpcMutation, uniqueKey } from "./support/trpc";

const DEMO = { email: "demo@scorecraft.dev", password: "scorecraft-demo" };
const created: string[] = [];

/**
 * Signs in as the demo admin through the auth API (the page shares the request's cookies), unless
 * the project already starts signed in: sign-in is rate limited, so do it only when needed.
 */
async function signIn(page: Page, baseURL: string | undefined) {
  const session = await page.request.get("/api/auth/get-session");
  if (session.ok() && ((await session.json()) as { user?: unknown } | null)?.user) return;
  const res = await page.request.post("/api/auth/sign-in/email", {
    data: DEMO,
    headers: baseURL ? { origin: baseURL } : {},
  });
  // Before accounts existed the endpoint was absent and every page was open.
  if (res.status() === 404) return;
  expect(res.ok(), `sign-in failed: ${res.status()} ${await res.text()}`).toBe(true);
}

async function createModel(page: Page, prefix: string, publish = false) {
  const key = uniqueKey(prefix);
  created.push(key);
  await trpcMutation(page.request, "scoreModel.create", {
    key,
    name: `Editor ${key.slice(-5)}`,
    emoji: "🧪",
    kind: "engagement",
  });
  if (publish) {
    await trpcMutation(page.request, "scoreModel.publish", { key, note: "Empty start" });
  }
  return key;
}

/**
 * Drags with the mouse: the first move after mousedown is swallowed by drag thresholds, so move
 * a few pixels first, then to the target in steps.
 */
async function drag(page: Page, from: Locator, to: { x: number; y: number }) {
  const box = await from.boundingBox();
  if (!box) throw new Error("nothing to drag");
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 6, y + 6);
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

async function canvasPoint(page: Page, fx: number, fy: number) {
  const box = await page.getByTestId("canvas").boundingBox();
  if (!box) throw new Error("no canvas");
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

async function dropFromPalette(page: Page, kind: string, fx: number, fy: number) {
  await drag(page, page.getByTestId(`palette-${kind}`), await canvasPoint(page, fx, fy));
}

/** Connects a node's output handle to another node's input handle. */
async function connect(page: Page, source: Locator, target: Locator) {
  const out = source.locator("xpath=..").locator(".react-flow__handle.source");
  const into = target.locator("xpath=..").locator(".react-flow__handle.target");
  const box = await into.boundingBox();
  if (!box) throw new Error("no target handle");
  await drag(page, out, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
}

async function histogramFirstBin(page: Page): Promise<string | null> {
  return page.getByTestId("preview-bin").first().getAttribute("data-count");
}

test.beforeEach(async ({ page, baseURL }) => {
  await signIn(page, baseURL);
});

test.afterEach(async ({ page }) => {
  for (const key of created.splice(0)) {
    await trpcMutation(page.request, "scoreModel.delete", { key, confirmKey: key }).catch(() => {});
  }
});

test("build an activity criterion with a rule, preview it, publish, reload", async ({ page }) => {
  const key = await createModel(page, "ed", true);
  await page.goto(`/scores/${key}`);
  const editor = page.getByTestId("model-editor");
  await expect(editor).toBeVisible();
  await expect(page.getByTestId("preview-meta")).toContainText("contacts");
  const emptyBin = await histogramFirstBin(page);

  // Drag an activity criterion onto the canvas: it lands selected, with the inspector open.
  await dropFromPalette(page, "activity", 0.25, 0.3);
  const criterion = page.getByTestId("criterion-node");
  await expect(criterion).toHaveCount(1);
  const inspector = page.getByTestId("inspector");
  await expect(inspector.getByTestId("inspector-title")).toHaveText("Activity criterion");
  await inspector.getByRole("combobox", { name: "Activity" }).selectOption("page_viewed");
  await inspector.getByRole("textbox", { name: "Label" }).fill("Viewed pricing");
  await inspector.getByRole("textbox", { name: "Points per activity" }).fill("5");
  await inspector.getByRole("combobox", { name: "Half-life mode" }).selectOption("custom");
  await inspector.getByRole("textbox", { name: "Half-life in days" }).fill("14");
  await expect(criterion).toContainText("Viewed pricing");
  await expect(criterion).toContainText("half-life 14 days");
  await expect(criterion.getByTestId("criterion-points")).toHaveText("+5");

  // Every page view counts for now: the preview moves off zero.
  await expect.poll(() => histogramFirstBin(page), { timeout: 10_000 }).not.toBe(emptyBin);
  const allViews = await histogramFirstBin(page);
  await expect(page.getByTestId("preview-moves")).toContainText("Compared with v1");

  // A rule, connected into the criterion's where, then narrowed to the pricing page.
  await dropFromPalette(page, "rule", 0.7, 0.3);
  const rule = page.getByTestId("rule-node");
  await expect(rule).toHaveCount(1);
  await connect(page, criterion, rule);
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  await rule.click();
  await expect(inspector.getByTestId("inspector-title")).toHaveText("Rule");
  await inspector.getByRole("combobox", { name: "Field" }).selectOption("property.url");
  await inspector.getByRole("combobox", { name: "Operator" }).selectOption("contains");
  const started = Date.now();
  await inspector.getByRole("textbox", { name: "Value" }).fill("/pricing");
  await expect(rule).toContainText("/pricing");
  await expect(rule).not.toHaveAttribute("data-invalid", "true");
  await expect.poll(() => histogramFirstBin(page), { timeout: 10_000 }).not.toBe(allViews);
  console.log(`[editor] preview refreshed ${Date.now() - started} ms after the last edit`);

  await expect(page.getByTestId("save-state")).toHaveText("Saved");
  await editor.getByRole("button", { name: "Publish…" }).click();
  const dialog = page.getByRole("dialog", { name: /^Publish/ });
  await dialog.getByRole("textbox", { name: /Note/ }).fill("Pricing views, 14-day half-life");
  await dialog.getByRole("button", { name: "Publish v2" }).click();
  await expect(dialog).toBeHidden();
  const versions = page.getByRole("list", { name: "Published versions" });
  await expect(versions.getByTestId("version-2")).toContainText("Pricing views, 14-day half-life");

  await page.reload();
  await expect(page.getByTestId("criterion-node")).toHaveCount(1);
  await expect(page.getByTestId("criterion-node")).toContainText("Viewed pricing");
  await expect(page.getByTestId("criterion-node")).toContainText("half-life 14 days");
  await expect(page.getByTestId("rule-node")).toContainText("/pricing");
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  await expect(page.getByTestId("version-2")).toBeVisible();
  await expect(page.getByTestId("model-version")).toHaveText("v2");
  await expect(page.getByTestId("save-state")).toHaveText("Saved");
});

test("an invalid rule shows its error on the node and blocks publishing", async ({ page }) => {
  const key = await createModel(page, "inv");
  await page.goto(`/scores/${key}`);
  await expect(page.getByTestId("model-editor")).toBeVisible();

  await dropFromPalette(page, "filter", 0.25, 0.3);
  await dropFromPalette(page, "rule", 0.7, 0.3);
  const criterion = page.getByTestId("criterion-node");
  const rule = page.getByTestId("rule-node");
  // Unconnected: both nodes say what is missing.
  await expect(criterion.getByTestId("node-issues")).toContainText("needs a condition");
  await expect(rule.getByTestId("node-issues")).toContainText("Not connected");
  const publish = page.getByRole("button", { name: "Publish…" });
  await expect(publish).toBeDisabled();

  await connect(page, criterion, rule);
  await expect(criterion).not.toHaveAttribute("data-invalid", "true");
  await rule.click();
  const inspector = page.getByTestId("inspector");
  await inspector.getByRole("combobox", { name: "Field" }).selectOption("contact.created_at");
  await inspector.getByRole("combobox", { name: "Operator" }).selectOption("before");
  await expect(rule).toHaveAttribute("data-invalid", "true");
  await expect(rule.getByTestId("node-issues")).toContainText("ISO instant");
  await expect(page.getByTestId("issue-count")).toContainText("1 issue");
  await expect(publish).toBeDisabled();

  await inspector.getByLabel("Date (UTC)").fill("2024-01-01T00:00");
  await expect(rule).not.toHaveAttribute("data-invalid", "true");
  await expect(publish).toBeEnabled();
});

test("keyboard: delete, undo, redo, copy and paste nodes", async ({ page }) => {
  const key = await createModel(page, "kb");
  await page.goto(`/scores/${key}`);
  await expect(page.getByTestId("model-editor")).toBeVisible();
  await dropFromPalette(page, "group", 0.4, 0.4);
  const groups = page.getByTestId("group-node");
  await expect(groups).toHaveCount(1);

  await groups.first().click();
  await page.keyboard.press("Delete");
  await expect(groups).toHaveCount(0);
  await page.keyboard.press("ControlOrMeta+z");
  await expect(groups).toHaveCount(1);
  await page.keyboard.press("Shift+ControlOrMeta+z");
  await expect(groups).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(groups).toHaveCount(1);

  await groups.first().click();
  await page.keyboard.press("ControlOrMeta+c");
  await page.keyboard.press("ControlOrMeta+v");
  await expect(groups).toHaveCount(2);

  // Palette items work from the keyboard too: Enter adds in the middle of the canvas.
  await page.getByTestId("palette-inactivity").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("criterion-node")).toContainText("for 30 days");
});

test("a save from another tab is reported as a conflict, never overwritten", async ({ page }) => {
  const key = await createModel(page, "cf");
  await page.goto(`/scores/${key}`);
  const other = await page.context().newPage();
  await other.goto(`/scores/${key}`);
  await expect(other.getByTestId("model-editor")).toBeVisible();

  await dropFromPalette(page, "filter", 0.3, 0.3);
  await expect(page.getByTestId("save-state")).toHaveText("Saved");

  await dropFromPalette(other, "group", 0.3, 0.3);
  await expect(other.getByTestId("save-state")).toHaveText("Conflict");
  const banner = other.getByTestId("conflict-banner");
  await expect(banner).toContainText("changed elsewhere");
  await banner.getByRole("button", { name: "Reload" }).click();
  // After reloading, the other tab shows the first tab's work.
  await expect(other.getByTestId("criterion-node")).toHaveCount(1);
  await expect(other.getByTestId("group-node")).toHaveCount(0);
  await other.close();
});
