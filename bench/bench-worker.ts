// The app's worker plus a bare echo room, for benchmarks only: the echo room
// accepts the same WebSockets (hibernation API) and relays each message
// without parsing, validating or storing it, which is the floor any real
// room is measured against. Never deployed; see bench/wrangler.bench.toml.
import { DurableObject } from "cloudflare:workers";
import app from "../worker/index";
import type { Env } from "../worker/env";

export { EpisodeRoom } from "../worker/index";

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

interface BenchEnv extends Env {
  ECHO_ROOM: DurableObjectNamespace<EchoRoom>;
}

export default {
  fetch(request: Request, env: BenchEnv, ctx: ExecutionContext) {
    const url = new URL(request.url);
    if (url.pathname === "/bench/echo") return env.ECHO_ROOM.get(env.ECHO_ROOM.idFromName(url.searchParams.get("room") ?? "echo")).fetch(request);
    return app.fetch(request, env, ctx);
  },
  queue: app.queue,
} satisfies ExportedHandler<BenchEnv>;
