// A Durable Object's SqlStorage over Node's own SQLite (node:sqlite), so the
// room's real SQL store runs in plain vitest. It refuses what production
// refuses and local workerd does not: a row whose values pass 2 MB, with the
// same "string or blob too big" failure; and, stricter, any one value over
// the contract's 1 MiB (CONTRACT 11).
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { MAX_STORED_BYTES, PRODUCTION_VALUE_LIMIT } from "../../worker/room/storage-limits";

const encoder = new TextEncoder();

export interface NodeSql {
  sql: SqlStorage;
  storage: { transactionSync<T>(fn: () => T): T };
  /** The largest row of values any statement bound, in bytes. */
  largestRowBytes(): number;
  db: DatabaseSync;
}

export function nodeSql(): NodeSql {
  const db = new DatabaseSync(":memory:");
  let largest = 0;
  let depth = 0;
  const exec = (query: string, ...values: unknown[]) => {
    let rows: Record<string, unknown>[];
    if (values.length === 0 && query.includes(";")) {
      db.exec(query);
      rows = [];
    } else {
      const sizes = values.map((v) => (typeof v === "string" ? encoder.encode(v).byteLength : v instanceof Uint8Array ? v.byteLength : 8));
      const bytes = sizes.reduce((n, b) => n + b, 0);
      largest = Math.max(largest, bytes);
      if (bytes > PRODUCTION_VALUE_LIMIT) throw new Error(`string or blob too big: SQLITE_TOOBIG (${bytes} bytes)`);
      // Stricter than production: the contract allows no stored value over 1 MiB (CONTRACT 11).
      const one = Math.max(0, ...sizes);
      if (one > MAX_STORED_BYTES) throw new Error(`a stored value of ${one} bytes is over the contract's 1 MiB`);
      rows = db.prepare(query).all(...(values as SQLInputValue[])) as Record<string, unknown>[];
    }
    return {
      toArray: () => rows,
      one: () => {
        if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
        return rows[0];
      },
      [Symbol.iterator]: () => rows[Symbol.iterator](),
    };
  };
  const transactionSync = <T>(fn: () => T): T => {
    // Savepoints nest, as the DO's transactionSync does.
    const name = `sp${depth++}`;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const out = fn();
      db.exec(`RELEASE ${name}`);
      return out;
    } catch (err) {
      db.exec(`ROLLBACK TO ${name}`);
      db.exec(`RELEASE ${name}`);
      throw err;
    } finally {
      depth--;
    }
  };
  return { sql: { exec } as unknown as SqlStorage, storage: { transactionSync }, largestRowBytes: () => largest, db };
}
