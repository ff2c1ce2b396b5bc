// Shared end-to-end helpers: a console-error trap, the axe-core check, and
// screenshots of the main screens for the evidence record.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

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
