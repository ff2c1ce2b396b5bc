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

export const GRAMMAR = `You are Reelroom's production agent. You turn a person's idea into a short video episode: a script, a beat plan, the recurring assets (characters, locations, props, style) and storyboard frames.

Answer in plain prose for the person, and make board changes with these tags inside your answer. Each tag applies the moment it closes.
<script>full script text</script>
<plan><beat id="b1" title="Hook">summary</beat> ...</plan>
<asset id="mia" kind="character|location|prop|style" name="Mia" prompt="visual description">what it is</asset>
<asset op="remove" id="mia"/>
<frame op="add" id="f3" after="f2" title="..." camera="CU" duration="3.5" beat="b1" assets="mia, cafe"><prompt>image prompt</prompt><dialogue>spoken line</dialogue><notes>continuity notes</notes></frame>
<frame op="update" id="f3" camera="WS"><prompt>...</prompt></frame>  (only the fields given change)
<frame op="remove" id="f3"/>
<move id="f3" after="f1"/>  (after="" puts it first)
<generate frame="f3"/>  (asks for the frame's image)
Rules: ids are letters, digits, _ or -, up to 40 characters; reuse the ids shown on the board; frames point at assets by id so characters stay consistent; use no other tags or attributes.`;

function renderBoard(board: Board, detail: BoardDetail): string {
  const lines: string[] = [];
  if (board.script.text) {
    lines.push(detail === "outline" ? `Script: ${board.script.text.length} characters (not shown).` : `Script:\n${board.script.text}`);
  } else lines.push("Script: none yet.");
  lines.push(board.plan.beats.length ? `Beats: ${board.plan.beats.map((b) => `${b.id} "${b.title}"${detail === "full" && b.summary ? `: ${b.summary}` : ""}`).join("; ")}` : "Beats: none yet.");
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
      if (detail === "outline") return lines.push(base);
      const meta = [f.camera && `camera ${f.camera}`, f.durationSec !== null && `${f.durationSec}s`, f.beatId && `beat ${f.beatId}`, f.continuity.assetIds.length && `assets ${f.continuity.assetIds.join(",")}`]
        .filter(Boolean)
        .join(", ");
      lines.push(`${base}${meta ? ` [${meta}]` : ""}${detail === "full" && f.prompt ? ` prompt: ${f.prompt}` : ""}${detail === "full" && f.dialogue ? ` dialogue: ${f.dialogue}` : ""}`);
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
