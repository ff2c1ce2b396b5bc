// "Apply the notes" (CONTRACT 9) through the room: the open comments of the
// chosen frames become one scoped run's instruction; it resolves, as the
// agent, only the notes it acted on. Refusals first.
import { describe, expect, it } from "vitest";
import type { Board } from "../../worker/domain/board";
import { readCamera } from "../../worker/domain/camera";
import { addMember, episodeOf, projectOf, signUp } from "./helpers";
import { connect, msgId, type TestSocket } from "./socket";

async function room() {
  const owner = await signUp("owner");
  const projectId = await projectOf(owner);
  const episodeId = await episodeOf(owner, projectId);
  return { owner, projectId, episodeId, base: `/api/v1/projects/${projectId}/episodes/${episodeId}` };
}

async function send(sock: TestSocket, type: string, payload: object) {
  const id = msgId();
  sock.send({ type, id, payload });
  return (await sock.next("ack", (m) => m.payload.id === id)).payload as {
    ok: boolean;
    result?: Record<string, unknown>;
    error?: { code: string; message: string };
  };
}

const done = (sock: TestSocket, runId: string) =>
  sock.next("agent_status", (m) => m.payload.runId === runId && ["completed", "stopped", "failed"].includes(m.payload.status as string));

type Note = { id: string; frameId: string; resolved: boolean; resolvedBy?: { type: string } };

async function storyboard() {
  const r = await room();
  const sock = await connect(r.owner, r.projectId, r.episodeId);
  const ack = await send(sock, "chat_send", { text: "a 30-second ad for a night-time coffee shop, 6 shots" });
  await done(sock, ack.result!.runId as string);
  const { board } = (await (await r.owner.client.get(`${r.base}/board`)).json()) as { board: Board };
  return { ...r, sock, board };
}

describe("apply the notes", () => {
  it("refuses a notes run with no open notes, a viewer, and a frame not on the board", async () => {
    const { owner, projectId, episodeId, sock, board } = await storyboard();
    const none = await send(sock, "chat_send", { text: "", notes: true });
    expect(none).toMatchObject({ ok: false, error: { code: "invalid_request" } });
    expect(none.error!.message).toMatch(/no open notes/);
    expect(await send(sock, "chat_send", { text: "", notes: true, scope: { frameIds: [board.frames[0]!.id] } })).toMatchObject({ ok: false });
    expect(await send(sock, "chat_send", { text: "", notes: true, scope: { frameIds: ["f_missing"] } })).toMatchObject({
      ok: false,
      error: { code: "invalid_request" },
    });
    const viewer = await signUp("viewer");
    await addMember(owner, projectId, viewer, "viewer");
    const vs = await connect(viewer, projectId, episodeId);
    const added = await send(sock, "comment_add", { frameId: board.frames[0]!.id, text: "make it a close-up" });
    expect(added.ok).toBe(true);
    expect(await send(vs, "chat_send", { text: "", notes: true })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    vs.close();
    sock.close();
  });

  it("resolves the note it carried out, leaves the other open, and changes nothing outside the scope", async () => {
    const { owner, base, sock, board } = await storyboard();
    const [f1, f2] = board.frames;
    const add = async (frameId: string, text: string) => ((await send(sock, "comment_add", { frameId, text })).result!.comment as Note).id;
    const applied = await add(f2!.id, "make it an extreme close-up");
    const vague = await add(f2!.id, "the vibe feels off somehow");
    const outside = await add(f1!.id, "make it a wide shot");

    const ack = await send(sock, "chat_send", { text: "", notes: true, scope: { frameIds: [f2!.id] } });
    expect(ack.ok).toBe(true);
    const runId = ack.result!.runId as string;
    const user = await sock.next("chat_message", (m) => m.payload.role === "user" && String(m.payload.text).includes(applied));
    expect(user.payload.scope).toEqual({ frameIds: [f2!.id] });
    await done(sock, runId);

    const resolved = await sock.next("comment", (m) => (m.payload.comment as Note).id === applied && (m.payload.comment as Note).resolved);
    expect(resolved.payload.comment).toMatchObject({ resolved: true, resolvedBy: { type: "agent", id: runId } });
    expect(sock.messages.some((m) => m.type === "comment" && (m.payload.comment as Note).id !== applied && (m.payload.comment as Note).resolved)).toBe(false);

    const after = ((await (await owner.client.get(`${base}/board`)).json()) as { board: Board }).board;
    expect(readCamera(after.frames.find((f) => f.id === f2!.id)!.camera).size).toBe("ECU");
    expect(after.frames.find((f) => f.id === f1!.id)).toEqual(f1);
    expect(after.frames).toHaveLength(board.frames.length);

    const answer = await sock.next("chat_message", (m) => m.payload.role === "assistant" && m.payload.runId === runId);
    expect(String(answer.payload.text)).toContain(vague);
    expect(String(answer.payload.text)).not.toContain("<resolve");

    // A fresh socket's snapshot agrees: one resolved, two open.
    const again = await send(sock, "chat_send", { text: "", notes: true, scope: { frameIds: [f2!.id] } });
    expect(again.ok).toBe(true);
    const next = await sock.next(
      "chat_message",
      (m) => m.payload.role === "user" && m.payload.runId === undefined && String(m.payload.text).includes(vague) && !String(m.payload.text).includes(applied),
    );
    expect(String(next.payload.text)).not.toContain(outside);
    await done(sock, again.result!.runId as string);
    sock.close();
  });
});
