// The job lifecycle (CONTRACT 7) as a table: every status against every action.
import { describe, expect, it } from "vitest";
import { JobAction, JobStatus, transition } from "../../worker/domain/jobs";
import { composePrompt } from "../../worker/jobs/pipeline";
import { sketchSvg, wrap } from "../../worker/media/sketch";
import { frameWith } from "../support/boards";

const EXPECTED: Record<string, string | null> = {
  "pending start": "running",
  "pending block": "blocked",
  "pending cancel": "canceled",
  "running succeed": "success",
  "running fail": "failure",
  "running block": "blocked",
  "running cancel": "canceled",
  "failure retry": "pending",
  "blocked retry": "pending",
  "blocked cancel": "canceled",
};

describe("job lifecycle", () => {
  for (const status of JobStatus.options) {
    for (const action of JobAction.options) {
      const want = EXPECTED[`${status} ${action}`] ?? null;
      it(`${status} + ${action} → ${want ?? "refused"}`, () => {
        expect(transition(status, action)).toBe(want);
      });
    }
  }

  it("keeps cancel final and success unreachable from canceled", () => {
    for (const action of JobAction.options) expect(transition("canceled", action)).toBeNull();
  });
});

describe("sketch renderer", () => {
  const frame = frameWith({ id: "f1", title: 'Neon <script>alert("x")</script> & rain', prompt: "a sign in the rain", camera: "CU", durationSec: 3 });
  const assets = [{ id: "mia", kind: "character" as const, name: "Mia", description: "", prompt: "green apron" }];

  it("draws the picture only, its one sentence the escaped alt text in <title>", () => {
    const svg = sketchSvg({ prompt: composePrompt({ frame, shot: "2", assets }), frame, shot: "2", assets });
    expect(svg).not.toContain("SHOT 2");
    expect(svg).not.toContain("<text");
    expect(svg).toContain("<title>Close-up, eye level: Mia.</title>");
    expect(svg).not.toContain("<script");
    expect(svg).not.toMatch(/href|xlink|<foreignObject/i);
  });

  it("composes the prompt from the frame and its assets' prompts", () => {
    expect(composePrompt({ frame, shot: "1", assets })).toBe("a sign in the rain Camera: CU. Mia (character): green apron.");
  });

  it("wraps long text into a bounded number of lines", () => {
    const lines = wrap("word ".repeat(200), 20, 3);
    expect(lines).toHaveLength(3);
    expect(lines[2]!.endsWith("…")).toBe(true);
  });
});
