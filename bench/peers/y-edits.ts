// The workload's edits as a Yjs client makes them: frames are a Y.Array of
// Y.Maps; a prompt update sets one key, an add inserts a map, a remove
// deletes one, and a move (Y.Array has none) deletes the map and inserts a
// copy, the usual way to reorder a Y.Array.
import * as Y from "yjs";
import type { BenchFrame, Edit } from "./workload";

const frameMap = (frame: BenchFrame | Record<string, unknown>) => new Y.Map<unknown>(Object.entries(frame));

export function framesOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>("frames");
}

export function ySeed(doc: Y.Doc, frames: BenchFrame[]): void {
  doc.transact(() => framesOf(doc).push(frames.map(frameMap)));
}

export function yApply(doc: Y.Doc, edit: Edit): void {
  const frames = framesOf(doc);
  const at = (id: string) => frames.toArray().findIndex((m) => m.get("id") === id);
  doc.transact(() => {
    switch (edit.op) {
      case "update":
        frames.get(at(edit.id))?.set("prompt", edit.prompt);
        return;
      case "add":
        frames.insert(edit.after === null ? 0 : at(edit.after) + 1, [frameMap(edit.frame)]);
        return;
      case "move": {
        const from = at(edit.id);
        const copy = frames.get(from).toJSON();
        frames.delete(from, 1);
        frames.insert(edit.after === null ? 0 : at(edit.after) + 1, [frameMap(copy)]);
        return;
      }
      case "remove":
        frames.delete(at(edit.id), 1);
        return;
    }
  });
}
