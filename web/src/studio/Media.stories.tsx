// The frame media overlay (progress bar, pipeline inspector, image, actions)
// in each state a job can put a frame card in.
import type { Meta, StoryObj } from "storybook-solidjs-vite";
import type { Frame } from "../../../worker/domain/board";
import { FrameMedia } from "./Media";
import type { Studio } from "./studio-state";

const SVG = `data:image/svg+xml;utf8,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"><rect width="1280" height="720" fill="#f6f1e7"/><rect x="40" y="40" width="760" height="428" rx="10" fill="#2c3b63"/><text x="70" y="100" font-size="56" font-family="Helvetica" fill="#fff">SHOT 1</text></svg>')}`;

function frame(media: Frame["media"]): Frame {
  return {
    id: "f1",
    shot: null,
    beatId: null,
    title: "Neon sign in the rain",
    action: "",
    sound: "",
    prompt: "a neon sign in the rain",
    camera: "CU",
    durationSec: 3,
    dialogue: "",
    continuity: { assetIds: [], notes: "" },
    status: "draft",
    media,
  };
}

/** Just the parts of the studio the overlay reads; actions do nothing here. */
function studio(live?: Studio["live"][string]): Studio {
  return {
    live: live ? { f1: live } : {},
    canEdit: () => true,
    cancelJob: async () => undefined,
    retryJob: async () => undefined,
    generate: async () => undefined,
  } as unknown as Studio;
}

const meta: Meta<typeof FrameMedia> = { title: "Studio/Frame media", component: FrameMedia };
export default meta;
type Story = StoryObj<typeof FrameMedia>;

const wrap = (s: Studio, f: Frame): Story => ({
  render: () => (
    <div class="frame-card" style={{ width: "260px" }}>
      <FrameMedia studio={s} frame={f} shot="1" />
    </div>
  ),
});

export const None: Story = wrap(studio(), frame({ state: "none" }));
export const Queued: Story = wrap(studio({ jobId: "job_1", progress: 0, plugins: {}, warnings: [] }), frame({ state: "queued", jobId: "job_1" }));
export const Running: Story = wrap(
  studio({
    jobId: "job_1",
    progress: 70,
    plugins: { compose_prompt: { status: "completed", ms: 0.4 }, render: { status: "completed", ms: 412.3 }, store: { status: "started" } },
    warnings: ["sketch call 1 failed (timeout); retrying in 100 ms."],
  }),
  frame({ state: "running", jobId: "job_1" }),
);
export const Ready: Story = wrap(
  studio({
    jobId: "job_1",
    progress: 100,
    plugins: {
      compose_prompt: { status: "completed", ms: 0.4 },
      render: { status: "completed", ms: 12.1 },
      store: { status: "completed", ms: 9.2 },
      manifest: { status: "completed", ms: 3.3 },
    },
    warnings: [],
  }),
  frame({ state: "ready", jobId: "job_1", url: SVG }),
);
export const Failed: Story = wrap(
  studio({
    jobId: "job_1",
    progress: 15,
    plugins: { compose_prompt: { status: "completed", ms: 0.4 }, render: { status: "failed", ms: 1530.5 } },
    warnings: [],
  }),
  frame({ state: "failed", jobId: "job_1", reason: "The OpenAI images API answered 500." }),
);
export const Canceled: Story = wrap(studio(), frame({ state: "canceled", jobId: "job_1" }));
export const Blocked: Story = wrap(
  studio(),
  frame({ state: "blocked", jobId: "job_1", reason: "The project owner has not allowed paid image generation with openai." }),
);
