// Pictures people supply (CONTRACT 12): uploads and drawings, a drawing's
// strokes, and what a project's pictures take in storage. An upload is read
// with its own size limit (the app's 64 KiB does not apply here), checked by
// its bytes alone, counted against the project's quota in the same D1
// statement that records it, put in R2, and only then added to the board by
// the episode's room, which fills in the picture's basis. Nothing stays
// stored when any step refuses it.
import { Hono } from "hono";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { requireEpisode, requireRole } from "../access";
import { recordAudit } from "../audit";
import { currentUser, requireUser } from "../auth/session";
import { EntityId, type Role } from "../domain/api";
import { Id, type Revision } from "../domain/board";
import { Drawing, STROKE_POINTS_MAX, STROKES_MAX_BYTES } from "../domain/drawing";
import {
  ARTIFACT_URL_PREFIX,
  checkUpload,
  fileTooLargeText,
  PICTURES_QUOTA_BYTES,
  pictureKey,
  quotaText,
  type StorageRes,
  sizeText,
  strokesKey,
  UPLOAD_MAX_BYTES,
  UploadQuery,
  type UploadRes,
} from "../domain/pictures";
import type { AppEnv } from "../env";
import { readLimited } from "../http/body";
import { ApiError, conflict, invalid, notFound } from "../http/errors";
import { validate } from "../http/validate";
import { newId } from "../ids";
import { type PictureFileRow, picturesUsed, releasePicture, reservePicture, settlePicture } from "../picture-store";
import type { AddRevisionOutcome } from "../room/room";
import { roomFor } from "../rooms";

const ProjectParam = z.object({ projectId: EntityId });
const EpisodeParam = ProjectParam.extend({ episodeId: EntityId });
const FrameParam = EpisodeParam.extend({ frameId: Id });
const StrokesParam = FrameParam.extend({ revisionId: Id });

/** The paths that read their own bodies, with their own limits: the app's 64 KiB body limit skips them. */
export const OWN_BODY_LIMIT = /^\/api\/v1\/projects\/[^/]+\/episodes\/[^/]+\/frames\/[^/]+\/(?:uploads|revisions\/[^/]+\/strokes)$/;

/** requireUser, unless the project routes mounted beside these already looked the session up for this request. */
const signedIn = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.user) await next();
  else await requireUser(c, next);
});

const tooLarge = (message: string, details?: unknown) => new ApiError(413, "too_large", message, details);
const unsupported = (message: string) => new ApiError(415, "unsupported_media", message);
const unavailable = (message: string) => new ApiError(503, "unavailable", message);

/** The caller's role (403 below `needed`, as every project route answers) and the episode in the project (404), asked together. */
async function episodeAccess(c: Context<AppEnv>, projectId: string, episodeId: string, needed: Role): Promise<void> {
  const [role, episode] = await Promise.allSettled([requireRole(c, projectId, needed), requireEpisode(c.var.db, projectId, episodeId)]);
  if (role.status === "rejected") throw role.reason;
  if (episode.status === "rejected") throw episode.reason;
}

/** Records the file's bytes against the project's quota, or refuses with how much is used. */
async function reserve(c: Context<AppEnv>, row: PictureFileRow): Promise<void> {
  if (await reservePicture(c.var.db, row, PICTURES_QUOTA_BYTES)) return;
  const usedBytes = await picturesUsed(c.var.db, row.projectId);
  throw tooLarge(quotaText(usedBytes, PICTURES_QUOTA_BYTES, row.bytes), { usedBytes, limitBytes: PICTURES_QUOTA_BYTES });
}

/** Takes back a stored file and its row: the board never got it. */
async function discard(c: Context<AppEnv>, key: string): Promise<void> {
  await Promise.all([c.env.ARTIFACTS.delete(key), releasePicture(c.var.db, key)]);
}

function logError(c: Context<AppEnv>, what: string, err: unknown) {
  console.error(JSON.stringify({ requestId: c.var.requestId, what, error: String(err) }));
}

export const pictureRoutes = new Hono<AppEnv>()
  .post("/:projectId/episodes/:episodeId/frames/:frameId/uploads", signedIn, validate("param", FrameParam), validate("query", UploadQuery), async (c) => {
    const { projectId, episodeId, frameId } = c.req.valid("param");
    const { kind, name } = c.req.valid("query");
    const user = currentUser(c);
    await episodeAccess(c, projectId, episodeId, "editor");
    const room = roomFor(c.env, episodeId);
    // Asked while the file arrives, so a frame that is gone is known before anything is stored.
    const frameThere = room.hasFrame(frameId).then(
      (there) => there,
      () => null,
    );
    const body = await readLimited(c.req.raw, UPLOAD_MAX_BYTES);
    if (!body.ok) throw tooLarge(fileTooLargeText(body.declared));
    if ((await frameThere) === false) throw notFound(`Frame "${frameId}"`);
    const checked = checkUpload(body.bytes, c.req.header("content-type"), name, kind);
    if (!checked.ok) throw checked.status === 413 ? tooLarge(checked.message) : unsupported(checked.message);
    const image = checked.image;

    const revisionId = newId("rv");
    const key = pictureKey(projectId, episodeId, revisionId, image.ext);
    const bytes = body.bytes.byteLength;
    await reserve(c, { key, projectId, episodeId, frameId, revisionId, kind, mime: image.mime, bytes, createdBy: user.id });
    try {
      await c.env.ARTIFACTS.put(key, body.bytes, { httpMetadata: { contentType: image.mime }, customMetadata: { frameId, kind } });
    } catch (err) {
      logError(c, "store picture", err);
      // A put that failed may still have written: the object goes with its row.
      await discard(c, key);
      throw unavailable("The picture could not be stored just now; try again.");
    }
    const revision: Omit<Revision, "basis"> = {
      id: revisionId,
      kind,
      url: `${ARTIFACT_URL_PREFIX}${key}`,
      mime: image.mime,
      width: image.width,
      height: image.height,
      by: { type: "user", id: user.id, name: user.name.slice(0, 80) },
      at: new Date().toISOString(),
    };
    let out: AddRevisionOutcome;
    try {
      out = await room.addRevision(frameId, revision);
    } catch (err) {
      logError(c, "add revision", err);
      // The call may have failed after the room committed: a picture the board shows is never deleted.
      const landed = await room.revision(frameId, revisionId).catch(() => undefined);
      if (landed === undefined) throw unavailable("The picture could not be added to the board just now; try again.");
      if (landed === null) {
        await discard(c, key);
        throw unavailable("The picture could not be added to the board just now; try again.");
      }
      out = { ok: true, revision: landed, seq: 0 };
    }
    if (!out.ok) {
      await discard(c, key);
      throw out.code === "not_found" ? notFound(`Frame "${frameId}"`) : conflict(`The picture could not be added: ${out.reason}.`);
    }
    // The picture is on the board: a failed audit write is logged, never turned into a failed upload to be retried.
    try {
      await recordAudit(c, {
        action: "picture.upload",
        target: `revision:${revisionId}`,
        projectId,
        verdict: "allowed",
        details: { frameId, revisionId, kind, mime: image.mime, bytes, width: image.width, height: image.height },
      });
    } catch (err) {
      logError(c, "audit upload", err);
    }
    const res: UploadRes = { revision: out.revision };
    return c.json(res, 201);
  })
  .put("/:projectId/episodes/:episodeId/frames/:frameId/revisions/:revisionId/strokes", signedIn, validate("param", StrokesParam), async (c) => {
    const { projectId, episodeId, frameId, revisionId } = c.req.valid("param");
    const user = currentUser(c);
    await episodeAccess(c, projectId, episodeId, "editor");
    const target = roomFor(c.env, episodeId)
      .revision(frameId, revisionId)
      .then(
        (revision) => ({ revision }),
        (err: unknown) => ({ err }),
      );
    const limit = sizeText(STROKES_MAX_BYTES);
    const body = await readLimited(c.req.raw, STROKES_MAX_BYTES);
    if (!body.ok) throw tooLarge(`A drawing's strokes may be at most ${limit}${body.declared === null ? "" : `; these are ${sizeText(body.declared)}`}.`);
    // Counted before parsing: 2 MB of the tiniest points would parse into some 20 MB of arrays before the schema saw them.
    let brackets = 0;
    for (const byte of body.bytes) if (byte === 0x5b) brackets++;
    if (brackets > STROKE_POINTS_MAX) throw tooLarge(`A drawing may have at most ${STROKE_POINTS_MAX.toLocaleString("en")} points.`);
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(body.bytes));
    } catch {
      throw invalid("The strokes are not JSON.");
    }
    const parsed = Drawing.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join("."), message: i.message }));
      throw invalid(`The strokes are not a drawing: ${issues[0]?.path || "drawing"}: ${issues[0]?.message ?? "invalid"}`, issues);
    }
    const found = await target;
    if ("err" in found) {
      logError(c, "read revision", found.err);
      throw unavailable("The episode could not be reached just now; try again.");
    }
    if (!found.revision) throw notFound("That picture on that frame");
    if (found.revision.kind !== "drawing")
      throw conflict(`Only a drawing has strokes; this picture is ${found.revision.kind === "upload" ? "an upload" : "a render"}.`);
    // Stored as parsed, with the schema's defaults filled in, so what comes back out always parses.
    const stored = new TextEncoder().encode(JSON.stringify(parsed.data));
    if (stored.byteLength > STROKES_MAX_BYTES) throw tooLarge(`A drawing's strokes may be at most ${limit}.`);
    const key = strokesKey(projectId, episodeId, revisionId);
    await reserve(c, {
      key,
      projectId,
      episodeId,
      frameId,
      revisionId,
      kind: "strokes",
      mime: "application/json",
      bytes: stored.byteLength,
      createdBy: user.id,
    });
    try {
      await c.env.ARTIFACTS.put(key, stored, { httpMetadata: { contentType: "application/json" }, customMetadata: { frameId } });
    } catch (err) {
      logError(c, "store strokes", err);
      // The row goes back to what R2 still holds (the strokes saved before, or none).
      await settlePicture(c.var.db, c.env.ARTIFACTS, key);
      throw unavailable("The strokes could not be stored just now; try again.");
    }
    await recordAudit(c, {
      action: "picture.strokes",
      target: `revision:${revisionId}`,
      projectId,
      verdict: "allowed",
      details: { frameId, revisionId, bytes: stored.byteLength },
    });
    return c.body(null, 204);
  })
  .get("/:projectId/episodes/:episodeId/frames/:frameId/revisions/:revisionId/strokes", signedIn, validate("param", StrokesParam), async (c) => {
    const { projectId, episodeId, frameId, revisionId } = c.req.valid("param");
    await episodeAccess(c, projectId, episodeId, "viewer");
    const obj = await c.env.ARTIFACTS.get(strokesKey(projectId, episodeId, revisionId));
    // Strokes are kept by revision; the frame in the path must be the one they were drawn on.
    if (!obj || obj.customMetadata?.frameId !== frameId) throw notFound("Strokes for that picture");
    return new Response(obj.body, {
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "private, no-cache", etag: obj.httpEtag },
    });
  })
  .get("/:projectId/storage", signedIn, validate("param", ProjectParam), async (c) => {
    const { projectId } = c.req.valid("param");
    await requireRole(c, projectId, "viewer");
    const res: StorageRes = { usedBytes: await picturesUsed(c.var.db, projectId), limitBytes: PICTURES_QUOTA_BYTES };
    c.header("Cache-Control", "no-store");
    return c.json(res);
  });
