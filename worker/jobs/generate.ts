// Starting a generation job, kept for the room's agent <generate> tag while
// the room is rewritten: a thin wrapper over the jobs service, which now
// holds the one copy of the create-and-queue steps. New callers use
// `jobsService(env).create(input, room)` (worker/jobs/service.ts).
import type { Env } from "../env";
import { roomFor } from "../rooms";
import { type CreateJobInput, jobsService, type RoomAccess, type StartResult } from "./service";

export type { RoomAccess, StartResult } from "./service";

export async function startGeneration(env: Env, req: CreateJobInput, room: RoomAccess = roomFor(env, req.episodeId)): Promise<StartResult> {
  return jobsService(env).create(req, room);
}
