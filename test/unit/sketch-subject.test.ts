// "The sketch shows the subject" (CONTRACT 12): the place by its kind, the
// props the action or prompt names, every person named (cast or not), hands
// from the front in a close-up of hands, and a blank frame as an empty panel.
// Each sentence is a frame's action; the assertions read the scene description.
import { describe, expect, it } from "vitest";
import type { Asset, Frame } from "../../worker/domain/board";
import { BACKDROPS, describeScene, PLACE_KINDS, PROPS, type Prim, type Scene } from "../../worker/sketch";
import { frameWith } from "../support/boards";

function sketchOf(over: Partial<Frame>, assets: Asset[] = []): Scene {
  const frame = frameWith({ id: "f1", continuity: { assetIds: assets.map((a) => a.id), notes: "" }, ...over });
  return describeScene({ frame, assets, aspect: "16:9" });
}
const all = (prims: Prim[]): Prim[] => prims.flatMap((p) => (p.kind === "group" ? [p, ...all(p.children)] : [p]));

describe("the place, by its kind", () => {
  const places: [string, string, boolean][] = [
    ["bakery", "Mia sets out the morning loaves in the bakery.", true],
    ["cafe", "Leo waits in the café by the window.", true],
    ["shop", "Leo browses the shelves of the corner shop.", true],
    ["kitchen", "Mia cooks dinner in the kitchen.", true],
    ["restaurant", "They are shown to a table in the restaurant.", true],
    ["bar", "Leo orders a drink at the bar.", true],
    ["office", "Leo works late in the office.", true],
    ["classroom", "Mia teaches the classroom of kids.", true],
    ["hospital", "Leo lies awake in the hospital ward.", true],
    ["bedroom", "Mia wakes up in her bedroom.", true],
    ["living room", "They watch television in the living room.", true],
    ["warehouse", "Leo searches the empty warehouse.", true],
    ["stage", "Mia sings alone on the stage.", true],
    ["car", "Mia and Leo argue in the car.", true],
    ["train", "Leo sits on the train, looking out.", true],
    ["street", "Leo walks down the busy street.", false],
    ["park", "Mia jogs through the park.", false],
    ["beach", "Mia and Leo walk along the beach.", false],
    ["waterfront", "Leo waits on the harbour quay.", false],
    ["forest", "Mia gets lost in the forest.", false],
    ["rooftop", "Leo stands on the rooftop above the city.", false],
    ["desert", "A lone car on the desert road under the mountains.", false],
    ["room", "INT. Mia paces up and down.", true],
    ["outdoors", "EXT. Leo waits.", false],
  ];
  it.each(places)("%s: “%s”", (kind, action, interior) => {
    expect(sketchOf({ action, camera: "WS" }).place).toMatchObject({ kind, interior });
  });

  it("names every place kind a backdrop draws", () => {
    const drawn = new Set(BACKDROPS.map((b) => b.kind));
    expect(places.map(([k]) => k).sort()).toEqual([...drawn].sort());
    expect(PLACE_KINDS.filter((k) => !drawn.has(k))).toEqual(["none"]);
  });

  it("reads the location asset before the frame's words, its head noun first", () => {
    const park: Asset = { id: "p", kind: "location", name: "EXT. CITY PARK - DAY", description: "", prompt: "" };
    expect(sketchOf({ action: "Mia walks down the street.", camera: "WS" }, [park]).place.kind).toBe("park");
    const bakery: Asset = { id: "b", kind: "location", name: "Bakery on the corner", description: "", prompt: "" };
    expect(sketchOf({ action: "Mia waits.", camera: "WS" }, [bakery]).place.kind).toBe("bakery");
    // A compound head is read whole: a coffee shop is a café, not a shop of shelves.
    const coffeeShop: Asset = { id: "c", kind: "location", name: "Night-time coffee shop", description: "", prompt: "" };
    expect(sketchOf({ action: "Mia steams milk behind the counter.", camera: "MS" }, [coffeeShop]).place.kind).toBe("cafe");
  });

  it("shows a bakery that glows on its corner from the street, at dusk, not an empty desert road", () => {
    const s = sketchOf({ action: "The bakery glows on its corner.", camera: "WS" });
    expect(s.place).toEqual({ kind: "bakery", interior: false, time: "dusk" });
    expect(s.alt).toBe("Wide shot, eye level: outside a bakery at dusk.");
  });

  it("draws a desert road or mountains only when the words say so", () => {
    expect(sketchOf({ action: "Mia waits.", camera: "WS" }).place.kind).toBe("none");
    expect(sketchOf({ action: "Leo walks along.", camera: "EWS" }).place.kind).not.toBe("desert");
    expect(sketchOf({ action: "Mountains on the horizon.", camera: "EWS" }).place.kind).toBe("desert");
  });

  it("sees a shop kind from outside only when the words put its outside in the shot", () => {
    expect(sketchOf({ action: "INT. The café is busy.", camera: "WS" }).place.interior).toBe(true);
    expect(sketchOf({ action: "EXT. The café at night.", camera: "WS" }).place).toMatchObject({ kind: "cafe", interior: false, time: "night" });
    expect(sketchOf({ action: "Mia waits outside the bar under its sign.", camera: "WS" }).place).toMatchObject({ kind: "bar", interior: false });
  });

  it("draws different places differently", () => {
    const arts = places.map(([, action]) => JSON.stringify(sketchOf({ action, camera: "WS" }).art));
    expect(new Set(arts).size).toBe(arts.length);
  });
});

describe("the props the words name", () => {
  const props: [string, string][] = [
    ["bread", "Mia pulls a loaf of bread from the oven tray."],
    ["cake", "A birthday cake with one candle."],
    ["cup", "She sets down a cup of coffee."],
    ["phone", "Leo's phone buzzes."],
    ["laptop", "The laptop screen lights her face."],
    ["book", "He closes the book."],
    ["bag", "She grabs her bag."],
    ["umbrella", "He opens an umbrella."],
    ["bicycle", "Mia rides her bicycle."],
    ["car", "The car pulls away."],
    ["door", "Someone knocks at the door."],
    ["window", "Rain streaks the window."],
    ["bottle", "A bottle of wine."],
    ["plate", "A plate of pasta."],
    ["flowers", "He hides the flowers behind his back."],
    ["glass", "She raises her glass."],
    ["knife", "The knife on the chopping board."],
    ["key", "He drops the keys."],
    ["letter", "An unopened letter."],
    ["lamp", "She switches off the lamp."],
    ["chair", "An empty chair."],
    ["table", "A table laid for two."],
    ["clock", "The alarm clock rings."],
    ["camera", "She lifts the camera to her eye."],
    ["guitar", "He tunes his guitar."],
    ["box", "A cardboard box on the doorstep."],
    ["coffee machine", "The coffee machine hisses."],
    ["oven", "She opens the oven."],
  ];
  it.each(props)("%s: “%s”", (prop, action) => {
    expect(sketchOf({ action, camera: "INSERT" }).props).toContain(prop);
  });

  it("names every prop the registry draws, at least 25", () => {
    expect(PROPS.length).toBeGreaterThanOrEqual(25);
    expect(props.map(([p]) => p).sort()).toEqual(PROPS.map((p) => p.name).sort());
  });

  it("draws each prop differently: a loaf is not a phone is not a box", () => {
    const arts = props.map(([p]) => JSON.stringify(sketchOf({ action: `${p === "coffee machine" ? "A coffee machine" : `The ${p}`}.`, camera: "INSERT" }).art));
    expect(new Set(arts).size).toBe(arts.length);
  });

  it("lists props in the order the words name them, each once, and a coffee machine is not also a cup", () => {
    expect(sketchOf({ action: "Mia and Leo in a bakery, with bread and a cup.", camera: "WS" }).props).toEqual(["bread", "cup"]);
    expect(sketchOf({ action: "The espresso machine hisses; the coffee machine again.", camera: "MS" }).props).toEqual(["coffee machine"]);
    expect(sketchOf({ action: "Leo enters the coffee shop.", camera: "WS" }).props).toEqual([]);
    expect(sketchOf({ action: "The camera pans across the room.", camera: "WS" }).props).toEqual([]);
  });

  it("takes props from the frame's prop assets too", () => {
    const cup: Asset = { id: "cup", kind: "prop", name: "Chipped mug", description: "", prompt: "" };
    expect(sketchOf({ action: "Mia waits.", camera: "MS" }, [cup]).props).toEqual(["cup"]);
  });

  it("puts the props in the shot at every size", () => {
    for (const camera of ["WS", "FS", "MS", "CU", "INSERT"]) {
      const s = sketchOf({ action: "Mia and Leo in a bakery, with bread and a cup.", camera });
      const withProps = JSON.stringify(s.art);
      const without = JSON.stringify(sketchOf({ action: "Mia and Leo in a bakery.", camera }).art);
      expect(withProps).not.toBe(without);
      expect(withProps).toContain("#d49a52"); // the loaf's crust
    }
  });
});

describe("every person named", () => {
  it("draws a person the words name even when the cast does not have them", () => {
    const leo: Asset = { id: "leo", kind: "character", name: "Leo", description: "", prompt: "" };
    const s = sketchOf({ action: "Leo turns; have Mia say it first.", camera: "MS" }, [leo]);
    expect(s.people.map((p) => [p.name, p.from])).toEqual([
      ["Leo", "cast"],
      ["Mia", "words"],
    ]);
    expect(s.figures.map((f) => f.name)).toEqual(["Leo", "Mia"]);
  });

  it("draws the speaker of a dialogue line", () => {
    const s = sketchOf({ dialogue: "MIA: I'm leaving.", camera: "MCU" });
    expect(s.figures.map((f) => f.name)).toEqual(["Mia"]);
  });

  it("draws three named people in a wide shot", () => {
    const s = sketchOf({ action: "Mia, Leo and Sam share a table in the restaurant.", camera: "WS" });
    expect(s.figures.map((f) => f.name)).toEqual(["Mia", "Leo", "Sam"]);
  });

  it("does not take places, props, days or screenplay words for people", () => {
    const s = sketchOf({ action: "INT. Later, on Monday the Bakery opens. Close on the Door. A postcard from Paris by the window.", camera: "WS" });
    expect(s.people.filter((p) => p.from === "words")).toEqual([]);
  });

  it("does not take words in quotes or a Title Case title for people", () => {
    expect(sketchOf({ title: "Morning Rush", camera: "WS" }).people).toEqual([]);
    expect(sketchOf({ action: "A sign reads “Welcome Home Ruby”.", camera: "WS" }).people).toEqual([]);
  });
});

describe("hands in a close-up", () => {
  it("draws Sam's hands from the front, filling the panel", () => {
    const s = sketchOf({ title: "Close on Sam's hands", camera: "CU" });
    expect(s.focus).toBe("hands");
    expect(s.figures).toEqual([expect.objectContaining({ name: "Sam", role: "hands" })]);
    // Ten fingers and two thumbs, each a nail drawn in the nail colour.
    const nails = all(s.art).filter((p) => p.kind === "ellipse" && p.fill === "#f6d9d0");
    expect(nails).toHaveLength(10);
    const xs = nails.map((p) => (p.kind === "ellipse" ? p.cx : 0));
    expect(Math.min(...xs)).toBeLessThan(s.width * 0.35);
    expect(Math.max(...xs)).toBeGreaterThan(s.width * 0.65);
    expect(s.alt).toBe("Close-up, eye level: Sam’s hands.");
  });

  it("puts what the hands hold between them", () => {
    const s = sketchOf({ action: "Mia's hands knead the dough.", camera: "ECU" });
    expect(s.focus).toBe("hands");
    expect(s.props).toEqual(["bread"]);
  });

  it("is not a close-up of hands when the shot is wide, or the hands are not named", () => {
    expect(sketchOf({ action: "Sam washes his hands.", camera: "WS" }).focus).toBe("people");
    expect(sketchOf({ action: "Sam smiles.", camera: "CU" }).focus).toBe("people");
  });
});

describe("a blank frame", () => {
  it("is an empty neutral panel: no place, no people, no props, no horizon", () => {
    for (const camera of ["", "WS, pan left", "CU"]) {
      const s = sketchOf({ camera });
      expect(s).toMatchObject({ focus: "empty", people: [], props: [], figures: [], place: { kind: "none" }, alt: "Empty panel." });
      // Only faint framing marks and the border: nothing filled but the paper.
      expect(all(s.art).every((p) => p.kind === "line" || (p.kind === "rect" && p.fill === "none"))).toBe(true);
    }
  });

  it("is not blank once it has any words or assets", () => {
    expect(sketchOf({ title: "Mia" }).focus).not.toBe("empty");
    const loc: Asset = { id: "l", kind: "location", name: "A park", description: "", prompt: "" };
    expect(sketchOf({}, [loc]).focus).toBe("place");
  });
});
