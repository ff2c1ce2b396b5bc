// Proposals in the room (CONTRACT 14), with the offline demo agent: a message
// sent as "suggest" lands as a proposal every tab sees, not on the board; a
// decision applies what was accepted as one undoable event and reports in
// words a change that no longer fits.
import { describe, expect, it } from "vitest";
import type { DecideResult, Proposal } from "../../worker/domain/proposals";
import { boardOf, ownedEpisode } from "./helpers";
import { ask, command, connect, memberSocket, runEnded, runOf, send, type TestSocket } from "./socket";

const IDEA = "a 30-second ad for a night-time coffee shop, 6 shots";
const ASK = "make shot 2 a close-up and shot 3 6 seconds";

/** An episode with the idea on the board, then the ask sent as a suggestion; resolves once the proposal is open. */
async function proposed() {
  const episode = await ownedEpisode();
  const sock = await connect(episode.owner, episode.projectId, episode.episodeId);
  await runEnded(sock, await ask(sock, IDEA));
  const before = await boardOf(episode.owner, episode.base);
  const ack = await send(sock, "chat_send", { text: ASK, mode: "suggest" });
  expect(ack.payload).toMatchObject({ ok: true });
  const runId = runOf(ack);
  const open = await sock.next("proposal", (m) => m.payload.proposal.runId === runId && m.payload.proposal.status === "open");
  return { ...episode, sock, before, runId, proposal: open.payload.proposal };
}

const changeOf = (p: Proposal, text: string) => {
  const c = p.changes.find((x) => x.summary.includes(text));
  if (!c) throw new Error(`no change about "${text}" in ${p.changes.map((x) => x.summary).join(" | ")}`);
  return c;
};

async function decideOn(sock: TestSocket, proposalId: string, accept: string[], reject: string[]) {
  return send(sock, "proposal_decide", { proposalId, accept, reject });
}

describe("proposals", () => {
  it("refuses a chat_send or a proposal_decide with a key nobody reads", async () => {
    const { owner, projectId, episodeId } = await ownedEpisode();
    const sock = await connect(owner, projectId, episodeId);
    sock.send({ type: "chat_send", id: "x1", payload: { text: ASK, mode: "suggest", extra: 1 } });
    expect((await sock.next("error")).payload).toMatchObject({ code: "bad_message", message: "Malformed chat_send message." });
    sock.send({ type: "proposal_decide", id: "x2", payload: { proposalId: "prop_1", accept: [], reject: [], all: true } });
    expect((await sock.next("error", (m) => m.payload.message.includes("proposal_decide"))).payload).toMatchObject({ code: "bad_message" });
    sock.close();
  });

  it("refuses a viewer's decision", async () => {
    const { owner, projectId, episodeId, sock, proposal } = await proposed();
    const { sock: viewer } = await memberSocket(owner, projectId, episodeId, "viewer");
    const ack = await decideOn(viewer, proposal.id, [proposal.changes[0]!.id], []);
    expect(ack.payload).toMatchObject({ ok: false, error: { code: "forbidden" } });
    viewer.close();
    sock.close();
  });

  it("lands a suggested run as a proposal for everyone, not on the board", async () => {
    const { owner, projectId, episodeId, base, sock, before, runId, proposal } = await proposed();
    // The offline agent also brings the script's shot list up to date.
    expect(proposal.changes.map((c) => c.summary)).toEqual(["Shot 2: camera MS → CU", "Shot 3: length 4 s → 6 s", "Rewrite the script"]);
    // It grew while the run streamed: one proposal message per change, then the open one.
    const drafts = sock.messages.filter((m) => m.type === "proposal" && m.payload.proposal.runId === runId && m.payload.proposal.status === "drafting");
    expect(drafts.length).toBe(proposal.changes.length + 1);
    expect(await boardOf(owner, base)).toEqual(before);

    // The answer says what was proposed, counted from the proposal.
    const answer = await sock.next("chat_message", (m) => m.payload.runId === runId && m.payload.text.includes("Proposed"));
    expect(answer.payload.text).toContain(`**Proposed ${proposal.changes.length} changes**`);
    expect(answer.payload.text).toContain("- Shot 2: camera MS → CU");

    // A tab that joins now gets it in its metadata.
    const { sock: editor } = await memberSocket(owner, projectId, episodeId, "editor");
    const meta = await editor.next("metadata");
    expect(meta.payload.proposals).toEqual([proposal]);
    editor.close();
    sock.close();
  });

  it("applies the accepted changes as one undoable event and drops the rejected ones", async () => {
    const { owner, base, sock, before, proposal } = await proposed();
    const cu = changeOf(proposal, "camera MS → CU");
    const longer = changeOf(proposal, "length 4 s → 6 s");
    const ack = await decideOn(sock, proposal.id, [cu.id], [longer.id]);
    expect(ack.payload).toMatchObject({ ok: true });
    const result = (ack.payload as { result: DecideResult }).result;
    expect(result).toMatchObject({ proposalId: proposal.id, applied: [cu.id], rejected: [longer.id], notApplied: [] });

    const event = await sock.next("board_event", (m) => m.seq === result.seq);
    expect(event.payload.event).toMatchObject({ kind: "restore", data: { cause: { type: "proposal", proposalId: proposal.id } }, actor: { type: "user" } });
    const after = await boardOf(owner, base);
    expect(after.frames[1]!.camera).toBe("CU");
    expect(after.frames[2]!.durationSec).toBe(before.frames[2]!.durationSec);

    // What is left still waits; the decided changes are gone from it.
    const left = await sock.next(
      "proposal",
      (m) => m.payload.proposal.id === proposal.id && m.payload.proposal.status !== "drafting" && m.payload.proposal.changes.length === 1,
    );
    expect(left.payload.proposal).toMatchObject({ status: "open", changes: [{ summary: "Rewrite the script" }] });

    // One undo takes the whole decision back.
    const undo = await send(sock, "undo_run", { runId: result.runId });
    expect(undo.payload).toMatchObject({ ok: true });
    expect((await boardOf(owner, base)).frames[1]!.camera).toBe(before.frames[1]!.camera);

    // Deciding the rest closes the proposal; a tab that joins then gets none.
    const rest = left.payload.proposal.changes.map((c) => c.id);
    const last = await decideOn(sock, proposal.id, [], rest);
    expect(last.payload).toMatchObject({ ok: true, result: { seq: null, runId: null, applied: [], rejected: rest } });
    await sock.next("proposal", (m) => m.payload.proposal.id === proposal.id && m.payload.proposal.status === "decided");
    const again = await decideOn(sock, proposal.id, [], rest);
    expect(again.payload).toMatchObject({ ok: false, error: { code: "not_found" } });
    sock.close();
  });

  it("reports a change whose shot someone removed meanwhile, and still applies the rest", async () => {
    const { owner, base, sock, before, proposal } = await proposed();
    const cu = changeOf(proposal, "camera MS → CU");
    const longer = changeOf(proposal, "length 4 s → 6 s");
    expect((await command(sock, { type: "remove_frame", id: before.frames[2]!.id })).payload).toMatchObject({ ok: true });

    const ack = await decideOn(sock, proposal.id, [cu.id, longer.id], []);
    const result = (ack.payload as { result: DecideResult }).result;
    expect(result.applied).toEqual([cu.id]);
    expect(result.notApplied).toEqual([{ id: longer.id, summary: longer.summary, reason: "that shot is no longer on the board" }]);
    const after = await boardOf(owner, base);
    expect(after.frames[1]!.camera).toBe("CU");
    expect(after.frames).toHaveLength(before.frames.length - 1);
    sock.close();
  });
});
