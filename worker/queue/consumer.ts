// The jobs queue consumer: validates each message and routes it by type.
// A message that fails validation can never succeed on redelivery, so it is
// logged (without its body, which may hold user text) and acknowledged. A
// job attempt that throws is retried by the queue; after max_retries it goes
// to the dead-letter queue, whose consumer marks the job failed.
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../db/schema";
import { jobs } from "../db/schema";
import type { Env } from "../env";
import { processJob } from "../jobs/pipeline";
import { getJob, guarded, log } from "../jobs/store";
import { roomFor } from "../rooms";
import { JobQueueMessage } from "./messages";
import { eq } from "drizzle-orm";

export const DEAD_LETTER_QUEUE = "reelroom-jobs-dlq";

export async function consumeJobs(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const deadLetters = batch.queue === DEAD_LETTER_QUEUE;
  // Messages in a batch are independent jobs: run them side by side. Each
  // one's lifecycle is guarded on its own row, so order does not matter.
  await Promise.all(batch.messages.map((msg) => consumeOne(msg, env, deadLetters)));
}

async function consumeOne(msg: Message<unknown>, env: Env, deadLetters: boolean): Promise<void> {
  const parsed = JobQueueMessage.safeParse(msg.body);
  if (!parsed.success) {
    console.warn(JSON.stringify({ at: "queue", event: "dropped_invalid_message", messageId: msg.id }));
    msg.ack();
    return;
  }
  const body = parsed.data;
  if (body.type === "health_probe") {
    // The probe only proves delivery end to end; nothing to do.
    msg.ack();
    return;
  }
  if (deadLetters) {
    await deadLettered(env, body.jobId);
    msg.ack();
    return;
  }
  try {
    const outcome = await processJob(env, body);
    if (outcome === "busy") msg.retry({ delaySeconds: 65 });
    else msg.ack();
  } catch (err) {
    console.error(JSON.stringify({ at: "queue", event: "job_attempt_threw", jobId: body.jobId, error: String(err) }));
    msg.retry({ delaySeconds: Math.min(30, 2 ** msg.attempts) });
  }
}

/** The queue gave up on a job's message: say so on the job, and fail it if it was still open. */
async function deadLettered(env: Env, jobId: string): Promise<void> {
  const db = drizzle(env.DB, { schema });
  const row = await getJob(db, jobId);
  if (!row) return;
  await db.update(jobs).set({ deadLettered: true }).where(eq(jobs.id, jobId));
  const reason = "The job's queue message failed repeatedly and went to the dead-letter queue.";
  const failed = (await guarded(db, jobId, "fail", { set: { error: reason } })) ?? (row.status === "pending" ? await guarded(db, jobId, "start").then(() => guarded(db, jobId, "fail", { set: { error: reason } })) : null);
  await log(db, jobId, row.attempt, "error", reason);
  if (failed) await roomFor(env, row.episodeId).applyFrameMedia(row.frameId, { state: "failed", jobId, reason }).catch(() => false);
}
