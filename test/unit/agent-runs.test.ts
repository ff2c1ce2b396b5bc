// The parts of an agent run that need no room (CONTRACT 6, 14): what a
// request asks (run-request), what may apply (run-policy), what a person
// reads (run-words), and the board's one-step clear with its all-or-nothing
// placement (clear_frames, RoomCore.executeAll).
import { describe, expect, it } from "vitest";
import { tryCommand } from "../../worker/domain/commands";
import type { ChatMessage } from "../../worker/domain/chat";
import { applyEvent } from "../../worker/domain/events";
import { emptyBoard } from "../../worker/domain/board";
import { RoomCore, type StoredEvent } from "../../worker/room/room-core";
import { judgeCommand, judgeGenerate, judgeResolve, noteApplied, type PolicyState } from "../../worker/room/run-policy";
import { CONTINUE_PROMPT, notesRequestText, planRun, type RequestContext } from "../../worker/room/run-request";
import { endingText, notAppliedText, openTagAt, plainProviderError, plainReason } from "../../worker/room/run-words";
import type { RunRecord } from "../../worker/room/run-record";
import { boardWith, frameWith } from "../support/boards";
import { MemoryRoomStore } from "../support/memory-store";

/** What no person may read: a tag, an id the room makes, a quoted internal name or a variable name. */
const INTERNAL = /<\/?[a-z]+[\s/>]|\b(?:cmt|msg|run|usr|frame)_[A-Za-z0-9_-]+|"|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/;

const board = boardWith({
  frames: [
    frameWith({ id: "f1", title: "Street" }),
    frameWith({ id: "f2", shot: "2A", title: "Door" }),
    frameWith({ id: "f3", shot: "2A", title: "Hall" }),
    frameWith({ id: "f4", shot: "Opening wide", title: "Sky" }),
  ],
});

const message = (over: Partial<ChatMessage>): ChatMessage => ({
  id: "msg_x",
  role: "user",
  text: "",
  author: { id: "usr_1", name: "Ada" },
  createdAt: "2026-01-01T00:00:00.000Z",
  ...over,
});

function context(over: Partial<RequestContext> = {}): RequestContext {
  let n = 0;
  return {
    board,
    recent: [],
    lastUser: null,
    latestRunId: null,
    runOf: () => null,
    editedSince: () => false,
    user: { id: "usr_1", name: "Ada" },
    redact: (s) => s.replace(/sk-[a-z]+/g, "[redacted]"),
    runId: "run_now",
    newMessageId: () => `msg_${++n}`,
    at: "2026-01-01T00:01:00.000Z",
    ...over,
  };
}

describe("run request", () => {
  const notes = [
    { commentId: "cmt_door", frameId: "f2", text: "make it a close-up" },
    { commentId: "cmt_hall", frameId: "f3", text: "warmer light" },
    { commentId: "cmt_sky", frameId: "f4", text: "slower" },
  ];

  it("shows an apply-notes request in words and gives the model each note with its comment and frame", () => {
    const out = planRun({ kind: "send", text: "", scope: ["f2", "f3", "f4"], notes }, context());
    if (!out.ok) throw new Error(out.message);
    expect(out.plan.userMessage?.text).toBe("Apply 3 notes on shots 2A and Opening wide");
    expect(out.plan.userMessage?.text).not.toMatch(INTERNAL);
    expect(out.plan.notes).toEqual(notes);
    for (const n of notes) expect(out.plan.prompt).toContain(`comment ${n.commentId} on frame ${n.frameId}`);
    expect(out.plan.prompt).toContain('<resolve comment="ID"/>');
    expect(out.plan.prompt).toContain("(Only shots 2A, 2A, Opening wide may change.)");
    // The offline agent reads the records, not the text.
    expect(out.plan.latest).toBe("");
  });

  it("says which shots the notes are on once each, with the person's own words after", () => {
    expect(notesRequestText([notes[0]!, { ...notes[0]!, commentId: "cmt_2" }], board)).toBe("Apply 2 notes on shot 2A");
    expect(notesRequestText([notes[2]!], board, "keep it moody")).toBe("Apply 1 note on shot Opening wide: keep it moody");
  });

  it("refuses a scope naming a shot that is gone, in words without its id", () => {
    const out = planRun({ kind: "send", text: "go", scope: ["f9"] }, context());
    expect(out).toMatchObject({ ok: false, code: "invalid_request" });
    expect(JSON.stringify(out)).not.toContain("f9");
  });

  it("redacts a pasted key from the stored message but gives the model the words as typed", () => {
    const out = planRun({ kind: "send", text: "use sk-secret" }, context());
    if (!out.ok) throw new Error(out.message);
    expect(out.plan.userMessage?.text).toBe("use [redacted]");
    expect(out.plan.latest).toBe("use sk-secret");
  });

  it("answers the last message again by hiding its answers and reverting the runs behind them, newest first", () => {
    const asked = message({ id: "msg_q", text: "three shots" });
    const recent = [
      message({ id: "msg_old", text: "hello" }),
      asked,
      message({ id: "msg_a1", role: "assistant", runId: "run_1", cutOff: true }),
      message({ id: "msg_a2", role: "assistant", runId: "run_2" }),
    ];
    const out = planRun({ kind: "regenerate" }, context({ recent, lastUser: asked }));
    if (!out.ok) throw new Error(out.message);
    expect(out.plan.reverts).toEqual(["run_2", "run_1"]);
    expect(out.plan.replaced.map((m) => [m.id, m.supersededBy])).toEqual([
      ["msg_a1", "run_now"],
      ["msg_a2", "run_now"],
    ]);
    expect(out.plan.history.map((m) => m.id)).toEqual(["msg_old"]);
    expect(out.plan.userMessage).toBeUndefined();
  });

  it("refuses to answer again over a person's later edit, and an edit by someone else", () => {
    const asked = message({ id: "msg_q" });
    const recent = [asked, message({ id: "msg_a", role: "assistant", runId: "run_1" })];
    expect(planRun({ kind: "regenerate" }, context({ recent, lastUser: asked, editedSince: () => true }))).toMatchObject({ ok: false, code: "conflict" });
    expect(planRun({ kind: "edit", messageId: "msg_q", text: "x" }, context({ recent, lastUser: asked, user: { id: "usr_2", name: "Bo" } }))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(planRun({ kind: "regenerate" }, context())).toMatchObject({ ok: false, code: "not_found" });
  });

  it("continues a cut-off answer from its raw output, seeded with what the chain applied", () => {
    const run = {
      id: "run_1",
      scope: ["f1"],
      trace: { raw: 'Two shots <frame op="add" id="f5"/>', commands: [{ status: "applied", command: { type: "add_frame", frame: { id: "f5" } } }] },
    } as unknown as RunRecord;
    const recent = [message({ id: "msg_q" }), message({ id: "msg_a", role: "assistant", runId: "run_1", cutOff: true, text: "Two shots" })];
    const out = planRun({ kind: "continue" }, context({ recent, runOf: () => run }));
    if (!out.ok) throw new Error(out.message);
    expect(out.plan.latest).toBe(CONTINUE_PROMPT);
    expect(out.plan.seed).toEqual([JSON.stringify({ type: "add_frame", frame: { id: "f5" } })]);
    expect(out.plan.history.at(-1)?.text).toBe(run.trace.raw);
    expect(out.plan.scope).toEqual(["f1"]);
    expect(planRun({ kind: "continue" }, context({ recent: recent.slice(0, 1) }))).toMatchObject({ ok: false, code: "conflict" });
  });
});

describe("run policy", () => {
  const state = (over: Partial<PolicyState> = {}): PolicyState => ({ applied: new Set(), ...over });

  it("ignores a command identical to one applied, but lets a rejected one try again", () => {
    const s = state();
    const add = { type: "add_frame", frame: { id: "f9" } };
    expect(judgeCommand(s, board, add)).toEqual({ kind: "apply", command: add });
    noteApplied(s, add, add);
    expect(judgeCommand(s, board, add)).toMatchObject({ kind: "duplicate" });
  });

  it("keeps a scoped run to its frames, never lets it clear the board, and places its additions after the scope", () => {
    const s = state({ scope: new Set(["f2"]) });
    expect(judgeCommand(s, board, { type: "clear_frames" })).toMatchObject({ kind: "rejected", code: "out_of_scope" });
    expect(judgeCommand(s, board, { type: "update_frame", id: "f1", patch: { title: "x" } })).toMatchObject({
      kind: "rejected",
      reason: "shot 1 is outside the message's scope",
    });
    const placed = judgeCommand(s, board, { type: "add_frame", frame: { id: "f9" } });
    expect(placed).toEqual({ kind: "apply", command: { type: "add_frame", frame: { id: "f9" }, after: "f2" } });
    noteApplied(s, { type: "add_frame", frame: { id: "f9" } }, (placed as { command: Record<string, unknown> }).command);
    expect(judgeCommand(s, board, { type: "update_frame", id: "f9", patch: { title: "mine" } }).kind).toBe("apply");
  });

  it("starts pictures only inside the scope, and resolves only the notes the run was given", () => {
    expect(judgeGenerate(state({ scope: new Set(["f2"]) }), "f1")).toMatchObject({ kind: "rejected", code: "out_of_scope" });
    expect(judgeResolve(state({ notes: new Set(["cmt_a"]) }), "cmt_b")).toMatchObject({ kind: "rejected" });
    expect(judgeResolve(state({ notes: new Set(["cmt_a"]) }), "cmt_a").kind).toBe("apply");
  });
});

describe("run words", () => {
  it("never passes a tag, an id or a parser message to a person", () => {
    const reasons = [
      "<frame> was still open when the answer ended",
      'no frame "f_9x" to add after',
      'frame "f3" already exists',
      'no asset "mia"',
      "frame.id: Invalid string: must match pattern",
      'unknown attribute "colour"',
      "more than 500 commands in one run",
    ];
    for (const reason of reasons) {
      const text = notAppliedText("frame", { type: "add_frame", frame: { id: "f_9x", title: "Door" } }, reason, board);
      expect(text, reason).not.toMatch(INTERNAL);
      expect(text).toMatch(/^The agent's .+ was not applied: .+\.$/);
    }
    expect(plainReason("<frame> was still open when the answer ended")).toBe("the answer ended before it was finished");
    expect(notAppliedText("frame", { type: "update_frame", id: "f2", patch: {} }, "the patch changes nothing", board)).toBe(
      "The agent's change to shot 2A was not applied: it changes nothing.",
    );
  });

  it("keeps configuration names out of a provider's error", () => {
    const text = plainProviderError("not_configured", "AGENT_PROVIDER is openai but OPENAI_API_KEY is not set.");
    expect(text).not.toMatch(INTERNAL);
    expect(plainProviderError("auth", "The provider refused the API key (401). Check OPENAI_API_KEY.")).toBe(
      "The provider refused the agent's API key (401); ask whoever runs this server to check it.",
    );
    expect(plainProviderError("rate_limited", "The provider is rate limiting requests (429). Try again in a moment.")).toContain("429");
  });

  it("closes a stopped answer with what applied, counted from its events, and the shot it was writing", () => {
    let b = emptyBoard("ep_1");
    const events = ["a", "b", "c"].map((id) => {
      const r = tryCommand(b, { type: "add_frame", frame: { id, title: id } }, { type: "agent", id: "agent" });
      if (!r.ok) throw new Error(r.reason);
      b = r.board;
      return r.event;
    });
    const raw = '<frame op="add" id="a"/><frame op="add" id="b"/><frame op="add" id="c"/><frame op="add" id="d" title="Do';
    const open = openTagAt(raw, "frame", b);
    expect(open).toEqual({ tag: "frame", newShot: 4 });
    const text = endingText({ status: "stopped", before: emptyBoard("ep_1"), events, open });
    expect(text).toBe("Stopped while writing shot 4; it was not added. This answer added 3 frames; undo it from the answer to take that back.");
    expect(endingText({ status: "stopped", before: board, events: [], heldBack: 12 })).toBe(
      "Stopped before the new storyboard was placed, so none of it was applied and the shots it was replacing are still on the board. Nothing from this answer was applied.",
    );
    expect(endingText({ status: "failed", before: board, events: [] })).toBe("The answer failed. Nothing from this answer was applied.");
  });
});

describe("clear_frames", () => {
  const agent = { type: "agent" as const, id: "agent" };

  it("removes every frame in one event and keeps the rest of the board; an empty board has nothing to clear", () => {
    const withCast = { ...board, assets: [{ id: "mia", kind: "character" as const, name: "Mia", description: "", prompt: "" }] };
    const r = tryCommand(withCast, { type: "clear_frames" }, agent);
    if (!r.ok) throw new Error(r.reason);
    expect(r.event).toEqual({ kind: "clear_frames", data: {} });
    expect(r.board.frames).toEqual([]);
    expect(r.board.assets).toEqual(withCast.assets);
    expect(tryCommand(r.board, { type: "clear_frames" }, agent)).toEqual({ ok: false, reason: "the board has no shots to clear" });
    expect(tryCommand(board, { type: "clear_frames", frames: [] }, agent).ok).toBe(false);
  });

  it("is the agent's alone: a person, an editor included, empties the board with a reset", () => {
    const editor = { type: "user" as const, id: "usr_1" };
    expect(tryCommand(board, { type: "clear_frames" }, editor)).toEqual({
      ok: false,
      reason: "only the agent clears every shot in one step; a reset empties the board",
    });
  });

  it("is undone with the run that cleared, bringing every frame back in order", () => {
    const core = new RoomCore(new MemoryRoomStore(), "ep_1");
    for (const id of ["a", "b", "c"]) core.execute({ type: "add_frame", frame: { id } }, { type: "user", id: "usr_1" });
    const before = core.board;
    expect(core.execute({ type: "clear_frames" }, agent, "run_clear").ok).toBe(true);
    core.execute({ type: "add_frame", frame: { id: "new" } }, agent, "run_clear");
    expect(core.board.frames.map((f) => f.id)).toEqual(["new"]);
    expect(core.undoRun("run_clear", { type: "user", id: "usr_1" }, "undo_1").ok).toBe(true);
    expect(core.board).toEqual(before);
  });
});

describe("placing a replacing run's board", () => {
  /** A store whose third append fails, as a full disk would. */
  class FailingThird extends MemoryRoomStore {
    appended = 0;
    override appendEvent(e: StoredEvent): number {
      if (++this.appended === 3) throw new Error("disk full");
      return super.appendEvent(e);
    }
  }

  it("commits every command that fits in one transaction, leaving out one that does not, with its reason", () => {
    const store = new MemoryRoomStore();
    const core = new RoomCore(store, "ep_1");
    core.execute({ type: "add_frame", frame: { id: "old" } }, { type: "user", id: "usr_1" });
    const out = core.executeAll(
      [
        { type: "clear_frames" },
        { type: "add_frame", frame: { id: "a" } },
        { type: "add_frame", frame: { id: "a" } },
        { type: "add_frame", frame: { id: "b" } },
      ],
      { type: "agent", id: "agent" },
      "run_1",
    );
    expect(out.map((o) => (o.ok ? o.value.seq : o.reason))).toEqual([2, 3, 'frame "a" already exists', 4]);
    expect(core.board.frames.map((f) => f.id)).toEqual(["a", "b"]);
    expect(store.eventsLog.reduce((b, e) => applyEvent(b, e.event), emptyBoard("ep_1"))).toEqual(core.board);
  });

  it("stores none of them when one write fails, and the board stays as it was", () => {
    const store = new FailingThird();
    const core = new RoomCore(store, "ep_1");
    core.execute({ type: "add_frame", frame: { id: "old" } }, { type: "user", id: "usr_1" });
    const before = core.board;
    expect(() =>
      core.executeAll(
        [{ type: "clear_frames" }, { type: "add_frame", frame: { id: "a" } }, { type: "add_frame", frame: { id: "b" } }],
        { type: "agent", id: "agent" },
        "run_1",
      ),
    ).toThrow("disk full");
    expect(core.board).toBe(before);
    expect(core.seq).toBe(1);
    expect(store.eventsLog).toHaveLength(1);
  });
});
