// Words and limits a new person meets first: sign-up says every field's
// problem beside it, a project name over the limit is refused out loud (not
// cut), a long name stays on one line in the top bar, roles read with the
// right article, and the Operations link waits until there is something to
// operate.
import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, trapConsoleErrors, uniqueEmail } from "./support";

test("sign-up shows each field's problem beside it, in plain words", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  await page.goto("/signup");
  await page.getByLabel("Email").fill("not-an-address");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("alert")).toHaveText("3 details need fixing: see the fields below.");
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expect(page.getByText("Enter a valid email address, like ana@example.com.")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
  await expect(page.locator("body")).not.toContainText("email:");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  // The browser logs the 400 itself; nothing else may be logged.
  expect(errors.filter((e) => !e.includes("400"))).toEqual([]);
});

test("a long project name is refused with its length, and a long name is cut with an ellipsis in the top bar", async ({ page, browser }) => {
  const errors = trapConsoleErrors(page);
  await page.setViewportSize({ width: 375, height: 740 });
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const data = { email: uniqueEmail("polish"), password: "night owl coffee", name: "Ana" };
  expect((await page.request.post("/api/v1/auth/signup", { data, headers: { origin } })).ok()).toBe(true);
  await page.goto("/projects");
  const barHeight = async () => (await page.locator(".topbar").boundingBox())!.height;
  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  const shortNameBar = await barHeight();
  // Nothing owned yet: no way into the operations console.
  await expect(page.getByRole("heading", { name: "No projects yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Operations" })).toHaveCount(0);

  const long = "A".repeat(60) + " " + "B".repeat(59); // 120 characters
  await page.getByLabel("Project name").fill(long);
  await expect(page.getByText("120 of 100 characters: 20 too many.")).toBeVisible();
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText("A project name can be at most 100 characters; this one has 120. Shorten it to create the project.")).toBeVisible();
  await expect(page).toHaveURL(/\/projects$/);

  const name = long.slice(0, 100);
  await page.getByLabel("Project name").fill(name);
  await expect(page.getByText("100 of 100 characters.")).toBeVisible();
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const crumb = page.locator(".crumbs [aria-current=page]");
  await expect(crumb).toHaveAttribute("title", name);
  await expect(crumb).toHaveCSS("text-overflow", "ellipsis");
  // The bar keeps its lines: as tall as with a short name.
  expect(await barHeight()).toBe(shortNameBar);
  await expectNoHorizontalScroll(page);
  // On a desktop the whole bar is one line, the long crumb cut short in it.
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(await barHeight()).toBeLessThan(60);
  await expect(crumb).toBeInViewport();
  await page.setViewportSize({ width: 375, height: 740 });
  // Owning a project opens the console.
  await expect(page.getByRole("link", { name: "Operations" })).toBeVisible();

  // A teammate signs up elsewhere (their own browser), then Ana adds them as an editor.
  const elsewhere = await browser.newContext();
  const mate = { email: uniqueEmail("mate"), password: "night owl coffee", name: "Ben" };
  expect((await elsewhere.request.post("/api/v1/auth/signup", { data: mate, headers: { origin } })).ok()).toBe(true);
  await elsewhere.close();
  await page.getByLabel("Add a teammate by email").fill(mate.email);
  await page.getByLabel("Role").selectOption("editor");
  await page.getByRole("button", { name: "Add to team" }).click();
  await expect(page.getByText("Ben is now an editor.")).toBeVisible();
  expect(errors).toEqual([]);
});
