// The jobs context's store: each frame's live render (progress, stages,
// warnings, from model/live-jobs.ts), the episode's job list, and the
// render actions: one frame, a batch, cancel and retry.
import { createSignal } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import type { Frame } from "../../../../worker/domain/board";
import type { Job } from "../../../../worker/domain/jobs";
import type { ServerMessage } from "../../../../worker/domain/protocol";
import { api, describeError } from "../../api";
import { applyJobMessage, type LiveJobs, noLiveJobs, track } from "../model/live-jobs";

export function createJobs(projectId: string, episodeId: string, notify: (kind: "error" | "info", text: string) => void) {
  const [live, setLive] = createStore<LiveJobs>(structuredClone(noLiveJobs));
  let snapshot: LiveJobs = noLiveJobs;
  const update = (next: LiveJobs) => {
    if (next === snapshot) return;
    snapshot = next;
    setLive(reconcile(next));
  };
  const [jobs, setJobs] = createSignal<Job[]>([]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        setJobs((await api.jobs(projectId, episodeId)).jobs);
      } catch {
        // the list is a convenience; the board already shows each frame's state
      }
    }, 150);
  };
  const follow = (jobId: string, frameId: string) => update(track(snapshot, jobId, frameId));

  async function generate(frameId: string): Promise<boolean> {
    try {
      const { job } = await api.generate(projectId, episodeId, frameId);
      follow(job.id, frameId);
      refresh();
      return true;
    } catch (err) {
      notify("error", `Could not start the render: ${describeError(err)}`);
      return false;
    }
  }

  async function act(kind: "cancel" | "retry", jobId: string): Promise<void> {
    try {
      const { job } = kind === "cancel" ? await api.cancelJob(jobId) : await api.retryJob(jobId);
      if (kind === "retry") follow(job.id, job.frameId);
      refresh();
    } catch (err) {
      notify("error", describeError(err));
    }
  }

  return {
    live: () => live.byFrame,
    jobs,
    refresh,
    generate,
    /** Renders each frame in turn; says how many started, and with the sketch provider what that does. */
    async generateMany(frames: readonly Frame[], sketch = false): Promise<void> {
      let started = 0;
      for (const f of frames) if (await generate(f.id)) started++;
      const what = sketch ? `: each shot's live sketch is kept as its picture` : "";
      if (started) notify("info", `Queued ${started} render${started === 1 ? "" : "s"}${what}. Each one shows on its card when it is done.`);
    },
    cancel: (jobId: string) => act("cancel", jobId),
    retry: (jobId: string) => act("retry", jobId),
    onMessage(msg: ServerMessage) {
      if (msg.type === "progress" || msg.type === "plugin_status") update(applyJobMessage(snapshot, msg));
      else if (msg.type === "warning" && msg.payload.jobId) update(applyJobMessage(snapshot, msg));
      else if (msg.type === "frame") refresh();
      else if (msg.type === "board_event" && msg.payload.event.kind === "set_frame_media") {
        const { id, media } = msg.payload.event.data;
        if (media.jobId && (media.state === "queued" || media.state === "running")) follow(media.jobId, id);
        refresh();
      }
    },
    /** Whether a warning is about a job this tab follows (shown on its frame, not as a notice). */
    knows: (jobId: string) => jobId in snapshot.frameOf,
  };
}
export type JobsStore = ReturnType<typeof createJobs>;
