// Providers per project (CONTRACT 14) in the browser: an owner connects an
// OpenAI-compatible server from the studio's Settings, tests it, saves it,
// and the next chat message is answered by that server; the key is shown
// only as its last four characters; an editor has no Settings at all.
import { expect } from "@playwright/test";
// @ts-expect-error: a plain .mjs test helper without types
import { startFakeOpenAi } from "../test/support/fake-openai.mjs";
import { appOrigin, expectAccessible, newEpisode, openStudio, screen, signedInPage, signIn, test, trapConsoleErrors, uniqueEmail } from "./support";

const KEY = "sk-e2e-project-key-0123456789z9z9";

type Fake = { url: string; log: { auth: string; url: string; model?: string }[]; close: () => Promise<void> };
let fake: Fake;

test.beforeAll(async () => {
  // A free port on loopback: a local server (npm start, these tests) may call http on loopback.
  fake = (await startFakeOpenAi()) as Fake;
});
test.afterAll(async () => {
  await fake.close();
});

test("an owner connects a model in Settings, tests it, and the next message is answered by it", async ({ page, browser }) => {
  const errors = trapConsoleErrors(page);
  const ownerEmail = uniqueEmail("settings");
  await signIn(page, ownerEmail);
  const { projectId, path } = await newEpisode(page, { project: "Own model", episode: "Pilot" });
  await openStudio(page, path);
  const offlineLabel = page.locator(".chat-head").getByText("Offline demo agent", { exact: true });
  await expect(offlineLabel).toBeVisible();

  await page.getByRole("button", { name: "Settings…" }).click();
  const dialog = page.getByRole("dialog", { name: "Project settings: models" });
  const agent = dialog.getByRole("form", { name: "Production agent" });
  await expect(agent.getByRole("radio", { name: /^The server's default/ })).toBeChecked();

  // The keyboard alone: the choice is a radio group, the fields follow it.
  await agent.getByRole("radio", { name: "An OpenAI-compatible server" }).check();
  await agent.getByRole("button", { name: "Save" }).click();
  await expect(agent.getByText("Give the server's base URL, like https://api.openai.com/v1.")).toBeVisible();

  await agent.getByLabel("Base URL", { exact: true }).fill(`${fake.url}/v1`);
  await agent.getByLabel("Model", { exact: true }).fill("e2e-model");
  await agent.getByLabel("API key", { exact: true }).fill(KEY);
  await agent.getByRole("button", { name: "Test connection" }).click();
  await expect(agent.getByRole("status").filter({ hasText: "Connected" })).toHaveText(/^Connected: e2e-model answered in \d+\.\d s\.$/);
  expect(fake.log.at(-1)).toMatchObject({ auth: `Bearer ${KEY}`, url: "/v1/chat/completions", model: "e2e-model" });

  await agent.getByLabel("API key", { exact: true }).press("Enter");
  await expect(agent.getByRole("status").filter({ hasText: "Saved" })).toHaveText("Saved. The next run uses it.");
  await expect(agent.getByText("set · ends in …z9z9. Leave empty to keep it.")).toBeVisible();
  await expect(agent.getByLabel("API key", { exact: true })).toHaveValue("");
  await expectAccessible(page);
  await screen(page, "settings-providers");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  // The chat no longer says the offline demo agent answers.
  await expect(offlineLabel).toBeHidden();

  // The key never comes back from the API.
  const settings = await page.request.get(`/api/v1/projects/${projectId}/settings/providers`);
  expect(await settings.text()).not.toContain(KEY);

  const before = fake.log.length;
  const input = page.getByLabel("Message the production agent");
  await input.fill("storyboard the opening");
  await input.press("Enter");
  // The fake server's known answer: its prose and its two frames.
  await expect(page.locator(".msg-assistant")).toContainText("Here you go.");
  await expect(page.locator(".frame-card")).toHaveCount(2);
  await expect(page.locator(".frame-card").first()).toContainText("From the fake");
  await expect(page.locator(".agent-state")).toHaveText("Ready");
  expect(fake.log.slice(before).map((e) => e.auth)).toEqual([`Bearer ${KEY}`]);
  await expect(page.locator("body")).not.toContainText(KEY);

  // An editor of the same project sees no Settings.
  const editorEmail = uniqueEmail("editor");
  const editor = await signedInPage(browser, editorEmail, true);
  const added = await page.request.post(`/api/v1/projects/${projectId}/members`, {
    data: { email: editorEmail, role: "editor" },
    headers: { origin: appOrigin() },
  });
  expect(added.ok()).toBe(true);
  await openStudio(editor, path);
  await expect(editor.locator(".role-badge")).toHaveText("editor");
  await expect(editor.getByRole("button", { name: "Settings…" })).toHaveCount(0);
  expect((await editor.request.get(`/api/v1/projects/${projectId}/settings/providers`)).status()).toBe(403);
  await editor.context().close();
  expect(errors).toEqual([]);
});
