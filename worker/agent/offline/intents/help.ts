// Talk that is not an edit: "help", "thanks", "undo". Help is answered with
// the HELP text (reply.ts); undo is the answer's Undo button, not a command.
import type { Handler } from "../intent";

export const help: Handler = (r) =>
  r.take(
    /^\s*(?:(?:hi|hello|hey|hiya|good\s+(?:morning|afternoon|evening))(?:\s+there)?|help(?:\s+me)?|\?+|what\s+can\s+(?:you|i)\s+(?:do|say|ask)(?:\s+here)?|what\s+do\s+you\s+(?:understand|know|do)|how\s+do(?:es)?\s+(?:this|it|you|i)\s+(?:work|use\s+(?:this|you))|commands|options|examples?)\s*[?!.]*\s*$/,
  )
    ? { kind: "help" }
    : null;

export const thanks: Handler = (r) =>
  r.take(
    /^\s*(?:thanks?(?:\s+you)?(?:\s+(?:so|very)\s+much)?|thx|cheers|great|perfect|nice|cool|awesome|lovely|ok(?:ay)?|good|looks\s+good|that'?s\s+(?:great|perfect|good|it))[\s!.]*$/,
  )
    ? { kind: "note", text: 'Glad it helps. Say "help" any time for what I can do offline.' }
    : null;

export const undo: Handler = (r) =>
  r.take(/^\s*(?:undo|revert|roll\s*back|go\s+back|put\s+it\s+back)\b/)
    ? { kind: "decline", why: "I can't undo offline: use Undo on the answer whose changes you want reverted (or Rewind in the history)" }
    : null;
