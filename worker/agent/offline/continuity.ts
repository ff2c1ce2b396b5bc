// "fix continuity" (also "check continuity"): the shared continuity checks
// run on the working board and what can be fixed without a model is fixed,
// one update per shot, through the Draft like every other edit, so the reply
// names only what applied:
// - an asset named in a shot but not attached is attached;
// - a shot with no camera gets one that differs from its neighbours (a wide
//   to open, then a medium, a close-up when a neighbour is medium);
// - a shot with no length gets 3 s, or its share of the length the script
//   asks for;
// - the second shot of a jump cut changes size clearly (a close-up after a
//   wide or medium, a medium after a close one), keeping angle and movement;
// - a running time off the asked length is retimed to it.
// An attached asset with no description is left and named: how it looks is
// for the person or a model to say. Whatever is still open afterwards is
// named too, so nothing is dropped silently.
import type { Board, Frame } from "../../domain/board";
import { formatCamera, readCamera, type ShotSize, sizeName } from "../../domain/camera";
import { checkContinuity, type Issue, RUNNING_TIME_TOLERANCE, recordedTargetSec, runningTimeSec } from "../../domain/continuity";
import type { EditState, Outcome } from "./intent";
import { retimeAll } from "./intents/retime";
import { frameUpdateTag } from "./tags";
import { mergeCamera } from "./framing";
import { clip, joinList, secs } from "./text";
import { distribute } from "./timing";

/** A shot with no length gets this much, unless the script's asked length says otherwise. */
const DEFAULT_SEC = 3;

const CLOSE: ReadonlySet<ShotSize> = new Set<ShotSize>(["CU", "ECU", "MCU", "INSERT"]);

/** A size clearly different from `prev`: a close-up after a wide or medium shot, a medium shot after a close one. */
function contrastSize(prev: ShotSize): ShotSize {
  return CLOSE.has(prev) ? "MS" : "CU";
}

/** A camera for a shot that has none: a wide to open, else a medium, else whatever its neighbours are not. */
function cameraBetween(prev: Frame | undefined, next: Frame | undefined): string {
  const avoid = new Set([prev, next].map((f) => (f ? readCamera(f.camera).size : null)).filter((s) => s !== null));
  const options: ShotSize[] = prev ? ["MS", "CU", "WS"] : ["WS", "MS", "CU"];
  const size = options.find((s) => !avoid.has(s)) ?? options[0]!;
  return formatCamera({ size, angle: "eye level", movement: "static" });
}

const titled = (f: Frame) => (f.title ? ` "${clip(f.title, 60)}"` : "");

interface Fix {
  attached: string[];
  camera?: string;
  duration?: string;
}

/** Runs the continuity checks on the working board and fixes what can be fixed offline. */
export function fixContinuity(source: string, s: EditState): Outcome[] {
  const { draft } = s;
  const board = draft.board;
  if (!board.frames.length) return [{ kind: "note", text: "The board has no shots yet, so there is no continuity to check." }];
  const found = checkContinuity(board);
  const target = recordedTargetSec(board);
  if (!found.length) {
    const timing =
      target !== null
        ? `, and the running time (${secs(runningTimeSec(board))}) is within ${RUNNING_TIME_TOLERANCE * 100} % of the ${secs(target)} asked for`
        : "";
    return [
      {
        kind: "note",
        text: `I checked continuity: the board is clean. Every character, location and prop named in a shot is attached to it, every attached asset is described, every shot has a camera and a length, and no two adjacent shots make a jump cut${timing}.`,
      },
    ];
  }

  const scope = draft.scope;
  const inScope = (id: string | undefined) => !!id && (!scope || scope.has(id));
  const byId = new Map(board.assets.map((a) => [a.id, a]));
  // The fixes are worked out on a copy first, so each shot gets one update with all of its fixes.
  const sim: Frame[] = board.frames.map((f) => ({ ...f, continuity: { ...f.continuity, assetIds: [...f.continuity.assetIds] } }));
  const simBoard = (): Board => ({ ...board, frames: sim });
  const index = new Map(sim.map((f, i) => [f.id, i]));
  const fixes = new Map<string, Fix>();
  const fix = (id: string) => {
    let x = fixes.get(id);
    if (!x) fixes.set(id, (x = { attached: [] }));
    return x;
  };
  const label = (id: string) => draft.label(id);
  const of = (kind: Issue["kind"]) => found.filter((i) => i.kind === kind && inScope(i.frameId));

  for (const issue of of("unattached")) {
    const f = sim[index.get(issue.frameId!)!]!;
    const asset = byId.get(issue.assetId!);
    if (!asset || f.continuity.assetIds.includes(asset.id)) continue;
    f.continuity.assetIds.push(asset.id);
    fix(f.id).attached.push(asset.name);
  }

  for (const issue of of("no_camera")) {
    const i = index.get(issue.frameId!)!;
    sim[i]!.camera = cameraBetween(sim[i - 1], sim[i + 1]);
    fix(sim[i]!.id).camera = `camera ${sim[i]!.camera} (it had none)`;
  }

  const untimed = of("no_duration").map((issue) => index.get(issue.frameId!)!);
  if (untimed.length) {
    const known = sim.reduce((n, f) => n + (f.durationSec ?? 0), 0);
    const share = target !== null ? (target - known) / untimed.length : 0;
    const spread = target !== null && share >= 1 && share <= 10;
    const lengths = spread
      ? distribute(
          target - known,
          untimed.map(() => 1),
        )
      : untimed.map(() => DEFAULT_SEC);
    untimed.forEach((i, k) => {
      const f = sim[i]!;
      f.durationSec = lengths[k]!;
      fix(f.id).duration = `${secs(f.durationSec)} (it had no length${spread ? `; its share of the ${secs(target!)} asked for` : ""})`;
    });
  }

  // A jump cut fixed here may put the next shot in one: read the copy again after each change.
  for (let n = 0; n < sim.length; n++) {
    const cut = checkContinuity(simBoard()).find((i) => i.kind === "jump_cut" && inScope(i.frameId));
    if (!cut) break;
    const i = index.get(cut.frameId!)!;
    const prev = sim[i - 1]!;
    const f = sim[i]!;
    const prevSize = readCamera(prev.camera).size!;
    const was = f.camera;
    f.camera = mergeCamera(f.camera, { size: contrastSize(prevSize) });
    const x = fix(f.id);
    x.camera = `camera ${f.camera}${x.camera ? " (it had none; " : ` (was ${was}: `}shot ${label(prev.id)} before it is also a ${sizeName(prevSize).toLowerCase()} shot of the same cast, a jump cut)`;
  }

  const out: Outcome[] = [];
  const lines: Outcome[] = [];
  const failed = new Set<string>();
  const changed: string[] = [];
  for (const f of board.frames) {
    const x = fixes.get(f.id);
    if (!x) continue;
    const next = sim[index.get(f.id)!]!;
    const patch: Partial<Frame> & { assetIds?: string[] } = {};
    if (next.continuity.assetIds.length !== f.continuity.assetIds.length) patch.assetIds = next.continuity.assetIds;
    if (next.camera !== f.camera) patch.camera = next.camera;
    if (next.durationSec !== f.durationSec && next.durationSec !== null) patch.durationSec = next.durationSec;
    if (!Object.keys(patch).length) continue;
    const said = [
      ...(x.attached.length ? [`attached ${joinList(x.attached)} (named in the shot)`] : []),
      ...(x.camera ? [x.camera] : []),
      ...(x.duration ? [x.duration] : []),
    ];
    const applied = draft.apply(frameUpdateTag(f.id, patch));
    if (!applied.ok) {
      failed.add(f.id);
      out.push({ kind: "not_done", what: source, why: `shot ${label(f.id)}: ${applied.reason}`, model: false });
      continue;
    }
    changed.push(f.id);
    lines.push({ kind: "done", text: `Shot ${label(f.id)}${titled(f)}: ${said.join("; ")}.`, tags: [applied.tag] });
  }
  if (changed.length) {
    s.framesChanged = true;
    s.lastFrames = changed;
  }

  const late = checkContinuity(draft.board).find((i) => i.kind === "running_time");
  const asked = recordedTargetSec(draft.board);
  if (late && asked !== null) {
    if (scope) out.push({ kind: "not_done", what: source, why: `${late.message} Retiming spans every shot: ask again with no shots selected`, model: false });
    else lines.push(...retimeAll({ kind: "retime", total: asked, source, ignored: [] }, s));
  }

  // What is still open: undescribed assets (words only the person or a model can give), and anything not fixed above.
  const remaining = checkContinuity(draft.board);
  const left = remaining.filter((i) => !(i.kind === "running_time" && late && scope) && !(i.frameId && failed.has(i.frameId)));
  for (const i of left) {
    if (i.kind === "undescribed") {
      const asset = byId.get(i.assetId!);
      const name = asset?.name ?? i.assetId!;
      out.push({
        kind: "not_done",
        what: source,
        why: `${i.message.replace(/: its look will change from shot to shot\.$/, "")}; how ${name} looks is for you to say (describe ${name} in the cast panel) or a language model to write, not something I can make up offline`,
        model: true,
      });
    } else {
      out.push({
        kind: "not_done",
        what: source,
        why: inScope(i.frameId) || !i.frameId ? i.message : `${i.message.replace(/\.$/, "")} (outside the shots this message was about)`,
        model: false,
      });
    }
  }
  const open = out.length;
  const fixedCount = Math.max(0, found.length - remaining.length);
  const head: Outcome = {
    kind: "note",
    text: `I checked continuity and found ${found.length} issue${found.length === 1 ? "" : "s"}: ${
      fixedCount ? `resolved ${fixedCount}${open ? `, ${open} left (see Not done)` : ""}.` : "none I can fix offline, so nothing changed on the board."
    }`,
  };
  return [head, ...lines, ...out];
}
