// Lines: "have Mia say 'We're open' on shot 6", "Mia says 'hi' in shot 2",
// "shot 6 dialogue: See you tomorrow", "remove the dialogue from shot 4".
// A named speaker is put in the shot too, and a speaker the cast does not
// have yet joins it as a character, so the line and the cast agree.
import type { Asset, Board, Frame } from "../../../domain/board";
import { assetNames, findAsset } from "../cast-lookup";
import { done, type EditState, type FrameChanges, type Outcome, rx } from "../intent";
import type { Reader } from "../reader";
import { assetTag } from "../tags";
import { cap, clip, slug } from "../text";
import { IT, MENTION, ORDINAL, SHOTS } from "../vocabulary";

function speakerPattern(board: Board): string {
  const names = assetNames(board);
  return `(?:the\\s+)?(${names ? `${names}|` : ""}[a-z][a-z'’.-]*(?:\\s+[a-z][a-z'’.-]*)?)`;
}

const SEPARATOR = `(?:\\s+(?:to|is|reads?|should\\s+be|becomes|=)\\s*|\\s*:\\s*|\\s*=\\s*)`;

export function readDialogue(r: Reader, board: Board, changes: FrameChanges): void {
  const sp = speakerPattern(board);
  if (r.take(/\b(?:remove|delete|cut|drop|clear|lose|no|without|kill)\s+(?:the\s+|any\s+)?(?:dialogue|lines?|voice[- ]?over|vo|speech)\b/))
    changes.dialogue = null;
  const have =
    r.take(rx(`\\b(?:have|let|make|get)\\s+${sp}\\s+(?:say|tell|ask|shout|whisper|read|deliver)(?:\\s+the\\s+line)?\\s*:?\\s*(?=q)`)) ??
    r.take(rx(`(?:^\\s*|,\\s*|:\\s*|\\b(?:in|on)\\s+(?:it|that)\\s*,?\\s*)${sp}\\s+(?:says|said|asks|shouts|whispers|goes|should\\s+say)\\s*:?\\s*(?=q)`));
  if (have) {
    const q = r.takeQuote(have.index);
    if (q) changes.dialogue = { speaker: r.orig(have, 1).trim(), line: q.content };
  }
  // "make the dialogue in shot 4 'Hi there'": the shot sits between the word and the line.
  const placed =
    changes.dialogue === undefined && r.take(rx(`\\b(?:the\\s+)?(?:dialogue|line)\\s+(?:in|on|of|for)\\s+(?=(?:${SHOTS}|${ORDINAL}|${MENTION}|${IT})[^q]*q)`));
  if (placed) {
    const q = r.takeQuote(placed.index);
    if (q) changes.dialogue = { speaker: null, line: q.content };
    r.take(/\b(?:to|as|:)\s*(?=q|$)/);
  }
  if (changes.dialogue === undefined) {
    const line = r.take(rx(`\\b(?:give\\s+(?:it|them)\\s+)?(?:the\\s+)?(?:dialogue|line|lines|voice[- ]?over|vo)(?:${SEPARATOR}|\\s*(?=q))`));
    if (line) {
      const q = r.takeQuote(line.index);
      const text = q ? q.content : r.takeNextFree(line.index + line[0].length).replace(/[.;\s]+$/, "");
      if (text) changes.dialogue = { speaker: null, line: text };
    }
  }
}

/** "Mia: We're open." — the speaker's name as the cast spells it. */
function dialogueText(board: Board, speaker: string | null, line: string): { text: string; asset: Asset | null } {
  if (!speaker) return { text: line, asset: null };
  const asset = findAsset(board, speaker);
  const name = asset?.name ?? cap(speaker.replace(/^the\s+/i, ""));
  return { text: `${name}: ${line}`, asset: asset && asset.kind === "character" ? asset : null };
}

/** A speaker written as a name ("Leo") whom the cast does not have joins it as a character. */
export function ensureSpeaker(s: EditState, speaker: string | null, written: string): Outcome[] {
  if (!speaker || findAsset(s.draft.board, speaker)) return [];
  if (!/^[A-Z][a-z'’-]+$/.test(written.trim())) return [];
  const name = written.trim();
  const asset: Asset = { id: s.draft.newId(slug(name, "character")), kind: "character", name, description: "", prompt: name };
  const applied = s.draft.apply(assetTag(asset));
  return applied.ok ? [done(`Added ${name} (character) to the cast, to speak the line.`, [applied.tag])] : [];
}

export function patchDialogue(
  board: Board,
  f: Frame,
  change: NonNullable<FrameChanges["dialogue"]> | null,
  patch: Partial<Frame> & { assetIds?: string[] },
  said: string[],
): void {
  if (change === null) {
    if (f.dialogue) {
      patch.dialogue = "";
      said.push("dialogue removed");
    }
    return;
  }
  const d = dialogueText(board, change.speaker, change.line);
  if (d.text !== f.dialogue) {
    patch.dialogue = d.text;
    said.push(`dialogue "${clip(d.text, 80)}"`);
  }
  if (d.asset && !f.continuity.assetIds.includes(d.asset.id)) {
    patch.assetIds = [...f.continuity.assetIds, d.asset.id];
    said.push(`with ${d.asset.name}`);
  }
}
