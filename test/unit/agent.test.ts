// The agent's pure parts: prompt assembly within a budget, redaction (also
// of streamed text), the offline demo agent, and recovery of a run cut short.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildPrompt, estimateTokens, GRAMMAR } from "../../worker/domain/agent/prompt";
import { makeRedactor, RedactingStream, redactDeep } from "../../worker/domain/agent/redact";
import { TagStreamParser } from "../../worker/domain/agent/tag-parser";
import { chunk, offlineAnswer } from "../../worker/agent/offline-agent";
import { tryCommand } from "../../worker/domain/commands";
import { Board } from "../../worker/domain/board";
import { readCamera } from "../../worker/domain/camera";
import { boardWith, frameWith } from "../support/boards";

const history = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ role: (i % 2 ? "assistant" : "user") as "user" | "assistant", text: `turn ${i} ${"x".repeat(400)}` }));
const bigBoard = boardWith({
  frames: Array.from({ length: 40 }, (_, i) => frameWith({ id: `f${i}`, title: `Shot ${i}`, prompt: "p".repeat(300), camera: "WS" })),
});

describe("prompt assembly", () => {
  it("sends the grammar, the board with ids, the chat and the latest message when they fit", () => {
    const p = buildPrompt({ board: bigBoard, history: history(2), latest: "make shot 3 a close-up", budgetTokens: 100_000 });
    expect(p.messages[0]!.content).toContain(GRAMMAR);
    expect(p.messages[0]!.content).toContain('3. f2 "Shot 2"');
    expect(p.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(p.trimmed).toEqual({ chatTurnsDropped: 0, boardDetail: "full" });
  });

  it("drops the oldest chat first, then board detail, and never the grammar or the latest message", () => {
    const latest = "the latest message, kept whole";
    const full = buildPrompt({ board: bigBoard, history: history(10), latest, budgetTokens: 100_000 });
    const tight = buildPrompt({ board: bigBoard, history: history(10), latest, budgetTokens: full.tokens - 500 });
    expect(tight.trimmed.chatTurnsDropped).toBeGreaterThan(0);
    expect(tight.trimmed.boardDetail).toBe("full");
    expect(tight.messages[1]!.content).not.toContain("turn 0 ");
    expect(tight.tokens).toBeLessThanOrEqual(full.tokens - 500);
    const tiny = buildPrompt({ board: bigBoard, history: history(10), latest, budgetTokens: 1500 });
    expect(tiny.trimmed.chatTurnsDropped).toBe(10);
    expect(tiny.trimmed.boardDetail).not.toBe("full");
    expect(tiny.messages[0]!.content).toContain(GRAMMAR);
    expect(tiny.messages.at(-1)!.content).toBe(latest);
  });

  it("estimates about four characters a token", () => {
    expect(estimateTokens("abcd".repeat(10))).toBe(10);
  });
});

describe("redaction", () => {
  it("keeps JSON intact when a secret sits right before a quote", () => {
    const r = makeRedactor([]);
    expect(redactDeep({ content: 'set password=hunter2hunter2" ok' }, r)).toEqual({ content: 'set password=[redacted]" ok' });
  });

  const secret = "sk-test-PLANTED-0123456789abcdef";
  const redact = makeRedactor([secret, "hunter2-long-password"]);

  it("removes configured secrets, bearer tokens and key shapes", () => {
    const out = redact(
      `key ${secret}, Authorization: Bearer abc.def.ghi123456, other sk-live-ABCDEFGHIJKLMNOPQRSTUV, api_key=zzzzzzzzzzzz, pw hunter2-long-password`,
    );
    expect(out).not.toContain(secret);
    expect(out).not.toContain("abc.def.ghi123456");
    expect(out).not.toContain("sk-live-ABCDEFGHIJKLMNOPQRST");
    expect(out).not.toContain("zzzzzzzzzzzz");
    expect(out).not.toContain("hunter2-long-password");
    expect(out).toContain("Bearer [redacted]");
  });

  it("never lets a secret through a stream, however it is split", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 20 }), (sizes) => {
        const text = `Here is the key ${secret} and a header Bearer ${secret} done`;
        const stream = new RedactingStream(redact);
        let out = "";
        for (let i = 0, k = 0; i < text.length; k++) {
          const n = sizes[k % sizes.length]!;
          out += stream.push(text.slice(i, i + n));
          i += n;
        }
        out += stream.flush();
        expect(out).not.toContain(secret);
        expect(out).toContain("Here is the key");
      }),
      { numRuns: 300 },
    );
  });
});

describe("the offline demo agent", () => {
  const system = { type: "system" as const, id: "t" };
  const applyAll = (text: string, board: Board): Board => {
    const p = new TagStreamParser();
    const events = [...chunk(text).flatMap((c) => p.write(c)), ...p.end()];
    expect(events.filter((e) => e.kind === "rejected")).toEqual([]);
    for (const e of events) {
      if (e.kind !== "command") continue;
      const r = tryCommand(board, e.command, system);
      if (!r.ok) throw new Error(r.reason);
      board = r.board;
    }
    return board;
  };

  it("storyboards an idea with the asked number of shots, beats and consistent assets, deterministically", () => {
    const text = offlineAnswer("a 30-second ad for a night-time coffee shop, 6 shots", boardWith());
    expect(offlineAnswer("a 30-second ad for a night-time coffee shop, 6 shots", boardWith())).toBe(text);
    const board = applyAll(text, boardWith());
    expect(board.frames).toHaveLength(6);
    expect(board.frames.reduce((s, f) => s + (f.durationSec ?? 0), 0)).toBe(30);
    expect(board.plan.beats.length).toBeGreaterThanOrEqual(2);
    expect(board.frames.every((f) => f.beatId && f.continuity.assetIds.every((a) => board.assets.some((x) => x.id === a)))).toBe(true);
    expect(Board.safeParse(board).success).toBe(true);
  });

  it("follows up edits on an existing board", () => {
    let board = applyAll(offlineAnswer("a 20 second promo for a bike shop, 4 shots", boardWith()), boardWith());
    board = applyAll(offlineAnswer("make shot 3 a close-up", board), board);
    expect(readCamera(board.frames[2]!.camera).size).toBe("CU");
    const second = board.frames[1]!.id;
    board = applyAll(offlineAnswer("add a shot after 2: Leo hands back the bike", board), board);
    expect(board.frames).toHaveLength(5);
    expect(board.frames[1]!.id).toBe(second);
    expect(board.frames[2]!).toMatchObject({ title: "Leo hands back the bike", action: "Leo hands back the bike." });
    board = applyAll(offlineAnswer("remove shot 1", board), board);
    expect(board.frames).toHaveLength(4);
    board = applyAll(offlineAnswer("move shot 4 to the start", board), board);
    expect(board.frames[0]!.title).toBe("Closing line and name");
  });

  it("says what it can do when it does not understand", () => {
    const board = applyAll(offlineAnswer("a 20 second promo for a bike shop, 4 shots", boardWith()), boardWith());
    expect(offlineAnswer("hello?", board)).toMatch(/offline demo agent/);
  });
});
