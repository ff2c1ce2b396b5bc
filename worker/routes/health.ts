// GET /api/health: real probes of D1, R2, the queue, a Durable Object and the
// configured providers. Down (503) only when the database is unreachable,
// since nothing works without it; any other failure is "degraded".
import { Hono } from "hono";
import pkg from "../../package.json";
import type { ComponentHealth, Health } from "../domain/api";
import type { AppEnv, Env } from "../env";
import { agentMode, mediaMode } from "../providers";
import { roomFor } from "../rooms";

const PROBE_TIMEOUT_MS = 2000;
const QUEUE_PROBE_TTL_MS = 30_000;

async function probe(run: () => Promise<unknown>): Promise<ComponentHealth> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
    });
    const detail = await Promise.race([run(), timeout]);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return typeof detail === "string" && detail ? { status: "ok", latencyMs, detail } : { status: "ok", latencyMs };
  } catch (err) {
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    // Only the error's message: binding errors carry no secret values.
    return { status: "down", latencyMs, detail: err instanceof Error ? err.message : "probe failed" };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

// Sending a probe on every health poll would fill the queue; one send per
// isolate every 30 s proves the producer works without that cost.
let lastQueueProbe: { at: number; result: ComponentHealth } | undefined;
async function probeQueue(env: Env): Promise<ComponentHealth> {
  if (lastQueueProbe && Date.now() - lastQueueProbe.at < QUEUE_PROBE_TTL_MS && lastQueueProbe.result.status === "ok") {
    return { ...lastQueueProbe.result, detail: "producer accepted a probe in the last 30 s" };
  }
  const result = await probe(async () => {
    await env.JOBS.send({ type: "health_probe", sentAt: new Date().toISOString() });
    return "producer accepted a probe message";
  });
  lastQueueProbe = { at: Date.now(), result };
  return result;
}

export async function checkHealth(env: Env): Promise<Health> {
  const [database, storage, queue, rooms] = await Promise.all([
    probe(async () => {
      await env.DB.prepare("SELECT 1").first();
    }),
    probe(async () => {
      await env.ARTIFACTS.head("health/probe");
    }),
    probeQueue(env),
    probe(async () => {
      await roomFor(env, "health-probe").ping();
    }),
  ]);
  const agent = agentMode(env);
  const media = mediaMode(env);
  const components = {
    database,
    storage,
    queue,
    rooms,
    agent: { status: agent.ready ? "ok" : "degraded", detail: agent.detail } as ComponentHealth,
    media: { status: media.ready ? "ok" : "degraded", detail: media.detail } as ComponentHealth,
  };
  const status: Health["status"] = database.status === "down" ? "down" : Object.values(components).every((c) => c.status === "ok") ? "ok" : "degraded";
  return { status, components, version: pkg.version, timestamp: new Date().toISOString() };
}

export const healthRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const health = await checkHealth(c.env);
  c.header("Cache-Control", "no-store");
  return c.json(health, health.status === "down" ? 503 : 200);
});
