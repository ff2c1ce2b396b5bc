// A room's proposals across a restart (CONTRACT 14): what a suggested run
// proposed is kept in the room's storage, so a reloaded room still shows it
// to a tab that joins and still applies it when someone decides.
import { describe, expect, it } from "vitest";
import { harness } from "../support/fake-room";

let n = 0;
const id = () => `m${++n}`;

describe("a proposal across a restart", () => {
  it("is in a joiner's metadata after the room reloads, and a decision still applies it", async () => {
    const h = harness();
    const tab = h.connect();
    h.send(tab, { type: "chat_send", id: id(), payload: { text: "two shots", mode: "suggest" } });
    h.provider.push("Two shots: ", '<frame op="add" id="f1" title="Rain on glass"/>', '<frame op="add" id="f2" title="Mia looks up"/>');
    h.provider.end();
    await h.settle();
    expect(h.room.core.board.frames).toEqual([]);
    const proposal = tab.of("proposal").at(-1)!.payload.proposal;
    expect(proposal).toMatchObject({
      status: "open",
      changes: [{ summary: "New shot at the end: “Rain on glass”" }, { summary: "New shot at the end: “Mia looks up”" }],
    });
    expect(tab.of("chat_message").at(-1)!.payload.text).toContain("**Proposed 2 changes**");

    h.restart();
    const joiner = h.connect({ userId: "usr_2", name: "Bo" });
    expect(joiner.of("metadata")[0]!.payload.proposals).toEqual([proposal]);

    const decision = id();
    h.send(joiner, { type: "proposal_decide", id: decision, payload: { proposalId: proposal.id, accept: ["c2"], reject: ["c1"] } });
    expect(joiner.ack(decision)).toMatchObject({ ok: true, result: { applied: ["c2"], rejected: ["c1"], notApplied: [] } });
    expect(h.room.core.board.frames.map((f) => f.title)).toEqual(["Mia looks up"]);
    h.restart();
    expect(h.connect().of("metadata")[0]!.payload.proposals).toEqual([]);
  });

  it("ends the proposal of a run a restart cut short, with what it had collected", async () => {
    const h = harness();
    const tab = h.connect();
    h.send(tab, { type: "chat_send", id: id(), payload: { text: "one shot", mode: "suggest" } });
    h.provider.push("One shot: ", '<frame op="add" id="f1" title="Rain on glass"/>');
    await h.settle();
    expect(tab.of("proposal").at(-1)!.payload.proposal.status).toBe("drafting");
    h.restart();
    const joiner = h.connect();
    expect(joiner.of("metadata")[0]!.payload.proposals).toMatchObject([{ status: "open", changes: [{ summary: "New shot at the end: “Rain on glass”" }] }]);
  });
});

describe("a suggestion that starts over", () => {
  it("keeps no clear in its proposal: the board cannot be half replaced by deciding change by change", async () => {
    const h = harness();
    const tab = h.connect();
    h.send(tab, { type: "chat_send", id: id(), payload: { text: "one shot", mode: "suggest" } });
    h.provider.push('<frame op="add" id="f1" title="Rain on glass"/>');
    h.provider.end();
    await h.settle();
    const first = tab.of("proposal").at(-1)!.payload.proposal;
    h.send(tab, { type: "proposal_decide", id: id(), payload: { proposalId: first.id, accept: ["c1"], reject: [] } });
    expect(h.room.core.board.frames).toHaveLength(1);

    h.send(tab, { type: "chat_send", id: id(), payload: { text: "start over", mode: "suggest" } });
    h.provider.push("Starting over: ", "<clear/>", '<frame op="add" id="f2" title="Mia looks up"/>');
    h.provider.end();
    await h.settle();
    const proposal = tab.of("proposal").at(-1)!.payload.proposal;
    expect(proposal.changes.map((c: { summary: string }) => c.summary)).toEqual(["New shot at the end: “Mia looks up”"]);
    expect(
      tab
        .of("warning")
        .map((w) => w.payload.message)
        .join(" "),
    ).toContain("a suggestion cannot start the board over");
    expect(h.room.core.board.frames.map((f) => f.title)).toEqual(["Rain on glass"]);
  });
});

describe("a suggestion's side effects", () => {
  it("starts no render: it is refused in words", async () => {
    const h = harness();
    const tab = h.connect();
    h.send(tab, { type: "chat_send", id: id(), payload: { text: "one shot and its picture", mode: "suggest" } });
    h.provider.push('<frame op="add" id="f1" title="Rain on glass"/>', '<generate frame="f1"/>');
    h.provider.end();
    await h.settle();
    const warnings = tab.of("warning").map((w) => w.payload.message);
    expect(warnings).toContain("A suggestion starts no render: render the shot once its changes are accepted.");
    expect(tab.of("proposal").at(-1)!.payload.proposal.changes).toHaveLength(1);
    expect(h.room.core.board.frames).toEqual([]);
  });
});
