// The first-run flow: a new visitor signs up, creates a project, then an
// episode, and lands in the studio, with no console error and no serious
// accessibility violation on any screen, at desktop and at 375 px wide.
import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, screen, trapConsoleErrors, uniqueEmail } from "./support";

for (const viewport of [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 375, height: 740 },
]) {
  test(`a new visitor goes from sign-up to the episode studio (${viewport.name})`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const errors = trapConsoleErrors(page);
    const email = uniqueEmail("first-run");

    await page.goto("/");
    await expect(page).toHaveURL(/\/signup/);
    await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
    await expect(page.getByLabel("Your name")).toBeFocused();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    if (viewport.name === "desktop") await screen(page, "01-signup");

    await page.getByLabel("Your name").fill("Mia Director");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("night owl coffee");
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByRole("heading", { name: "No projects yet" })).toBeVisible();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    if (viewport.name === "desktop") await screen(page, "02-projects-empty");

    await page.getByLabel("Project name").fill("Night Owl Coffee");
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Night Owl Coffee" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "No episodes yet" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Team" }).getByText("Mia Director")).toBeVisible();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    if (viewport.name === "desktop") await screen(page, "03-project");

    await page.getByLabel("New episode title").fill("The late shift");
    // Keyboard works: Enter in the field submits the form.
    await page.getByLabel("New episode title").press("Enter");
    await expect(page).toHaveURL(/\/episodes\/ep_/);
    await expect(page.getByRole("heading", { level: 1, name: "The late shift" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "This storyboard is empty" })).toBeVisible();
    // On a phone the chat is one tap away, behind the Chat view tab.
    if (viewport.name === "phone") await page.getByRole("navigation", { name: "Studio views" }).getByRole("button", { name: "Chat", exact: true }).click();
    await expect(page.getByText("Start with an idea.")).toBeVisible();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    if (viewport.name === "desktop") await screen(page, "04-studio-empty");

    // Sign out and back in: the project is still there.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("night owl coffee");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("link", { name: /Night Owl Coffee/ })).toBeVisible();

    expect(errors, errors.join("\n")).toEqual([]);
  });
}

test("a wrong password is refused with a clear message and nothing typed is lost", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  await page.goto("/signin");
  await page.getByLabel("Email").fill(uniqueEmail("nobody"));
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText(/Wrong email or password/);
  await expect(page.getByLabel("Password")).toHaveValue("not the password");
  await expectAccessible(page);
  // The refused login itself is the only expected network error.
  expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
});
