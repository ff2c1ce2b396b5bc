// The hibernated socket's session (worker/room/hibernated-socket.ts): read
// from the attachment once, kept in step with every write, and never
// changeable behind the attachment's back. That one wrapper serves each
// socket for the room's life in memory is checked in workerd by
// test/workers/realtime.test.ts ("a demoted editor is refused at once").
import { describe, expect, it } from "vitest";
import { HibernatedSocket } from "../../worker/room/hibernated-socket";
import type { SocketSession } from "../../worker/room/room";

/** What workerd gives a Durable Object: an attachment that survives hibernation, copied in and out. */
function fakeWebSocket(initial: SocketSession) {
  let stored: unknown = structuredClone(initial);
  const calls = { deserialize: 0, serialize: 0 };
  const ws = {
    readyState: 1,
    deserializeAttachment: () => {
      calls.deserialize++;
      return structuredClone(stored);
    },
    serializeAttachment: (v: unknown) => {
      calls.serialize++;
      stored = structuredClone(v);
    },
    send() {},
    close() {},
  };
  return { ws: ws as unknown as WebSocket, calls, stored: () => stored };
}

const session: SocketSession = {
  connectionId: "c1",
  userId: "usr_1",
  name: "Ada",
  email: "ada@example.test",
  role: "editor",
  sessionId: "ses_1",
};

describe("a hibernated socket's session", () => {
  it("reads and validates the attachment once, however often the room asks", () => {
    const { ws, calls } = fakeWebSocket(session);
    const socket = new HibernatedSocket(ws);
    for (let i = 0; i < 100; i++) expect(socket.session.role).toBe("editor");
    expect(calls.deserialize).toBe(1);
  });

  it("writes every change to the attachment and reads the new value back at once", () => {
    const { ws, calls, stored } = fakeWebSocket(session);
    const socket = new HibernatedSocket(ws);
    socket.setSession({ ...socket.session, role: "viewer", revoked: "member removed" });
    expect(socket.session).toMatchObject({ role: "viewer", revoked: "member removed" });
    expect(stored()).toMatchObject({ role: "viewer", revoked: "member removed" });
    expect(calls.serialize).toBe(1);
  });

  it("is what a new wrapper reads after hibernation (the attachment is the truth)", () => {
    const { ws } = fakeWebSocket(session);
    new HibernatedSocket(ws).setSession({ ...session, role: "owner" });
    expect(new HibernatedSocket(ws).session.role).toBe("owner");
  });

  it("cannot be changed in place, so the kept copy never drifts from the attachment", () => {
    const { ws, stored } = fakeWebSocket(session);
    const socket = new HibernatedSocket(ws);
    expect(() => {
      (socket.session as { role: string }).role = "owner";
    }).toThrow(TypeError);
    expect(socket.session.role).toBe("editor");
    expect(stored()).toMatchObject({ role: "editor" });
  });

  it("cannot have a reviewer's grant changed in place either", () => {
    const { ws } = fakeWebSocket({ ...session, role: "reviewer", review: { linkId: "rl_1", expiresAt: 1, canComment: false } });
    const socket = new HibernatedSocket(ws);
    expect(() => {
      (socket.session.review as { canComment: boolean }).canComment = true;
    }).toThrow(TypeError);
    expect(socket.session.review?.canComment).toBe(false);
  });

  it("refuses an attachment that is not a session", () => {
    const { ws } = fakeWebSocket({ ...session, role: "root" as never });
    expect(() => new HibernatedSocket(ws).session).toThrow();
  });
});
