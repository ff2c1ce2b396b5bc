// Media jobs in the browser: a render shows its progress and stages in the
// frame's detail view and then the card's picture; a canceled first render
// leaves the live sketch and offers Retry; a canceled re-render keeps the
// last good picture (CONTRACT 4, 12).
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
  return projectId as string;
}

/**
 * Waits until the project's canceled render can no longer publish anything:
 * either its attempt never started (a canceled job cannot start), or the
 * attempt has run to its end and logged that its output was discarded.
 */
async function canceledRenderSettled(page: Page, projectId: string) {
  await expect
    .poll(
      async () => {
        const { jobs } = await (await page.request.get(`/api/v1/jobs?project=${projectId}&status=canceled`)).json();
        if (jobs.length !== 1) return "no canceled job yet";
        const { attempts, logs } = await (await page.request.get(`/api/v1/jobs/${jobs[0].id}/extended`)).json();
        const started = attempts.some((a: { startedAt: string | null }) => a.startedAt !== null);
        const discarded = logs.some((l: { message: string }) => l.message.includes("its output was discarded"));
        return !started || discarded ? "settled" : "attempt still running";
      },
      { timeout: 20_000 },
    )
    .toBe("settled");
}

/** The picture on the card: a kept one is served from the artifacts route, the live sketch is drawn in the page. */
const cardPicture = (page: Page) => page.locator(".frame-card .picture img");
const KEPT = /^\/api\/v1\/artifacts\//;

/** The frame's detail view, opened from its card. */
async function openShot(page: Page) {
  await page.getByRole("button", { name: "Edit shot 1" }).click();
  const detail = page.getByRole("dialog", { name: /^Shot 1/ });
  await expect(detail).toBeVisible();
  return detail;
}

test("a render shows one progress bar and the stage timings in the detail view, then the card's image", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  await studioWithFrame(page);
  const detail = await openShot(page);
  // The offline sketch provider's button says what it does.
  await detail.getByRole("button", { name: "Keep sketch as picture for shot 1" }).click();
  await expect(page.locator("#progress-bar")).toHaveCount(1);
  await expect(detail.locator(".render .media")).toHaveText(/Queued|Rendering|Rendered/);
  await expect(detail.locator(".render .media")).toHaveText("Rendered", { timeout: 20_000 });
  await expect(page.locator("#plugin-inspector .stage-completed")).toHaveCount(4);
  await expect(page.locator("#plugin-inspector")).toHaveCount(1);
  await expectAccessible(page);
  await detail.getByRole("button", { name: "Close" }).click();
  // Stage timings live in the detail view only: the card shows the picture.
  await expect(page.locator(".frame-card .plugin-inspector")).toHaveCount(0);
  const image = cardPicture(page);
  await expect(image).toHaveAttribute("src", KEPT);
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await page.locator(".jobs-panel summary").click();
  await expect(page.locator(".jobs-panel .job-status").first()).toHaveText("success");
  await screen(page, "08-media-ready");
  expect(errors).toEqual([]);
});

test("a canceled first render leaves the sketch and offers Retry", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  const projectId = await studioWithFrame(page);
  const detail = await openShot(page);
  await detail.getByRole("button", { name: "Keep sketch as picture for shot 1" }).click();
  await detail.getByRole("button", { name: "Cancel the render of shot 1" }).click();
  await expect(detail.locator(".render .media")).toHaveText("Render canceled");
  await detail.getByRole("button", { name: "Close" }).click();
  // A late attempt has had its chance to publish; check it did not.
  await canceledRenderSettled(page, projectId);
  await expect(page.locator(".frame-card .media")).toHaveText("Render canceled");
  await expect(cardPicture(page)).not.toHaveAttribute("src", KEPT);
  // The live sketch is back: its alt says what it shows ("Medium shot, eye level: …"), its tag says it is a sketch.
  await expect(page.locator(".frame-card .picture-tag")).toHaveText("Live sketch");
  await expect(cardPicture(page)).toHaveAttribute("alt", /^(Empty panel|[^:]+: .+)\.$/);
  await page.getByRole("button", { name: "Retry the render of shot 1" }).click();
  await expect(cardPicture(page)).toHaveAttribute("src", KEPT, { timeout: 20_000 });
  expect(errors).toEqual([]);
});

test("a canceled re-render keeps the last good image", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  const projectId = await studioWithFrame(page);
  const detail = await openShot(page);
  await detail.getByRole("button", { name: "Keep sketch as picture for shot 1" }).click();
  await expect(detail.locator(".render .media")).toHaveText("Rendered", { timeout: 20_000 });
  const card = cardPicture(page);
  await expect(card).toHaveAttribute("src", KEPT);
  const first = await card.getAttribute("src");

  await detail.getByRole("button", { name: "Keep sketch as picture for shot 1" }).click();
  await detail.getByRole("button", { name: "Cancel the render of shot 1" }).click();
  await expect(detail.locator(".render .media")).toHaveText("Render canceled");
  await detail.getByRole("button", { name: "Close" }).click();
  await canceledRenderSettled(page, projectId);
  // The image people saw before the re-render is still the one on the card.
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute("src", first!);
  await expect.poll(() => card.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.locator(".frame-card .media")).toHaveText("Render canceled");
  expect(errors).toEqual([]);
});
