// "storyboard the script", "break down the screenplay": the script panel's
// screenplay becomes scenes and shots (../breakdown.ts does the work). An
// idea ("a 30-second ad for a coffee shop") is recognised in
// ../../offline-agent.ts, since it may run over several clauses.
import type { Handler } from "../intent";

export const breakdown: Handler = (r, u) => {
  const verb = r.take(
    /\b(?:storyboard|break\s+(?:it\s+|this\s+|the\s+script\s+)?(?:down|up)|breakdown|board\s+out|shot[- ]?list|(?:turn|convert|make)\s+(?:it|this|the\s+(?:script|screenplay))\s+into\s+(?:a\s+)?(?:shots|frames|storyboard|board))\b/,
  );
  if (!verb) return null;
  const script = r.take(/\b(?:the|my|this|our|that)?\s*(?:script|screenplay|scene|scenes)\b/);
  const it = !script && r.take(/^\s*(?:storyboard|break\s+down)\s+(?:it|this)\s*$/);
  if (!script && !(it && u.board.script.text.trim())) return null;
  const replace = !!r.take(/\b(?:again|from\s+scratch|start(?:ing)?\s+over|replace|redo|afresh|anew|over)\b/);
  return { kind: "breakdown", replace };
};
