// "Apply the notes" (CONTRACT 9, 14) through the room: the open comments of
// the chosen frames go to one scoped run as records; the chat shows the
// request in words; the run resolves, as the agent, only the notes it acted
// on. Refusals first.
import { describe, expect, it } from "vitest";
import { readCamera } from "../../worker/domain/camera";
import { boardOf, ownedEpisode } from "./helpers";
import { connect, memberSocket, runEnded, send, type TestSocket } from "./socket";

type Ack = { ok: boolean; result?: Record<string, unknown>; error?: { code: string; message: string } };
/** Sends a message of `type` and resolves with its ack's payload. */
const acked = async (sock: TestSocket, type: string, payload: object) => (await send(sock, type, payload)).payload as Ack;

type Note = { id: string; frameId: string; resolved: boolean; resolvedBy?: { type: string } };

async function storyboard() {
  const r = await ownedEpisode();
  const sock = await connect(r.owner, r.projectId, r.episodeId);
  const ack = await acked(sock, "chat_send", { text: "a 30-second ad for a night-time coffee shop, 6 shots" });
  await runEnded(sock, ack.result!.runId as string);
  const board = await boardOf(r.owner, r.base);
  return { ...r, sock, board };
}

describe("apply the notes", () => {
  it("refuses a notes run with no open notes, a viewer, and a frame not on the board", async () => {
    const { owner, projectId, episodeId, sock, board } = await storyboard();
    const none = await acked(sock, "chat_send", { text: "", notes: true });
    expect(none).toMatchObject({ ok: false, error: { code: "invalid_request" } });
    expect(none.error!.message).toMatch(/no open notes/);
    expect(await acked(sock, "chat_send", { text: "", notes: true, scope: { frameIds: [board.frames[0]!.id] } })).toMatchObject({ ok: false });
    expect(await acked(sock, "chat_send", { text: "", notes: true, scope: { frameIds: ["f_missing"] } })).toMatchObject({
      ok: false,
      error: { code: "invalid_request" },
    });
    const { sock: vs } = await memberSocket(owner, projectId, episodeId, "viewer");
    const added = await acked(sock, "comment_add", { frameId: board.frames[0]!.id, text: "make it a close-up" });
    expect(added.ok).toBe(true);
    expect(await acked(vs, "chat_send", { text: "", notes: true })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    vs.close();
    sock.close();
  });

  it("resolves the note it carried out, leaves the other open, and changes nothing outside the scope", async () => {
    const { owner, base, sock, board } = await storyboard();
    const [f1, f2] = board.frames;
    const add = async (frameId: string, text: string) => ((await acked(sock, "comment_add", { frameId, text })).result!.comment as Note).id;
    const applied = await add(f2!.id, "make it an extreme close-up");
    const vagueText = "the vibe feels off somehow";
    const vague = await add(f2!.id, vagueText);
    const outside = await add(f1!.id, "make it a wide shot");

    const ack = await acked(sock, "chat_send", { text: "", notes: true, scope: { frameIds: [f2!.id] } });
    expect(ack.ok).toBe(true);
    const runId = ack.result!.runId as string;
    const user = await sock.next("chat_message", (m) => m.payload.role === "user" && m.payload.text === "Apply 2 notes on shot 2");
    expect(user.payload.scope).toEqual({ frameIds: [f2!.id] });
    await runEnded(sock, runId);

    const resolved = await sock.next("comment", (m) => (m.payload.comment as Note).id === applied && (m.payload.comment as Note).resolved);
    expect(resolved.payload.comment).toMatchObject({ resolved: true, resolvedBy: { type: "agent", id: runId } });
    expect(sock.messages.some((m) => m.type === "comment" && (m.payload.comment as Note).id !== applied && (m.payload.comment as Note).resolved)).toBe(false);

    const after = await boardOf(owner, base);
    expect(readCamera(after.frames.find((f) => f.id === f2!.id)!.camera).size).toBe("ECU");
    expect(after.frames.find((f) => f.id === f1!.id)).toEqual(f1);
    expect(after.frames).toHaveLength(board.frames.length);

    const answer = await sock.next("chat_message", (m) => m.payload.role === "assistant" && m.payload.runId === runId);
    expect(String(answer.payload.text)).toContain(vagueText);
    expect(String(answer.payload.text)).not.toContain("<resolve");
    for (const id of [applied, vague, outside]) expect(String(answer.payload.text)).not.toContain(id);

    // A fresh socket's snapshot agrees: one resolved, two open.
    const again = await acked(sock, "chat_send", { text: "", notes: true, scope: { frameIds: [f2!.id] } });
    expect(again.ok).toBe(true);
    // Only the note left open goes to the second run.
    await sock.next("chat_message", (m) => m.payload.role === "user" && m.payload.text === "Apply 1 note on shot 2");
    await runEnded(sock, again.result!.runId as string);
    sock.close();
  });
});
