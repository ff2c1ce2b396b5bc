// Same-origin policy for state-changing requests and the realtime upgrade:
// the browser's Origin must equal the app's own origin or one listed in
// ALLOWED_ORIGINS, compared exactly (a substring match would let
// https://app.example.com.evil.io through).
import { createMiddleware } from "hono/factory";
import type { AppEnv, Env } from "../env";
import { forbidden } from "./errors";

export function allowedOrigins(env: Pick<Env, "ALLOWED_ORIGINS">, requestUrl: string): Set<string> {
  const list = (env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  return new Set([new URL(requestUrl).origin, ...list]);
}

export function isAllowedOrigin(origin: string | undefined, env: Pick<Env, "ALLOWED_ORIGINS">, requestUrl: string) {
  return origin !== undefined && allowedOrigins(env, requestUrl).has(origin);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const sameOrigin = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method) && !isAllowedOrigin(c.req.header("origin"), c.env, c.req.url)) {
    throw forbidden("Cross-origin request refused.");
  }
  await next();
});
