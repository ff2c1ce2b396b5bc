// Pictures are revisions (CONTRACT 12), as a storyboard artist meets them in
// the studio, on a desk and on a phone: a picture uploaded by picking a file,
// by dropping it on a card and by pasting it; an older picture shown again;
// "Out of date: camera changed" after a camera change, gone after a
// re-render; and a reviewer's approval that reads "approved an earlier
// version" once another picture is shown, in the studio and on the review
// page. Pictures are drawn in the page (a canvas) for each test.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, openSidePanel, trapConsoleErrors, uniqueEmail } from "./support";

const SIZES = [
  { name: "desk", viewport: { width: 1440, height: 900 }, phone: false },
  { name: "phone", viewport: { width: 375, height: 812 }, phone: true },
] as const;

const SHOTS = ".buildprint/evidence/screens";
const KEPT = /^\/api\/v1\/artifacts\//;

/** A signed-up editor in a fresh episode with `frames` frames; returns the ids. */
async function studio(page: Page, frames: number): Promise<{ projectId: string; episodeId: string }> {
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const headers = { origin };
  const signup = await page.request.post("/api/v1/auth/signup", {
    data: { email: uniqueEmail("pictures"), password: "night owl coffee", name: "Mia" },
    headers,
  });
  expect(signup.ok()).toBe(true);
  const projectId = (await (await page.request.post("/api/v1/projects", { data: { name: "Pictures" }, headers })).json()).project.id;
  const episodeId = (await (await page.request.post(`/api/v1/projects/${projectId}/episodes`, { data: { title: "Night shift" }, headers })).json()).episode.id;
  await page.goto(`/projects/${projectId}/episodes/${episodeId}`);
  await expect(page.locator(".conn")).toHaveText("Live");
  for (let i = 1; i <= frames; i++) {
    await page.getByRole("button", { name: "Add frame" }).click();
    await expect(page.locator(".frame-card")).toHaveCount(i);
  }
  return { projectId, episodeId };
}

/** A PNG drawn in the page: a coloured sky, a ground and a sun, 480×270, as base64. */
async function drawnPng(page: Page, sky: string): Promise<string> {
  return page.evaluate((color) => {
    const c = document.createElement("canvas");
    c.width = 480;
    c.height = 270;
    const g = c.getContext("2d")!;
    g.fillStyle = color;
    g.fillRect(0, 0, 480, 270);
    g.fillStyle = "#3b3b3b";
    g.fillRect(0, 190, 480, 80);
    g.fillStyle = "#f4d35e";
    g.beginPath();
    g.arc(360, 80, 40, 0, Math.PI * 2);
    g.fill();
    return c.toDataURL("image/png").split(",")[1]!;
  }, sky);
}

/** The same picture as a File inside a DataTransfer in the page, as a drop or a paste carries it. */
async function transferOf(page: Page, base64: string, name: string) {
  return page.evaluateHandle(
    ({ b64, fileName }) => {
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], fileName, { type: "image/png" }));
      return dt;
    },
    { b64: base64, fileName: name },
  );
}

const card = (page: Page, n: number) => page.locator(".frame-card").nth(n - 1);
const cardPicture = (page: Page, n: number) => card(page, n).locator(".picture img");

async function openShot(page: Page, n: number): Promise<Locator> {
  await page.getByRole("button", { name: new RegExp(`^Edit shot ${n}:`) }).click();
  const detail = page.getByRole("dialog", { name: new RegExp(`^Shot ${n}`) });
  await expect(detail).toBeVisible();
  return detail;
}

for (const size of SIZES) {
  test.describe(`${size.name}, ${size.viewport.width}×${size.viewport.height}`, () => {
    test.use({ viewport: size.viewport, ...(size.phone ? { hasTouch: true, isMobile: true } : {}) });

    test("a picture picked, dropped on a card and pasted; an older one shown again", async ({ page, context }) => {
      const errors = trapConsoleErrors(page);
      await studio(page, 2);
      // The live sketch says what it is until a picture is kept.
      await expect(card(page, 1).locator(".picture-tag")).toHaveText("Live sketch");
      // Its alt is the sketch's own description of what it draws ("Medium shot, eye level: …").
      await expect(card(page, 1).locator(".picture-img")).toHaveAttribute("alt", /^(Empty panel|[^:]+: .+)\.$/);

      // 1. Picked: Upload picture in the shot's detail, a file chooser, "Uploading…", then the picture.
      const detail = await openShot(page, 1);
      await expect(detail.locator(".storage-line")).toHaveText(/^Pictures: .+ of .+$/);
      const before = await detail.locator(".storage-line").textContent();
      const blue = await drawnPng(page, "#5b8bd6");
      const chooser = page.waitForEvent("filechooser");
      await detail.getByRole("button", { name: "Upload picture to shot 1" }).click();
      await (await chooser).setFiles({ name: "blue.png", mimeType: "image/png", buffer: Buffer.from(blue, "base64") });
      await expect(detail.locator(".revision")).toHaveCount(1);
      await expect(detail.locator(".revision").first()).toContainText("Upload");
      await expect(detail.locator(".revision").first()).toContainText("Mia");
      await expect(detail.getByRole("button", { name: "Upload picture to shot 1" })).toBeFocused();
      await expect(detail.locator(".storage-line")).not.toHaveText(before!);
      // The only picture cannot be removed.
      await expect(detail.getByRole("button", { name: "Remove picture 1 of 1" })).toBeDisabled();

      // A file that only says it is a PNG: the server's own words beside the button, nothing added.
      const refused = page.waitForEvent("filechooser");
      await detail.getByRole("button", { name: "Upload picture to shot 1" }).click();
      await (await refused).setFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not a picture at all") });
      const message = detail.locator(".upload-error");
      await expect(message).toHaveAttribute("role", "alert");
      await expect(message).not.toBeEmpty();
      await expect(detail.getByRole("button", { name: "Upload picture to shot 1" })).toHaveAccessibleDescription(/.+/);
      await expect(detail.locator(".revision")).toHaveCount(1);

      // 2. Copied to the clipboard and pasted with the keyboard while the shot is open: a second picture, shown.
      await context.grantPermissions(["clipboard-read", "clipboard-write"]);
      const green = await drawnPng(page, "#6fbf73");
      await page.evaluate(async (b64) => {
        const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
        await navigator.clipboard.write([new ClipboardItem({ "image/png": new Blob([bytes], { type: "image/png" }) })]);
      }, green);
      await detail.getByRole("button", { name: "Upload picture to shot 1" }).focus();
      await page.keyboard.press("ControlOrMeta+V");
      await expect(detail.locator(".revision")).toHaveCount(2);
      // A good picture clears the refusal's message.
      await expect(message).toHaveCount(0);
      await expect(detail.locator(".revision-shown")).toHaveCount(1);
      await expect(detail.locator(".revision").nth(1)).toHaveClass(/revision-shown/);
      await expectAccessible(page);
      await page.screenshot({ path: `${SHOTS}/11-pictures-revisions-${size.name}.png`, fullPage: false });

      // 3. An older picture shown again, from the keyboard: the card changes with it.
      const shownSrc = await detail.locator(".picture-large img").getAttribute("src");
      const older = detail.getByRole("button", { name: /^Show: picture 1 of 2, Upload/ });
      await older.focus();
      await page.keyboard.press("Enter");
      await expect(detail.getByRole("button", { name: /^Shown: picture 1 of 2/ })).toHaveAttribute("aria-pressed", "true");
      await detail.getByRole("button", { name: "Close" }).click();
      await expect(cardPicture(page, 1)).toHaveAttribute("src", KEPT);
      await expect(cardPicture(page, 1)).not.toHaveAttribute("src", shownSrc!);
      await expect(card(page, 1).locator(".picture-tag")).toHaveText("Upload · 1 of 2");

      // The pasted one removed again, once confirmed; the keyboard goes on from the picture beside it.
      const again = await openShot(page, 1);
      page.once("dialog", (d) => void d.accept());
      await again.getByRole("button", { name: "Remove picture 2 of 2" }).click();
      await expect(again.locator(".revision")).toHaveCount(1);
      await expect(again.getByRole("button", { name: /^Shown: picture 1 of 1/ })).toBeFocused();
      await again.getByRole("button", { name: "Close" }).click();
      await expect(card(page, 1).locator(".picture-tag")).toHaveText("Upload");

      // 4. Dropped on the second card: a drop target shows while the file is over it, then the picture.
      const orange = await drawnPng(page, "#e08a3c");
      const drop = await transferOf(page, orange, "orange.png");
      const target = card(page, 2);
      await target.scrollIntoViewIfNeeded();
      await target.dispatchEvent("dragenter", { dataTransfer: drop });
      await target.dispatchEvent("dragover", { dataTransfer: drop });
      await expect(target.locator(".picture-drop")).toHaveText("Drop to add a picture to shot 2");
      await page.screenshot({ path: `${SHOTS}/11-pictures-drop-target-${size.name}.png`, fullPage: false });
      await target.dispatchEvent("drop", { dataTransfer: drop });
      await expect(target.locator(".picture-drop")).toHaveCount(0);
      await expect(cardPicture(page, 2)).toHaveAttribute("src", KEPT);
      await expect(target.locator(".picture-tag")).toHaveText("Upload");
      await expectNoHorizontalScroll(page);
      // The refused upload's 415 is the only console error.
      expect(errors.filter((e) => !/status of 415/.test(e))).toEqual([]);
    });

    test("a reorder relabels the card, never the picture: the kept sketch holds no words", async ({ page }) => {
      const errors = trapConsoleErrors(page);
      await studio(page, 2);
      const detail = await openShot(page, 2);
      await detail.getByRole("button", { name: "Keep sketch as picture for shot 2" }).click();
      await expect(detail.locator(".revision")).toHaveCount(1, { timeout: 20_000 });
      await detail.getByRole("button", { name: "Close" }).click();
      await expect(cardPicture(page, 2)).toHaveAttribute("src", KEPT);
      const src = (await cardPicture(page, 2).getAttribute("src"))!;
      // The stored picture is the picture alone: no text element, no shot label.
      const svg = await (await page.request.get(src)).text();
      expect(svg).toMatch(/^<svg/);
      expect(svg).not.toContain("<text");
      expect(svg).not.toMatch(/SHOT|Shot 2/);

      // Moved first by keyboard: the card now says shot 1 and shows the same file.
      await card(page, 2).focus();
      await page.keyboard.press("Alt+ArrowLeft");
      await expect(cardPicture(page, 1)).toHaveAttribute("src", src);
      await expect(card(page, 1).locator(".frame-shot")).toHaveText("Shot 1");
      await expect(cardPicture(page, 2)).not.toHaveAttribute("src", KEPT);
      expect(errors).toEqual([]);
    });

    test("out of date after a camera change, current again after Re-render out of date", async ({ page }) => {
      const errors = trapConsoleErrors(page);
      await studio(page, 1);
      let detail = await openShot(page, 1);
      // The sketch provider says what a render does, and the detail lists the kept picture.
      await expect(detail.getByText("The sketch provider saves the live sketch")).toBeVisible();
      await detail.getByRole("button", { name: "Keep sketch as picture for shot 1" }).click();
      await expect(detail.locator(".revision")).toHaveCount(1, { timeout: 20_000 });
      await expect(detail.locator(".revision").first()).toContainText("Render · sketch");
      await detail.getByLabel("Camera").fill("CU, low angle");
      await detail.getByRole("button", { name: "Save frame" }).click();
      await expect(detail).toBeHidden();

      // Marked on the card, in the shot list, and the batch offers to render just that one.
      const badge = card(page, 1).locator(".picture-stale");
      await expect(badge).toHaveText("Out of date: camera changed");
      await card(page, 1).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/11-pictures-out-of-date-${size.name}.png`, fullPage: false });
      await page.getByRole("button", { name: "Shot list" }).click();
      await expect(page.locator(".shot-list .picture-state")).toHaveText(/^out of date/);
      await page.getByRole("button", { name: "Cards" }).click();
      detail = await openShot(page, 1);
      await expect(detail.locator(".picture-stale")).toHaveText("Out of date: camera changed");
      await detail.getByRole("button", { name: "Close" }).click();

      await page.getByRole("button", { name: /^Re-render out of date \(1\)/ }).click();
      const confirm = page.getByRole("dialog", { name: "Re-render 1 out-of-date picture?" });
      await confirm.getByRole("button", { name: "Re-render 1 frame" }).click();
      await expect(badge).toHaveCount(0, { timeout: 20_000 });
      await expect(card(page, 1).locator(".picture-tag")).toHaveText("Render · 2 of 2");
      await expect(page.getByRole("button", { name: /^Re-render out of date/ })).toHaveCount(0);
      await page.getByRole("button", { name: "Shot list" }).click();
      await expect(page.locator(".shot-list .picture-state")).toHaveText("current");
      expect(errors).toEqual([]);
    });

    test("an approval of an earlier picture says so in the studio and on the review page", async ({ page, browser }) => {
      const errors = trapConsoleErrors(page);
      const { projectId, episodeId } = await studio(page, 1);
      const origin = new URL(test.info().project.use.baseURL!).origin;
      const link = await page.request.post(`/api/v1/projects/${projectId}/episodes/${episodeId}/review-links`, { data: {}, headers: { origin } });
      expect(link.status()).toBe(201);
      const url: string = (await link.json()).link.url;

      // A reviewer in a browser of their own approves shot 1 as it is now.
      const guestContext = await browser.newContext({ viewport: size.viewport, ...(size.phone ? { hasTouch: true, isMobile: true } : {}) });
      const guest = await guestContext.newPage();
      await guest.goto(url);
      await guest.getByLabel("Your name").fill("Rey");
      await guest.getByRole("button", { name: "Start reviewing" }).click();
      await expect(guest.getByText("Live", { exact: true })).toBeVisible();
      await guest.getByRole("list", { name: "Storyboard" }).getByRole("button").first().click();
      const side = guest.getByRole("complementary", { name: "Selected shot" });
      await side.getByRole("button", { name: "Approve" }).click();
      await expect(guest.locator(".review-approved")).toHaveText("1 of 1 approved");
      await expect(card(page, 1).locator(".verdict-approved")).toContainText("Rey");

      // A new picture: the approval was of another one.
      const detail = await openShot(page, 1);
      const chooser = page.waitForEvent("filechooser");
      await detail.getByRole("button", { name: "Upload picture to shot 1" }).click();
      await (await chooser).setFiles({ name: "new.png", mimeType: "image/png", buffer: Buffer.from(await drawnPng(page, "#a06cd5"), "base64") });
      await expect(detail.locator(".frame-comments .verdict-earlier")).toContainText("Approved an earlier version");
      await detail.getByRole("button", { name: "Close" }).click();
      await expect(card(page, 1).locator(".verdict-earlier")).toHaveText("Rey approved an earlier version");
      await expect(card(page, 1).locator(".verdict-approved")).toHaveCount(0);

      await expect(guest.locator(".review-card-verdicts")).toContainText("Approved an earlier version: Rey");
      await expect(guest.locator(".review-approved")).toHaveText("0 of 1 approved");
      await expect(side.locator(".verdict-earlier")).toContainText("Approved an earlier version");
      await expectAccessible(guest);
      await guest.screenshot({ path: `${SHOTS}/11-pictures-review-earlier-${size.name}.png`, fullPage: false });
      expect(errors).toEqual([]);
      await guestContext.close();
    });
  });
}

test.describe("desk, 1440×900", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("a picture becomes a cast member's reference, shown and cleared in the Cast tab; a viewer sees no way to add pictures", async ({ page, browser }) => {
    const errors = trapConsoleErrors(page);
    const { projectId, episodeId } = await studio(page, 1);
    await openSidePanel(page, "Cast");
    const add = page.getByRole("form", { name: "Add to the cast" });
    await add.getByLabel("Name").fill("Mia");
    await add.getByRole("button", { name: "Add character" }).click();
    await expect(page.getByRole("region", { name: "Cast, places and look" }).locator(".cast-name")).toHaveText("Mia");

    let detail = await openShot(page, 1);
    await detail.getByRole("checkbox", { name: "Mia" }).check();
    await detail.getByRole("button", { name: "Save frame" }).click();
    await expect(detail).toBeHidden();
    detail = await openShot(page, 1);
    const chooser = page.waitForEvent("filechooser");
    await detail.getByRole("button", { name: "Upload picture to shot 1" }).click();
    await (await chooser).setFiles({ name: "mia.png", mimeType: "image/png", buffer: Buffer.from(await drawnPng(page, "#d66b5b"), "base64") });
    await detail.getByRole("combobox", { name: "Use picture 1 of 1 as reference for…" }).selectOption({ label: "Mia (character)" });
    await expect(detail.locator(".revision-refs")).toHaveText("Reference for Mia");
    await detail.getByRole("button", { name: "Close" }).click();

    const cast = page.getByRole("region", { name: "Cast, places and look" });
    await expect(cast.getByRole("img", { name: "Reference picture for Mia, from shot 1" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/11-pictures-reference-desk.png`, fullPage: false });
    await cast.getByRole("button", { name: "Clear the reference picture of Mia" }).click();
    await expect(cast.locator(".cast-ref")).toHaveCount(0);

    // A viewer of the project: the pictures, and nothing to upload, drop or paste with.
    const origin = new URL(test.info().project.use.baseURL!).origin;
    const viewerEmail = uniqueEmail("viewer");
    const viewerContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const viewer = await viewerContext.newPage();
    expect(
      (await viewer.request.post("/api/v1/auth/signup", { data: { email: viewerEmail, password: "night owl coffee", name: "Vi" }, headers: { origin } })).ok(),
    ).toBe(true);
    expect((await page.request.post(`/api/v1/projects/${projectId}/members`, { data: { email: viewerEmail, role: "viewer" }, headers: { origin } })).ok()).toBe(
      true,
    );
    await viewer.goto(`/projects/${projectId}/episodes/${episodeId}`);
    await expect(viewer.locator(".conn")).toHaveText("Live");
    await expect(card(viewer, 1).locator(".picture-tag")).toHaveText("Upload");
    const drop = await transferOf(viewer, await drawnPng(viewer, "#000000"), "x.png");
    await card(viewer, 1).dispatchEvent("dragenter", { dataTransfer: drop });
    await card(viewer, 1).dispatchEvent("dragover", { dataTransfer: drop });
    await expect(card(viewer, 1).locator(".picture-drop")).toHaveCount(0);
    const seen = await openShot(viewer, 1);
    await expect(seen.locator(".revision")).toHaveCount(1);
    await expect(seen.getByRole("button", { name: /^Upload picture/ })).toHaveCount(0);
    await expect(seen.getByRole("button", { name: /^Remove picture/ })).toHaveCount(0);
    await expect(seen.getByRole("combobox", { name: /as reference for/ })).toHaveCount(0);
    await viewerContext.close();
    expect(errors).toEqual([]);
  });
});
