// A hibernatable WebSocket as Room sees it: the session lives in the
// socket's attachment, so who it is (and whether it was revoked) survives
// the Durable Object hibernating.
import { type RoomSocket, SocketSession } from "./room";

/**
 * A hibernatable WebSocket as Room sees it; the session lives in the attachment.
 * The room reads every socket's session on every broadcast (is it revoked, is it
 * a reviewer), so the wrapper keeps the parsed session: deserializing and
 * validating the attachment per read was half of a command's time with 50
 * sockets (docs/performance.md). EpisodeRoom keeps one wrapper per socket and
 * every write goes through setSession, so the copy never goes stale; after
 * hibernation a new wrapper reads the attachment once.
 */
export class HibernatedSocket implements RoomSocket {
  private cached: SocketSession | undefined;
  constructor(readonly ws: WebSocket) {}
  get session(): SocketSession {
    this.cached ??= frozen(SocketSession.parse(this.ws.deserializeAttachment()));
    return this.cached;
  }
  /** The attachment first: if it refuses the value, the kept copy still matches it. */
  setSession(s: SocketSession): void {
    this.ws.serializeAttachment(s);
    this.cached = frozen(s);
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

/** A copy nobody can change in place (its review grant included), so it cannot drift from the attachment. */
function frozen(s: SocketSession): SocketSession {
  return Object.freeze({ ...s, ...(s.review ? { review: Object.freeze({ ...s.review }) } : {}) });
}
