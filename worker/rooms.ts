// How the worker reaches an episode's room: one Durable Object per episode,
// named by the episode id, so the server (never the browser) picks the room.
import type { Env } from "./env";

export function roomFor(env: Pick<Env, "EPISODE_ROOM">, episodeId: string) {
  return env.EPISODE_ROOM.get(env.EPISODE_ROOM.idFromName(episodeId));
}
