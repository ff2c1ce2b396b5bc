// The operations console: an owner sees health, and the KPIs and the chart
// change, live, while a job runs; jobs, people and audit entries by name;
// saved views; replay from the audit trail; the link only for who may use it.
import { expect, type Page, test } from "@playwright/test";
import { appOrigin, expectAccessible, newEpisode, screen, signIn, trapConsoleErrors, uniqueEmail } from "./support";

/** Adds a titled frame through the realtime socket, from inside the page (it carries the session cookie). */
async function addFrame(page: Page, projectId: string, episodeId: string, frame: { id: string; title: string }) {
  await page.evaluate(
    ({ projectId, episodeId, frame }) =>
      new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(`${location.origin.replace(/^http/, "ws")}/api/v1/realtime?project=${projectId}&episode=${episodeId}`);
        const id = `e2e-${Math.random().toString(36).slice(2, 8)}`;
        ws.onopen = () => ws.send(JSON.stringify({ type: "board_command", id, payload: { command: { type: "add_frame", frame } } }));
        ws.onmessage = (e) => {
          const msg = JSON.parse(String(e.data)) as { type: string; payload: { id?: string; ok?: boolean } };
          if (msg.type === "ack" && msg.payload.id === id) {
            ws.close();
            if (msg.payload.ok) resolve();
            else reject(new Error(String(e.data)));
          }
        };
        ws.onerror = () => reject(new Error("socket error"));
      }),
    { projectId, episodeId, frame },
  );
}

/** Adds a titled frame (see addFrame) and asks for its render through the API. */
async function renderNewShot(page: Page, projectId: string, episodeId: string, frame: { id: string; title: string }) {
  await addFrame(page, projectId, episodeId, frame);
  const made = await page.request.post(`/api/v1/projects/${projectId}/episodes/${episodeId}/frames/${frame.id}/generate`, {
    data: {},
    headers: { origin: appOrigin() },
  });
  expect(made.status()).toBe(202);
}

test("an owner's ops page shows health, and its KPIs and chart change while a job runs", async ({ page }) => {
  const errors = trapConsoleErrors(page);
  await signIn(page, uniqueEmail("ops"), { name: "Olu" });
  const { projectId, episodeId } = await newEpisode(page, { project: "Ops project", episode: "Ops" });

  await page.goto("/ops");
  await expect(page.getByRole("heading", { name: "Operations", level: 1 })).toBeVisible();
  await expect(page.getByText("Everything is working.")).toBeVisible();
  await expect(page.locator(".live-badge")).toHaveText("Live");
  await expect(page.locator('[data-kpi="Succeeded"]')).toHaveText("0");
  await expect(page.locator(".chart svg")).toHaveAttribute("data-total", "0");
  await expectAccessible(page);

  // A frame and a render, made while the page watches (through the socket
  // and the API, so this spec does not depend on the studio's layout).
  await renderNewShot(page, projectId, episodeId, { id: "f1", title: "Opening" });

  // The stream (every 2 s) brings the finished job to the tiles and the chart.
  await expect(page.locator('[data-kpi="Succeeded"]')).toHaveText("1", { timeout: 20_000 });
  await expect(page.locator(".chart svg")).toHaveAttribute("data-total", "1");
  await expect(page.locator('[data-kpi="Success rate"]')).toHaveText("100.0%");
  await expect(page.locator(".ops-jobs tbody .job-status").first()).toHaveText("success", { timeout: 10_000 });
  await screen(page, "09-ops");
  expect(errors).toEqual([]);
});

test("the console speaks in names, saves and applies a view, and replays a job from its audit entry", async ({ page, browser }) => {
  const errors = trapConsoleErrors(page);
  await signIn(page, uniqueEmail("olu"), { name: "Olu Adeyemi" });
  const { projectId, episodeId } = await newEpisode(page, { project: "Night shift", episode: "Pilot" });
  await page.goto("/projects");
  await renderNewShot(page, projectId, episodeId, { id: "f1", title: "The ritual" });

  await page.goto("/ops");
  const shot = "Night shift · Pilot · Shot 1 — The ritual";
  const jobs = page.locator(".ops-jobs tbody");
  const audit = page.locator(".ops-audit tbody");
  await expect(jobs.getByRole("button", { name: shot })).toBeVisible();
  await expect(jobs.getByRole("cell", { name: "Olu Adeyemi" })).toBeVisible();
  await expect(jobs.locator(".job-status").first()).toHaveText("success", { timeout: 20_000 });
  await expect(audit.getByRole("button", { name: "Olu Adeyemi" }).first()).toBeVisible();
  await expect(audit.getByRole("cell", { name: shot }).first()).toBeVisible();
  // No internal ids anywhere in either list.
  for (const list of [jobs, audit]) await expect(list).not.toContainText(/\b(usr|job|prj|ep)_[A-Za-z0-9_-]{10,}/);
  await expect(page.locator('[data-kpi="Agent runs now"]')).toHaveText("0");
  await expect(page.locator(".kpi-note")).toHaveText("0 in the last hour · 0 in all");
  await expectAccessible(page);

  // Save "success only" as a view, filter to something else, then apply the view.
  const jobsPanel = page.locator(".ops-jobs");
  await jobsPanel.getByLabel("Status").selectOption("success");
  await jobsPanel.getByLabel("Save these filters as").fill("Finished renders");
  await jobsPanel.getByRole("button", { name: "Save view" }).click();
  await expect(jobsPanel.getByText("Saved “Finished renders”.")).toBeVisible();
  await jobsPanel.getByLabel("Status").selectOption("failure");
  await expect(jobs).toContainText("No jobs match these filters.");
  await jobsPanel.getByLabel("Saved view").selectOption({ label: "Choose a view…" });
  await jobsPanel.getByLabel("Saved view").selectOption({ label: "Finished renders" });
  await expect(jobsPanel.getByLabel("Status")).toHaveValue("success");
  await expect(jobs.getByRole("button", { name: shot })).toBeVisible();

  // Replay from the audit trail: a second render of the same shot appears.
  await page
    .locator(".ops-audit")
    .getByRole("button", { name: `Replay ${shot}` })
    .first()
    .click();
  await expect(page.locator(".ops-audit").getByText(`Replay queued: ${shot} renders again.`)).toBeVisible();
  await expect(audit.getByRole("cell", { name: "job.replay" })).toBeVisible();
  await expect(jobs.getByRole("button", { name: shot })).toHaveCount(2, { timeout: 20_000 });
  await screen(page, "09-ops-names");

  // Someone who owns nothing is not shown the way in.
  const other = await browser.newContext();
  const newcomer = await other.newPage();
  await signIn(newcomer, uniqueEmail("new"), { name: "Newcomer" });
  await newcomer.goto("/projects");
  await expect(newcomer.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  await expect(newcomer.getByRole("link", { name: "Operations" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Operations" })).toBeVisible();
  await other.close();
  expect(errors).toEqual([]);
});
