// Media jobs in the browser: Generate shows progress and then the card's
// image; Cancel shows canceled and no image.
import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, screen, trapConsoleErrors, uniqueEmail } from "./support";

async function studioWithFrame(page: Page) {
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const headers = { origin };
  expect(
    (await page.request.post("/api/v1/auth/signup", { data: { email: uniqueEmail("media"), password: "night owl coffee", name: "Mia" }, headers })).ok(),
  ).toBe(true);
  const projectId = (await (await page.request.post("/api/v1/projects", { data: { name: "Media project" }, headers })).json()).project.id;
  const episodeId = (await (await page.request.post(`/api/v1/projects/${projectId}/episodes`, { data: { title: "Renders" }, headers })).json()).episode.id;
  await page.goto(`/projects/${projectId}/episodes/${episodeId}`);
  await expect(page.locator(".conn")).toHaveText("Live");
  await page.getByRole("button", { name: "Add frame" }).click();
  await expect(page.locator(".frame-card")).toHaveCount(1);
}

test("Generate shows progress and then the card's image", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  await studioWithFrame(page);
  await page.getByRole("button", { name: "Generate image for shot 1" }).click();
  await expect(page.getByRole("progressbar", { name: "Render progress for shot 1" })).toBeVisible();
  await expect(page.locator(".frame-card .media")).toHaveText(/Queued|Rendering/);
  const image = page.getByRole("img", { name: "Storyboard panel for shot 1" });
  await expect(image).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.locator(".frame-card .media")).toHaveText("Media ready");
  await expect(page.locator(".plugin-inspector .stage-completed")).toHaveCount(4);
  await expect(page.locator(".job-list .job-status").first()).toHaveText("success");
  await expectAccessible(page);
  await screen(page, "08-media-ready");
  expect(errors).toEqual([]);
});

test("Cancel shows canceled and no image", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  await studioWithFrame(page);
  await page.getByRole("button", { name: "Generate image for shot 1" }).click();
  await page.getByRole("button", { name: "Cancel render" }).click();
  await expect(page.locator(".frame-card .media")).toHaveText("Canceled");
  await expect(page.locator(".job-list .job-status").first()).toHaveText("canceled");
  // Give a late attempt every chance to publish, then check it did not.
  await page.waitForTimeout(2500);
  await expect(page.locator(".frame-card .media")).toHaveText("Canceled");
  await expect(page.getByRole("img", { name: "Storyboard panel for shot 1" })).toHaveCount(0);
  expect(errors).toEqual([]);
});
