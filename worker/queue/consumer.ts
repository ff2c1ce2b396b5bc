// The consumer of the jobs queue, the exports queue (one message a batch)
// and their dead-letter queue: validates each message and routes it by type.
// A message that fails validation can never succeed on redelivery, so it is
// logged (without its body, which may hold user text) and acknowledged. A
// job attempt that throws is retried by the queue; after max_retries it goes
// to the dead-letter queue, whose consumer hands it to the jobs service.
import type { Env } from "../env";
import { processJob } from "../jobs/pipeline";
import { type JobsVars, jobsService } from "../jobs/service";
import { JobQueueMessage } from "./messages";

export const DEAD_LETTER_QUEUE = "reelroom-jobs-dlq";

export async function consumeJobs(batch: MessageBatch<unknown>, env: Env & JobsVars): Promise<void> {
  const deadLetters = batch.queue === DEAD_LETTER_QUEUE;
  // Messages in a batch are independent jobs: run them side by side. Each
  // one's lifecycle is guarded on its own row, so order does not matter.
  await Promise.all(batch.messages.map((msg) => consumeOne(msg, env, deadLetters)));
}

async function consumeOne(msg: Message<unknown>, env: Env & JobsVars, deadLetters: boolean): Promise<void> {
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
  try {
    if (deadLetters) await jobsService(env).deadLetter(body);
    else await processJob(env, body);
    msg.ack();
  } catch (err) {
    console.error(JSON.stringify({ at: "queue", event: deadLetters ? "dead_letter_threw" : "job_attempt_threw", jobId: body.jobId, error: String(err) }));
    msg.retry({ delaySeconds: Math.min(30, 2 ** msg.attempts) });
  }
}
