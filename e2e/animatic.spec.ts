// The animatic (CONTRACT 10, issue 11): the frames play for their lengths with
// the shot label and a running timecode, Play/Pause, Previous/Next and the
// keys drive it, and "Save as video" downloads a file whose length is the
// episode's running time.
import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { addFrames, expectAccessible, newEpisode, openStudio, screen, signIn, trapConsoleErrors, uniqueEmail } from "./support";

async function studioWithFrames(page: Page, count: number) {
  await signIn(page, uniqueEmail("animatic"));
  await openStudio(page, (await newEpisode(page, { project: "Animatic project", episode: "Cuts" })).path);
  await addFrames(page, count);
}

/** Seconds on the player's clock ("0:04.2 / 0:09.0" → 4.2). */
/** Resolves after the page has drawn `count` animation frames. */
function animationFrames(page: Page, count: number): Promise<void> {
  return page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        let left = n;
        const step = () => (--left <= 0 ? resolve() : requestAnimationFrame(step));
        requestAnimationFrame(step);
      }),
    count,
  );
}

async function clockSeconds(player: ReturnType<Page["getByRole"]>): Promise<number> {
  const text = (await player.getByTestId("animatic-clock").textContent()) ?? "";
  const m = /^(\d+):(\d\d)\.(\d)/.exec(text);
  expect(m, `clock reads ${text}`).not.toBeNull();
  return Number(m![1]) * 60 + Number(m![2]) + Number(m![3]) / 10;
}

test("the animatic plays every shot with its timecode, pauses, steps and saves a video of its running time", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = trapConsoleErrors(page);
  // Three frames added from the studio, 3 s each; the second then loses its
  // length (it still plays 3 s, and says so) and gains a caption: 9 s in all.
  await studioWithFrames(page, 3);
  await page.getByRole("button", { name: /^Edit shot 2/ }).click();
  const detail = page.getByRole("dialog", { name: /^Shot 2/ });
  await detail.getByLabel("Duration (seconds)").fill("");
  await detail.getByLabel("Action").fill("Mia wipes the counter as the last bus passes.");
  await detail.getByLabel("Dialogue").fill("MIA: Last one of the night.");
  await detail.getByRole("button", { name: "Save frame" }).click();
  await expect(detail).toBeHidden();
  await page.getByRole("button", { name: "Play animatic" }).click();
  const player = page.getByRole("dialog", { name: "Animatic" });
  await expect(player).toBeVisible();
  const shot = player.getByTestId("animatic-shot");
  const clock = player.getByTestId("animatic-clock");
  await expect(shot).toHaveText("Shot 1");
  await expect(clock).toHaveText("0:00.0 / 0:09.0");
  await expect(player.getByText("Running time 0:09.0")).toBeVisible();
  // Shot 1 has no render: its sketch, whose alt says what it shows ("Medium shot, eye level: …").
  await expect(player.locator("img.animatic-img")).toBeVisible();
  await expect(player.locator("img.animatic-img")).toHaveAttribute("alt", /^(Empty panel|[^:]+: .+)\.$/);
  await expectAccessible(page);

  // Play: the clock runs through every shot in order.
  await player.getByRole("button", { name: "Play", exact: true }).click();
  await expect(player.getByRole("button", { name: "Pause" })).toBeVisible();
  await expect.poll(() => clockSeconds(player)).toBeGreaterThan(0.5);
  await expect(shot).toHaveText("Shot 2", { timeout: 6_000 });
  expect(await clockSeconds(player)).toBeGreaterThanOrEqual(3);
  await expect(player.getByText("Mia wipes the counter as the last bus passes.")).toBeVisible();
  await expect(player.locator(".animatic-dialogue")).toHaveText("MIA “Last one of the night.”");
  await expect(player.getByText("No length set: shown for 3 s")).toBeVisible();
  await expect(shot).toHaveText("Shot 3", { timeout: 6_000 });
  expect(await clockSeconds(player)).toBeGreaterThanOrEqual(6);

  // Pause holds the clock still.
  await player.getByRole("button", { name: "Pause" }).click();
  const held = await clockSeconds(player);
  // The clock ticks on animation frames: after 30 of them (half a second at
  // 60 Hz) a running clock would have moved.
  await animationFrames(page, 30);
  expect(await clockSeconds(player)).toBe(held);

  // Previous and Next jump to shot boundaries, by button and by key.
  await page.keyboard.press("End");
  await expect(clock).toHaveText("0:09.0 / 0:09.0");
  await player.getByRole("button", { name: "Previous shot" }).click();
  await expect(shot).toHaveText("Shot 3");
  await expect(clock).toHaveText("0:06.0 / 0:09.0");
  await player.getByRole("button", { name: "Previous shot" }).click();
  await expect(shot).toHaveText("Shot 2");
  await expect(clock).toHaveText("0:03.0 / 0:09.0");
  await page.keyboard.press("ArrowRight");
  await expect(shot).toHaveText("Shot 3");
  await page.keyboard.press("Home");
  await expect(clock).toHaveText("0:00.0 / 0:09.0");
  await player.getByRole("button", { name: "Next shot" }).click();
  await expect(shot).toHaveText("Shot 2");
  // Space plays and pauses from anywhere in the player.
  await page.keyboard.press("Space");
  await expect(player.getByRole("button", { name: "Pause" })).toBeVisible();
  await page.keyboard.press("Space");
  await expect(player.getByRole("button", { name: "Play", exact: true })).toBeVisible();
  await screen(page, "15-animatic");

  // Loop: from the last shot, play runs on into the first again.
  await player.getByRole("button", { name: "Loop" }).click();
  await expect(player.getByRole("button", { name: "Loop" })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("End");
  await player.getByRole("button", { name: "Previous shot" }).click();
  await expect(shot).toHaveText("Shot 3");
  await player.getByRole("button", { name: "Play", exact: true }).click();
  await expect(shot).toHaveText("Shot 1", { timeout: 6_000 });
  await expect(player.getByRole("button", { name: "Pause" })).toBeVisible();
  await player.getByRole("button", { name: "Pause" }).click();

  // Full screen puts the player itself on the whole screen.
  await player.getByRole("button", { name: "Full screen" }).click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.className ?? "")).toContain("animatic");
  await player.getByRole("button", { name: "Exit full screen" }).click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);

  // Save as video: a file whose duration is the running time.
  const save = player.getByRole("button", { name: "Save as video" });
  await expect(save).toBeEnabled();
  const downloading = page.waitForEvent("download", { timeout: 90_000 });
  await save.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^reelroom-animatic\.(mp4|webm)$/);
  const bytes = await readFile((await download.path())!);
  expect(bytes.byteLength).toBeGreaterThan(0);
  await expect(player.getByRole("status").filter({ hasText: "Saved reelroom-animatic" })).toBeVisible();
  const mime = download.suggestedFilename().endsWith(".mp4") ? "video/mp4" : "video/webm";
  // Played back in a blank page of the same browser: the app's CSP keeps
  // media to its own origin, and a file the person saved is not the app's.
  const probe = await page.context().newPage();
  const duration = await probe.evaluate(
    async ({ b64, mime }) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const video = document.createElement("video");
      video.muted = true;
      video.preload = "metadata";
      const loaded = new Promise<number>((resolve, reject) => {
        video.onloadedmetadata = () => resolve(video.duration);
        video.onerror = () => reject(new Error(`the video did not load: ${video.error?.message ?? "unknown"}`));
      });
      video.src = URL.createObjectURL(new Blob([data], { type: mime }));
      return loaded;
    },
    { b64: bytes.toString("base64"), mime },
  );
  await probe.close();
  expect(Math.abs(duration - 9)).toBeLessThanOrEqual(0.5);

  // Escape closes the player.
  await page.keyboard.press("Escape");
  await expect(player).toBeHidden();
  expect(errors).toEqual([]);
});

test("saving a long animatic shows its progress and Cancel stops it without a download", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  await studioWithFrames(page, 1);
  // Two minutes of one shot: thousands of frames to encode, time enough to cancel.
  await page.getByRole("button", { name: /^Edit shot 1/ }).click();
  const detail = page.getByRole("dialog", { name: /^Shot 1/ });
  await detail.getByLabel("Duration (seconds)").fill("120");
  await detail.getByRole("button", { name: "Save frame" }).click();
  await expect(detail).toBeHidden();
  const downloads: string[] = [];
  page.on("download", (d) => downloads.push(d.suggestedFilename()));

  await page.getByRole("button", { name: "Play animatic" }).click();
  const player = page.getByRole("dialog", { name: "Animatic" });
  await expect(player.getByTestId("animatic-clock")).toHaveText("0:00.0 / 2:00.0");
  await player.getByRole("button", { name: "Save as video" }).click();
  const progress = player.getByRole("progressbar", { name: "Saving the video" });
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute("value"))).toBeGreaterThan(0);
  await player.getByRole("button", { name: "Cancel video" }).click();
  await expect(progress).toBeHidden();
  await expect(player.getByRole("button", { name: "Save as video" })).toBeEnabled();
  // The progress bar goes only once the encode has settled, and a finished
  // encode says "Saved" in the same step as it downloads: neither happened.
  await expect(player.getByRole("status").filter({ hasText: "Saved" })).toHaveCount(0);
  expect(downloads).toEqual([]);
  expect(errors).toEqual([]);
});

test("without WebCodecs, Save as video says why and stays disabled while the animatic still plays", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  await page.addInitScript(() => {
    Reflect.deleteProperty(globalThis, "VideoEncoder");
  });
  await studioWithFrames(page, 1);
  await page.getByRole("button", { name: "Play animatic" }).click();
  const player = page.getByRole("dialog", { name: "Animatic" });
  const save = player.getByRole("button", { name: /^Save as video/ });
  await expect(save).toHaveText("Save as video: This browser cannot encode video (no WebCodecs).");
  await expect(save).toBeDisabled();
  await player.getByRole("button", { name: "Play", exact: true }).click();
  await expect.poll(async () => (await player.getByTestId("animatic-clock").textContent()) ?? "").not.toMatch(/^0:00\.0/);
  await player.getByRole("button", { name: "Close" }).click();
  await expect(player).toBeHidden();
  // Closed and opened again: the owner heard the close.
  await page.getByRole("button", { name: "Play animatic" }).click();
  await expect(player).toBeVisible();
  expect(errors).toEqual([]);
});
