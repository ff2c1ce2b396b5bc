// RoomStore over a Durable Object's SQLite: the append-only event log,
// periodic board snapshots and the message-id dedupe table.
import { Board } from "../domain/board";
import { BoardEvent } from "../domain/protocol";
import { ChatMessage } from "../domain/chat";
import type { ChatStore, RunRecord } from "./agent-runs";
import type { RoomStore, StoredEvent } from "./room-core";

export const ROOM_SCHEMA = `
  CREATE TABLE IF NOT EXISTS room_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, run_id TEXT, body TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS events_run_idx ON events (run_id, seq);
  CREATE TABLE IF NOT EXISTS snapshots (seq INTEGER PRIMARY KEY, board TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS acks (user_id TEXT NOT NULL, msg_id TEXT NOT NULL, at INTEGER NOT NULL, ack TEXT NOT NULL, PRIMARY KEY (user_id, msg_id));
  CREATE TABLE IF NOT EXISTS messages (n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, role TEXT NOT NULL, body TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, status TEXT NOT NULL, body TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS runs_status_idx ON runs (status);
`;

type SnapRow = { seq: number; board: string };
type EventRow = { seq: number; body: string; at: number };

export class SqliteRoomStore implements RoomStore, ChatStore {
  constructor(
    private readonly sql: SqlStorage,
    private readonly storage: DurableObjectStorage,
  ) {
    sql.exec(ROOM_SCHEMA);
  }

  transaction<T>(fn: () => T): T {
    return this.storage.transactionSync(fn);
  }

  private snap(row: SnapRow | undefined) {
    // Stored boards were validated on the way in; parsing again guards
    // against a corrupted row silently becoming the board.
    return row ? { seq: row.seq, board: Board.parse(JSON.parse(row.board)) } : null;
  }

  latestSnapshot() {
    return this.snap(this.sql.exec<SnapRow>("SELECT seq, board FROM snapshots ORDER BY seq DESC LIMIT 1").toArray()[0]);
  }

  snapshotAtOrBefore(seq: number) {
    return this.snap(this.sql.exec<SnapRow>("SELECT seq, board FROM snapshots WHERE seq <= ? ORDER BY seq DESC LIMIT 1", seq).toArray()[0]);
  }

  writeSnapshot(seq: number, board: Board): void {
    this.sql.exec("INSERT OR REPLACE INTO snapshots (seq, board) VALUES (?, ?)", seq, JSON.stringify(board));
  }

  appendEvent(e: StoredEvent): void {
    this.sql.exec("INSERT INTO events (seq, run_id, body, at) VALUES (?, ?, ?, ?)", e.seq, e.event.runId ?? null, JSON.stringify(e.event), e.at);
  }

  events(fromExclusive: number, toInclusive: number): StoredEvent[] {
    return this.sql
      .exec<EventRow>("SELECT seq, body, at FROM events WHERE seq > ? AND seq <= ? ORDER BY seq", fromExclusive, toInclusive)
      .toArray()
      .map((r) => ({ seq: r.seq, at: r.at, event: BoardEvent.parse(JSON.parse(r.body)) }));
  }

  runSeqs(runId: string): number[] {
    return this.sql.exec<{ seq: number }>("SELECT seq FROM events WHERE run_id = ? ORDER BY seq", runId).toArray().map((r) => r.seq);
  }

  getAck(userId: string, msgId: string, since: number): string | null {
    const row = this.sql
      .exec<{ ack: string }>("SELECT ack FROM acks WHERE user_id = ? AND msg_id = ? AND at >= ?", userId, msgId, since)
      .toArray()[0];
    return row?.ack ?? null;
  }

  putAck(userId: string, msgId: string, ack: string, at: number): void {
    this.sql.exec("INSERT OR REPLACE INTO acks (user_id, msg_id, at, ack) VALUES (?, ?, ?, ?)", userId, msgId, at, ack);
  }

  pruneAcks(before: number): void {
    this.sql.exec("DELETE FROM acks WHERE at < ?", before);
  }

  getMeta(key: string): string | null {
    return this.sql.exec<{ value: string }>("SELECT value FROM room_meta WHERE key = ?", key).toArray()[0]?.value ?? null;
  }

  setMetaOnce(key: string, value: string): void {
    this.sql.exec("INSERT OR IGNORE INTO room_meta (key, value) VALUES (?, ?)", key, value);
  }

  // ---- chat and agent runs ----

  addMessage(m: ChatMessage): void {
    this.sql.exec("INSERT INTO messages (id, role, body) VALUES (?, ?, ?)", m.id, m.role, JSON.stringify(m));
  }

  messages(): ChatMessage[] {
    return this.sql
      .exec<{ body: string }>("SELECT body FROM messages ORDER BY n")
      .toArray()
      .map((r) => ChatMessage.parse(JSON.parse(r.body)));
  }

  lastUserMessage(): ChatMessage | null {
    const row = this.sql.exec<{ body: string }>("SELECT body FROM messages WHERE role = 'user' ORDER BY n DESC LIMIT 1").toArray()[0];
    return row ? ChatMessage.parse(JSON.parse(row.body)) : null;
  }

  putRun(run: RunRecord): void {
    this.sql.exec("INSERT OR REPLACE INTO runs (id, status, body) VALUES (?, ?, ?)", run.id, run.status, JSON.stringify(run));
  }

  getRun(id: string): RunRecord | null {
    const row = this.sql.exec<{ body: string }>("SELECT body FROM runs WHERE id = ?", id).toArray()[0];
    return row ? (JSON.parse(row.body) as RunRecord) : null;
  }

  unfinishedRuns(): RunRecord[] {
    return this.sql
      .exec<{ body: string }>("SELECT body FROM runs WHERE status IN ('pending', 'streaming', 'stopping')")
      .toArray()
      .map((r) => JSON.parse(r.body) as RunRecord);
  }
}
