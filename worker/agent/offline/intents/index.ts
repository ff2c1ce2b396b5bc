// The offline agent's reader, intent by intent.
//
// How an instruction flows:
//   1. split (../split.ts): one message becomes clauses, at new lines,
//      sentences, ";" and at "and"/"then"/"," where a new instruction starts.
//   2. intents (this folder): each clause is offered to the HANDLERS below in
//      order; the first that reads it returns an intent (what to do, to which
//      shots, still symbolic: "shot 3", "the last two shots", "it"). Each
//      handler marks the words it used (../reader.ts); words nobody used are
//      named in the reply, so nothing is dropped silently. A clause nobody
//      reads is declined in a director's words (decline.ts).
//   3. edits (carryOut below, and each module's carry function): references
//      resolve against the board (../refs.ts), the change is written as tags
//      and each tag is applied to a working copy through the room's own
//      parser and `tryCommand` (../draft.ts), so the answer claims only what
//      applied.
//   4. reply (../reply.ts): what was done, each line followed by its tags;
//      then what was not done and why.
//
// Each intent module sits beside its table of example sentences
// (<intent>.examples.ts: a starting board, the sentence, the board change it
// must make or "refuses"); test/unit/offline-agent-examples.test.ts runs
// every row through the real parser and tryCommand. A new phrasing is a new
// row; when it fails, widen the handler's patterns. A new intent is a module
// with a Handler and a carry function, an IntentBody case in ../intent.ts, a
// place in HANDLERS (earlier wins), a case in carryOut, and a table.
import type { Clause } from "../split";
import { type EditState, type Handler, type Intent, notDone, note, type Outcome, type Understanding } from "../intent";
import { Reader } from "../reader";
import { joinList } from "../text";
import { ALL, IT, ORDINAL, SHOTS } from "../vocabulary";
import { addShot, carryAdd } from "./add";
import { carryFormat, format } from "./aspect";
import { assetAdd, assetAttach, assetRemove, assetRename, carryAssetAdd, carryAssetRemove, carryAttach, carryRename } from "./cast";
import { continuity } from "./continuity";
import { BEYOND_TEXT, beyond, beyondOf } from "./decline";
import { help, thanks, undo } from "./help";
import { carryMove, move } from "./move";
import { carryRemove, removeShots } from "./remove";
import { carryRender, render } from "./render";
import { retimeAll, retimeTotal } from "./retime";
import { breakdown } from "./script";
import { carryModify, modify } from "./shot";
import { carrySwap, swap } from "./swap";

/** Tried in order; the first that reads the clause wins, so the narrower readings come first. */
const HANDLERS: Handler[] = [
  help,
  thanks,
  undo,
  continuity,
  breakdown,
  beyond,
  format,
  retimeTotal,
  swap,
  move,
  assetAdd,
  assetAttach,
  assetRename,
  addShot,
  removeShots,
  assetRemove,
  render,
  modify,
];

const VERB_PREFIX =
  /^\s*(?:please\s+)?(?:also\s+)?(add|insert|remove|delete|cut|drop|move|put|swap|make|set|change|render|generate|give|have|push|pull|zoom|track|pan|tilt)\b/i;

/** Understands one clause; `previousVerb` lets "and shot 4" borrow the verb of "remove shot 2 and shot 4". */
export function understand(clause: Clause, u: Understanding, previousVerb: string | null = null): Intent {
  const text = clause.text.replace(
    /^\s*(?:please|also|and|then|plus|ok(?:ay)?|now|next|finally|lastly|oh\s+and|can\s+you|could\s+you|would\s+you|i'?d\s+like\s+(?:you\s+)?to|i\s+want\s+(?:you\s+)?to|let'?s)\b[\s,]*/i,
    "",
  );
  const stripped = text === clause.text ? clause : { ...clause, text, masked: clause.masked.slice(clause.masked.length - text.length) };
  const tried = tryHandlers(stripped, u);
  if (tried) return tried;
  // An elliptic clause ("shot 4" after "remove shot 2 and"): read it again with the verb before it.
  if (previousVerb && new RegExp(`^\\s*(?:${SHOTS}|${ORDINAL}|${IT}|${ALL})`).test(stripped.masked)) {
    const again = `${previousVerb} ${stripped.text}`;
    const retry = tryHandlers(
      {
        ...stripped,
        text: again,
        masked: `${previousVerb.toLowerCase()} ${stripped.masked}`,
        quotes: stripped.quotes.map((q) => ({ ...q, start: q.start + previousVerb.length + 1, end: q.end + previousVerb.length + 1 })),
      },
      u,
    );
    if (retry) return { ...retry, source: clause.text };
  }
  return { kind: "decline", why: "", beyond: beyondOf(clause.text), unread: true, source: clause.text, ignored: [] };
}

function tryHandlers(clause: Clause, u: Understanding): Intent | null {
  for (const h of HANDLERS) {
    const r = new Reader(clause);
    const body = h(r, u);
    if (body)
      return {
        ...body,
        source: clause.text,
        ignored:
          body.kind === "add_shot" || body.kind === "continuity" || body.kind === "decline" || body.kind === "help" || body.kind === "note" ? [] : r.residue(),
      };
  }
  return null;
}

/** The verb a clause starts with, for the clause after it. */
export function leadingVerb(clause: Clause): string | null {
  return VERB_PREFIX.exec(clause.text)?.[1] ?? null;
}

/** Carries out one understood clause against the working board. */
export function carryOut(intent: Intent, s: EditState): Outcome[] {
  const out = ((): Outcome[] => {
    switch (intent.kind) {
      case "modify":
        return carryModify(intent, s);
      case "add_shot":
        return carryAdd(intent, s);
      case "remove_shots":
        return carryRemove(intent, s);
      case "move":
        return carryMove(intent, s);
      case "swap":
        return carrySwap(intent, s);
      case "retime":
        return retimeAll(intent, s);
      case "format":
        return carryFormat(intent, s);
      case "render":
        return carryRender(intent, s);
      case "asset_add":
        return carryAssetAdd(intent, s);
      case "asset_attach":
        return carryAttach(intent, s);
      case "asset_rename":
        return carryRename(intent, s);
      case "asset_remove":
        return carryAssetRemove(intent, s);
      case "decline":
        return [notDone(intent.source, intent.beyond ? BEYOND_TEXT[intent.beyond] : intent.why, intent.beyond)];
      case "note":
        return [note(intent.text)];
      case "help":
      case "breakdown":
      case "continuity":
        return [];
    }
  })();
  if (intent.ignored.length && out.some((o) => o.kind === "done" || o.kind === "note")) {
    const words = intent.ignored;
    const kind = beyondOf(words.join(" "));
    const instead = kind === "unknown" ? "" : ` ${BEYOND_TEXT[kind]}`;
    out.push(notDone(intent.source, `I did not act on ${joinList(words.map((w) => `"${w}"`))} in it.${instead}`, kind));
  }
  return out;
}
