// Shared end-to-end helpers: a console-error trap, the axe-core check,
// screenshots of the main screens for the evidence record, and the setup most
// tests start from (a person signed in through the API, a project with an
// episode, the studio open and live).
import AxeBuilder from "@axe-core/playwright";
import { test as base, type Browser, expect, type Page } from "@playwright/test";

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

/**
 * What a person must never read in the studio (CONTRACT 6, 14): an agent
 * tag, an environment variable's name, or an id the server makes. As
 * [what, pattern source] pairs, for the page's watcher.
 */
export const NEVER_SHOWN: readonly [string, string][] = [
  ["an agent tag", String.raw`<\/?(?:frame|resolve|script|plan|beat|asset|move|format|generate|clear|action|prompt|dialogue|sound|notes)\b|<\/[A-Za-z]`],
  ["an environment variable name", String.raw`\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b`],
  ["an internal id", String.raw`\b(?:acpt|att|cmt|conn|edit|ep|job|look|msg|prj|prop|run|rset|rv|rvl|rvw|rwnd|ses|undo|usr|view)_[A-Za-z0-9_-]{8,}`],
];

/**
 * Runs in every page of the test's browser context, from before the app
 * loads: each text node, and each title, label or placeholder, as it
 * appears or changes, is checked against NEVER_SHOWN; a match is reported
 * to the test with the offending text. The run trace is the one place that
 * shows the raw answer on purpose, and is left out.
 */
function watchShownText(patterns: readonly [string, string][]): void {
  const checks = patterns.map(([what, source]) => [what, new RegExp(source)] as const);
  const report = (window as unknown as { __reportShownText: (leak: string) => void }).__reportShownText;
  const seen = new Set<string>();
  const check = (text: string | null, where: Element | null) => {
    if (!text || !where || where.closest("script, style, template, noscript, .trace")) return;
    for (const [what, pattern] of checks) {
      const hit = pattern.exec(text);
      const key = `${what}|${text}`;
      if (hit && !seen.has(key)) {
        seen.add(key);
        report(`${what} ("${hit[0]}") in: ${text.trim().slice(0, 300)}`);
      }
    }
  };
  const ATTRS = ["title", "aria-label", "placeholder", "alt"];
  const scan = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) return check(node.textContent, node.parentElement);
    if (!(node instanceof Element)) return;
    for (const a of ATTRS) check(node.getAttribute(a), node);
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) check(n.textContent, n.parentElement);
      else for (const a of ATTRS) check((n as Element).getAttribute(a), n as Element);
    }
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "characterData") scan(r.target);
      else if (r.type === "attributes") check((r.target as Element).getAttribute(r.attributeName!), r.target as Element);
      else r.addedNodes.forEach(scan);
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRS });
}

/**
 * The studio specs' `test`: every page of the test's own browser context is
 * watched for text a person must never see, and the test fails with that
 * text when any appears, however briefly.
 */
export const test = base.extend<{ shownTextGuard: undefined }>({
  shownTextGuard: [
    async ({ context }, use) => {
      const leaks: string[] = [];
      await context.exposeFunction("__reportShownText", (leak: string) => void leaks.push(leak));
      await context.addInitScript(watchShownText, NEVER_SHOWN);
      await use(undefined);
      expect(leaks, `The studio showed text a person must never see:\n${leaks.join("\n")}`).toEqual([]);
    },
    { auto: true },
  ],
});
