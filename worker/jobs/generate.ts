// Starting a generation job, shared by the Generate route and the agent's
// <generate> tag: snapshot the frame and its assets from the room, create
// the job (idempotent on its key), mark the card queued, send it to the queue.
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../db/schema";
import type { Asset, Frame, FrameMedia } from "../domain/board";
import { type Job, MediaProviderName } from "../domain/jobs";
import type { Env } from "../env";
import { roomFor } from "../rooms";
import type { JobMessage } from "./pipeline";
import { createJob, toJob } from "./store";

export type StartResult = { ok: true; job: Job; created: boolean } | { ok: false; code: "not_found" | "invalid_request"; message: string };

/** What generation needs from the episode's room: the stub from the worker, the room itself from inside it. */
export interface RoomAccess {
  frameContext(frameId: string): Promise<{ frame: Frame; shot: string; assets: Asset[] } | null>;
  applyFrameMedia(frameId: string, media: FrameMedia): Promise<boolean>;
}

export async function startGeneration(
  env: Env,
  req: { projectId: string; episodeId: string; frameId: string; provider?: string; idempotencyKey?: string; createdBy: string; parentJobId?: string },
  room: RoomAccess = roomFor(env, req.episodeId),
): Promise<StartResult> {
  const provider = MediaProviderName.safeParse(req.provider || env.MEDIA_PROVIDER || "sketch");
  if (!provider.success) return { ok: false, code: "invalid_request", message: `Unknown media provider "${req.provider}".` };
  const context = await room.frameContext(req.frameId);
  if (!context) return { ok: false, code: "not_found", message: `There is no frame "${req.frameId}" in this episode.` };
  const db = drizzle(env.DB, { schema });
  const { row, created } = await createJob(db, {
    projectId: req.projectId,
    episodeId: req.episodeId,
    frameId: req.frameId,
    provider: provider.data,
    input: context as unknown as Record<string, unknown>,
    createdBy: req.createdBy,
    idempotencyKey: req.idempotencyKey,
    parentJobId: req.parentJobId,
  });
  if (created) {
    await room.applyFrameMedia(req.frameId, { state: "queued", jobId: row.id });
    await env.JOBS.send({ type: "job", jobId: row.id, attempt: row.attempt, token: row.attemptToken } satisfies JobMessage);
  }
  return { ok: true, job: toJob(row), created };
}
