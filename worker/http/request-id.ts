// Every request gets an id made here, sent back in X-Request-Id and written
// to the audit trail and the error log. An id the client sends is ignored:
// taken on trust, it would let a caller forge, repeat or collide with the ids
// that tie audit rows and log lines to requests.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

export const REQUEST_ID_HEADER = "X-Request-Id";

export const serverRequestId = createMiddleware<AppEnv>(async (c, next) => {
  const id = crypto.randomUUID();
  c.set("requestId", id);
  c.header(REQUEST_ID_HEADER, id);
  await next();
});
