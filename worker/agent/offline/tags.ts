// The tags the offline agent writes, in the grammar a model uses
// (docs/contract.md, section 6): frames added and updated, assets, the beat
// plan. Every value is escaped; Draft applies each before it is written.
import type { Asset, Beat, Frame } from "../../domain/board";
import type { Draft } from "./draft";
import type { Outcome } from "./intent";
import { esc, fmt } from "./text";

/** Applies `tag` to the draft: the tag when the room would take it, or null once `outcomes` says why `what` was not done. */
export function applyOrReport(draft: Draft, outcomes: Outcome[], what: string, tag: string): string | null {
  const r = draft.apply(tag);
  if (r.ok) return r.tag;
  outcomes.push({ kind: "not_done", what, why: r.reason, model: false });
  return null;
}

function attr(name: string, value: string | number | null | undefined): string {
  if (value === undefined || value === null) return "";
  return ` ${name}="${esc(String(value))}"`;
}

export function frameUpdateTag(id: string, patch: Partial<Frame> & { assetIds?: string[] }): string {
  const attrs =
    attr("shot", patch.shot === null ? "" : patch.shot) +
    attr("title", patch.title) +
    attr("camera", patch.camera) +
    attr("duration", patch.durationSec === undefined || patch.durationSec === null ? undefined : fmt(patch.durationSec)) +
    attr("assets", patch.assetIds?.join(", "));
  const body =
    (patch.action !== undefined ? `<action>${esc(patch.action)}</action>` : "") +
    (patch.prompt !== undefined ? `<prompt>${esc(patch.prompt)}</prompt>` : "") +
    (patch.dialogue !== undefined ? `<dialogue>${esc(patch.dialogue)}</dialogue>` : "") +
    (patch.sound !== undefined ? `<sound>${esc(patch.sound)}</sound>` : "");
  return body ? `<frame op="update" id="${esc(id)}"${attrs}>${body}</frame>` : `<frame op="update" id="${esc(id)}"${attrs}/>`;
}

export interface NewFrame {
  id: string;
  after?: string | null;
  title: string;
  camera: string;
  duration: number | null;
  beat: string | null;
  assets: string[];
  action: string;
  prompt: string;
  dialogue?: string;
  sound?: string;
  notes?: string;
}

export function frameAddTag(f: NewFrame): string {
  return (
    `<frame op="add" id="${esc(f.id)}"${f.after === undefined ? "" : attr("after", f.after ?? "")}${attr("title", f.title)}${attr("camera", f.camera)}` +
    `${f.duration === null ? "" : attr("duration", fmt(f.duration))}${f.beat ? attr("beat", f.beat) : ""}${f.assets.length ? attr("assets", f.assets.join(", ")) : ""}>` +
    `${f.action ? `<action>${esc(f.action)}</action>` : ""}${f.prompt ? `<prompt>${esc(f.prompt)}</prompt>` : ""}` +
    `${f.dialogue ? `<dialogue>${esc(f.dialogue)}</dialogue>` : ""}${f.sound ? `<sound>${esc(f.sound)}</sound>` : ""}` +
    `${f.notes ? `<notes>${esc(f.notes)}</notes>` : ""}</frame>`
  );
}

export function planTag(beats: Beat[]): string {
  return `<plan>${beats.map((b) => `<beat id="${b.id}" title="${esc(b.title)}">${esc(b.summary)}</beat>`).join("")}</plan>`;
}

export function assetTag(a: Asset): string {
  return `<asset id="${esc(a.id)}" kind="${a.kind}" name="${esc(a.name)}"${attr("prompt", a.prompt)}>${esc(a.description)}</asset>`;
}
