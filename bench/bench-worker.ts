// The app's worker plus a bare echo room, for benchmarks only: the echo room
// accepts the same WebSockets (hibernation API) and relays each message
// without parsing, validating or storing it, which is the floor any real
// room is measured against. Never deployed; see bench/wrangler.bench.toml.
import { DurableObject } from "cloudflare:workers";
import { routeAgentRequest } from "agents";
import { routePartykitRequest } from "partyserver";
import app from "../worker/index";
import { composePrompt } from "../worker/jobs/pipeline";
import { SketchProvider } from "../worker/media/sketch";
import type { Env } from "../worker/env";

export { EpisodeRoom } from "../worker/index";
// The peers of bench/peers.bench.mjs, in the same workerd as the room.
export { BoardAgent } from "./peers/board-agent";
export { FanoutRoom } from "./peers/fanout-room";
export { YBoard } from "./peers/y-board";

export class EchoRoom extends DurableObject {
  override async fetch(): Promise<Response> {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const text = typeof message === "string" ? message : new TextDecoder().decode(message);
    // "all:" broadcasts to every socket (fan-out baseline); anything else answers the sender (ack baseline).
    if (text.startsWith("all:")) for (const s of this.ctx.getWebSockets()) s.send(text);
    else ws.send(text);
  }
}

/**
 * The jobs baseline: the same work a sketch job does for its output
 * (compose the prompt, render, write artifact and manifest to R2), inline,
 * with no queue, no lifecycle, no logs and no room events.
 */
async function inlineRender(env: Env, n: number): Promise<Response> {
  const provider = new SketchProvider();
  const frame = {
    id: "f1",
    shot: null,
    beatId: null,
    title: "Bench frame",
    action: "",
    sound: "",
    prompt: "a neon sign in the rain",
    camera: "CU",
    durationSec: 3,
    dialogue: "",
    continuity: { assetIds: [], notes: "" },
    status: "draft" as const,
    media: { state: "none" as const, revisions: [], shown: null },
  };
  const start = Date.now();
  for (let i = 0; i < n; i++) {
    const prompt = composePrompt({ frame, shot: "1", assets: [] });
    const out = await provider.render({ prompt, frame, shot: "1", assets: [] });
    await env.ARTIFACTS.put(`bench/inline/${i}.svg`, out.bytes, { httpMetadata: { contentType: out.mime } });
    await env.ARTIFACTS.put(`bench/inline/${i}.manifest.json`, JSON.stringify({ i, size: out.bytes.byteLength }));
  }
  return Response.json({ n, ms: Date.now() - start });
}

/** Seeds finished and open jobs straight into D1 for the metrics bench (rows from..from+n). */
async function seedJobs(env: Env, projectId: string, n: number, from: number): Promise<Response> {
  const statuses = ["success", "success", "success", "success", "failure", "canceled", "pending", "running"];
  const now = Date.now();
  const stmts: D1PreparedStatement[] = [];
  for (let i = from; i < from + n; i++) {
    const status = statuses[i % statuses.length]!;
    const done = status === "success" || status === "failure";
    const finished = new Date(now - (i % 7200) * 1000).toISOString();
    stmts.push(
      env.DB.prepare(
        "INSERT INTO jobs (id, project_id, episode_id, frame_id, provider, status, attempt, attempt_token, progress, input, plugin_timings, warnings, created_by, updated_at, finished_at, latency_ms) VALUES (?, ?, 'ep_benchbenchbenchbench', 'f1', 'sketch', ?, 1, 't', 0, '{}', '{}', '[]', 'bench', ?, ?, ?)",
      ).bind(`job_bench${String(i).padStart(12, "0")}`, projectId, status, finished, done ? finished : null, done ? 200 + ((i * 7919) % 5000) : null),
    );
  }
  for (let i = 0; i < stmts.length; i += 500) await env.DB.batch(stmts.slice(i, i + 500));
  return Response.json({ seeded: n });
}

/**
 * The uploads baseline: the same request body stored in R2 as it is, with no
 * session, membership, checks, quota row, room or audit.
 */
async function plainPut(env: Env, request: Request, key: string): Promise<Response> {
  const bytes = await request.arrayBuffer();
  await env.ARTIFACTS.put(`bench/r2-put/${key}`, bytes, { httpMetadata: { contentType: request.headers.get("content-type") ?? "application/octet-stream" } });
  return Response.json({ key, bytes: bytes.byteLength }, { status: 201 });
}

interface BenchEnv extends Env {
  ECHO_ROOM: DurableObjectNamespace<EchoRoom>;
  FANOUT_ROOM: DurableObjectNamespace;
}

export default {
  async fetch(request: Request, env: BenchEnv, ctx: ExecutionContext) {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/agents/")) return (await routeAgentRequest(request, env)) ?? new Response("no such agent", { status: 404 });
    if (url.pathname.startsWith("/parties/"))
      return (await routePartykitRequest(request, env as unknown as Cloudflare.Env)) ?? new Response("no such party", { status: 404 });
    if (url.pathname === "/bench/fanout") return env.FANOUT_ROOM.get(env.FANOUT_ROOM.idFromName(url.searchParams.get("room") ?? "fanout")).fetch(request);
    if (url.pathname === "/bench/echo") return env.ECHO_ROOM.get(env.ECHO_ROOM.idFromName(url.searchParams.get("room") ?? "echo")).fetch(request);
    if (url.pathname === "/bench/r2-put" && request.method === "POST") return plainPut(env, request, url.searchParams.get("key") ?? "x");
    if (url.pathname === "/bench/inline-render") return inlineRender(env, Number(url.searchParams.get("n") ?? 100));
    if (url.pathname === "/bench/seed-jobs")
      return seedJobs(env, url.searchParams.get("project") ?? "", Number(url.searchParams.get("n") ?? 1000), Number(url.searchParams.get("from") ?? 0));
    return app.fetch(request, env, ctx);
  },
  queue: app.queue,
} satisfies ExportedHandler<BenchEnv>;
