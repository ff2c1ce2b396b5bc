// What a client message may leave on the shared audit trail (issue 21): every
// payload is strict, so a key nobody reads is refused as a bad message and
// never recorded; an audited message records only the fields its type
// allows, within a fixed size, whatever the payload held.
import { describe, expect, it } from "vitest";
import { ClientMessage } from "../../worker/domain/protocol";
import { harness } from "../support/fake-room";

let n = 0;
const id = () => `m${++n}`;
/** CONTRACT 11: an audit row's details are at most 4 KiB. */
const AUDIT_ROW_BYTES = 4 * 1024;
const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).byteLength;

/** One valid payload per client message type (the room need not accept it, only parse it). */
const VALID: Record<ClientMessage["type"], Record<string, unknown>> = {
  ping: {},
  board_command: { command: { type: "add_frame", frame: { id: "f9" } } },
  undo_run: { runId: "edit_1" },
  rewind: { toSeq: 0, dryRun: true },
  chat_send: { text: "hello" },
  chat_stop: {},
  chat_regenerate: {},
  chat_edit: { messageId: "msg_1", text: "hello" },
  chat_continue: {},
  reset: { confirm: "Pilot" },
  comment_add: { frameId: "f1", text: "closer" },
  comment_edit: { id: "c1", text: "closer" },
  comment_resolve: { id: "c1", resolved: true },
  comment_delete: { id: "c1" },
  frame_review: { frameId: "f1", verdict: "approved" },
  proposal_decide: { proposalId: "p1", accept: ["c1"], reject: [] },
};

describe("strict client messages", () => {
  it("lists a valid payload for every client message type, so each is checked below", () => {
    expect(Object.keys(VALID).sort()).toEqual(ClientMessage.options.map((o) => o.shape.type.value).sort());
    for (const [type, payload] of Object.entries(VALID)) expect(ClientMessage.safeParse({ type, id: "x", payload }).success, type).toBe(true);
  });

  it("refuses an unknown key in any payload or in the envelope as a bad message, and audits nothing of it", () => {
    const h = harness();
    for (const [type, payload] of Object.entries(VALID)) {
      // A socket each: ten bad messages in a row would close one (CONTRACT 3).
      const editor = h.connect({ userId: `usr_${type}`, role: "owner" });
      h.send(editor, { type, id: id(), payload: { ...payload, junk: "x".repeat(1000) } });
      expect(editor.of("error"), `${type} payload`).toEqual([
        expect.objectContaining({ payload: { code: "bad_message", message: `Malformed ${type} message.` } }),
      ]);
    }
    const fresh = h.connect({ userId: "usr_2", role: "owner" });
    h.send(fresh, { type: "chat_continue", id: id(), junk: "x".repeat(1000) } as never);
    expect(fresh.of("error").map((e) => e.payload.code)).toEqual(["bad_message"]);
    // Refused, it still gets its one ack (CONTRACT 3), saying why.
    expect(fresh.of("ack").map((a) => a.payload)).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ code: "bad_message" }) })]);
    expect(JSON.stringify(h.hooked.audit)).not.toContain("xxxx");
    expect(h.hooked.audit).toEqual([]);
  });
});

describe("audit rows of room messages", () => {
  it("record only the fields a message type allows, within a fixed size, even when the message is refused", () => {
    const h = harness();
    const editor = h.connect({ role: "owner" });
    // 500 long frame ids that are not on the board: refused, and still audited.
    const frameIds = Array.from({ length: 500 }, (_, i) => `f${String(i).padStart(38, "0")}`);
    h.send(editor, { type: "chat_send", id: id(), payload: { text: "secret words", scope: { frameIds }, notes: true } });
    h.send(editor, { type: "reset", id: id(), payload: { confirm: "a title typed wrong".repeat(10) } });
    expect(h.hooked.audit).toHaveLength(2);
    for (const row of h.hooked.audit as { details: Record<string, unknown> }[]) {
      expect(bytes(row.details)).toBeLessThanOrEqual(AUDIT_ROW_BYTES);
    }
    const [send, reset] = h.hooked.audit as { action: string; verdict: string; details: Record<string, unknown> }[];
    expect(send).toMatchObject({ action: "agent.run.start", verdict: "failed", details: { notes: true, error: "invalid_request" } });
    expect(JSON.stringify(send)).not.toContain("secret words");
    expect(JSON.stringify(send)).not.toContain(frameIds[0]);
    expect(reset).toMatchObject({ action: "board.reset", verdict: "failed", details: { error: "invalid_request" } });
    expect(JSON.stringify(reset)).not.toContain("typed wrong");
  });
});
