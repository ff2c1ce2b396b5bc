// A hibernatable WebSocket as Room sees it: the session lives in the
// socket's attachment, so who it is (and whether it was revoked) survives
// the Durable Object hibernating.
import { type RoomSocket, SocketSession } from "./room";

/** A hibernatable WebSocket as Room sees it; the session lives in the attachment. */
export class HibernatedSocket implements RoomSocket {
  constructor(readonly ws: WebSocket) {}
  get session(): SocketSession {
    return SocketSession.parse(this.ws.deserializeAttachment());
  }
  setSession(s: SocketSession): void {
    this.ws.serializeAttachment(s);
  }
  send(message: string): void {
    this.ws.send(message);
  }
  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }
  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }
}
