// Messages on the jobs queue, validated on receipt: the queue is an edge too.
import { z } from "zod";

export const HealthProbeMessage = z.object({ type: z.literal("health_probe"), sentAt: z.string() });

export const JobQueueMessage = z.discriminatedUnion("type", [HealthProbeMessage]);
export type JobQueueMessage = z.infer<typeof JobQueueMessage>;
