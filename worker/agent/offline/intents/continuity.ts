// "fix continuity", "check continuity": the board-wide check and its fixes
// (../continuity.ts does the work).
import type { Handler } from "../intent";

export const continuity: Handler = (r) =>
  r.take(
    /^\s*(?:(?:fix|check|repair|resolve|sort\s+out|clean\s+up|run|do)\s+(?:(?:for|up|on)\s+)?(?:(?:the|a|all(?:\s+the)?|any|my|our)\s+)?continuity(?:\s+(?:issues?|problems?|errors?|mistakes?|checks?|notes?))?|continuity(?:\s+(?:check|fix|issues?|problems?))?)(?:\s+(?:on|in|of|across)\s+(?:the\s+)?(?:whole\s+)?(?:board|storyboard|episode|shots))?\s*(?:,?\s*please)?\s*[?!.]*\s*$/,
  )
    ? { kind: "continuity" }
    : null;
