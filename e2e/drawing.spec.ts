// Drawing a frame (CONTRACT 12), as a person would: open a shot, Draw with
// the mouse and with a finger, undo and redo, save, see the card show the
// drawing, reopen it with "Edit drawing", add a stroke and save a second
// drawing revision; at a desktop and at a phone's size. And a stylus: its
// pressure swells the ink, and a palm resting while it draws draws nothing.
import { mkdirSync } from "node:fs";
import { type CDPSession, expect, type Locator, type Page, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, screen, trapConsoleErrors, uniqueEmail } from "./support";

const EVIDENCE = ".buildprint/evidence/screens";

async function studioWithFrames(page: Page, frames: number) {
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const headers = { origin };
  expect(
    (await page.request.post("/api/v1/auth/signup", { data: { email: uniqueEmail("draw"), password: "night owl coffee", name: "Mia" }, headers })).ok(),
  ).toBe(true);
  const projectId = (await (await page.request.post("/api/v1/projects", { data: { name: "Drawing project" }, headers })).json()).project.id;
  const episodeId = (await (await page.request.post(`/api/v1/projects/${projectId}/episodes`, { data: { title: "Drawn" }, headers })).json()).episode.id;
  await page.goto(`/projects/${projectId}/episodes/${episodeId}`);
  await expect(page.locator(".conn")).toHaveText("Live");
  for (let i = 1; i <= frames; i++) {
    await page.getByRole("button", { name: "Add frame" }).click();
    await expect(page.locator(".frame-card")).toHaveCount(i);
  }
  return { projectId, episodeId };
}

async function openShot(page: Page, n: number) {
  await page.getByRole("button", { name: new RegExp(`^Edit shot ${n}\\b`) }).click();
  const detail = page.getByRole("dialog", { name: new RegExp(`^Shot ${n}`) });
  await expect(detail).toBeVisible();
  return detail;
}

/** A point on the canvas, as fractions of its width and height, in page pixels. */
async function at(canvas: Locator, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const box = (await canvas.boundingBox())!;
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

/** A mouse stroke through the given points (canvas fractions). */
async function mouseStroke(page: Page, canvas: Locator, path: [number, number][]) {
  const first = await at(canvas, ...path[0]!);
  await page.mouse.move(first.x, first.y);
  await page.mouse.down();
  for (const p of path.slice(1)) {
    const q = await at(canvas, ...p);
    await page.mouse.move(q.x, q.y, { steps: 12 });
  }
  await page.mouse.up();
}

/** A finger stroke through real touch input (CDP), which the page sees as pointer events of pointerType "touch". */
async function touchStroke(cdp: CDPSession, canvas: Locator, path: [number, number][], steps = 12) {
  const pts: { x: number; y: number }[] = [];
  for (let i = 0; i < path.length - 1; i++) {
    const a = await at(canvas, ...path[i]!);
    const b = await at(canvas, ...path[i + 1]!);
    for (let s = 0; s < steps; s++) pts.push({ x: a.x + ((b.x - a.x) * s) / steps, y: a.y + ((b.y - a.y) * s) / steps });
  }
  pts.push(await at(canvas, ...path.at(-1)!));
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ ...pts[0]!, id: 1 }] });
  for (const p of pts.slice(1)) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ ...p, id: 1 }] });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}

/** Points around an ellipse (canvas fractions), from the angle `from` for `turn` of a full turn. */
function ellipse(cx: number, cy: number, rx: number, ry: number, from = 0, turn = 1, n = 24): [number, number][] {
  return Array.from({ length: n + 1 }, (_, i): [number, number] => {
    const a = from + (i / n) * turn * 2 * Math.PI;
    return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)];
  });
}

/** Painted (non-transparent) pixels on the drawing canvas. */
const inkPixels = (canvas: Locator) =>
  canvas.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });

const VIEWPORTS = [
  { name: "desktop", viewport: { width: 1440, height: 900 }, touch: false },
  { name: "phone", viewport: { width: 375, height: 812 }, touch: true },
] as const;

for (const v of VIEWPORTS) {
  test.describe(`${v.name}, ${v.viewport.width}×${v.viewport.height}`, () => {
    test.use({ viewport: v.viewport, hasTouch: v.touch, isMobile: v.touch });

    test("draw with mouse and finger, undo and redo, save, reopen the strokes and save a second drawing", async ({ page }) => {
      const errors = trapConsoleErrors(page);
      await studioWithFrames(page, 2);
      const card = page.locator(".frame-card").nth(1).locator(".picture-img");
      const sketch = await card.getAttribute("src");
      expect(sketch).toMatch(/^data:image\/svg\+xml/);

      const detail = await openShot(page, 2);
      await detail.getByRole("button", { name: "Draw", exact: true }).click();
      const surface = page.getByRole("dialog", { name: "Draw · Shot 2" });
      await expect(surface).toBeVisible();
      const canvas = surface.locator("canvas.draw-canvas");
      // The canvas keeps the episode's 16:9 and fits the window.
      const box = (await canvas.boundingBox())!;
      expect(Math.abs(box.width / box.height - 16 / 9)).toBeLessThan(0.02);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(v.viewport.width);
      expect(box.y + box.height).toBeLessThanOrEqual(v.viewport.height);
      // The shot's sketch shows underneath, faintly; the previous shot is there to switch on.
      await expect(surface.locator(".draw-layer-img")).toHaveAttribute("src", /^data:image\/svg\+xml/);
      await expect(surface.getByRole("checkbox", { name: "Picture" })).toBeChecked();
      await expect(surface.getByRole("slider", { name: "Opacity of the picture underneath" })).toHaveValue("35");

      await expect(canvas).toHaveAttribute("data-strokes", "0");
      await mouseStroke(page, canvas, [
        [0.15, 0.7],
        [0.35, 0.45],
        [0.6, 0.5],
        [0.85, 0.3],
      ]);
      await expect(surface.locator(".draw-count")).toHaveText("1 stroke");
      const afterMouse = await inkPixels(canvas);
      expect(afterMouse).toBeGreaterThan(500);

      const cdp = await page.context().newCDPSession(page);
      await surface.getByRole("button", { name: "Marker" }).click();
      await surface.getByRole("button", { name: "Blue" }).click();
      await touchStroke(cdp, canvas, [
        [0.1, 0.85],
        [0.5, 0.8],
        [0.9, 0.88],
      ]);
      await expect(surface.locator(".draw-count")).toHaveText("2 strokes");
      const afterTouch = await inkPixels(canvas);
      expect(afterTouch).toBeGreaterThan(afterMouse);

      // Keys pick the tools and sizes: I for ink, ] a size up.
      await page.keyboard.press("i");
      await expect(surface.getByRole("button", { name: "Ink" })).toHaveAttribute("aria-pressed", "true");
      await page.keyboard.press("]");
      await expect(surface.getByRole("button", { name: "Bold size" })).toHaveAttribute("aria-pressed", "true");

      // Undo and redo, by button and by key.
      await surface.getByRole("button", { name: "Undo" }).click();
      await expect(surface.locator(".draw-count")).toHaveText("1 stroke");
      await expect.poll(() => inkPixels(canvas)).toBe(afterMouse);
      await page.keyboard.press("ControlOrMeta+Shift+Z");
      await expect(surface.locator(".draw-count")).toHaveText("2 strokes");
      await page.keyboard.press("Control+z");
      await expect(surface.locator(".draw-count")).toHaveText("1 stroke");
      await page.keyboard.press("Control+y");
      await expect(surface.locator(".draw-count")).toHaveText("2 strokes");
      await expect.poll(() => inkPixels(canvas)).toBe(afterTouch);
      // Clear is a step Undo takes back.
      await surface.getByRole("button", { name: "Clear" }).click();
      await expect(surface.locator(".draw-count")).toHaveText("0 strokes");
      await surface.getByRole("button", { name: "Undo" }).click();
      await expect(surface.locator(".draw-count")).toHaveText("2 strokes");

      // Escape asks before losing strokes; Tab stays in the surface.
      await page.keyboard.press("Escape");
      const ask = surface.getByRole("alertdialog", { name: "Discard this drawing?" });
      await expect(ask).toBeVisible();
      await ask.getByRole("button", { name: "Keep drawing" }).click();
      await expect(ask).toBeHidden();
      await expect(surface).toBeVisible();
      for (let i = 0; i < 40; i++) await page.keyboard.press("Tab");
      expect(await page.evaluate(() => !!document.activeElement?.closest(".draw-dialog"))).toBe(true);

      // A figure roughed in with the pencil (P) and inked over (I), as an artist would.
      await surface.getByRole("button", { name: "Black" }).click();
      await page.keyboard.press("p");
      await mouseStroke(page, canvas, ellipse(0.3, 0.3, 0.045, 0.085, -Math.PI / 2, 1.05));
      await mouseStroke(page, canvas, [
        [0.26, 0.4],
        [0.22, 0.5],
        [0.2, 0.62],
        [0.24, 0.72],
      ]);
      await page.keyboard.press("i");
      await page.keyboard.press("[");
      await mouseStroke(page, canvas, [
        [0.33, 0.4],
        [0.37, 0.5],
        [0.39, 0.62],
        [0.36, 0.72],
      ]);
      await expect(surface.locator(".draw-count")).toHaveText("5 strokes");

      // The previous shot as an onion skin, on and off; never part of the strokes.
      const onion = surface.getByRole("checkbox", { name: "Previous shot" });
      await onion.check();
      await expect(surface.locator(".draw-onion")).toBeVisible();
      await screen(page, `11-draw-onion-${v.name}`);
      await onion.uncheck();
      await expect(surface.locator(".draw-onion")).toHaveCount(0);

      await expectAccessible(page);
      await expectNoHorizontalScroll(page);
      mkdirSync(EVIDENCE, { recursive: true });
      await page.screenshot({ path: `${EVIDENCE}/11-draw-${v.name}.png` });

      // Save: the card shows the drawing, a PNG at the drawing's own pixels.
      const drawn = await inkPixels(canvas);
      await surface.getByRole("button", { name: "Save drawing" }).click();
      await expect(surface).toBeHidden({ timeout: 20_000 });
      await expect(card).not.toHaveAttribute("src", sketch!);
      const first = await card.getAttribute("src");
      expect(first).not.toMatch(/^data:/);
      await expect.poll(() => card.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
      await expect(detail.getByRole("button", { name: "Edit drawing" })).toBeVisible();
      await screen(page, `11-draw-saved-${v.name}`);

      // Reopen: the strokes come back editable, over the sketch they were drawn on.
      await detail.getByRole("button", { name: "Edit drawing" }).click();
      const again = page.getByRole("dialog", { name: "Edit drawing · Shot 2" });
      await expect(again).toBeVisible();
      await expect(again.locator(".draw-count")).toHaveText("5 strokes");
      await expect(again.locator(".draw-layer-img")).toHaveAttribute("src", /^data:image\/svg\+xml/);
      const canvas2 = again.locator("canvas.draw-canvas");
      // The same strokes paint the same pixels.
      await expect.poll(() => inkPixels(canvas2)).toBe(drawn);
      await mouseStroke(page, canvas2, [
        [0.2, 0.2],
        [0.4, 0.15],
      ]);
      await expect(again.locator(".draw-count")).toHaveText("6 strokes");
      await again.getByRole("button", { name: "Save drawing" }).click();
      await expect(again).toBeHidden({ timeout: 20_000 });
      await expect(card).not.toHaveAttribute("src", first!);
      const second = await card.getAttribute("src");
      expect(second).not.toMatch(/^data:/);

      // The second drawing reopens with all six strokes.
      await detail.getByRole("button", { name: "Edit drawing" }).click();
      const third = page.getByRole("dialog", { name: "Edit drawing · Shot 2" });
      await expect(third.locator(".draw-count")).toHaveText("6 strokes");
      await third.getByRole("button", { name: "Cancel" }).click();
      await expect(third).toBeHidden();
      expect(errors).toEqual([]);
    });
  });
}

test("a stylus's pressure swells the ink, and a palm resting while it draws draws nothing", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioWithFrames(page, 1);
  const detail = await openShot(page, 1);
  await detail.getByRole("button", { name: "Draw", exact: true }).click();
  const surface = page.getByRole("dialog", { name: "Draw · Shot 1" });
  const canvas = surface.locator("canvas.draw-canvas");
  await surface.getByRole("checkbox", { name: "Picture" }).uncheck();
  const cdp = await page.context().newCDPSession(page);
  const pen = (type: "mousePressed" | "mouseMoved" | "mouseReleased", p: { x: number; y: number }, force: number) =>
    cdp.send("Input.dispatchMouseEvent", { type, ...p, button: "left", buttons: type === "mouseReleased" ? 0 : 1, clickCount: 1, pointerType: "pen", force });

  // A level line left to right, pressing harder as it goes; a palm lands, drags and lifts mid-way.
  const y = 0.5;
  await pen("mousePressed", await at(canvas, 0.1, y), 0.1);
  for (let i = 1; i <= 80; i++) {
    const t = i / 80;
    await pen("mouseMoved", await at(canvas, 0.1 + 0.8 * t, y), 0.1 + 0.9 * t);
    if (i === 40)
      await touchStroke(cdp, canvas, [
        [0.5, 0.85],
        [0.8, 0.95],
      ]);
  }
  await pen("mouseReleased", await at(canvas, 0.9, y), 0);
  await expect(surface.locator(".draw-count")).toHaveText("1 stroke");

  // The line is thin where the pen pressed lightly, thick where it pressed hard; nothing where the palm was.
  const thickness = (fx: number) =>
    canvas.evaluate((c: HTMLCanvasElement, fx) => {
      const x = Math.round(c.width * fx);
      const data = c.getContext("2d")!.getImageData(x, 0, 1, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 128) n++;
      return n;
    }, fx);
  const light = await thickness(0.3);
  const hard = await thickness(0.75);
  expect(light).toBeGreaterThan(0);
  expect(hard).toBeGreaterThan(light * 1.5);
  const palm = await canvas.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext("2d")!.getImageData(0, Math.round(c.height * 0.8), c.width, Math.round(c.height * 0.2)).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
  expect(palm).toBe(0);
  // With nothing changed but a stroke, Cancel asks; Discard leaves the shot as it was.
  await surface.getByRole("button", { name: "Cancel" }).click();
  await surface.getByRole("alertdialog").getByRole("button", { name: "Discard" }).click();
  await expect(surface).toBeHidden();
  await expect(page.locator(".frame-card .picture-img")).toHaveAttribute("src", /^data:image\/svg\+xml/);
  expect(errors).toEqual([]);
});

test("a viewer sees the shot but never Draw", async ({ page, browser }) => {
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const { projectId, episodeId } = await studioWithFrames(page, 1);
  const email = uniqueEmail("viewer");
  const viewer = await (await browser.newContext()).newPage();
  const errors = trapConsoleErrors(viewer);
  expect((await viewer.request.post("/api/v1/auth/signup", { data: { email, password: "night owl coffee", name: "Vic" }, headers: { origin } })).ok()).toBe(
    true,
  );
  expect((await page.request.post(`/api/v1/projects/${projectId}/members`, { data: { email, role: "viewer" }, headers: { origin } })).ok()).toBe(true);
  await viewer.goto(`/projects/${projectId}/episodes/${episodeId}`);
  await expect(viewer.locator(".conn")).toHaveText("Live");
  const detail = await openShot(viewer, 1);
  await expect(detail.locator(".picture-img")).toBeVisible();
  await expect(detail.getByRole("button", { name: "Draw", exact: true })).toHaveCount(0);
  await expect(detail.getByRole("button", { name: "Edit drawing" })).toHaveCount(0);
  // The owner, in the same shot, has it.
  const own = await openShot(page, 1);
  await expect(own.getByRole("button", { name: "Draw", exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});
