// Worker entry: the HTTP app, the jobs queue consumer, the every-minute
// sweep that keeps jobs from being stranded, and the room class.
import { app } from "./app";
import type { Env } from "./env";
import { sweepJobs } from "./jobs/service";
import { consumeJobs } from "./queue/consumer";

export { EpisodeRoom } from "./room/episode-room";

export default {
  fetch: app.fetch,
  queue: (batch, env) => consumeJobs(batch, env),
  // The Cron Trigger (wrangler.toml [triggers]). Awaited rather than left to
  // waitUntil, so a sweep that throws fails this invocation visibly; the
  // next minute's sweep picks up where it stopped.
  scheduled: async (_controller, env) => {
    await sweepJobs(env);
  },
} satisfies ExportedHandler<Env>;
