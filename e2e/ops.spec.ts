// The operations console: an owner sees health, and the KPIs and the chart
// change, live, while a job runs.
import { expect, test } from "@playwright/test";
import { expectAccessible, screen, trapConsoleErrors, uniqueEmail } from "./support";

test("an owner's ops page shows health, and its KPIs and chart change while a job runs", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const headers = { origin };
  expect(
    (await page.request.post("/api/v1/auth/signup", { data: { email: uniqueEmail("ops"), password: "night owl coffee", name: "Olu" }, headers })).ok(),
  ).toBe(true);
  const projectId = (await (await page.request.post("/api/v1/projects", { data: { name: "Ops project" }, headers })).json()).project.id;
  const episodeId = (await (await page.request.post(`/api/v1/projects/${projectId}/episodes`, { data: { title: "Ops" }, headers })).json()).episode.id;

  await page.goto("/ops");
  await expect(page.getByRole("heading", { name: "Operations", level: 1 })).toBeVisible();
  await expect(page.getByText("Everything is working.")).toBeVisible();
  await expect(page.locator(".live-badge")).toHaveText("Live");
  await expect(page.locator('[data-kpi="Succeeded"]')).toHaveText("0");
  await expect(page.locator(".chart svg")).toHaveAttribute("data-total", "0");
  await expectAccessible(page);

  // A frame and a render, made through the studio's API.
  const studio = await page.context().newPage();
  await studio.goto(`/projects/${projectId}/episodes/${episodeId}`);
  await expect(studio.locator(".conn")).toHaveText("Live");
  await studio.getByRole("button", { name: "Add frame" }).click();
  await studio.getByRole("button", { name: "Generate image for shot 1" }).click();

  // The stream (every 2 s) brings the finished job to the tiles and the chart.
  await expect(page.locator('[data-kpi="Succeeded"]')).toHaveText("1", { timeout: 20_000 });
  await expect(page.locator(".chart svg")).toHaveAttribute("data-total", "1");
  await expect(page.locator('[data-kpi="Success rate"]')).toHaveText("100.0%");
  await expect(page.locator(".ops-jobs tbody .job-status").first()).toHaveText("success", { timeout: 10_000 });
  await screen(page, "09-ops");
  await studio.close();
  expect(errors).toEqual([]);
});
