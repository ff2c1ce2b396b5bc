// The HTTP app: middleware that applies to every request, the resource
// sub-apps, and the one place errors become the contract's error body.
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { recordDenial } from "./audit";
import * as schema from "./db/schema";
import type { AppEnv } from "./env";
import { ApiError, toErrorBody } from "./http/errors";
import { sameOrigin } from "./http/origin";
import { serverRequestId } from "./http/request-id";
import { securityHeaders } from "./http/security-headers";
import { authRoutes, meRoutes } from "./routes/auth";
import { healthRoutes } from "./routes/health";
import { exportRoutes } from "./routes/exports";
import { projectRoutes } from "./routes/projects";
import { realtimeRoutes } from "./routes/realtime";
import { reviewLinkRoutes, reviewRoutes } from "./routes/review";
import { artifactRoutes, jobRoutes } from "./routes/jobs";
import { opsRoutes } from "./routes/ops";
import { OWN_BODY_LIMIT, pictureRoutes } from "./routes/pictures";
import { providerSettingRoutes } from "./routes/provider-settings";

export const MAX_BODY_BYTES = 64 * 1024;

const smallBodies = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, "too_large", `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KiB.`);
  },
});

export const app = new Hono<AppEnv>()
  .use(serverRequestId)
  .use(securityHeaders)
  .use(async (c, next) => {
    c.set("db", drizzle(c.env.DB, { schema }));
    await next();
  })
  // Uploads and strokes read their bodies with limits of their own (worker/routes/pictures.ts).
  .use("/api/*", (c, next) => (OWN_BODY_LIMIT.test(c.req.path) ? next() : smallBodies(c, next)))
  .use("/api/*", sameOrigin)
  .route("/api/health", healthRoutes)
  .route("/api/v1/auth", authRoutes)
  .route("/api/v1/me", meRoutes)
  .route("/api/v1/projects", projectRoutes)
  .route("/api/v1/projects", reviewLinkRoutes)
  .route("/api/v1/projects", pictureRoutes)
  .route("/api/v1/projects", providerSettingRoutes)
  .route("/api/v1/review", reviewRoutes)
  // Mounted at its own path so its sign-in check never matches (nor names, in the audit) another project route.
  .route("/api/v1/projects/:projectId/episodes/:episodeId/exports", exportRoutes)
  .route("/api/v1/realtime", realtimeRoutes)
  .route("/api/v1/jobs", jobRoutes)
  .route("/api/v1/artifacts", artifactRoutes)
  .route("/api/v1", opsRoutes);

app.notFound(() => {
  throw new ApiError(404, "not_found", "No such route.");
});

app.onError(async (err, c) => {
  const { status, body, headers } = toErrorBody(err);
  if (status >= 500) {
    // Details stay in the server log; the client gets a generic message.
    // A token-shaped segment (an old review address) is a credential: it never reaches a log.
    const path = c.req.path.replace(/[A-Za-z0-9_-]{43,}/g, ":token");
    console.error(JSON.stringify({ requestId: c.var.requestId, path, error: String(err), stack: (err as Error)?.stack }));
  }
  if ((status === 401 || status === 403) && c.var.db && !c.var.audited) {
    try {
      await recordDenial(c, body.error.code, body.error.message);
    } catch (auditErr) {
      console.error(JSON.stringify({ requestId: c.var.requestId, error: `audit write failed: ${String(auditErr)}` }));
    }
  }
  return c.json(body, status, headers);
});

export type AppType = typeof app;
