// An agent run's trace as GET …/runs/:runId/trace sends it (the room's
// Trace in worker/room/agent-runs.ts): the prompt, the raw answer, each
// command tag and what became of it, and the timings.
import { z } from "zod";

export const TraceEntry = z.object({
  atMs: z.number(),
  tag: z.string(),
  status: z.enum(["applied", "staged", "proposed", "rejected", "duplicate"]),
  command: z.unknown().optional(),
  reason: z.string().optional(),
  seq: z.number().optional(),
});

export const RunTrace = z.object({
  runId: z.string(),
  provider: z.string(),
  model: z.string(),
  prompt: z.array(z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string() })),
  promptTokens: z.number(),
  trimmed: z.object({ chatTurnsDropped: z.number(), boardDetail: z.string() }),
  raw: z.string(),
  commands: z.array(TraceEntry),
  timings: z.object({ startedAt: z.string(), firstTokenMs: z.number().optional(), totalMs: z.number().optional() }),
  error: z.object({ kind: z.string(), message: z.string(), retryable: z.boolean() }).optional(),
});
export type RunTrace = z.infer<typeof RunTrace>;
export const TraceRes = z.object({ trace: RunTrace });
export type TraceRes = z.infer<typeof TraceRes>;
