// The live state of each frame's current render, from the room's job
// messages: progress never goes backwards within a job, a new job for the
// frame starts from zero, stage timings and warnings collect. Pure: the
// jobs context keeps one of these in a store.
import type { ServerMessage } from "../../../../worker/domain/protocol";

export interface LiveJob {
  jobId: string;
  progress: number;
  plugins: Record<string, { status: string; ms?: number }>;
  warnings: string[];
}

export interface LiveJobs {
  byFrame: Record<string, LiveJob>;
  /** job id → frame id, learned from progress and board events. */
  frameOf: Record<string, string>;
}

export const noLiveJobs: LiveJobs = { byFrame: {}, frameOf: {} };

/** Starts tracking `jobId` for `frameId`; a different job replaces the frame's old one. */
export function track(s: LiveJobs, jobId: string, frameId: string): LiveJobs {
  const frameOf = s.frameOf[jobId] === frameId ? s.frameOf : { ...s.frameOf, [jobId]: frameId };
  if (s.byFrame[frameId]?.jobId === jobId) return frameOf === s.frameOf ? s : { ...s, frameOf };
  return { frameOf, byFrame: { ...s.byFrame, [frameId]: { jobId, progress: 0, plugins: {}, warnings: [] } } };
}

type JobMessage = Extract<ServerMessage, { type: "progress" | "plugin_status" | "warning" }>;

/** Folds one job message in; a message about a job this tab does not know, or an older job of the frame, changes nothing. */
export function applyJobMessage(s: LiveJobs, msg: JobMessage): LiveJobs {
  if (msg.type === "progress") {
    const p = msg.payload;
    const t = track(s, p.jobId, p.frameId);
    const cur = t.byFrame[p.frameId]!;
    if (p.progress <= cur.progress) return t;
    return { ...t, byFrame: { ...t.byFrame, [p.frameId]: { ...cur, progress: Math.min(100, p.progress) } } };
  }
  const jobId = msg.payload.jobId;
  const frameId = jobId ? s.frameOf[jobId] : undefined;
  const cur = frameId ? s.byFrame[frameId] : undefined;
  if (!frameId || !cur || cur.jobId !== jobId) return s;
  if (msg.type === "plugin_status") {
    const p = msg.payload;
    return { ...s, byFrame: { ...s.byFrame, [frameId]: { ...cur, plugins: { ...cur.plugins, [p.plugin]: { status: p.status, ms: p.timing_ms } } } } };
  }
  return { ...s, byFrame: { ...s.byFrame, [frameId]: { ...cur, warnings: [...cur.warnings, msg.payload.message].slice(-20) } } };
}
