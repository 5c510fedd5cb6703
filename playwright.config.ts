/**
 * Browser tests against the production build on a fresh embedded database (e2e/support/server.ts).
 * We drive the system's Chromium (Debian's `chromium` package, installed by
 * `scripts/ensure-chromium.ts`) rather than a browser build downloaded by Playwright, which
 * offline and locked-down machines cannot fetch.
 */
import { execFileSync } from "node:child_process";
import { defineConfig, devices } from "@playwright/test";
import { DEMO_STATE } from "./e2e/support/accounts";

function chromiumPath(): string {
  try {
    const found = execFileSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], {
      encoding: "utf8",
    }).trim();
    if (found) return found;
  } catch {
    // fall through to Debian's default location
  }
  return "/usr/bin/chromium";
}

const CI = Boolean(process.env.CI);

const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "./e2e",
  // The specs share one server and its database; run them one at a time, in file order.
  fullyParallel: false,
  workers: 1,
  // `npm run screenshots` refreshes docs/screenshots; tests never write into the repository.
  testMatch: process.env.SCREENSHOTS ? /.*\.shots\.ts/ : /.*\.spec\.ts/,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // scripts/test.ts asks for a JSON report (PLAYWRIGHT_JSON_OUTPUT_NAME names the file).
  reporter: process.env.PLAYWRIGHT_REPORTERS === "json" ? [["list"], ["json"]] : [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // Signs the demo admin in once; every spec starts from that state (sign-in is rate limited).
    { name: "setup", testMatch: /support\/auth\.setup\.ts$/ },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1440, height: 900 },
        storageState: DEMO_STATE,
      },
    },
  ],
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: "npx tsx e2e/support/server.ts",
        // Public, and it boots the runtime (migrate, seed the demo admin) before any spec runs.
        url: `${BASE_URL}/sign-in`,
        env: { E2E_PORT: String(PORT) },
        // Build (~20 s) + first boot: migrate and seed the demo workspace.
        timeout: 240_000,
        reuseExistingServer: !CI,
        stdout: "pipe",
        stderr: "pipe",
        gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      },
});
