// Messages on the jobs queue, validated on receipt: the queue is an edge too.
import { z } from "zod";

export const HealthProbeMessage = z.object({ type: z.literal("health_probe"), sentAt: z.string() });
export const RunJobMessage = z.object({ type: z.literal("job"), jobId: z.string().max(64), attempt: z.number().int().positive(), token: z.string().max(64) });
export type RunJobMessage = z.infer<typeof RunJobMessage>;

export const JobQueueMessage = z.discriminatedUnion("type", [HealthProbeMessage, RunJobMessage]);
export type JobQueueMessage = z.infer<typeof JobQueueMessage>;
