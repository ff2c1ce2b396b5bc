// Exports (CONTRACT 10, the deliverables issue's "done when"): from the
// studio's Share tab, a PDF, the shot list as CSV and the images as a ZIP are
// exported as jobs and downloaded; each file is read back.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { unzipSync } from "fflate";
import { expectAccessible, newEpisode, openSidePanel, openStudio, screen, signIn, trapConsoleErrors, uniqueEmail } from "./support";

test("a storyboard exported as PDF, CSV and ZIP downloads files that hold its shots", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  await signIn(page, uniqueEmail("exports"));
  await openStudio(page, (await newEpisode(page, { project: "Night Owl Coffee", episode: "Night shift" })).path);
  const input = page.getByLabel("Message the production agent");
  await input.fill("a 30-second ad for a night-time coffee shop, 6 shots");
  await input.press("Enter");
  await expect(page.locator(".agent-state")).toHaveText("Ready", { timeout: 30_000 });
  await expect(page.locator(".frame-card")).toHaveCount(6);

  await openSidePanel(page, "Share");
  const list = page.getByRole("list", { name: "Exports of this episode" });
  const download = async (button: string, label: RegExp) => {
    await page.getByRole("button", { name: button }).click();
    const link = list.getByRole("link", { name: label }).first();
    await expect(link).toBeVisible({ timeout: 30_000 });
    const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
    return readFileSync((await file.path())!);
  };

  const pdf = await download("Export PDF", /^Download .*PDF/i);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  // Kept for the evidence: `npm run evidence` draws its first pages into the screenshots.
  mkdirSync("test-results/exports", { recursive: true });
  writeFileSync("test-results/exports/storyboard.pdf", pdf);
  const csv = (await download("Export shot list (CSV)", /^Download .*CSV/i)).toString("utf8");
  expect(csv).toContain("The coffee shop at night");
  expect(csv.trim().split(/\r?\n/)).toHaveLength(7);
  const zip = unzipSync(new Uint8Array(await download("Export images (ZIP)", /^Download .*ZIP/i)));
  const names = Object.keys(zip);
  expect(names).toContain("manifest.json");
  expect(names.filter((n) => /^\d{3}-shot-\d+\.(svg|png|jpg)$/.test(n))).toHaveLength(6);
  await expectAccessible(page);
  await screen(page, "17-exports");
  expect(errors).toEqual([]);
});
