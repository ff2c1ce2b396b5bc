// Proposals (CONTRACT 14) as pure functions: what a run may add to one, the
// words each change is summarized in, and a decision that applies what still
// fits as one event and reports the rest in words.
import { describe, expect, it } from "vitest";
import type { Board } from "../../worker/domain/board";
import type { Command } from "../../worker/domain/commands";
import { applyEvent } from "../../worker/domain/events";
import {
  decide,
  decisionWords,
  finishDrafting,
  MAX_PROPOSAL_CHANGES,
  newProposal,
  type Proposal,
  propose,
  proposedWords,
  summarize,
} from "../../worker/domain/proposals";
import { boardWith, frameWith } from "../support/boards";

const board = boardWith({
  frames: [
    frameWith({ id: "f1", title: "Night exterior", camera: "EWS", durationSec: 5 }),
    frameWith({ id: "f2", title: "Meet Mia", camera: "MS", durationSec: 4 }),
    frameWith({ id: "f3", title: "The ritual", camera: "INSERT", durationSec: 4 }),
    frameWith({ id: "f4", title: "The door", camera: "WS", durationSec: 3 }),
  ],
});

const drafting = () => newProposal("prop_1", "run_1", { id: "u1", name: "Mia" }, "2026-01-01T00:00:00.000Z");

/** A proposal built from commands the way a run builds it, then opened for decisions. */
function proposalOf(b: Board, ...commands: Command[]): Proposal {
  let p = drafting();
  for (const c of commands) {
    const out = propose(b, p, c);
    if (!out.ok) throw new Error(`fixture command refused: ${out.reason}`);
    p = out.proposal;
  }
  return finishDrafting(p);
}

const closeUp: Command = { type: "update_frame", id: "f2", patch: { camera: "CU" } };
const longer: Command = { type: "update_frame", id: "f3", patch: { durationSec: 6 } };
const dropDoor: Command = { type: "remove_frame", id: "f4" };

describe("propose", () => {
  it("refuses a command that is not a board command", () => {
    const out = propose(board, drafting(), { type: "paint_it_black" });
    expect(out.ok).toBe(false);
  });

  it("refuses a change to a shot that is not on the board", () => {
    const out = propose(board, drafting(), { type: "update_frame", id: "nope", patch: { camera: "CU" } });
    expect(out).toEqual({ ok: false, reason: 'no frame "nope"' });
  });

  it("refuses media the agent may never set", () => {
    const out = propose(board, drafting(), { type: "set_frame_media", id: "f1", media: { state: "ready" } });
    expect(out.ok).toBe(false);
  });

  it("refuses changes once the proposal is no longer being written", () => {
    const open = proposalOf(board, closeUp);
    expect(propose(board, open, longer)).toEqual({ ok: false, reason: "the proposal is no longer being written" });
  });

  it("refuses more than the most changes one proposal holds", () => {
    let p = drafting();
    for (let i = 0; i < MAX_PROPOSAL_CHANGES; i++) {
      const out = propose(board, p, { type: "add_frame", frame: { id: `n${i}`, title: `New ${i}` } });
      if (!out.ok) throw new Error(out.reason);
      p = out.proposal;
    }
    expect(propose(board, p, closeUp)).toEqual({ ok: false, reason: `a proposal holds at most ${MAX_PROPOSAL_CHANGES} changes` });
  });

  it("checks a change against the board as the proposal would leave it, so a run may change a shot it proposed", () => {
    let p = drafting();
    const add = propose(board, p, { type: "add_frame", frame: { id: "n1", title: "Barista smiles", camera: "CU" }, after: "f2" });
    expect(add.ok).toBe(true);
    if (add.ok) p = add.proposal;
    const edit = propose(board, p, { type: "update_frame", id: "n1", patch: { durationSec: 3 } });
    expect(edit.ok).toBe(true);
    if (edit.ok) {
      expect(edit.proposal.changes.map((c) => [c.id, c.frameId, c.summary])).toEqual([
        ["c1", "n1", "New shot after shot 2: “Barista smiles” · CU"],
        ["c2", "n1", "The new shot “Barista smiles”: length none → 3 s"],
      ]);
    }
  });

  it("names the shots as the board shows them, not as the proposal would renumber them", () => {
    const p = proposalOf(board, { type: "add_frame", frame: { id: "n1", title: "Cold open" }, after: null }, closeUp);
    expect(p.changes[1]?.summary).toBe("Shot 2: camera MS → CU");
  });

  it("leaves the board as it is", () => {
    proposalOf(board, closeUp, dropDoor);
    expect(board.frames.map((f) => f.camera)).toEqual(["EWS", "MS", "INSERT", "WS"]);
  });
});

describe("summaries in a director's words", () => {
  it.each<[string, Command, string]>([
    ["a camera change", closeUp, "Shot 2: camera MS → CU"],
    ["a length change", longer, "Shot 3: length 4 s → 6 s"],
    [
      "two fields at once",
      { type: "update_frame", id: "f1", patch: { camera: "WS", title: "Street" } },
      "Shot 1: title “Night exterior” → “Street”; camera EWS → WS",
    ],
    ["a removal", dropDoor, "Remove shot 4 “The door”"],
    ["a new shot in the middle", { type: "add_frame", frame: { id: "n1", title: "Barista smiles" }, after: "f2" }, "New shot after shot 2: “Barista smiles”"],
    [
      "a new shot at the end",
      { type: "add_frame", frame: { id: "n1", action: "Rain on glass", durationSec: 2 } },
      "New shot at the end: “Rain on glass” · 2 s",
    ],
    ["a new first shot", { type: "add_frame", frame: { id: "n1", title: "Cold open" }, after: null }, "New shot at the start: “Cold open”"],
    ["a move", { type: "move_frame", id: "f4", after: "f1" }, "Move shot 4 after shot 1"],
    ["a script", { type: "set_script", text: "INT. CAFE" }, "Write the script"],
    ["a format", { type: "set_format", aspect: "9:16" }, "Format: 16:9 → 9:16"],
  ])("%s", (_name, command, words) => {
    expect(summarize(board, command)).toBe(words);
  });

  it("never shows an id", () => {
    const words = [closeUp, longer, dropDoor, { type: "move_frame", id: "f4", after: "f1" } as Command].map((c) => summarize(board, c)).join(" ");
    expect(words).not.toMatch(/\bf\d\b/);
  });

  it("the run's closing words count the proposal's changes", () => {
    expect(proposedWords(proposalOf(board, closeUp, longer))).toBe(
      "**Proposed 2 changes** (nothing changes on the board until someone accepts them):\n- Shot 2: camera MS → CU\n- Shot 3: length 4 s → 6 s",
    );
    expect(proposedWords(proposalOf(board))).toBe("Proposed no changes: the board stays as it is.");
  });
});

describe("decide", () => {
  it("refuses a decision while the run is still writing the proposal", () => {
    const out = propose(board, drafting(), closeUp);
    if (!out.ok) throw new Error(out.reason);
    expect(decide(board, out.proposal, ["c1"], [])).toMatchObject({ ok: false, code: "conflict" });
  });

  it("refuses an empty decision", () => {
    expect(decide(board, proposalOf(board, closeUp), [], [])).toMatchObject({ ok: false, code: "invalid_request" });
  });

  it("refuses a change both accepted and rejected", () => {
    expect(decide(board, proposalOf(board, closeUp), ["c1"], ["c1"])).toMatchObject({ ok: false, code: "invalid_request" });
  });

  it("refuses a change that is not waiting in the proposal", () => {
    expect(decide(board, proposalOf(board, closeUp), ["c9"], [])).toMatchObject({ ok: false, code: "conflict" });
  });

  it("refuses a proposal already decided", () => {
    const d = decide(board, proposalOf(board, closeUp), [], ["c1"]);
    if (!d.ok) throw new Error(d.reason);
    expect(d.proposal.status).toBe("decided");
    expect(decide(board, d.proposal, [], ["c1"])).toMatchObject({ ok: false, code: "conflict" });
  });

  it("applies the accepted changes as one event, drops the rejected ones and keeps the rest waiting", () => {
    const p = proposalOf(board, closeUp, longer, dropDoor);
    const d = decide(board, p, ["c1", "c3"], ["c2"]);
    if (!d.ok) throw new Error(d.reason);
    expect(d.event?.kind).toBe("restore");
    const after = applyEvent(board, d.event!);
    expect(after.frames.map((f) => [f.id, f.camera, f.durationSec])).toEqual([
      ["f1", "EWS", 5],
      ["f2", "CU", 4],
      ["f3", "INSERT", 4],
    ]);
    expect(d.applied.map((c) => c.id)).toEqual(["c1", "c3"]);
    expect(d.rejected.map((c) => c.id)).toEqual(["c2"]);
    expect(d.notApplied).toEqual([]);
    expect(d.proposal).toMatchObject({ status: "decided", changes: [] });
  });

  it("keeps undecided changes open", () => {
    const d = decide(board, proposalOf(board, closeUp, longer), ["c1"], []);
    if (!d.ok) throw new Error(d.reason);
    expect(d.proposal.status).toBe("open");
    expect(d.proposal.changes.map((c) => c.id)).toEqual(["c2"]);
  });

  it("reports in words a change whose shot was removed meanwhile, and still applies the rest", () => {
    const p = proposalOf(board, closeUp, longer);
    const now = applyEvent(board, { kind: "remove_frame", data: { id: "f3" } });
    const d = decide(now, p, ["c1", "c2"], []);
    if (!d.ok) throw new Error(d.reason);
    expect(d.applied.map((c) => c.id)).toEqual(["c1"]);
    expect(d.notApplied).toEqual([{ id: "c2", summary: "Shot 3: length 4 s → 6 s", reason: "that shot is no longer on the board" }]);
    expect(applyEvent(now, d.event!).frames.find((f) => f.id === "f2")?.camera).toBe("CU");
    expect(decisionWords({ applied: ["c1"], notApplied: d.notApplied, rejected: [] })).toBe(
      "Applied 1 change as one step. Not applied: Shot 3: length 4 s → 6 s (that shot is no longer on the board).",
    );
  });

  it("reports a change to a proposed new shot that was not accepted", () => {
    const p = proposalOf(board, { type: "add_frame", frame: { id: "n1", title: "Smile" } }, { type: "update_frame", id: "n1", patch: { camera: "CU" } });
    const d = decide(board, p, ["c2"], ["c1"]);
    if (!d.ok) throw new Error(d.reason);
    expect(d.event).toBeNull();
    expect(d.notApplied).toEqual([{ id: "c2", summary: "The new shot “Smile”: camera none → CU", reason: "the new shot it is about was not accepted" }]);
  });

  it("applies a new shot and the change to it together", () => {
    const p = proposalOf(
      board,
      { type: "add_frame", frame: { id: "n1", title: "Smile" }, after: "f1" },
      { type: "update_frame", id: "n1", patch: { camera: "CU" } },
    );
    const d = decide(board, p, ["c1", "c2"], []);
    if (!d.ok) throw new Error(d.reason);
    const after = applyEvent(board, d.event!);
    expect(after.frames[1]).toMatchObject({ id: "n1", title: "Smile", camera: "CU" });
  });
});
