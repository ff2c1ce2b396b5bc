// Prompt assembly within a token budget: the grammar (never trimmed), the
// board compactly with its ids, the recent chat, and the person's latest
// message (never trimmed). Over budget, the oldest chat goes first, then
// board detail.
import type { Board } from "../board";

export interface ChatTurn {
  role: "user" | "assistant";
  text: string;
}
export interface PromptMessage {
  role: "system" | "user" | "assistant";
  content: string;
}
export type BoardDetail = "full" | "compact" | "outline";

export const DEFAULT_BUDGET_TOKENS = 12_000;

/** About four characters a token for English prose; close enough to keep a margin. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);

export const GRAMMAR = `You are Reelroom's production agent. You turn a person's idea into a short video episode (a script, a beat plan, the recurring assets: characters, locations, props, style, and storyboard frames) and you carry out their edits of it.

Answer in plain prose for the person, and make board changes with these tags inside your answer. Each tag applies the moment it closes; the person sees your prose, never the tags.
<script>full script text</script>  (replaces the whole script)
<plan><beat id="b1" title="Hook">summary</beat> ...</plan>  (replaces the whole beat plan)
<asset id="mia" kind="character|location|prop|style" name="Mia" prompt="visual description">what it is</asset>  (adds the asset, or replaces the one with that id)
<asset op="remove" id="mia"/>  (also takes it out of every frame)
<frame op="add" id="f3" after="f2" shot="3A" title="..." camera="CU, low angle, push in" duration="3.5" beat="b1" assets="mia, cafe"><action>what happens</action><prompt>what the image shows</prompt><dialogue>Mia: the spoken line</dialogue><sound>music and effects</sound><notes>continuity notes</notes></frame>
  (after="" puts it first, no after puts it last; everything but op and id is optional)
<frame op="update" id="f3" camera="WS" duration="4"><sound>rain on the glass</sound></frame>  (only the fields given change; assets="..." replaces the frame's list)
<frame op="remove" id="f3"/>
<move id="f3" after="f1"/>  (after="" puts it first)
<clear/>  (removes every frame, to start over; the frames and assets you write after it reach the board together when your answer ends, so write the whole new storyboard in the same answer)
<format aspect="16:9|9:16|1:1|4:5|2.39:1"/>  (the episode's aspect ratio)
<generate frame="f3"/>  (asks for the frame's image)
<resolve comment="c12"/>  (marks a reviewer's note you acted on as resolved; only for comments given to you in this run)
Camera: the shot size (EWS, WS, FS, MWS, MS, MCU, CU, ECU, INSERT, OTS, POV, TWO-SHOT), then the angle unless eye level (high angle, low angle, overhead, dutch), then any movement (pan, tilt, push in, pull out, track, crane, handheld, zoom), e.g. "MCU, low angle, push in".
Shots: a frame's shot number is its position unless shot="..." gives it a label; "shot 3" in a message means the label shown on the board. Durations are seconds and the running time is their sum: when a total is asked for, make the durations add up to it exactly.
Rules: ids are letters, digits, _ or -, up to 40 characters; reuse the ids shown on the board and make new ones unique; frames point at assets by id so characters stay consistent; use no other tags or attributes. Do every part of what is asked; for any part you cannot do, say which and why. Never say a change is made unless its tag is in your answer.
Example. The board has f1 and f2 (camera MS) and assets mia and cafe; the person says "make shot 2 a close-up and add a shot of Mia smiling at the end". You answer:
Shot 2 is now a close-up.<frame op="update" id="f2" camera="CU"/>
I added shot 3 at the end, Mia smiling.<frame op="add" id="f3" title="Mia smiling" camera="CU" duration="3" assets="mia, cafe"><action>Mia smiles at a regular.</action><prompt>Mia smiling behind the counter, warm light</prompt></frame>`;

function renderBoard(board: Board, detail: BoardDetail): string {
  const lines: string[] = [];
  if (board.script.text) {
    lines.push(detail === "outline" ? `Script: ${board.script.text.length} characters (not shown).` : `Script:\n${board.script.text}`);
  } else lines.push("Script: none yet.");
  lines.push(
    board.plan.beats.length
      ? `Beats: ${board.plan.beats.map((b) => `${b.id} "${b.title}"${detail === "full" && b.summary ? `: ${b.summary}` : ""}`).join("; ")}`
      : "Beats: none yet.",
  );
  lines.push(
    board.assets.length
      ? `Assets: ${board.assets.map((a) => `${a.id} (${a.kind}) "${a.name}"${detail === "full" && a.prompt ? ` look: ${a.prompt}` : ""}`).join("; ")}`
      : "Assets: none yet.",
  );
  if (board.frames.length === 0) lines.push("Frames: none yet.");
  else {
    lines.push("Frames in order (shot number = position):");
    board.frames.forEach((f, i) => {
      const base = `${i + 1}. ${f.id} "${f.title}"`;
      if (detail === "outline") {
        lines.push(base);
        return;
      }
      const meta = [
        f.camera && `camera ${f.camera}`,
        f.durationSec !== null && `${f.durationSec}s`,
        f.beatId && `beat ${f.beatId}`,
        f.continuity.assetIds.length && `assets ${f.continuity.assetIds.join(",")}`,
      ]
        .filter(Boolean)
        .join(", ");
      lines.push(
        `${base}${meta ? ` [${meta}]` : ""}${detail === "full" && f.prompt ? ` prompt: ${f.prompt}` : ""}${detail === "full" && f.dialogue ? ` dialogue: ${f.dialogue}` : ""}`,
      );
    });
  }
  return lines.join("\n");
}

export interface BuiltPrompt {
  messages: PromptMessage[];
  tokens: number;
  /** What had to go to fit: chat turns dropped and the board detail kept. */
  trimmed: { chatTurnsDropped: number; boardDetail: BoardDetail };
}

export function buildPrompt(input: { board: Board; history: ChatTurn[]; latest: string; budgetTokens?: number }): BuiltPrompt {
  const budget = input.budgetTokens ?? DEFAULT_BUDGET_TOKENS;
  const latest: PromptMessage = { role: "user", content: input.latest };
  const assemble = (detail: BoardDetail, history: ChatTurn[]): PromptMessage[] => [
    { role: "system", content: `${GRAMMAR}\n\nThe board now:\n${renderBoard(input.board, detail)}` },
    ...history.map((t) => ({ role: t.role, content: t.text }) as PromptMessage),
    latest,
  ];
  const size = (msgs: PromptMessage[]) => msgs.reduce((n, m) => n + estimateTokens(m.content) + 4, 0);

  let history = input.history.slice();
  let detail: BoardDetail = "full";
  let messages = assemble(detail, history);
  while (size(messages) > budget && history.length > 0) {
    history = history.slice(1);
    messages = assemble(detail, history);
  }
  for (const next of ["compact", "outline"] as const) {
    if (size(messages) <= budget) break;
    detail = next;
    messages = assemble(detail, history);
  }
  return { messages, tokens: size(messages), trimmed: { chatTurnsDropped: input.history.length - history.length, boardDetail: detail } };
}
