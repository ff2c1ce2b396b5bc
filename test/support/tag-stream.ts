// Feeding the agent's tag parser the way a provider streams to it: the same
// text in chosen chunk sizes, with the events normalised so that two
// chunkings compare equal exactly when they mean the same thing.
import { type ParseEvent, TagStreamParser } from "../../worker/domain/agent/tag-parser";

/**
 * Feeds `text` in chunks whose sizes cycle through `sizes` (one number is a
 * fixed size; 0 or nothing feeds it whole), then ends the stream.
 */
export function feed(text: string, sizes: number | readonly number[] = 0): ParseEvent[] {
  const cycle = typeof sizes === "number" ? [sizes] : sizes.length ? sizes : [0];
  const p = new TagStreamParser();
  const out: ParseEvent[] = [];
  let i = 0;
  let k = 0;
  while (i < text.length) {
    const n = cycle[k++ % cycle.length]! || text.length;
    for (const e of p.write(text.slice(i, i + n))) out.push(e);
    i += n;
  }
  for (const e of p.end()) out.push(e);
  return out;
}

/**
 * Prose is split wherever a chunk happened to end; merging adjacent prose
 * leaves what a reader sees, in order with the commands and rejections.
 */
export function merged(events: readonly ParseEvent[]): ParseEvent[] {
  const out: ParseEvent[] = [];
  for (const e of events) {
    const last = out.at(-1);
    if (e.kind === "prose" && last?.kind === "prose") out[out.length - 1] = { kind: "prose", text: last.text + e.text };
    else out.push(e.kind === "prose" ? { ...e } : e);
  }
  return out;
}

export const prose = (events: readonly ParseEvent[]) =>
  events
    .filter((e) => e.kind === "prose")
    .map((e) => (e as { text: string }).text)
    .join("");
export const commands = (events: readonly ParseEvent[]) => events.filter((e) => e.kind === "command").map((e) => (e as { command: unknown }).command);
export const rejected = (events: readonly ParseEvent[]) => events.filter((e) => e.kind === "rejected").map((e) => (e as { reason: string }).reason);
