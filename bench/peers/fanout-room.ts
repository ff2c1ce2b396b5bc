// The fair bare baselines: a hibernating Durable Object that only fans each
// message out to every socket. No parsing, validation or storage. The bench
// sends it messages of exactly the size of the room's board_event for the same
// edit, so the only difference left is the work a real room does.
//
// A room named `durable-…` also appends each message to its SQLite before the
// fan-out: the floor of any room whose edits are durable before anyone sees
// them (the output gate holds the sends until the write is stored).
import { DurableObject } from "cloudflare:workers";

export class FanoutRoom extends DurableObject {
  private durable: boolean | undefined;

  override async fetch(request: Request): Promise<Response> {
    this.durable = new URL(request.url).searchParams.get("room")?.startsWith("durable-") ?? false;
    if (this.durable) this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    await this.ctx.storage.put("durable", this.durable);
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(_ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    this.durable ??= (await this.ctx.storage.get<boolean>("durable")) ?? false;
    if (this.durable) this.ctx.storage.sql.exec("INSERT INTO log (body) VALUES (?)", message);
    for (const socket of this.ctx.getWebSockets()) socket.send(message);
  }
}
