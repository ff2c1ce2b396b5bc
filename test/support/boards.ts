// Fixture factories for boards and commands, and fast-check arbitraries that
// produce both valid and invalid commands against a small id space (so ids
// collide often and validation has something to reject).
import fc from "fast-check";
import { type Board, emptyBoard, type Frame, type FrameMedia, type Revision } from "../../worker/domain/board";

export function frameWith(over: Partial<Frame> = {}): Frame {
  return {
    id: "f1",
    shot: null,
    beatId: null,
    title: "",
    action: "",
    prompt: "",
    camera: "",
    durationSec: null,
    dialogue: "",
    sound: "",
    continuity: { assetIds: [], notes: "" },
    status: "draft",
    media: { state: "none", revisions: [], shown: null },
    ...over,
  };
}

export function boardWith(over: Partial<Board> = {}): Board {
  return { ...emptyBoard("ep_test"), ...over };
}

const frameId = fc.constantFrom("f1", "f2", "f3", "f4", "f5", "bad id!");
const assetId = fc.constantFrom("mia", "cafe", "cup", "nope");
const beatId = fc.constantFrom("b1", "b2", "b3");
const text = fc.string({ maxLength: 12 });

export const commandArb = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant("set_script"), text }), weight: 1 },
  {
    arbitrary: fc.record({
      type: fc.constant("set_plan"),
      beats: fc.array(fc.record({ id: beatId, title: text, summary: text }), { maxLength: 3 }),
    }),
    weight: 1,
  },
  {
    weight: 6,
    arbitrary: fc.record(
      {
        type: fc.constant("add_frame"),
        frame: fc.record(
          {
            id: frameId,
            title: text,
            camera: fc.constantFrom("WS", "CU", "MS"),
            durationSec: fc.oneof(fc.constant(null), fc.double({ min: 0.5, max: 10, noNaN: true }), fc.constant(-1)),
            beatId: fc.oneof(fc.constant(null), beatId),
            continuity: fc.record({ assetIds: fc.array(assetId, { maxLength: 2 }) }),
          },
          { requiredKeys: ["id"] },
        ),
        after: fc.oneof(fc.constant(null), frameId),
      },
      { requiredKeys: ["type", "frame"] },
    ),
  },
  fc.record({
    type: fc.constant("update_frame"),
    id: frameId,
    patch: fc.record(
      {
        title: text,
        action: text,
        sound: text,
        camera: text,
        status: fc.constantFrom("draft", "ready", "approved", "bogus"),
        beatId: fc.oneof(fc.constant(null), beatId),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({ type: fc.constant("remove_frame"), id: frameId }),
  fc.record({ type: fc.constant("move_frame"), id: frameId, after: fc.oneof(fc.constant(null), frameId) }),
  fc.record({
    type: fc.constant("upsert_asset"),
    asset: fc.record({ id: assetId, kind: fc.constantFrom("character", "location", "prop", "style"), name: text, description: text, prompt: text }),
  }),
  fc.record({ type: fc.constant("remove_asset"), id: assetId }),
  fc.record({ type: fc.constant("set_frame_media"), id: frameId, media: fc.record({ state: fc.constantFrom("queued", "ready") }) }),
  // Garbage of every shape.
  fc.record({ type: fc.constant("set_format"), aspect: fc.constantFrom("16:9", "9:16", "1:1", "4:5", "2.39:1", "3:2") }),
  { arbitrary: fc.anything(), weight: 1 },
);

/** Long enough sequences that boards fill up and ids collide. */
export const commandsArb = fc.array(commandArb, { minLength: 5, maxLength: 60, size: "max" });

/** A picture of a frame, as a render of the sketch provider would record it. */
export function revisionWith(over: Partial<Revision> = {}): Revision {
  return {
    id: "rv1",
    kind: "render",
    url: "/api/v1/artifacts/p/e/job_1/attempt-1.svg",
    mime: "image/svg+xml",
    width: 1280,
    height: 720,
    by: { type: "user", id: "u1", name: "Mia" },
    at: "2026-12-01T10:00:00.000Z",
    jobId: "job_1",
    provider: "sketch",
    basis: "",
    ...over,
  };
}

/** Media showing one picture at `url` (the job state `ready` unless told otherwise). */
export function mediaShowing(url: string, over: Partial<FrameMedia> = {}): FrameMedia {
  const rev = revisionWith({ id: "rv_shown", url });
  return { state: "ready", revisions: [rev], shown: rev.id, ...over };
}
