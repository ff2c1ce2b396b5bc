// Worker entry: the HTTP app, the jobs queue consumer and the room class.
import { app } from "./app";
import type { Env } from "./env";
import { consumeJobs } from "./queue/consumer";

export { EpisodeRoom } from "./room/episode-room";

export default {
  fetch: app.fetch,
  queue: (batch, env) => consumeJobs(batch, env),
} satisfies ExportedHandler<Env>;
