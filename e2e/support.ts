// Shared end-to-end helpers: a console-error trap, the axe-core check,
// screenshots of the main screens for the evidence record, and the setup most
// tests start from (a person signed in through the API, a project with an
// episode, the studio open and live).
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";

export function trapConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

/** Fails on any serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(bad, bad.join("\n")).toEqual([]);
}

export async function screen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/** No content wider than the viewport: the page works at phone width. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

export const uniqueEmail = (label: string) => `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@reelroom.test`;

/** The password every test account is made with. */
export const PASSWORD = "night owl coffee";

/** The app's origin: the API's same-origin check wants it on every write. */
export const appOrigin = () => new URL(test.info().project.use.baseURL!).origin;

/** Signs `email` up through the API (or, with `create` false, signs that account in): the page's context then holds the session. */
export async function signIn(page: Page, email: string, { create = true, name = "Mia" } = {}): Promise<void> {
  const res = await page.request.post(create ? "/api/v1/auth/signup" : "/api/v1/auth/login", {
    data: { email, password: PASSWORD, name },
    headers: { origin: appOrigin() },
  });
  expect(res.ok()).toBe(true);
}

/** A page in a browser context of its own, signed in as `email` (signed up first when `create`). */
export async function signedInPage(browser: Browser, email: string, create: boolean): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, { create });
  return page;
}

/** A project with one episode, made through the API as the page's person: their ids, and the studio's path. */
export async function newEpisode(page: Page, names: { project: string; episode: string }) {
  const post = async (path: string, data: object) => {
    const res = await page.request.post(path, { data, headers: { origin: appOrigin() } });
    expect(res.ok(), `POST ${path}`).toBe(true);
    return res.json();
  };
  const projectId: string = (await post("/api/v1/projects", { name: names.project })).project.id;
  const episodeId: string = (await post(`/api/v1/projects/${projectId}/episodes`, { title: names.episode })).episode.id;
  return { projectId, episodeId, path: `/projects/${projectId}/episodes/${episodeId}` };
}

/** Opens the studio at `path` and waits until its room is live. */
export async function openStudio(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator(".conn")).toHaveText("Live");
}

/** Adds `count` frames with the studio's Add frame button, one after another, to a board that has none. */
export async function addFrames(page: Page, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    await page.getByRole("button", { name: "Add frame" }).click();
    await expect(page.locator(".frame-card")).toHaveCount(i);
  }
}

/**
 * Opens the studio's side panel on one of its tabs (Script, Beats, Cast), on
 * a phone through the view tabs; a tab already open stays open.
 */
export async function openSidePanel(page: Page, tab: "Script" | "Beats" | "Cast" | "Share"): Promise<void> {
  const views = page.getByRole("navigation", { name: "Studio views" });
  if (await views.isVisible()) {
    await views.getByRole("button", { name: tab === "Cast" ? "Cast" : "Script", exact: true }).click();
  }
  const button = page.getByRole("group", { name: "Side panel" }).getByRole("button", { name: tab, exact: true });
  if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
}
