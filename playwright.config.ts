import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Browser tests run against a production build (`next build`, done by scripts/test.sh)
// served on E2E_PORT, with the system Chromium: browser downloads are not possible
// on our machines (scripts/ensure-chromium.sh finds or installs it).
const port = Number(process.env.E2E_PORT || 3100);
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`;

// Set by someone else once the e2e stack (seed, worker, simulator, mail catcher)
// needs it; referenced only when present so this config loads on its own.
const globalSetup = existsSync("./tests/e2e/global-setup.ts") ? "./tests/e2e/global-setup.ts" : undefined;
const globalTeardown = existsSync("./tests/e2e/global-teardown.ts") ? "./tests/e2e/global-teardown.ts" : undefined;

export default defineConfig({
  testDir: "./tests/e2e",
  outputDir: process.env.E2E_OUTPUT_DIR || "./test-results",
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  globalSetup,
  globalTeardown,
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  // The web app itself (plugins start before globalSetup). E2E_WEB_SERVER=0 when
  // something else already serves E2E_BASE_URL.
  webServer:
    process.env.E2E_WEB_SERVER === "0"
      ? undefined
      : {
          command: `npx next start -p ${port} -H 127.0.0.1`,
          url: `${baseURL}/api/health`,
          reuseExistingServer: !process.env.CI && !process.env.E2E_FRESH_SERVER,
          timeout: 120_000,
          stdout: "pipe",
          stderr: "pipe",
        },
});
