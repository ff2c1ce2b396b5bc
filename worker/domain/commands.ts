// Board commands (CONTRACT 4): the only way a board changes. A command is
// parsed (zod), validated against the board, and turned into one event that
// the pure reducer in events.ts applies. The room, the agent and the job
// runtime all come through here; the SPA uses the same code to check a
// command before sending it.
import { z } from "zod";
import { Aspect, Asset, Beat, type Board, Fps, type Frame, FrameStatus, Id, JobMedia, LIMITS, NO_MEDIA, Revision } from "./board";
import { applyEvent, BoardConflict, type EventBody } from "./events";
import { personText } from "./person-text";

// What people type on a board passes through the one person-text rule (person-text.ts).
const Text = z.string().overwrite(personText).max(LIMITS.textChars);
const Prompt = z.string().overwrite(personText).max(LIMITS.promptChars);
const Duration = z.number().positive().max(600).nullable();
const Shot = z.string().max(40).nullable();

/** A new frame: only the id is required; media always starts at "none". */
export const FrameInput = z.strictObject({
  id: Id,
  shot: Shot.optional(),
  beatId: Id.nullable().optional(),
  title: Text.optional(),
  action: Text.optional(),
  prompt: Prompt.optional(),
  camera: Text.optional(),
  durationSec: Duration.optional(),
  dialogue: Text.optional(),
  sound: Text.optional(),
  continuity: z.strictObject({ assetIds: z.array(Id).max(LIMITS.assets).optional(), notes: Text.optional() }).optional(),
  status: FrameStatus.optional(),
});
export type FrameInput = z.infer<typeof FrameInput>;

export const FramePatch = FrameInput.omit({ id: true });
export type FramePatch = z.infer<typeof FramePatch>;

export const Command = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("set_script"), text: z.string().max(LIMITS.scriptChars) }),
  z.strictObject({ type: z.literal("set_plan"), beats: z.array(Beat).max(LIMITS.beats) }),
  z.strictObject({ type: z.literal("add_frame"), frame: FrameInput, after: Id.nullable().optional() }),
  z.strictObject({ type: z.literal("update_frame"), id: Id, patch: FramePatch }),
  z.strictObject({ type: z.literal("remove_frame"), id: Id }),
  // Every frame in one event: starting over is one step a Stop cannot cut in half (CONTRACT 14).
  z.strictObject({ type: z.literal("clear_frames") }),
  z.strictObject({ type: z.literal("move_frame"), id: Id, after: Id.nullable() }),
  z.strictObject({ type: z.literal("upsert_asset"), asset: Asset }),
  z.strictObject({ type: z.literal("remove_asset"), id: Id }),
  // Only the job runtime: a job's state, and on success its picture.
  z.strictObject({ type: z.literal("set_frame_media"), id: Id, media: JobMedia, revision: Revision.optional() }),
  // Only the upload route, after the file is stored: an upload or a drawing.
  z.strictObject({ type: z.literal("add_revision"), frameId: Id, revision: Revision }),
  z.strictObject({ type: z.literal("select_revision"), frameId: Id, revisionId: Id }),
  z.strictObject({ type: z.literal("remove_revision"), frameId: Id, revisionId: Id }),
  z.strictObject({ type: z.literal("set_format"), aspect: Aspect.optional(), fps: Fps.optional() }),
]);
export type Command = z.infer<typeof Command>;

export const ActorType = z.enum(["user", "agent", "system"]);
export const Actor = z.object({ type: ActorType, id: z.string().max(100) });
export type Actor = z.infer<typeof Actor>;

export type Verdict = { ok: true; event: EventBody } | { ok: false; reason: string };

const reject = (reason: string): Verdict => ({ ok: false, reason });

function frameFromInput(input: FrameInput): Frame {
  return {
    id: input.id,
    shot: input.shot ?? null,
    beatId: input.beatId ?? null,
    title: input.title ?? "",
    action: input.action ?? "",
    prompt: input.prompt ?? "",
    camera: input.camera ?? "",
    durationSec: input.durationSec ?? null,
    dialogue: input.dialogue ?? "",
    sound: input.sound ?? "",
    continuity: { assetIds: input.continuity?.assetIds ?? [], notes: input.continuity?.notes ?? "" },
    status: input.status ?? "draft",
    media: NO_MEDIA,
  };
}

function duplicates(ids: string[]): string | undefined {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return undefined;
}

/** Checks the references a frame makes: its beat and its assets must exist. */
function checkRefs(board: Board, beatId: string | null | undefined, assetIds: string[] | undefined): string | undefined {
  if (beatId && !board.plan.beats.some((b) => b.id === beatId)) return `no beat "${beatId}"`;
  if (assetIds) {
    const dup = duplicates(assetIds);
    if (dup) return `asset "${dup}" is listed twice`;
    const missing = assetIds.find((a) => !board.assets.some((x) => x.id === a));
    if (missing) return `no asset "${missing}"`;
  }
  return undefined;
}

function revisionExists(board: Board, frameId: string, revisionId: string): boolean {
  return board.frames.find((f) => f.id === frameId)?.media.revisions.some((r) => r.id === revisionId) ?? false;
}

/**
 * Validates a parsed command against the board and returns the one event
 * that applies it, or the reason it is rejected. Never throws, never mutates.
 */
export function validateCommand(board: Board, command: Command, actor: Actor): Verdict {
  const hasFrame = (id: string) => board.frames.some((f) => f.id === id);
  switch (command.type) {
    case "set_script":
      return { ok: true, event: { kind: "set_script", data: { text: command.text } } };
    case "set_plan": {
      const dup = duplicates(command.beats.map((b) => b.id));
      if (dup) return reject(`beat "${dup}" appears twice`);
      return { ok: true, event: { kind: "set_plan", data: { beats: command.beats } } };
    }
    case "add_frame": {
      if (hasFrame(command.frame.id)) return reject(`frame "${command.frame.id}" already exists`);
      if (board.frames.length >= LIMITS.frames) return reject(`a board holds at most ${LIMITS.frames} frames`);
      if (command.after && !hasFrame(command.after)) return reject(`no frame "${command.after}" to add after`);
      const bad = checkRefs(board, command.frame.beatId, command.frame.continuity?.assetIds);
      if (bad) return reject(bad);
      // Absent `after` appends (and stays "append" on replay); null puts the frame first.
      const data = command.after === undefined ? { frame: frameFromInput(command.frame) } : { frame: frameFromInput(command.frame), after: command.after };
      return { ok: true, event: { kind: "add_frame", data } };
    }
    case "update_frame": {
      if (!hasFrame(command.id)) return reject(`no frame "${command.id}"`);
      if (Object.keys(command.patch).length === 0) return reject("the patch changes nothing");
      const bad = checkRefs(board, command.patch.beatId, command.patch.continuity?.assetIds);
      if (bad) return reject(bad);
      return { ok: true, event: { kind: "update_frame", data: { id: command.id, patch: command.patch } } };
    }
    case "remove_frame":
      if (!hasFrame(command.id)) return reject(`no frame "${command.id}"`);
      return { ok: true, event: { kind: "remove_frame", data: { id: command.id } } };
    case "clear_frames":
      // The agent's "start over" in one step (CONTRACT 14). A person empties the board with reset,
      // which asks the owner to type the episode's title, not with one unguarded command.
      if (actor.type !== "agent") return reject("only the agent clears every shot in one step; a reset empties the board");
      if (board.frames.length === 0) return reject("the board has no shots to clear");
      return { ok: true, event: { kind: "clear_frames", data: {} } };
    case "move_frame":
      if (!hasFrame(command.id)) return reject(`no frame "${command.id}"`);
      if (command.after === command.id) return reject("a frame cannot move after itself");
      if (command.after !== null && !hasFrame(command.after)) return reject(`no frame "${command.after}" to move after`);
      return { ok: true, event: { kind: "move_frame", data: { id: command.id, after: command.after } } };
    case "upsert_asset": {
      const exists = board.assets.some((a) => a.id === command.asset.id);
      if (!exists && board.assets.length >= LIMITS.assets) return reject(`a board holds at most ${LIMITS.assets} assets`);
      const ref = command.asset.reference;
      if (ref && !revisionExists(board, ref.frameId, ref.revisionId))
        return reject(`no revision "${ref.revisionId}" on frame "${ref.frameId}" to use as a reference`);
      return { ok: true, event: { kind: "upsert_asset", data: { asset: command.asset } } };
    }
    case "remove_asset":
      if (!board.assets.some((a) => a.id === command.id)) return reject(`no asset "${command.id}"`);
      return { ok: true, event: { kind: "remove_asset", data: { id: command.id } } };
    case "set_frame_media": {
      // Media state is the job runtime's to report, never a person's or the agent's.
      if (actor.type !== "system") return reject("only the job runtime may set a frame's media");
      if (!hasFrame(command.id)) return reject(`no frame "${command.id}"`);
      const data = { id: command.id, media: command.media, ...(command.revision ? { revision: command.revision } : {}) };
      return { ok: true, event: { kind: "set_frame_media", data } };
    }
    case "add_revision":
      // A picture comes from a stored file: the upload route adds it once the bytes are in R2.
      if (actor.type !== "system") return reject("pictures are added by uploading or drawing them");
      if (!hasFrame(command.frameId)) return reject(`no frame "${command.frameId}"`);
      return { ok: true, event: { kind: "add_revision", data: { frameId: command.frameId, revision: command.revision } } };
    case "select_revision":
      if (!revisionExists(board, command.frameId, command.revisionId)) return reject(`no revision "${command.revisionId}" on frame "${command.frameId}"`);
      if (board.frames.find((f) => f.id === command.frameId)?.media.shown === command.revisionId) return reject("that picture is already shown");
      return { ok: true, event: { kind: "select_revision", data: { frameId: command.frameId, revisionId: command.revisionId } } };
    case "remove_revision": {
      if (!revisionExists(board, command.frameId, command.revisionId)) return reject(`no revision "${command.revisionId}" on frame "${command.frameId}"`);
      if (board.frames.find((f) => f.id === command.frameId)?.media.revisions.length === 1) return reject("a frame's only picture cannot be removed");
      return { ok: true, event: { kind: "remove_revision", data: { frameId: command.frameId, revisionId: command.revisionId } } };
    }
    case "set_format": {
      const aspect = command.aspect ?? board.format.aspect;
      const fps = command.fps ?? board.format.fps;
      if (aspect === board.format.aspect && fps === board.format.fps)
        return reject(command.fps ? `the episode is already ${aspect} at ${fps} fps` : `the episode is already ${aspect}`);
      return {
        ok: true,
        event: { kind: "set_format", data: { ...(command.aspect ? { aspect: command.aspect } : {}), ...(command.fps ? { fps: command.fps } : {}) } },
      };
    }
  }
}

/** Parse, validate and apply in one step, for callers holding untrusted input. */
export function tryCommand(board: Board, input: unknown, actor: Actor): { ok: true; event: EventBody; board: Board } | { ok: false; reason: string } {
  const parsed = Command.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: issue ? `${issue.path.join(".") || "command"}: ${issue.message}` : "invalid command" };
  }
  const verdict = validateCommand(board, parsed.data, actor);
  if (!verdict.ok) return verdict;
  try {
    return { ok: true, event: verdict.event, board: applyEvent(board, verdict.event) };
  } catch (err) {
    if (err instanceof BoardConflict) return { ok: false, reason: err.message };
    throw err;
  }
}
