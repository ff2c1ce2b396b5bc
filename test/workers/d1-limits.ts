// D1 refuses a statement with more than 100 bound parameters (CONTRACT 11);
// the local emulation binds any number. This setup file makes the test D1
// refuse them too: every statement prepared in the isolate (by the tests, the
// app's requests, the queue consumer) is checked when its values are bound, so
// a query whose parameter count grows with the data fails here as it would in
// production. `boundParameters` tells a test the largest count it has seen.
import { env } from "cloudflare:workers";

export const D1_MAX_BOUND_PARAMETERS = 100;

interface Watch {
  max: number;
  sql: string;
  refused: string[];
}

const KEY = Symbol.for("reelroom.test.d1-bound-parameters");
type Patched = typeof globalThis & { [KEY]?: Watch };

function install(): Watch {
  const g = globalThis as Patched;
  if (g[KEY]) return g[KEY];
  const watch: Watch = { max: 0, sql: "", refused: [] };
  g[KEY] = watch;
  const sqlOf = new WeakMap<object, string>();
  const dbProto = Object.getPrototypeOf(env.DB) as D1Database;
  const prepare = dbProto.prepare;
  dbProto.prepare = function (this: D1Database, query: string) {
    const stmt = prepare.call(this, query);
    sqlOf.set(stmt, query);
    return stmt;
  };
  const stmtProto = Object.getPrototypeOf(env.DB.prepare("SELECT 1")) as D1PreparedStatement;
  const bind = stmtProto.bind;
  stmtProto.bind = function (this: D1PreparedStatement, ...values: unknown[]) {
    const sql = sqlOf.get(this) ?? "(statement prepared outside env.DB)";
    if (values.length > watch.max) {
      watch.max = values.length;
      watch.sql = sql;
    }
    if (values.length > D1_MAX_BOUND_PARAMETERS) {
      watch.refused.push(sql);
      throw new Error(`D1 refuses ${values.length} bound parameters (at most ${D1_MAX_BOUND_PARAMETERS}): ${sql.slice(0, 300)}`);
    }
    return bind.apply(this, values);
  };
  return watch;
}

const watch = install();

/** The largest number of parameters one statement bound since the last reset, and that statement. */
export const boundParameters = {
  get max() {
    return watch.max;
  },
  get sql() {
    return watch.sql;
  },
  /** Statements refused for binding too many, since the last reset. */
  get refused(): readonly string[] {
    return watch.refused;
  },
  reset() {
    watch.max = 0;
    watch.sql = "";
    watch.refused = [];
  },
};
