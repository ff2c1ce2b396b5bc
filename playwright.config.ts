// End-to-end tests in Chromium. Without BASE_URL the config builds the app
// and starts it locally on a fresh state (offline defaults); with BASE_URL it
// runs the same tests against that deployment, e.g. a preview URL.
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// E2E_PORT lets two work trees on one machine each run their own app.
const baseURL = process.env.BASE_URL ?? `http://localhost:${process.env.E2E_PORT ?? "8788"}`;
// Debian's Chromium where it is installed (CI, these machines); Playwright's
// own browser everywhere else.
const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["json", { outputFile: "reports/e2e-report.json" }]],
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
        launchOptions: existsSync(systemChromium)
          ? {
              executablePath: systemChromium,
              args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            }
          : {},
      },
    },
  ],
  webServer: process.env.BASE_URL
    ? undefined
    : {
        command: "node scripts/e2e-server.mjs",
        url: `${baseURL}/api/health`,
        timeout: 180_000,
        reuseExistingServer: !process.env.CI,
        stdout: "ignore",
        stderr: "pipe",
      },
});
