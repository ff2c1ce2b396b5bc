// A frame card in every media state a job can put it in, and in every
// aspect ratio an episode can have. The studio's contexts are given just the
// parts the card reads; actions do nothing here.
import { DragDropProvider, SortableProvider } from "@thisbeyond/solid-dnd";
import { For } from "solid-js";
import type { Meta, StoryObj } from "storybook-solidjs-vite";
import { type Aspect, emptyBoard, type Frame, type Revision } from "../../../worker/domain/board";
import type { LiveJob } from "./model/live-jobs";
import { StudioProvider } from "./context";
import { FrameCard } from "./FrameCard";
import type { Studio } from "./studio-state";

const RENDERED = `data:image/svg+xml;utf8,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="960" height="540"><rect width="960" height="540" fill="#2c3b63"/><circle cx="700" cy="160" r="70" fill="#f2c14e"/><rect y="380" width="960" height="160" fill="#1b2440"/></svg>')}`;

function frame(media: Frame["media"], id = "f1"): Frame {
  return {
    id,
    shot: null,
    beatId: null,
    title: "Mia locks up",
    action: "Mia turns the sign to CLOSED and looks back at the empty café.",
    sound: "Rain on the window",
    prompt: "a barista at the door of a café at night",
    camera: "MS, low angle, push in",
    durationSec: 3.5,
    dialogue: "MIA: Last one of the night.",
    continuity: { assetIds: ["mia"], notes: "" },
    status: "draft",
    media,
  };
}

function studio(frames: Frame[], aspect: Aspect, live: Record<string, LiveJob> = {}): Studio {
  const board = {
    ...emptyBoard("ep_story"),
    format: { aspect },
    assets: [{ id: "mia", kind: "character" as const, name: "Mia", description: "barista, green apron", prompt: "" }],
    frames,
  };
  const selection = { ids: () => [], has: () => false, toggle: () => undefined, extendTo: () => undefined, all: () => undefined, clear: () => undefined };
  return {
    board: { seq: 1, board },
    frames: () => frames,
    flash: () => new Set<string>(),
    canEdit: () => true,
    live: () => live,
    jobList: () => [],
    retryJob: async () => undefined,
    cancelJob: async () => undefined,
    generate: async () => true,
    selection,
    chat: {},
    comments: { open: () => new Map<string, number>(), reviews: () => [] },
    proposals: { ghosts: () => ({ cards: new Map(), newAfter: new Map(), elsewhere: [] }) },
    uploads: { uploading: () => false, error: () => undefined, clearError: () => undefined, upload: async () => ({ ok: true }) },
  } as unknown as Studio;
}

function Cards(props: { aspect: Aspect; frames: Frame[]; live?: Record<string, LiveJob> }) {
  const noop = { open: () => undefined, move: () => undefined, remove: () => undefined };
  return (
    <StudioProvider studio={studio(props.frames, props.aspect, props.live)}>
      <DragDropProvider>
        <SortableProvider ids={props.frames.map((f) => f.id)}>
          <ol class="frame-grid" style={{ "max-width": "1100px" }}>
            <For each={props.frames}>{(f, i) => <FrameCard frame={f} index={i()} shot={String(i() + 1)} actions={noop} />}</For>
          </ol>
        </SortableProvider>
      </DragDropProvider>
    </StudioProvider>
  );
}

const meta: Meta<typeof Cards> = { title: "Studio/Frame card", component: Cards };
export default meta;
type Story = StoryObj<typeof Cards>;

const picture: Revision = {
  id: "rv0",
  kind: "render",
  url: RENDERED,
  mime: "image/svg+xml",
  width: 1280,
  height: 720,
  by: { type: "user", id: "u1", name: "Mia" },
  at: "2026-12-01T10:00:00.000Z",
  basis: "",
};
const showing = { revisions: [picture], shown: picture.id };
const none = { revisions: [], shown: null };

const states: Frame[] = [
  frame({ state: "none", ...none }, "none"),
  frame({ state: "queued", jobId: "j1", ...none }, "queued"),
  frame({ state: "running", jobId: "j2", ...showing }, "running"),
  frame({ state: "ready", jobId: "j3", ...showing }, "ready"),
  frame({ state: "failed", jobId: "j4", reason: "The images API answered 500.", ...showing }, "failed"),
  frame({ state: "canceled", jobId: "j5", ...none }, "canceled"),
  frame({ state: "blocked", jobId: "j6", reason: "The project owner has not allowed paid image generation.", ...none }, "blocked"),
];

/** Every media state: the last good image stays through a re-render, a failure and a cancel. */
export const MediaStates: Story = {
  render: () => <Cards aspect="16:9" frames={states} live={{ running: { jobId: "j2", progress: 60, plugins: {}, warnings: [] } }} />,
};

const aspectStory = (aspect: Aspect): Story => ({
  render: () => <Cards aspect={aspect} frames={[frame({ state: "none", ...none }, "a"), frame({ state: "ready", jobId: "j", ...showing }, "b")]} />,
});
export const Widescreen: Story = aspectStory("16:9");
export const Vertical: Story = aspectStory("9:16");
export const Square: Story = aspectStory("1:1");
export const Portrait: Story = aspectStory("4:5");
export const Scope: Story = aspectStory("2.39:1");
