// The jobs queue consumer: validates each message and routes it by type.
// A message that fails validation can never succeed on redelivery, so it is
// logged (without its body, which may hold user text) and acknowledged.
import type { Env } from "../env";
import { JobQueueMessage } from "./messages";

export async function consumeJobs(batch: MessageBatch<unknown>, _env: Env): Promise<void> {
  for (const msg of batch.messages) {
    const parsed = JobQueueMessage.safeParse(msg.body);
    if (!parsed.success) {
      console.warn(JSON.stringify({ at: "queue", event: "dropped_invalid_message", messageId: msg.id }));
      msg.ack();
      continue;
    }
    switch (parsed.data.type) {
      case "health_probe":
        // The probe only proves delivery end to end; nothing to do.
        msg.ack();
        break;
    }
  }
}
