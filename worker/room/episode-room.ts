// EpisodeRoom: one Durable Object per episode, the only writer of its board.
// This shell keeps the board projection in the room's own SQLite; the
// realtime channel and the event log build on the same tables.
import { DurableObject } from "cloudflare:workers";
import { Board, emptyBoard } from "../domain/board";
import type { BoardSnapshot } from "../domain/api";
import type { Env } from "../env";

export interface RoomIdentity {
  episodeId: string;
  projectId: string;
}

export class EpisodeRoom extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS room_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS board_projection (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, board TEXT NOT NULL);
    `);
  }

  /** Called once when the episode is created; calling it again changes nothing. */
  async init(identity: RoomIdentity): Promise<BoardSnapshot> {
    this.ctx.storage.transactionSync(() => {
      this.sql.exec("INSERT OR IGNORE INTO room_meta (key, value) VALUES ('episodeId', ?), ('projectId', ?)", identity.episodeId, identity.projectId);
      this.sql.exec(
        "INSERT OR IGNORE INTO board_projection (id, seq, board) VALUES (1, 0, ?)",
        JSON.stringify(emptyBoard(identity.episodeId)),
      );
    });
    return this.snapshot();
  }

  /** The authoritative board at its current seq. */
  async snapshot(): Promise<BoardSnapshot> {
    const row = this.sql.exec<{ seq: number; board: string }>("SELECT seq, board FROM board_projection WHERE id = 1").toArray()[0];
    if (!row) throw new Error("EpisodeRoom used before init");
    return { seq: row.seq, board: Board.parse(JSON.parse(row.board)) };
  }

  /** Health probe: proves a room can be reached and can read its storage. */
  async ping(): Promise<{ ok: true; tables: number }> {
    const tables = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").one().n;
    return { ok: true, tables };
  }
}
