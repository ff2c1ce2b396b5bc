// Pictures people supply (CONTRACT 12) through the worker, D1, R2 and the
// room: every refusal first, each leaving nothing stored (no R2 object
// under the episode's pictures, no D1 row, the board as it was); then
// uploads of each format with their sizes, the board event, the served
// file's headers, revisions through undo, rewind, select and remove, a
// canceled re-render, a drawing's strokes and the project's storage.
import { env, exports } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import * as schema from "../../worker/db/schema";
import type { Board, Revision } from "../../worker/domain/board";
import type { Drawing } from "../../worker/domain/drawing";
import { shownRevision } from "../../worker/domain/frame-media";
import type { Job } from "../../worker/domain/jobs";
import { pictureBasis } from "../../worker/domain/picture-basis";
import { PICTURES_QUOTA_BYTES, UPLOAD_MAX_BYTES } from "../../worker/domain/pictures";
import { processJob } from "../../worker/jobs/pipeline";
import { createJob } from "../../worker/jobs/store";
import { roomFor } from "../../worker/rooms";
import { concat, jpeg, ONE_PIXEL_PNG, padTo, png, webpExtended, webpLossless, webpLossy } from "../support/images";
import { addMember, Client, episodeOf, errorCode, ORIGIN, type Person, projectOf, signUp } from "./helpers";
import { command, connect, joinReview, msgId, type TestSocket, uniqueIp } from "./socket";

const enc = (s: string) => new TextEncoder().encode(s);

async function setup() {
  const owner = await signUp("Mia");
  const projectId = await projectOf(owner, "Night market");
  const episodeId = await episodeOf(owner, projectId);
  const sock = await connect(owner, projectId, episodeId);
  await sock.next("metadata");
  expect(
    (await command(sock, { type: "add_frame", frame: { id: "f1", title: "The stall", prompt: "a noodle stall in the rain", camera: "WS" } })).payload.ok,
  ).toBe(true);
  const base = `/api/v1/projects/${projectId}/episodes/${episodeId}`;
  return { owner, projectId, episodeId, sock, base, uploads: `${base}/frames/f1/uploads` };
}

interface SendOptions {
  type?: string | null;
  origin?: string | null;
  headers?: Record<string, string>;
}

/** A POST with a raw body, as a browser's fetch(file) sends it. */
function send(person: Person | null, path: string, body: Uint8Array | ReadableStream<Uint8Array>, opts: SendOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers };
  const origin = opts.origin === undefined ? ORIGIN : opts.origin;
  if (origin !== null) headers.origin = origin;
  if (person?.client.cookie) headers.cookie = person.client.cookie;
  const type = opts.type === undefined ? "image/png" : opts.type;
  if (type !== null) headers["content-type"] = type;
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { method: "POST", headers, body: body as BodyInit }));
}

async function board(person: Person, base: string): Promise<{ seq: number; board: Board }> {
  return (await (await person.client.get(`${base}/board`)).json()) as { seq: number; board: Board };
}

async function rows(projectId: string) {
  return (await env.DB.prepare("SELECT key, kind, mime, bytes FROM picture_files WHERE project_id = ? ORDER BY created_at").bind(projectId).all()).results;
}

/** Nothing stored: no file under the episode's pictures, no row for the project, the board where it was. */
async function nothingStored(s: Awaited<ReturnType<typeof setup>>, seq: number) {
  const listed = await env.ARTIFACTS.list({ prefix: `${s.projectId}/${s.episodeId}/pictures/` });
  expect(listed.objects.map((o) => o.key)).toEqual([]);
  expect(await rows(s.projectId)).toEqual([]);
  const now = await board(s.owner, s.base);
  expect(now.seq).toBe(seq);
  expect(now.board.frames.every((f) => f.media.revisions.length === 0)).toBe(true);
}

async function refusal(res: Response): Promise<[number, string, string]> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return [res.status, body.error.code, body.error.message];
}

async function uploaded(res: Response): Promise<Revision> {
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { revision: Revision }).revision;
}

const keyOf = (r: Revision) => r.url.replace("/api/v1/artifacts/", "");

/** A body that arrives in 64 KiB chunks, counting what the server pulled. */
function counted(total: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const chunk = padTo(png(4000, 3000), 64 * 1024);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) {
        controller.close();
        return;
      }
      const n = Math.min(chunk.byteLength, total - sent);
      controller.enqueue(sent === 0 ? chunk.slice(0, n) : new Uint8Array(n));
      sent += n;
    },
  });
  return { stream, pulled: () => sent };
}

describe("uploads refused", () => {
  it("refuses what is not a PNG, JPEG or WebP, whatever it is sent as, with 415 and nothing stored", async () => {
    const s = await setup();
    const { seq } = await board(s.owner, s.base);
    const cases: [string, Uint8Array, string, RegExp][] = [
      [
        "svg",
        enc('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'),
        "image/svg+xml",
        /^This file is an SVG drawing; upload a PNG, JPEG or WebP image\.$/,
      ],
      ["svg sent as png", enc('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), "image/png", /^This file is an SVG drawing;/],
      ["html", enc("<!doctype html><html><script>alert(document.cookie)</script></html>"), "image/png", /^This file is a web page \(HTML\);/],
      [
        "gif",
        concat(enc("GIF89a"), [1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x21, 0xf9]),
        "image/gif",
        /^This file is a GIF; upload a PNG, JPEG or WebP image\.$/,
      ],
      ["text named .png", enc("shopping list: rice, eggs"), "image/png", /^This file is text; upload a PNG, JPEG or WebP image\.$/],
      ["empty", new Uint8Array(0), "image/png", /^This file is empty;/],
      ["truncated png", png(640, 360).subarray(0, 20), "image/png", /^This PNG file is cut short/],
      ["truncated jpeg", jpeg(640, 360).subarray(0, 40), "image/jpeg", /^This JPEG file is cut short/],
      ["truncated webp", webpLossy(640, 360).subarray(0, 24), "image/webp", /^This WebP file is cut short/],
    ];
    for (const [what, bytes, type, message] of cases) {
      const [status, code, text] = await refusal(await send(s.owner, `${s.uploads}?name=${encodeURIComponent(`${what}.png`)}`, bytes, { type }));
      expect([what, status, code], what).toEqual([what, 415, "unsupported_media"]);
      expect(text, what).toMatch(message);
    }
    await nothingStored(s, seq);
    s.sock.close();
  });

  it("refuses a type, a name or a kind that disagrees with the bytes, and a 0 × 0 image, with 415", async () => {
    const s = await setup();
    const { seq } = await board(s.owner, s.base);
    expect(await refusal(await send(s.owner, s.uploads, png(640, 360), { type: "image/jpeg" }))).toEqual([
      415,
      "unsupported_media",
      "This file is a PNG image but was sent as image/jpeg; the type sent and the file must agree.",
    ]);
    expect(await refusal(await send(s.owner, `${s.uploads}?kind=drawing`, jpeg(640, 360), { type: "image/jpeg" }))).toEqual([
      415,
      "unsupported_media",
      "A drawing is saved as a PNG; this file is a JPEG image.",
    ]);
    expect((await refusal(await send(s.owner, `${s.uploads}?name=IMG_0042.png`, jpeg(640, 360), { type: "image/jpeg" })))[2]).toMatch(
      /^This file is a JPEG image but its name says otherwise/,
    );
    expect(await refusal(await send(s.owner, s.uploads, png(0, 0)))).toEqual([
      415,
      "unsupported_media",
      "This PNG image says it is 0 × 0 px; a picture needs at least 1 px a side.",
    ]);
    expect((await refusal(await send(s.owner, s.uploads, jpeg(640, 0), { type: "image/jpeg" })))[0]).toBe(415);
    expect((await send(s.owner, `${s.uploads}?kind=sketch`, png(640, 360))).status).toBe(400);
    await nothingStored(s, seq);
    s.sock.close();
  });

  it("refuses more than 8,000 px a side with 413, read from a small file's own header", async () => {
    const s = await setup();
    const { seq } = await board(s.owner, s.base);
    expect(await refusal(await send(s.owner, s.uploads, png(9200, 3000)))).toEqual([
      413,
      "too_large",
      "This image is 9,200 px wide; the largest we take is 8,000 px a side.",
    ]);
    expect((await refusal(await send(s.owner, s.uploads, jpeg(4000, 12000, { progressive: true }), { type: "image/jpeg" })))[2]).toBe(
      "This image is 12,000 px tall; the largest we take is 8,000 px a side.",
    );
    expect((await refusal(await send(s.owner, s.uploads, webpExtended(8001, 8001), { type: "image/webp" })))[0]).toBe(413);
    await nothingStored(s, seq);
    s.sock.close();
  });

  it("refuses more than 15 MB with 413: by its Content-Length before reading it, and without a length after 15 MB + 1 byte", async () => {
    const s = await setup();
    const { seq } = await board(s.owner, s.base);
    // A whole 17.3 MB file with its length: refused as that size.
    const big = padTo(png(4000, 3000), Math.round(17.3 * 1024 * 1024));
    expect(await refusal(await send(s.owner, s.uploads, big))).toEqual([413, "too_large", "This file is 17.3 MB; the largest we take is 15 MB."]);
    // A stream that declares its length: the declared length is enough, the body is not read.
    const declared = counted(20 * 1024 * 1024);
    const res = await send(s.owner, s.uploads, declared.stream, { headers: { "content-length": String(20 * 1024 * 1024) } });
    expect(await refusal(res)).toEqual([413, "too_large", "This file is 20 MB; the largest we take is 15 MB."]);
    expect(declared.pulled()).toBeLessThan(1024 * 1024);
    // A stream with no length at all (chunked): counted as it arrives, cut off just past the limit.
    const endless = counted(40 * 1024 * 1024);
    expect(await refusal(await send(s.owner, s.uploads, endless.stream))).toEqual([413, "too_large", "This file is over 15 MB; the largest we take is 15 MB."]);
    expect(endless.pulled()).toBeGreaterThan(UPLOAD_MAX_BYTES);
    expect(endless.pulled()).toBeLessThan(UPLOAD_MAX_BYTES + 1024 * 1024);
    // Exactly at the limit is taken.
    const atLimit = await uploaded(await send(s.owner, s.uploads, padTo(png(4000, 3000), UPLOAD_MAX_BYTES)));
    expect((await env.ARTIFACTS.head(keyOf(atLimit)))!.size).toBe(UPLOAD_MAX_BYTES);
    expect((await rows(s.projectId)).map((r) => r.bytes)).toEqual([UPLOAD_MAX_BYTES]);
    expect((await board(s.owner, s.base)).seq).toBe(seq + 1);
    s.sock.close();
  });

  it("refuses a file past the project's 2 GB with 413, saying how much is used", async () => {
    const s = await setup();
    const { seq } = await board(s.owner, s.base);
    // The usage of 2 GB less 1,000 bytes, seeded as rows rather than written.
    await env.DB.prepare(
      "INSERT INTO picture_files (key, project_id, episode_id, frame_id, revision_id, kind, mime, bytes, created_by) VALUES (?, ?, ?, 'f0', 'rv_seed', 'upload', 'image/png', ?, 'seed')",
    )
      .bind(`${s.projectId}/seeded`, s.projectId, s.episodeId, PICTURES_QUOTA_BYTES - 1000)
      .run();
    const res = await send(s.owner, s.uploads, padTo(png(64, 64), 2048));
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string; details: unknown } };
    expect(body.error.code).toBe("too_large");
    expect(body.error.message).toBe("This project has used 2 GB of its 2 GB for pictures; this 2 KB file does not fit.");
    expect(body.error.details).toEqual({ usedBytes: PICTURES_QUOTA_BYTES - 1000, limitBytes: PICTURES_QUOTA_BYTES });
    // 1,000 bytes still fit exactly.
    expect((await send(s.owner, s.uploads, padTo(png(64, 64), 1001))).status).toBe(413);
    const last = await uploaded(await send(s.owner, s.uploads, padTo(png(64, 64), 1000)));
    expect(((await (await s.owner.client.get(`/api/v1/projects/${s.projectId}/storage`)).json()) as { usedBytes: number }).usedBytes).toBe(
      PICTURES_QUOTA_BYTES,
    );
    await env.DB.prepare("DELETE FROM picture_files WHERE key = ?").bind(`${s.projectId}/seeded`).run();
    await env.DB.prepare("DELETE FROM picture_files WHERE key = ?").bind(keyOf(last)).run();
    await env.ARTIFACTS.delete(keyOf(last));
    expect((await board(s.owner, s.base)).seq).toBe(seq + 1);
    s.sock.close();
  });

  it("refuses viewers (403), people outside the project (403, as every project route), the signed out (401) and other origins (403)", async () => {
    const s = await setup();
    const { seq } = await board(s.owner, s.base);
    const viewer = await signUp("viewer");
    await addMember(s.owner, s.projectId, viewer, "viewer");
    const stranger = await signUp("stranger");
    const file = png(640, 360);
    expect(await refusal(await send(viewer, s.uploads, file))).toEqual([403, "forbidden", "This needs the editor role; you are a viewer."]);
    expect((await refusal(await send(stranger, s.uploads, file))).slice(0, 2)).toEqual([403, "forbidden"]);
    expect((await refusal(await send(null, s.uploads, file))).slice(0, 2)).toEqual([401, "unauthenticated"]);
    expect((await refusal(await send(s.owner, s.uploads, file, { origin: "https://evil.example" }))).slice(0, 2)).toEqual([403, "forbidden"]);
    expect((await refusal(await send(s.owner, s.uploads, file, { origin: null }))).slice(0, 2)).toEqual([403, "forbidden"]);
    // A viewer cannot save strokes either.
    const strokes = `${s.base}/frames/f1/revisions/rv_aaaaaaaaaaaaaaaaaaaa/strokes`;
    expect((await viewer.client.request("PUT", strokes, { body: drawing() })).status).toBe(403);
    await nothingStored(s, seq);
    s.sock.close();
  });

  it("refuses a frame that does not exist, an episode of another project, and a frame removed while the file arrives (404)", async () => {
    const s = await setup();
    const { seq } = await board(s.owner, s.base);
    expect(await refusal(await send(s.owner, `${s.base}/frames/nope/uploads`, png(640, 360)))).toEqual([404, "not_found", 'Frame "nope" was not found.']);
    const otherProject = await projectOf(s.owner, "Elsewhere");
    expect((await send(s.owner, `/api/v1/projects/${otherProject}/episodes/${s.episodeId}/frames/f1/uploads`, png(640, 360))).status).toBe(404);
    expect((await send(s.owner, `${s.base}/frames/${"x".repeat(41)}/uploads`, png(640, 360))).status).toBe(400);
    await nothingStored(s, seq);

    // The frame is there when the upload starts, and gone by the time its file is stored.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const file = png(640, 360);
    // The worker asks for a second chunk only once it has taken the first: then it is reading the file.
    let reading!: () => void;
    const started = new Promise<void>((r) => (reading = r));
    let pulls = 0;
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (pulls++ === 0) {
          controller.enqueue(file.subarray(0, 10));
          return;
        }
        reading();
        await held;
        controller.enqueue(file.subarray(10));
        controller.close();
      },
    });
    const pending = send(s.owner, s.uploads, slow);
    await started;
    expect((await command(s.sock, { type: "remove_frame", id: "f1" })).payload.ok).toBe(true);
    release();
    expect(await refusal(await pending)).toEqual([404, "not_found", 'Frame "f1" was not found.']);
    expect((await env.ARTIFACTS.list({ prefix: `${s.projectId}/${s.episodeId}/pictures/` })).objects).toEqual([]);
    expect(await rows(s.projectId)).toEqual([]);
    expect((await board(s.owner, s.base)).seq).toBe(seq + 1);
    s.sock.close();
  });

  it("lets the room add a revision only to a frame it has, and fills in the basis itself", async () => {
    const s = await setup();
    const room = roomFor(env, s.episodeId);
    const revision = {
      id: "rv_roomdirect00000000",
      kind: "upload" as const,
      url: "/api/v1/artifacts/x",
      mime: "image/png" as const,
      width: 1,
      height: 1,
      by: { type: "user" as const, id: s.owner.user.id, name: "Mia" },
      at: new Date().toISOString(),
    };
    expect(await room.addRevision("gone", revision)).toEqual({ ok: false, code: "not_found", reason: 'There is no frame "gone" in this episode any more.' });
    const out = await room.addRevision("f1", revision);
    const now = await board(s.owner, s.base);
    expect(out).toEqual({ ok: true, seq: now.seq, revision: { ...revision, basis: pictureBasis(now.board, now.board.frames[0]!) } });
    const event = await s.sock.next("board_event", (m) => m.payload.event.kind === "add_revision");
    expect(event.payload.event.actor).toEqual({ type: "system", id: "uploads" });
    s.sock.close();
  });
});

describe("uploads", () => {
  it("takes PNG, JPEG (baseline and progressive) and WebP (lossy, lossless, extended) with the sizes their headers give", async () => {
    const s = await setup();
    const files: [string, Uint8Array, string, string, number, number][] = [
      ["png", png(1920, 1080), "image/png", "png", 1920, 1080],
      ["real png", ONE_PIXEL_PNG, "image/png", "png", 1, 1],
      ["jpeg", jpeg(1280, 720), "image/jpeg", "jpg", 1280, 720],
      ["progressive jpeg", jpeg(4032, 3024, { progressive: true }), "image/jpeg", "jpg", 4032, 3024],
      ["lossy webp", webpLossy(800, 450), "image/webp", "webp", 800, 450],
      ["lossless webp", webpLossless(1080, 1920), "image/webp", "webp", 1080, 1920],
      ["extended webp", webpExtended(8000, 8000), "image/webp", "webp", 8000, 8000],
    ];
    const db = drizzle(env.DB, { schema });
    for (const [what, bytes, mime, ext, width, height] of files) {
      // The type each file is sent as does not matter when it names none: the bytes decide.
      const revision = await uploaded(await send(s.owner, `${s.uploads}?name=${what.replace(/ /g, "-")}.${ext}`, bytes, { type: "application/octet-stream" }));
      expect(revision, what).toMatchObject({ kind: "upload", mime, width, height, by: { type: "user", id: s.owner.user.id, name: "Mia" } });
      expect(revision.id).toMatch(/^rv_[A-Za-z0-9_-]{20}$/);
      expect(revision.url).toBe(`/api/v1/artifacts/${s.projectId}/${s.episodeId}/pictures/${revision.id}.${ext}`);
      const stored = await env.ARTIFACTS.get(keyOf(revision));
      expect(stored!.httpMetadata?.contentType).toBe(mime);
      expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(bytes);
      const row = await db.query.pictureFiles.findFirst({ where: (t, { eq }) => eq(t.key, keyOf(revision)) });
      expect(row).toMatchObject({
        projectId: s.projectId,
        episodeId: s.episodeId,
        frameId: "f1",
        revisionId: revision.id,
        kind: "upload",
        mime,
        bytes: bytes.byteLength,
      });
    }
    const { board: now } = await board(s.owner, s.base);
    const media = now.frames[0]!.media;
    expect(media.revisions.map((r) => [r.mime, r.width, r.height])).toEqual(files.map(([, , mime, , w, h]) => [mime, w, h]));
    expect(media.shown).toBe(media.revisions.at(-1)!.id);
    expect(media.revisions.every((r) => r.basis === pictureBasis(now, now.frames[0]!))).toBe(true);
    s.sock.close();
  });

  it("reaches every open socket as one add_revision board event, and is audited with its allowed fields", async () => {
    const s = await setup();
    const viewer = await signUp("viewer");
    await addMember(s.owner, s.projectId, viewer, "viewer");
    const watching = await connect(viewer, s.projectId, s.episodeId);
    await watching.next("metadata");
    const revision = await uploaded(await send(s.owner, `${s.uploads}?kind=drawing`, png(1600, 900)));
    expect(revision.kind).toBe("drawing");
    for (const sock of [s.sock, watching]) {
      const m = await sock.next("board_event", (e) => e.payload.event.kind === "add_revision");
      expect(m.payload.event).toMatchObject({ kind: "add_revision", data: { frameId: "f1", revision }, actor: { type: "system", id: "uploads" } });
    }
    const audit = await env.DB.prepare("SELECT actor, target, project_id, verdict, details FROM audit WHERE action = 'picture.upload' AND project_id = ?")
      .bind(s.projectId)
      .first<{ actor: string; target: string; verdict: string; details: string }>();
    expect(audit).toMatchObject({ actor: s.owner.user.id, target: `revision:${revision.id}`, verdict: "allowed" });
    expect(JSON.parse(audit!.details)).toEqual({
      frameId: "f1",
      revisionId: revision.id,
      kind: "drawing",
      mime: "image/png",
      bytes: png(1600, 900).byteLength,
      width: 1600,
      height: 900,
    });
    watching.close();
    s.sock.close();
  });

  it("serves the picture with its sniffed type, nosniff, the artifact policy and as an attachment, to members and reviewers only", async () => {
    const s = await setup();
    const bytes = jpeg(1280, 720);
    const revision = await uploaded(await send(s.owner, s.uploads, bytes, { type: null }));
    expect(revision.mime).toBe("image/jpeg");
    const res = await s.owner.client.get(revision.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'none'");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="picture-${revision.id.slice(-8)}.jpg"`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    expect((await (await signUp("stranger")).client.get(revision.url)).status).toBe(404);
    expect((await new Client().get(revision.url)).status).toBe(401);
    // Strokes are never served as an artifact, only by their own route.
    expect((await s.owner.client.get(`/api/v1/artifacts/${s.projectId}/${s.episodeId}/pictures/${revision.id}.strokes.json`)).status).toBe(404);

    const link = (await (await s.owner.client.post(`${s.base}/review-links`, {})).json()) as { link: { url: string } };
    const token = link.link.url.split("/review/")[1]!;
    const browser = await joinReview(token);
    const review = await new Client().get(`/api/v1/review/l/${browser.linkId}/artifacts/${keyOf(revision)}`, {
      headers: { "cf-connecting-ip": uniqueIp(), cookie: browser.cookie },
    });
    expect(review.status).toBe(200);
    expect(review.headers.get("content-type")).toBe("image/jpeg");
    expect(review.headers.get("x-content-type-options")).toBe("nosniff");
    expect(review.headers.get("content-disposition")).toMatch(/^attachment; filename="picture-[A-Za-z0-9_-]{8}\.jpg"$/);
    expect(review.headers.get("referrer-policy")).toBe("no-referrer");
    s.sock.close();
  });

  it("is undone by a rewind to before it, and back when that rewind is undone or rewound", async () => {
    const s = await setup();
    const before = (await board(s.owner, s.base)).seq;
    const revision = await uploaded(await send(s.owner, s.uploads, png(640, 360)));
    const after = (await board(s.owner, s.base)).seq;
    const shows = async () => shownRevision((await board(s.owner, s.base)).board.frames[0]!.media)?.id ?? null;
    expect(await shows()).toBe(revision.id);

    const rewind = await ask(s.sock, "rewind", { toSeq: before });
    expect(rewind.ok).toBe(true);
    expect(await shows()).toBeNull();
    expect((await board(s.owner, s.base)).board.frames[0]!.media.revisions).toEqual([]);
    // The file stays: the board's history may bring it back.
    expect(await env.ARTIFACTS.head(keyOf(revision))).not.toBeNull();

    const undo = await ask(s.sock, "undo_run", { runId: (rewind as { result: { runId: string } }).result.runId });
    expect(undo.ok).toBe(true);
    expect(await shows()).toBe(revision.id);

    expect((await ask(s.sock, "rewind", { toSeq: before })).ok).toBe(true);
    expect(await shows()).toBeNull();
    expect((await ask(s.sock, "rewind", { toSeq: after })).ok).toBe(true);
    expect(await shows()).toBe(revision.id);
    s.sock.close();
  });

  it("is picked and removed with select_revision and remove_revision by editors; a viewer is refused", async () => {
    const s = await setup();
    const a = await uploaded(await send(s.owner, s.uploads, png(640, 360)));
    const b = await uploaded(await send(s.owner, s.uploads, jpeg(640, 360), { type: "image/jpeg" }));
    const viewer = await signUp("viewer");
    await addMember(s.owner, s.projectId, viewer, "viewer");
    const watching = await connect(viewer, s.projectId, s.episodeId);
    await watching.next("metadata");
    for (const cmd of [
      { type: "select_revision", frameId: "f1", revisionId: a.id },
      { type: "remove_revision", frameId: "f1", revisionId: b.id },
    ]) {
      const refused = await command(watching, cmd);
      expect(refused.payload).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    // Nobody but the upload route adds a picture, not even an editor through the socket.
    expect((await command(s.sock, { type: "add_revision", frameId: "f1", revision: { ...a, id: "rv_forged000000000000" } })).payload.ok).toBe(false);

    expect((await command(s.sock, { type: "select_revision", frameId: "f1", revisionId: a.id })).payload.ok).toBe(true);
    expect((await board(s.owner, s.base)).board.frames[0]!.media.shown).toBe(a.id);
    expect((await command(s.sock, { type: "remove_revision", frameId: "f1", revisionId: a.id })).payload.ok).toBe(true);
    const media = (await board(s.owner, s.base)).board.frames[0]!.media;
    expect(media.revisions.map((r) => r.id)).toEqual([b.id]);
    expect(media.shown).toBe(b.id);
    const last = await command(s.sock, { type: "remove_revision", frameId: "f1", revisionId: b.id });
    expect(last.payload).toMatchObject({ ok: false, error: { message: "a frame's only picture cannot be removed" } });
    const seen = await watching.next("board_event", (m) => m.payload.event.kind === "remove_revision");
    expect(seen.payload.event).toMatchObject({ data: { frameId: "f1", revisionId: a.id } });
    watching.close();
    s.sock.close();
  });

  it("stays shown while a re-render runs and after it is canceled", async () => {
    const s = await setup();
    const revision = await uploaded(await send(s.owner, s.uploads, png(640, 360)));
    const db = drizzle(env.DB, { schema });
    const room = roomFor(env, s.episodeId);
    // A job that is not on the queue, so nothing races this test.
    const context = await room.frameContext("f1");
    const { row } = await createJob(db, {
      projectId: s.projectId,
      episodeId: s.episodeId,
      frameId: "f1",
      provider: "sketch",
      input: context as never,
      createdBy: s.owner.user.id,
    });
    expect(await room.applyFrameMedia("f1", { state: "running", jobId: row.id })).toBe(true);
    let media = (await board(s.owner, s.base)).board.frames[0]!.media;
    expect(media).toMatchObject({ state: "running", jobId: row.id, shown: revision.id });
    const cancel = await s.owner.client.post(`/api/v1/jobs/${row.id}/cancel`);
    expect(((await cancel.json()) as { job: Job }).job.status).toBe("canceled");
    expect(await processJob(env, { type: "job", jobId: row.id, attempt: 1, token: row.attemptToken })).toBe("stale");
    media = (await board(s.owner, s.base)).board.frames[0]!.media;
    expect(media).toMatchObject({ state: "canceled", jobId: row.id, shown: revision.id });
    expect(media.revisions.map((r) => r.id)).toEqual([revision.id]);
    s.sock.close();
  });
});

function drawing(strokes = 1, points = 3): Drawing {
  return {
    version: 1,
    aspect: "16:9",
    width: 1600,
    height: 900,
    strokes: Array.from({ length: strokes }, (_, i) => ({
      tool: "ink" as const,
      color: "#202020",
      size: 3,
      opacity: 1,
      points: Array.from({ length: points }, (_, j) => [i + j, j * 2, 0.5] as [number, number, number]),
    })),
  };
}

async function ask(sock: TestSocket, type: string, payload: unknown) {
  const id = msgId();
  sock.send({ type, id, payload });
  return (await sock.next("ack", (m) => m.payload.id === id)).payload;
}

describe("a drawing's strokes", () => {
  it("are kept beside the drawing and read back; refused for other pictures, when too large or not a drawing", async () => {
    const s = await setup();
    const drawn = await uploaded(await send(s.owner, `${s.uploads}?kind=drawing`, png(1600, 900)));
    const upload = await uploaded(await send(s.owner, s.uploads, png(1600, 900)));
    const path = (r: string, f = "f1") => `${s.base}/frames/${f}/revisions/${r}/strokes`;
    const put = (r: string, body: unknown, f?: string) => s.owner.client.request("PUT", path(r, f), typeof body === "string" ? { rawBody: body } : { body });

    expect(await refusal(await s.owner.client.get(path(drawn.id)))).toEqual([404, "not_found", "Strokes for that picture was not found."]);
    expect(await refusal(await put(upload.id, drawing()))).toEqual([409, "conflict", "Only a drawing has strokes; this picture is an upload."]);
    expect((await put("rv_nosuchrevision00000", drawing())).status).toBe(404);
    expect((await put(drawn.id, drawing(), "f2")).status).toBe(404);
    expect(await errorCode(await put(drawn.id, "{not json"))).toBe("invalid_request");
    const bad = await put(drawn.id, { ...drawing(), strokes: [{ tool: "spray", color: "red", size: 3, points: [] }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^The strokes are not a drawing: strokes\.0\./);
    // 2 MB and more: by the declared length, and by what arrives without one.
    const tooMany = JSON.stringify(drawing(40, 5000));
    expect(tooMany.length).toBeGreaterThan(2 * 1024 * 1024);
    const big = await put(drawn.id, tooMany);
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toMatch(/^A drawing's strokes may be at most 2 MB; these are \d/);
    const streamed = await exports.default.fetch(
      new Request(`${ORIGIN}${path(drawn.id)}`, {
        method: "PUT",
        headers: { origin: ORIGIN, cookie: s.owner.client.cookie!, "content-type": "application/json" },
        // A stream of unknown length, in 256 KiB pieces.
        body: new ReadableStream<Uint8Array>({
          start(controller) {
            const all = enc(tooMany);
            for (let at = 0; at < all.length; at += 256 * 1024) controller.enqueue(all.slice(at, at + 256 * 1024));
            controller.close();
          },
        }),
      }),
    );
    expect(await refusal(streamed)).toEqual([413, "too_large", "A drawing's strokes may be at most 2 MB."]);
    // Under 2 MB but a pathological number of points: refused before it is parsed.
    const tiny = `{"version":1,"aspect":"16:9","width":1600,"height":900,"strokes":[{"tool":"ink","color":"#000000","size":2,"points":[${"[0,0,0],".repeat(150_001)}[0,0,0]]}]}`;
    expect(tiny.length).toBeLessThan(2 * 1024 * 1024);
    expect(await refusal(await put(drawn.id, tiny))).toEqual([413, "too_large", "A drawing may have at most 150,000 points."]);
    expect(await rows(s.projectId)).toHaveLength(2);
    expect((await env.ARTIFACTS.list({ prefix: `${s.projectId}/${s.episodeId}/pictures/` })).objects).toHaveLength(2);

    const mine = drawing(3, 50);
    const saved = await put(drawn.id, mine);
    expect(saved.status).toBe(204);
    const back = await s.owner.client.get(path(drawn.id));
    expect(back.status).toBe(200);
    expect(back.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await back.json()).toEqual(mine);
    // Saved again, the strokes replace the earlier ones, counted once.
    const again = drawing(1, 2);
    expect((await put(drawn.id, again)).status).toBe(204);
    expect(await (await s.owner.client.get(path(drawn.id))).json()).toEqual(again);
    const strokeRow = (await rows(s.projectId)).find((r) => r.kind === "strokes");
    expect(strokeRow).toMatchObject({ mime: "application/json", bytes: new TextEncoder().encode(JSON.stringify(again)).byteLength });
    // A viewer reads them; the path must name the frame they were drawn on.
    const viewer = await signUp("viewer");
    await addMember(s.owner, s.projectId, viewer, "viewer");
    expect((await viewer.client.get(path(drawn.id))).status).toBe(200);
    expect((await viewer.client.get(path(drawn.id, "f9"))).status).toBe(404);
    expect((await (await signUp("stranger")).client.get(path(drawn.id))).status).toBe(403);
    const audit = await env.DB.prepare("SELECT details FROM audit WHERE action = 'picture.strokes' AND project_id = ? ORDER BY id")
      .bind(s.projectId)
      .all<{ details: string }>();
    expect(audit.results.map((r) => JSON.parse(r.details))).toEqual([
      { frameId: "f1", revisionId: drawn.id, bytes: expect.any(Number) },
      { frameId: "f1", revisionId: drawn.id, bytes: strokeRow!.bytes },
    ]);
    s.sock.close();
  });
});

describe("the project's storage", () => {
  it("counts uploads, drawings and strokes for members", async () => {
    const s = await setup();
    const storage = async (p: Person = s.owner) =>
      (await (await p.client.get(`/api/v1/projects/${s.projectId}/storage`)).json()) as { usedBytes: number; limitBytes: number };
    expect(await storage()).toEqual({ usedBytes: 0, limitBytes: PICTURES_QUOTA_BYTES });
    const a = padTo(jpeg(640, 360), 300_000);
    await uploaded(await send(s.owner, s.uploads, a, { type: "image/jpeg" }));
    const drawn = await uploaded(await send(s.owner, `${s.uploads}?kind=drawing`, padTo(png(1600, 900), 120_000)));
    const strokes = drawing(2, 10);
    expect((await s.owner.client.request("PUT", `${s.base}/frames/f1/revisions/${drawn.id}/strokes`, { body: strokes })).status).toBe(204);
    const strokesBytes = new TextEncoder().encode(JSON.stringify(strokes)).byteLength;
    // Another episode of the project counts too; another project does not.
    const other = await episodeOf(s.owner, s.projectId, "Second");
    const sock2 = await connect(s.owner, s.projectId, other);
    await command(sock2, { type: "add_frame", frame: { id: "g1" } });
    await uploaded(await send(s.owner, `/api/v1/projects/${s.projectId}/episodes/${other}/frames/g1/uploads`, padTo(png(64, 64), 5000)));
    const elsewhere = await projectOf(s.owner, "Elsewhere");
    const viewer = await signUp("viewer");
    await addMember(s.owner, s.projectId, viewer, "viewer");
    expect(await storage(viewer)).toEqual({ usedBytes: 300_000 + 120_000 + strokesBytes + 5000, limitBytes: PICTURES_QUOTA_BYTES });
    expect(((await (await s.owner.client.get(`/api/v1/projects/${elsewhere}/storage`)).json()) as { usedBytes: number }).usedBytes).toBe(0);
    expect((await (await signUp("stranger")).client.get(`/api/v1/projects/${s.projectId}/storage`)).status).toBe(403);
    expect((await new Client().get(`/api/v1/projects/${s.projectId}/storage`)).status).toBe(401);
    sock2.close();
    s.sock.close();
  });
});
