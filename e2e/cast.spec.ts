// The studio's cast and beat plan (studio issue, item 9): empty or invalid
// input gets a message beside its field, assets and beats are edited in
// place, another tab sees the change, and every button has its own name.
// Panels are found by their headings, not by where the layout puts them.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { expectAccessible, newEpisode, openSidePanel, screen, signedInPage, trapConsoleErrors, uniqueEmail } from "./support";

/** A fresh episode of the page's person: the studio's path. */
const newStudio = async (page: Page) => (await newEpisode(page, { project: "Cast project", episode: "Cast episode" })).path;

/** A panel by its heading; where the studio puts panels in tabs, its tab is opened first. */
async function panel(page: Page, heading: string, tab: "Cast" | "Beats"): Promise<Locator> {
  await openSidePanel(page, tab);
  const region = page.getByRole("region", { name: heading });
  await expect(region).toBeVisible();
  return region;
}

/** The names of a region's buttons, from the accessibility tree a screen reader hears. */
async function buttonNames(region: Locator): Promise<string[]> {
  const tree = await region.ariaSnapshot();
  return [...tree.matchAll(/- button "([^"]+)"/g)].map((m) => m[1]!);
}

test("cast and beats: empty input is explained, Mia is added and edited in place, and the other tab sees it", async ({ browser }) => {
  const email = uniqueEmail("cast");
  const a = await signedInPage(browser, email, true);
  const b = await signedInPage(browser, email, false);
  const errors = trapConsoleErrors(a);
  const url = await newStudio(a);
  await a.goto(url);
  await b.goto(url);
  await expect(a.locator(".conn")).toHaveText("Live");
  await expect(b.locator(".conn")).toHaveText("Live");

  const cast = await panel(a, "Cast, places and look", "Cast");
  const add = cast.getByRole("form", { name: "Add to the cast" });
  const name = add.getByLabel("Name");

  // An empty name says what to do, beside the field, and the cursor goes there.
  await add.getByRole("button", { name: "Add character" }).click();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription("Give the character a name.");
  await expect(name).toBeFocused();
  await expect(cast.getByRole("listitem")).toHaveCount(0);

  await name.fill("Mia");
  await expect(name).not.toHaveAttribute("aria-invalid", "true");
  await add.getByLabel("How it looks").fill("young barista, green apron");
  await add.getByRole("button", { name: "Add character" }).click();
  await expect(cast.getByRole("listitem")).toHaveText([/Mia/]);
  await expect(name).toHaveValue("");

  // A second Mia would be told apart by nobody.
  await name.fill("mia");
  await add.getByRole("button", { name: "Add character" }).click();
  await expect(name).toHaveAccessibleDescription("Another character is already called Mia.");
  await name.fill("Leo");
  await add.getByRole("button", { name: "Add character" }).click();
  await expect(cast.getByRole("listitem")).toHaveCount(2);

  // Edit in place: the name field takes focus, Save puts focus back on Edit.
  await cast.getByRole("button", { name: "Edit Mia" }).click();
  const edit = cast.getByRole("form", { name: "Edit Mia" });
  await expect(edit.getByLabel("Name")).toBeFocused();
  await edit.getByLabel("Description").fill("the barista, now the owner");
  await edit.getByRole("button", { name: "Save Mia" }).click();
  await expect(edit).toHaveCount(0);
  await expect(cast.getByRole("button", { name: "Edit Mia" })).toBeFocused();
  const castB = await panel(b, "Cast, places and look", "Cast");
  await expect(castB.getByText("the barista, now the owner")).toBeVisible();

  // Escape drops an edit; an emptied name is refused in the edit form too.
  await cast.getByRole("button", { name: "Edit Mia" }).click();
  await edit.getByLabel("Description").fill("not kept");
  await edit.getByLabel("Name").fill("");
  await edit.getByRole("button", { name: "Save Mia" }).click();
  await expect(edit.getByLabel("Name")).toHaveAccessibleDescription("Give the character a name.");
  await a.keyboard.press("Escape");
  await expect(edit).toHaveCount(0);
  await expect(cast.getByText("the barista, now the owner")).toBeVisible();
  await expect(cast.getByText("not kept")).toHaveCount(0);

  // Beats: an empty title is explained; then two beats, one renamed, one moved.
  const plan = await panel(a, "Beat plan", "Beats");
  const addBeat = plan.getByRole("form", { name: "Add a beat" });
  const beatTitle = addBeat.getByLabel("New beat title");
  await addBeat.getByRole("button", { name: "Add beat" }).click();
  await expect(beatTitle).toHaveAccessibleDescription("Give the beat a title.");
  await expect(beatTitle).toBeFocused();
  await beatTitle.fill("Hook");
  await addBeat.getByRole("button", { name: "Add beat" }).click();
  await expect(plan.getByRole("listitem")).toHaveCount(1);
  await beatTitle.fill("Turn");
  await addBeat.getByRole("button", { name: "Add beat" }).click();
  await expect(plan.getByRole("listitem")).toHaveCount(2);

  await plan.getByRole("button", { name: "Edit beat Hook" }).click();
  const beatEdit = plan.getByRole("form", { name: "Edit beat Hook" });
  await beatEdit.getByLabel("Title").fill("Cold open");
  await beatEdit.getByLabel("Summary").fill("a neon sign flickers");
  await beatEdit.getByRole("button", { name: "Save beat Hook" }).click();
  const planB = await panel(b, "Beat plan", "Beats");
  await expect(planB.getByRole("listitem")).toHaveText([/Cold open.*a neon sign flickers/, /Turn/]);

  await plan.getByRole("button", { name: "Move beat Turn up" }).click();
  await expect(planB.getByRole("listitem")).toHaveText([/Turn/, /Cold open/]);
  // At the top the up arrow is off, so focus stays on the beat's other arrow.
  await expect(plan.getByRole("button", { name: "Move beat Turn down" })).toBeFocused();

  // Every button in both panels has a name of its own.
  for (const [heading, tab] of [
    ["Cast, places and look", "Cast"],
    ["Beat plan", "Beats"],
  ] as const) {
    const names = await buttonNames(await panel(a, heading, tab));
    expect(names.length).toBeGreaterThan(3);
    expect(names).toEqual([...new Set(names)]);
  }
  await expectAccessible(a);
  await screen(a, "09-cast-and-beats");

  // A shot on Cold open with Mia in it: the beat counts it, and removing Mia says where she was used.
  await a.getByRole("button", { name: "Add frame" }).click();
  await a.getByRole("button", { name: "Edit shot 1" }).click();
  const frameEditor = a.getByRole("dialog", { name: /^Shot \d+/ });
  await frameEditor.getByLabel("Beat").selectOption({ label: "Cold open" });
  await frameEditor.getByRole("checkbox", { name: "Mia" }).check();
  await frameEditor.getByRole("button", { name: "Save frame" }).click();
  const planAgain = await panel(a, "Beat plan", "Beats");
  await expect(planAgain.getByRole("listitem").filter({ hasText: "Cold open" })).toContainText("1 shot");
  const castAgain = await panel(a, "Cast, places and look", "Cast");
  await expect(castAgain.getByRole("listitem").filter({ hasText: "Mia" })).toContainText("1 shot");
  await castAgain.getByRole("button", { name: "Remove Mia" }).click();
  await expect(a.getByText("Removed Mia from 1 shot. Undo brings it back.")).toBeVisible();
  await expect(castAgain.getByRole("listitem")).toHaveText([/Leo/]);
  await expect(castAgain.getByRole("button", { name: "Edit Leo" })).toBeFocused();
  expect(errors).toEqual([]);
});
