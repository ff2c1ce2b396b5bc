// The offline agent's working copy of the board. Every tag it means to write
// goes through the same TagStreamParser and the same `tryCommand` the room
// uses, in order, before it is written; a tag that would be rejected is not
// written and its reason is kept, so the reply only claims what applied
// (CONTRACT 6). The room's rule that a command identical to one already
// applied in the run is ignored is mirrored too.
import type { Board, Frame } from "../../domain/board";
import { shotLabel } from "../../domain/board";
import { tryCommand } from "../../domain/commands";
import { MAX_COMMANDS_PER_RUN, TagStreamParser } from "../../domain/agent/tag-parser";

const AGENT = { type: "agent" as const, id: "agent" };

export type Applied = { ok: true; tag: string } | { ok: false; reason: string };

export class Draft {
  board: Board;
  /** The board as the person saw it when they wrote the message: shot numbers refer to it. */
  readonly original: Board;
  private readonly applied = new Set<string>();
  private readonly taken = new Set<string>();
  /** Commands written so far: the room takes at most MAX_COMMANDS_PER_RUN from one answer. */
  private count = 0;

  constructor(
    board: Board,
    /** Frames a scoped message may change (CONTRACT 6), or null for the whole board. */
    readonly scope: ReadonlySet<string> | null = null,
  ) {
    this.board = board;
    this.original = board;
  }

  /** Parses one tag as the room will, checks it against the working board and applies it there. */
  apply(tag: string): Applied {
    const parser = new TagStreamParser();
    const events = [...parser.write(tag), ...parser.end()].filter((e) => e.kind !== "prose" || e.text.trim());
    const e = events[0];
    if (events.length !== 1 || !e) return { ok: false, reason: "the tag did not parse as one command" };
    if (e.kind === "rejected") return { ok: false, reason: e.reason };
    if (e.kind === "prose") return { ok: false, reason: "the tag did not parse as one command" };
    if (this.count >= MAX_COMMANDS_PER_RUN) return { ok: false, reason: `one answer carries at most ${MAX_COMMANDS_PER_RUN} changes` };
    if (e.kind === "resolve") {
      // Resolving a note changes no frame; the room checks that the run was given it.
      const key = JSON.stringify({ resolve: e.commentId });
      if (this.applied.has(key)) return { ok: false, reason: "already resolved in this answer" };
      this.applied.add(key);
      this.count++;
      return { ok: true, tag };
    }
    if (e.kind === "generate") {
      if (!this.frame(e.frameId)) return { ok: false, reason: `no frame "${e.frameId}"` };
      const out = this.outOfScope(e.frameId);
      if (out) return { ok: false, reason: out };
      const key = JSON.stringify({ generate: e.frameId });
      if (this.applied.has(key)) return { ok: false, reason: "already asked for in this answer" };
      this.applied.add(key);
      this.count++;
      return { ok: true, tag };
    }
    const key = JSON.stringify(e.command);
    if (this.applied.has(key)) return { ok: false, reason: "already done in this answer" };
    if (e.command.type === "clear_frames" && this.scope)
      return { ok: false, reason: "clearing the board reaches shots outside the ones this message was about" };
    const frameId = typeof e.command.id === "string" && e.command.type !== "upsert_asset" && e.command.type !== "remove_asset" ? e.command.id : null;
    if (frameId) {
      const out = this.outOfScope(frameId);
      if (out) return { ok: false, reason: out };
    }
    const r = tryCommand(this.board, e.command, AGENT);
    if (!r.ok) return { ok: false, reason: r.reason };
    this.board = r.board;
    this.applied.add(key);
    this.count++;
    return { ok: true, tag };
  }

  private outOfScope(frameId: string): string | null {
    if (!this.scope || this.scope.has(frameId)) return null;
    if (!this.original.frames.some((f) => f.id === frameId)) return null;
    return "that shot is outside the frames this message was about";
  }

  frame(id: string): Frame | undefined {
    return this.board.frames.find((f) => f.id === id);
  }

  /** The shot label a frame shows now, e.g. "3" or "3A". */
  label(id: string): string {
    const i = this.board.frames.findIndex((f) => f.id === id);
    return i < 0 ? "?" : shotLabel(this.board.frames[i]!, i);
  }

  /** The label a frame had when the message was written, or its label now for a frame added since. */
  originalLabel(id: string): string {
    const i = this.original.frames.findIndex((f) => f.id === id);
    return i < 0 ? this.label(id) : shotLabel(this.original.frames[i]!, i);
  }

  /** A fresh id like "f7" or "leo", unused by any frame, asset or beat, now or earlier in this answer. */
  newId(base: string): string {
    const used = (id: string) =>
      this.taken.has(id) ||
      this.board.frames.some((f) => f.id === id) ||
      this.board.assets.some((a) => a.id === id) ||
      this.board.plan.beats.some((b) => b.id === id) ||
      this.original.frames.some((f) => f.id === id);
    const m = /^(.*?)(\d+)$/.exec(base);
    let id = base;
    if (m && base.startsWith("f")) {
      for (let n = Number(m[2]); used(id); n++) id = `${m[1]}${n}`;
    } else {
      for (let n = 2; used(id); n++) id = `${base}-${n}`;
    }
    this.taken.add(id);
    return id;
  }
}
