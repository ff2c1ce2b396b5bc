// The cast form's rules (studio issue, item 9): what a person typed becomes
// an upsert_asset the room accepts, or field errors in plain words; removal
// says what went and from where. Negative cases first.
import { describe, expect, it } from "vitest";
import { type Asset, emptyBoard, type Frame, LIMITS } from "../../worker/domain/board";
import { Command, validateCommand } from "../../worker/domain/commands";
import { ASSET_FIELDS, type AssetDraft, assetIdFor, assetLabels, checkAssetDraft, draftOf, removalNotice, shotsUsing } from "../../web/src/studio/cast-form";
import { firstInvalid } from "../../web/src/studio/form-words";
import { frameWith } from "../support/boards";

const mia: Asset = { id: "mia", kind: "character", name: "Mia", description: "the barista", prompt: "young woman, green apron" };
const cafe: Asset = { id: "cafe", kind: "location", name: "The Corner Café", description: "", prompt: "small café" };
const draft = (over: Partial<AssetDraft> = {}): AssetDraft => ({ kind: "character", name: "Leo", description: "", prompt: "", ...over });
const cast = (...assets: Asset[]) => ({ assets });

const frame = (id: string, assetIds: string[]): Frame => frameWith({ id, continuity: { assetIds, notes: "" } });

describe("checkAssetDraft refuses", () => {
  it("an empty name, naming the kind", () => {
    expect(checkAssetDraft(draft({ name: "" }), cast())).toEqual({ ok: false, errors: { name: "Give the character a name." } });
    expect(checkAssetDraft(draft({ kind: "location", name: "   " }), cast())).toEqual({ ok: false, errors: { name: "Give the place a name." } });
    expect(checkAssetDraft(draft({ kind: "style", name: "" }), cast())).toEqual({ ok: false, errors: { name: "Give the look a name." } });
  });

  it("a name over the limit, saying how long it is and what the limit is", () => {
    const r = checkAssetDraft(draft({ name: "x".repeat(2_010) }), cast());
    expect(r).toEqual({ ok: false, errors: { name: "The name is 2,010 characters; the limit is 2,000." } });
  });

  it("a description or a look over their limits, each beside its own field", () => {
    const r = checkAssetDraft(draft({ description: "d".repeat(LIMITS.textChars + 1), prompt: "p".repeat(LIMITS.promptChars + 5) }), cast());
    expect(r).toEqual({
      ok: false,
      errors: {
        description: "The description is 2,001 characters; the limit is 2,000.",
        prompt: "“How it looks” is 4,005 characters; the limit is 4,000.",
      },
    });
  });

  it("a second character with a name already taken, whatever its case and spacing", () => {
    const r = checkAssetDraft(draft({ name: "  mia " }), cast(mia));
    expect(r).toEqual({ ok: false, errors: { name: "Another character is already called Mia." } });
  });

  it("renaming one asset to another's name", () => {
    const leo: Asset = { ...mia, id: "leo", name: "Leo" };
    const r = checkAssetDraft(draft({ name: "Mia" }), cast(mia, leo), leo);
    expect(r).toEqual({ ok: false, errors: { name: "Another character is already called Mia." } });
  });

  it("a new asset when the episode holds the most it can", () => {
    const full = Array.from({ length: LIMITS.assets }, (_, i): Asset => ({ ...mia, id: `a${i}`, name: `A${i}` }));
    const r = checkAssetDraft(draft(), cast(...full));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.form).toBe("The episode already has 200 assets, the most it can hold. Remove one to add another.");
  });

  it("and points focus at the first invalid field in form order", () => {
    const r = checkAssetDraft(draft({ name: "", prompt: "p".repeat(4_001) }), cast());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(firstInvalid(ASSET_FIELDS, r.errors)).toBe("name");
  });
});

describe("checkAssetDraft accepts", () => {
  it("a new character as a trimmed upsert_asset the room takes, with an id from the name", () => {
    const r = checkAssetDraft(draft({ name: " Leo ", description: " a regular ", prompt: "older man, grey coat" }), cast(mia));
    expect(r).toEqual({
      ok: true,
      command: { type: "upsert_asset", asset: { id: "leo", kind: "character", name: "Leo", description: "a regular", prompt: "older man, grey coat" } },
    });
    if (!r.ok) return;
    expect(Command.safeParse(r.command).success).toBe(true);
    expect(validateCommand({ ...emptyBoard("ep1"), assets: [mia] }, r.command, { type: "user", id: "u1" }).ok).toBe(true);
  });

  it("the same name in another kind: a place may share a character's name", () => {
    expect(checkAssetDraft(draft({ kind: "location", name: "Mia" }), cast(mia)).ok).toBe(true);
  });

  it("an edit that keeps the asset's id and its own name", () => {
    const r = checkAssetDraft({ ...draftOf(mia), description: "the barista, now the owner" }, cast(mia), mia);
    expect(r).toEqual({ ok: true, command: { type: "upsert_asset", asset: { ...mia, description: "the barista, now the owner" } } });
  });

  it("an edit that keeps the reference picture the board has for the asset now", () => {
    const referenced: Asset = { ...mia, reference: { frameId: "f1", revisionId: "rv2" } };
    const r = checkAssetDraft({ ...draftOf(mia), prompt: "green apron, short hair" }, cast(referenced), mia);
    expect(r).toEqual({ ok: true, command: { type: "upsert_asset", asset: { ...referenced, prompt: "green apron, short hair" } } });
  });

  it("an edit of an asset whose name was already shared, as long as the name stays", () => {
    const twin: Asset = { ...mia, id: "mia-2" };
    expect(checkAssetDraft(draft({ name: "Mia", prompt: "red scarf" }), cast(mia, twin), twin).ok).toBe(true);
  });

  it("a name exactly at the limit", () => {
    expect(checkAssetDraft(draft({ name: "x".repeat(LIMITS.textChars) }), cast()).ok).toBe(true);
  });
});

describe("assetIdFor", () => {
  it("never returns an id already taken", () => {
    expect(assetIdFor("Mia", new Set(["mia", "mia-2"]))).toBe("mia-3");
  });

  it("reads the name, accents dropped, and falls back for a name with no Latin letters", () => {
    expect(assetIdFor("The Corner Café!", new Set())).toBe("the-corner-cafe");
    expect(assetIdFor("Мия", new Set())).toBe("asset");
  });

  it("stays a valid id for a very long name", () => {
    expect(assetIdFor("a".repeat(2_000), new Set(["a".repeat(30)]))).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
  });
});

describe("removal", () => {
  it("says how many shots lost the asset", () => {
    const frames = [frame("f1", ["mia"]), frame("f2", ["mia", "cafe"]), frame("f3", ["cafe"]), frame("f4", [])];
    expect(shotsUsing(frames, "mia")).toBe(2);
    expect(removalNotice(mia, 2)).toBe("Removed Mia from 2 shots. Undo brings it back.");
    expect(removalNotice(cafe, 1)).toBe("Removed The Corner Café from 1 shot. Undo brings it back.");
  });

  it("says so when no shot used it", () => {
    expect(removalNotice(mia, 0)).toBe("Removed Mia. No shot used it. Undo brings it back.");
  });
});

describe("assetLabels", () => {
  it("gives every asset a different name, even twins", () => {
    const place: Asset = { ...cafe, id: "mia-place", name: "Mia" };
    const twin: Asset = { ...mia, id: "mia-2" };
    const unnamed: Asset = { ...mia, id: "x", name: " " };
    const labels = assetLabels([mia, place, twin, unnamed, cafe]);
    expect([...labels.values()]).toEqual(["Mia (character 1)", "Mia (place)", "Mia (character 2)", "unnamed character", "The Corner Café"]);
    expect(new Set(labels.values()).size).toBe(5);
  });

  it("leaves a name alone when nobody shares it", () => {
    expect(assetLabels([mia, cafe]).get("mia")).toBe("Mia");
  });
});
