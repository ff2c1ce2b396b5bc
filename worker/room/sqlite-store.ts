// RoomStore and ChatStore over a Durable Object's SQLite: the append-only
// event log, checkpoints of the board, message-id dedupe, the chat and agent
// runs. No row grows with the board: a value that could pass 512 KiB (a
// checkpoint, the restore event of a rewind of a big board) is written in
// parts, and every statement's bound values are checked against the 2 MB
// production limit, which local SQLite does not enforce (CONTRACT 11).
import { ChatMessage } from "../domain/chat";
import { Comment, FrameReview, reviewKey } from "../domain/comments";
import type { Board } from "../domain/board";
import { readBoard, readEvent, writeBoard, writeEvent } from "../domain/event-versions";
import type { ChatStore, RunHeader, RunRecord, TraceEntry } from "./agent-runs";
import type { CommentStore } from "./room-comments";
import { Proposal } from "../domain/proposals";
import type { ProposalStore } from "./room-proposals";
import type { RoomStore, StoredEvent } from "./room-core";
import { checkRow, splitUtf8 } from "./storage-limits";

export const ROOM_SCHEMA = `
  CREATE TABLE IF NOT EXISTS room_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, run_id TEXT, body TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS events_run_idx ON events (run_id, seq);
  CREATE TABLE IF NOT EXISTS event_parts (seq INTEGER NOT NULL, n INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (seq, n));
  CREATE TABLE IF NOT EXISTS checkpoints (seq INTEGER NOT NULL, n INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (seq, n));
  CREATE TABLE IF NOT EXISTS acks (user_id TEXT NOT NULL, msg_id TEXT NOT NULL, at INTEGER NOT NULL, ack TEXT NOT NULL, PRIMARY KEY (user_id, msg_id));
  CREATE TABLE IF NOT EXISTS messages (n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, role TEXT NOT NULL, body TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, status TEXT NOT NULL, body TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS runs_status_idx ON runs (status);
  CREATE TABLE IF NOT EXISTS run_prose (run_id TEXT NOT NULL, n INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (run_id, n));
  CREATE TABLE IF NOT EXISTS run_entries (run_id TEXT NOT NULL, n INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (run_id, n));
  CREATE TABLE IF NOT EXISTS comments (n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, frame_id TEXT NOT NULL, parent_id TEXT, body TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS comments_frame_idx ON comments (frame_id);
  CREATE INDEX IF NOT EXISTS comments_parent_idx ON comments (parent_id);
  CREATE TABLE IF NOT EXISTS frame_reviews (key TEXT PRIMARY KEY, frame_id TEXT NOT NULL, at TEXT NOT NULL, body TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS frame_reviews_at_idx ON frame_reviews (at);
  CREATE TABLE IF NOT EXISTS proposals (n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, status TEXT NOT NULL, body TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS proposals_status_idx ON proposals (status);
`;

/** An event stored in parts has an empty inline body (a JSON event is never empty). */
const IN_PARTS = "";

type EventRow = { seq: number; body: string; at: number };

export class SqliteRoomStore implements RoomStore, ChatStore, CommentStore, ProposalStore {
  constructor(
    private readonly sql: SqlStorage,
    private readonly storage: Pick<DurableObjectStorage, "transactionSync">,
  ) {
    sql.exec(ROOM_SCHEMA);
  }

  /** Every write goes through here: production refuses a row over 2 MB, so we refuse it first. */
  private write(query: string, ...values: (string | number | null)[]): void {
    checkRow(values);
    this.sql.exec(query, ...values);
  }

  private rows<T extends Record<string, SqlStorageValue>>(query: string, ...values: (string | number | null)[]): T[] {
    return this.sql.exec<T>(query, ...values).toArray();
  }

  transaction<T>(fn: () => T): T {
    return this.storage.transactionSync(fn);
  }

  // ---- board checkpoints ----

  private readCheckpoint(seq: number | undefined): { seq: number; board: Board } | null {
    if (seq === undefined || seq === null) return null;
    const text = this.rows<{ body: string }>("SELECT body FROM checkpoints WHERE seq = ? ORDER BY n", seq)
      .map((r) => r.body)
      .join("");
    // Stored boards were validated on the way in; parsing again (through the
    // upcasters, for a checkpoint of an older version) guards against a
    // corrupted row silently becoming the board.
    return { seq, board: readBoard(text) };
  }

  latestSnapshot() {
    return this.readCheckpoint(this.rows<{ seq: number | null }>("SELECT max(seq) AS seq FROM checkpoints")[0]?.seq ?? undefined);
  }

  snapshotAtOrBefore(seq: number) {
    return this.readCheckpoint(this.rows<{ seq: number | null }>("SELECT max(seq) AS seq FROM checkpoints WHERE seq <= ?", seq)[0]?.seq ?? undefined);
  }

  writeSnapshot(seq: number, board: Board): number {
    const json = writeBoard(board);
    for (const [n, part] of splitUtf8(json).entries()) this.write("INSERT OR REPLACE INTO checkpoints (seq, n, body) VALUES (?, ?, ?)", seq, n, part);
    return json.length;
  }

  pruneSnapshots(keep: number, sparse: number): void {
    this.sql.exec(
      `DELETE FROM checkpoints WHERE seq NOT IN (SELECT DISTINCT seq FROM checkpoints ORDER BY seq DESC LIMIT ?)
         AND seq NOT IN (SELECT min(seq) FROM checkpoints GROUP BY seq / CAST(? AS INTEGER))`,
      keep,
      sparse,
    );
  }

  eventBytes(fromExclusive: number, toInclusive: number): number {
    const inline =
      this.rows<{ b: number | null }>("SELECT sum(length(body)) AS b FROM events WHERE seq > ? AND seq <= ?", fromExclusive, toInclusive)[0]?.b ?? 0;
    const parts =
      this.rows<{ b: number | null }>("SELECT sum(length(body)) AS b FROM event_parts WHERE seq > ? AND seq <= ?", fromExclusive, toInclusive)[0]?.b ?? 0;
    return inline + parts;
  }

  // ---- the event log ----

  appendEvent(e: StoredEvent): number {
    const json = writeEvent(e.event);
    const parts = splitUtf8(json);
    const runId = e.event.runId ?? null;
    if (parts.length === 1) {
      this.write("INSERT INTO events (seq, run_id, body, at) VALUES (?, ?, ?, ?)", e.seq, runId, parts[0]!, e.at);
      return json.length;
    }
    this.write("INSERT INTO events (seq, run_id, body, at) VALUES (?, ?, ?, ?)", e.seq, runId, IN_PARTS, e.at);
    for (const [n, part] of parts.entries()) this.write("INSERT INTO event_parts (seq, n, body) VALUES (?, ?, ?)", e.seq, n, part);
    return json.length;
  }

  events(fromExclusive: number, toInclusive: number): StoredEvent[] {
    return this.rows<EventRow>("SELECT seq, body, at FROM events WHERE seq > ? AND seq <= ? ORDER BY seq", fromExclusive, toInclusive).map((r) => {
      const body =
        r.body === IN_PARTS
          ? this.rows<{ body: string }>("SELECT body FROM event_parts WHERE seq = ? ORDER BY n", r.seq)
              .map((p) => p.body)
              .join("")
          : r.body;
      return { seq: r.seq, at: r.at, event: readEvent(body) };
    });
  }

  runSeqs(runId: string): number[] {
    return this.rows<{ seq: number }>("SELECT seq FROM events WHERE run_id = ? ORDER BY seq", runId).map((r) => r.seq);
  }

  /**
   * Every undo's (runId, target), in seq order. Undo runs are the ones the
   * room names `undo_…`, so the run index finds them without reading the log.
   */
  undoLinks(): { runId: string; target: string }[] {
    const rows = this.rows<{ seq: number; run_id: string; target: string | null }>(
      `SELECT seq, run_id, CASE WHEN body = '' THEN NULL
         WHEN json_extract(body, '$.data.cause.type') = 'undo_run' THEN json_extract(body, '$.data.cause.runId') END AS target
       FROM events WHERE run_id >= 'undo_' AND run_id < 'undo\`' ORDER BY seq`,
    );
    return rows.flatMap((r) => {
      if (r.target !== null) return [{ runId: r.run_id, target: r.target }];
      // A restore too big for one row: read it whole.
      const event = this.events(r.seq - 1, r.seq)[0]?.event;
      return event?.kind === "restore" && event.data.cause.type === "undo_run" ? [{ runId: r.run_id, target: event.data.cause.runId }] : [];
    });
  }

  // ---- message-id dedupe ----

  getAck(userId: string, msgId: string, since: number): string | null {
    return this.rows<{ ack: string }>("SELECT ack FROM acks WHERE user_id = ? AND msg_id = ? AND at >= ?", userId, msgId, since)[0]?.ack ?? null;
  }

  putAck(userId: string, msgId: string, ack: string, at: number): void {
    this.write("INSERT OR REPLACE INTO acks (user_id, msg_id, at, ack) VALUES (?, ?, ?, ?)", userId, msgId, at, ack);
  }

  pruneAcks(before: number): void {
    this.sql.exec("DELETE FROM acks WHERE at < ?", before);
  }

  getMeta(key: string): string | null {
    return this.rows<{ value: string }>("SELECT value FROM room_meta WHERE key = ?", key)[0]?.value ?? null;
  }

  setMetaOnce(key: string, value: string): void {
    this.write("INSERT OR IGNORE INTO room_meta (key, value) VALUES (?, ?)", key, value);
  }

  // ---- chat and agent runs ----

  addMessage(m: ChatMessage): void {
    this.write("INSERT INTO messages (id, role, body) VALUES (?, ?, ?)", m.id, m.role, JSON.stringify(m));
  }

  messages(): ChatMessage[] {
    return this.rows<{ body: string }>("SELECT body FROM messages ORDER BY n").map((r) => ChatMessage.parse(JSON.parse(r.body)));
  }

  updateMessage(m: ChatMessage): void {
    this.write("UPDATE messages SET body = ? WHERE id = ?", JSON.stringify(m), m.id);
  }

  latestRunId(): string | null {
    return this.rows<{ id: string }>("SELECT id FROM runs ORDER BY rowid DESC LIMIT 1")[0]?.id ?? null;
  }

  recentMessages(limit: number): ChatMessage[] {
    return this.rows<{ body: string }>("SELECT body FROM messages ORDER BY n DESC LIMIT ?", limit)
      .map((r) => ChatMessage.parse(JSON.parse(r.body)))
      .reverse();
  }

  lastUserMessage(): ChatMessage | null {
    const row = this.rows<{ body: string }>("SELECT body FROM messages WHERE role = 'user' ORDER BY n DESC LIMIT 1")[0];
    return row ? ChatMessage.parse(JSON.parse(row.body)) : null;
  }

  putRun(run: RunHeader): void {
    this.write("INSERT OR REPLACE INTO runs (id, status, body) VALUES (?, ?, ?)", run.id, run.status, JSON.stringify(run));
  }

  appendProse(runId: string, n: number, text: string): void {
    this.write("INSERT INTO run_prose (run_id, n, text) VALUES (?, ?, ?)", runId, n, text);
  }

  putTraceEntry(runId: string, n: number, entry: TraceEntry): void {
    this.write("INSERT OR REPLACE INTO run_entries (run_id, n, body) VALUES (?, ?, ?)", runId, n, JSON.stringify(entry));
  }

  private assemble(header: RunHeader): RunRecord {
    const prose = this.rows<{ text: string }>("SELECT text FROM run_prose WHERE run_id = ? ORDER BY n", header.id)
      .map((r) => r.text)
      .join("");
    const commands = this.rows<{ body: string }>("SELECT body FROM run_entries WHERE run_id = ? ORDER BY n", header.id).map(
      (r) => JSON.parse(r.body) as TraceEntry,
    );
    // Runs stored before prose and entries had rows of their own kept them in the header.
    const legacy = header as RunHeader & { prose?: string; trace: { commands?: TraceEntry[] } };
    return { ...header, prose: prose || legacy.prose || "", trace: { ...header.trace, commands: commands.length ? commands : (legacy.trace.commands ?? []) } };
  }

  getRun(id: string): RunRecord | null {
    const row = this.rows<{ body: string }>("SELECT body FROM runs WHERE id = ?", id)[0];
    return row ? this.assemble(JSON.parse(row.body) as RunHeader) : null;
  }

  unfinishedRuns(): RunRecord[] {
    return this.rows<{ body: string }>("SELECT body FROM runs WHERE status IN ('pending', 'streaming', 'stopping')").map((r) =>
      this.assemble(JSON.parse(r.body) as RunHeader),
    );
  }

  // ---- comments and frame reviews (CONTRACT 9) ----

  comments(): Comment[] {
    return this.rows<{ body: string }>("SELECT body FROM comments ORDER BY n").map((r) => Comment.parse(JSON.parse(r.body)));
  }

  getComment(id: string): Comment | null {
    const row = this.rows<{ body: string }>("SELECT body FROM comments WHERE id = ?", id)[0];
    return row ? Comment.parse(JSON.parse(row.body)) : null;
  }

  /** Inserts a comment or replaces its body in place, so the thread keeps its order. */
  putComment(c: Comment): void {
    this.write(
      "INSERT INTO comments (id, frame_id, parent_id, body) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body",
      c.id,
      c.frameId,
      c.parentId,
      JSON.stringify(c),
    );
  }

  /** Deletes a comment and its replies; returns the ids removed. */
  deleteComment(id: string): string[] {
    const ids = this.rows<{ id: string }>("SELECT id FROM comments WHERE id = ? OR parent_id = ?", id, id).map((r) => r.id);
    this.sql.exec("DELETE FROM comments WHERE id = ? OR parent_id = ?", id, id);
    return ids;
  }

  commentCountsByFrame(): Map<string, number> {
    return new Map(this.rows<{ frame_id: string; n: number }>("SELECT frame_id, count(*) AS n FROM comments GROUP BY frame_id").map((r) => [r.frame_id, r.n]));
  }

  commentCount(frameId?: string): number {
    const row =
      frameId === undefined
        ? this.rows<{ n: number }>("SELECT count(*) AS n FROM comments")[0]
        : this.rows<{ n: number }>("SELECT count(*) AS n FROM comments WHERE frame_id = ?", frameId)[0];
    return row?.n ?? 0;
  }

  putReview(r: FrameReview): void {
    this.write("INSERT OR REPLACE INTO frame_reviews (key, frame_id, at, body) VALUES (?, ?, ?, ?)", reviewKey(r), r.frameId, r.at, JSON.stringify(r));
  }

  /** The team's verdicts first, then reviewers', each newest first: a link's reviewers can never push the team's out. */
  reviews(limit: number): FrameReview[] {
    return this.rows<{ body: string }>("SELECT body FROM frame_reviews ORDER BY json_extract(body, '$.by.type') = 'reviewer', at DESC LIMIT ?", limit).map(
      (r) => FrameReview.parse(JSON.parse(r.body)),
    );
  }

  /** Whether a verdict is stored under this key (one person, one frame). */
  hasReview(key: string): boolean {
    return this.rows<{ n: number }>("SELECT count(*) AS n FROM frame_reviews WHERE key = ?", key)[0]!.n > 0;
  }

  /** How many verdicts reviewers (people on a review link) have stored. */
  reviewerReviewCount(): number {
    // The key is frame, author type and id (reviewKey); a frame id cannot hold ':', so this matches the type only.
    return this.rows<{ n: number }>("SELECT count(*) AS n FROM frame_reviews WHERE instr(key, 'reviewer:') > 0")[0]!.n;
  }

  // ---- proposals (CONTRACT 14) ----

  /** Inserts a proposal or rewrites it in place, so proposals keep the order they were made in. */
  putProposal(p: Proposal): void {
    this.write(
      "INSERT INTO proposals (id, status, body) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET status = excluded.status, body = excluded.body",
      p.id,
      p.status,
      JSON.stringify(p),
    );
  }

  liveProposals(): Proposal[] {
    return this.rows<{ body: string }>("SELECT body FROM proposals WHERE status != 'decided' ORDER BY n").map((r) => Proposal.parse(JSON.parse(r.body)));
  }

  /** The largest value stored in any row, in bytes: what the bounds test reports. */
  largestValueBytes(): { table: string; bytes: number } {
    const tables: [string, string][] = [
      ["events", "body"],
      ["event_parts", "body"],
      ["checkpoints", "body"],
      ["acks", "ack"],
      ["messages", "body"],
      ["runs", "body"],
      ["run_prose", "text"],
      ["run_entries", "body"],
      ["comments", "body"],
      ["frame_reviews", "body"],
      ["proposals", "body"],
    ];
    let best = { table: "", bytes: 0 };
    for (const [table, col] of tables) {
      const bytes = this.rows<{ b: number | null }>(`SELECT max(length(CAST(${col} AS BLOB))) AS b FROM ${table}`)[0]?.b ?? 0;
      if (bytes > best.bytes) best = { table, bytes };
    }
    return best;
  }
}
