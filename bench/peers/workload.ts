// The one workload every system in the peers bench runs: the same frames
// (the contract's Frame shape, with realistic text), the same deterministic
// stream of mixed edits, addressed by frame id. Plain TypeScript with no
// imports, so both the bench driver (Node, type-stripped) and the peer
// Durable Objects (bundled by wrangler) run exactly this code.

export interface BenchFrame {
  id: string;
  shot: string | null;
  beatId: string | null;
  title: string;
  action: string;
  prompt: string;
  camera: string;
  durationSec: number | null;
  dialogue: string;
  sound: string;
  continuity: { assetIds: string[]; notes: string };
  status: "draft" | "ready" | "approved";
  media: { state: "none"; revisions: never[]; shown: null };
}

export type Edit =
  | { op: "update"; id: string; prompt: string }
  | { op: "add"; after: string | null; frame: BenchFrame }
  | { op: "move"; id: string; after: string | null }
  | { op: "remove"; id: string };

const CAMERAS = ["WS, eye level, static", "MS, slow push in", "CU, low angle", "OTS, handheld", "EWS, high angle, crane up", "MCU, pan left"];
const PLACES = ["the bakery counter", "a rain-streaked window", "the empty street at dawn", "the kitchen pass", "a bus stop under neon", "the rooftop garden"];

/** A frame as the agent writes one: a title, an action line, a ~300-character prompt, a camera, a line of dialogue and sound. */
export function makeFrame(n: number): BenchFrame {
  const place = PLACES[n % PLACES.length];
  return {
    id: `f${n}`,
    shot: null,
    beatId: null,
    title: `Shot ${n}: ${place}`,
    action: `Mia crosses ${place}, stops, and looks back toward the door as the light changes.`,
    prompt: prompt(n, 0),
    camera: CAMERAS[n % CAMERAS.length] as string,
    durationSec: 2 + (n % 5),
    dialogue: n % 3 === 0 ? "MIA: Same as always? I kept the corner table for you." : "",
    sound: "Low room tone, the hiss of the espresso machine, distant traffic.",
    continuity: { assetIds: [], notes: "" },
    status: "draft",
    media: { state: "none", revisions: [], shown: null },
  };
}

function prompt(n: number, take: number): string {
  const place = PLACES[(n + take) % PLACES.length];
  return `Storyboard panel, ${place}, a woman in her 30s in a green apron, warm tungsten key light from the left, cool blue fill through the window, shallow depth of field, 35mm lens, film grain, muted palette with one saturated accent, take ${take} of shot ${n}, clean composition with room for a caption.`;
}

export function initialFrames(count: number): BenchFrame[] {
  return Array.from({ length: count }, (_, i) => makeFrame(i + 1));
}

/** mulberry32: a tiny seeded PRNG, so every system gets the identical stream. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A deterministic stream of edits over the frames `ids` (in board order):
 * 70% prompt updates, 10% adds, 10% moves, 10% removes (adds and removes keep
 * the board's size steady). It tracks the order itself and refers only to its
 * own frames, so every edit is valid against the board, and streams over
 * disjoint frames can run at once in any interleaving. New frames are
 * numbered from `firstNew`, so concurrent streams never reuse an id.
 */
export class EditStream {
  readonly ids: string[];
  private readonly random: () => number;
  private made: number;
  private take = 0;

  constructor(ids: readonly string[], seed = 42, firstNew = 1000) {
    this.ids = ids.slice();
    this.random = rng(seed);
    this.made = firstNew;
  }

  next(): Edit {
    const ids = this.ids;
    const pick = () => ids[Math.floor(this.random() * ids.length)] as string;
    const r = this.random();
    if (r < 0.7 || ids.length < 3) {
      const id = pick();
      return { op: "update", id, prompt: prompt(Number(id.slice(1)), ++this.take) };
    }
    if (r < 0.8) {
      const after = pick();
      const frame = makeFrame(++this.made);
      ids.splice(ids.indexOf(after) + 1, 0, frame.id);
      return { op: "add", after, frame };
    }
    if (r < 0.9) {
      const id = pick();
      ids.splice(ids.indexOf(id), 1);
      const after = this.random() < 0.2 ? null : pick();
      ids.splice(after === null ? 0 : ids.indexOf(after) + 1, 0, id);
      return { op: "move", id, after };
    }
    const id = pick();
    ids.splice(ids.indexOf(id), 1);
    return { op: "remove", id };
  }
}

/** Applies an edit to a frame list without mutating it (the Agents SDK peer's reducer). */
export function applyEdit(frames: readonly BenchFrame[], edit: Edit): BenchFrame[] {
  const at = (id: string) => frames.findIndex((f) => f.id === id);
  switch (edit.op) {
    case "update":
      return frames.map((f) => (f.id === edit.id ? { ...f, prompt: edit.prompt } : f));
    case "add": {
      const out = frames.slice();
      out.splice(edit.after === null ? 0 : at(edit.after) + 1, 0, edit.frame);
      return out;
    }
    case "move": {
      const moving = frames[at(edit.id)];
      if (!moving) return frames.slice();
      const out = frames.filter((f) => f.id !== edit.id);
      const after = edit.after === null ? -1 : out.findIndex((f) => f.id === edit.after);
      out.splice(after + 1, 0, moving);
      return out;
    }
    case "remove":
      return frames.filter((f) => f.id !== edit.id);
  }
}

/** The same edit as Reelroom's board command (CONTRACT 4). */
export function toCommand(edit: Edit): Record<string, unknown> {
  switch (edit.op) {
    case "update":
      return { type: "update_frame", id: edit.id, patch: { prompt: edit.prompt } };
    case "add": {
      // A new frame's media always starts at "none": the command does not carry it.
      const { media: _none, ...frame } = edit.frame;
      return { type: "add_frame", frame, after: edit.after };
    }
    case "move":
      return { type: "move_frame", id: edit.id, after: edit.after };
    case "remove":
      return { type: "remove_frame", id: edit.id };
  }
}
