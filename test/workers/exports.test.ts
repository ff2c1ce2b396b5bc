// Exports (CONTRACT 10) through the real queue, D1, R2 and the episode's
// room: who may start and list them, then each format read back from R2 —
// the PDF with unpdf, the CSV parsed, the ZIP unzipped — and the job
// lifecycle they share with renders (cancel is final, retry, listing).
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { unzipSync } from "fflate";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import * as schema from "../../worker/db/schema";
import type { ExportItem, ExportsRes } from "../../worker/domain/exports";
import type { ExtendedJob, Job } from "../../worker/domain/jobs";
import { exportKeys } from "../../worker/exports/run";
import { processJob } from "../../worker/jobs/pipeline";
import { JobsService, jobsConfig } from "../../worker/jobs/service";
import { createJob, getJob, guarded } from "../../worker/jobs/store";
import { roomFor } from "../../worker/rooms";
import { addMember, episodeOf, errorCode, isTerminal, type Person, projectOf, signUp, waitForJob } from "./helpers";
import { command, connect } from "./socket";

interface FrameSpec {
  id: string;
  title?: string;
  dialogue?: string;
  action?: string;
  camera?: string;
  durationSec?: number | null;
  sound?: string;
  assetIds?: string[];
}

/** An owner with an episode titled `title`, its board holding `frames` (and a cast of two). */
async function boardWith(frames: FrameSpec[], title = "Night Market") {
  const owner = await signUp("owner");
  const projectId = await projectOf(owner, "Harbour Lights");
  const episodeId = await episodeOf(owner, projectId, title);
  const sock = await connect(owner, projectId, episodeId);
  await command(sock, {
    type: "upsert_asset",
    asset: { id: "mia", kind: "character", name: "Mia", description: "A street cook with a green apron.", prompt: "" },
  });
  await command(sock, {
    type: "upsert_asset",
    asset: { id: "leo", kind: "character", name: "Leo", description: "Her younger brother, always late.", prompt: "" },
  });
  for (const f of frames) {
    const { assetIds, ...rest } = f;
    const ack = await command(sock, { type: "add_frame", frame: { prompt: "a stall in the rain", ...rest, continuity: { assetIds: assetIds ?? [] } } });
    expect(ack.payload.ok).toBe(true);
  }
  const base = `/api/v1/projects/${projectId}/episodes/${episodeId}`;
  return { owner, projectId, episodeId, sock, base };
}

const shots = (n: number, extra: (i: number) => Partial<FrameSpec> = () => ({})): FrameSpec[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `f${i + 1}`,
    title: `Beat ${i + 1}`,
    camera: i % 2 ? "CU, push in" : "WS",
    durationSec: 2.5,
    action: `Mia turns to stall ${i + 1}.`,
    dialogue: `MIA: Line number ${i + 1}.`,
    assetIds: ["mia"],
    ...extra(i),
  }));

async function exportOf(person: Person, base: string, body: unknown): Promise<Job> {
  const res = await person.client.post(`${base}/exports`, body);
  expect(res.status).toBe(202);
  return ((await res.json()) as { job: Job }).job;
}

async function finished(person: Person, base: string, body: unknown) {
  const job = await exportOf(person, base, body);
  const done = await waitForJob(person, job.id, isTerminal);
  expect(done.status).toBe("success");
  const list = (await (await person.client.get(`${base}/exports`)).json()) as ExportsRes;
  const item = list.exports.find((e) => e.id === job.id)!;
  expect(item.downloadUrl).toBe(done.artifactUrl);
  const file = await person.client.get(item.downloadUrl!);
  expect(file.status).toBe(200);
  return { job: done, item, file, bytes: new Uint8Array(await file.arrayBuffer()) };
}

async function pdfText(bytes: Uint8Array) {
  const pdf = await getDocumentProxy(bytes);
  const { totalPages, text } = await extractText(pdf, { mergePages: false });
  return { pages: totalPages, text: text as string[] };
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

// A 2×2 PNG (opaque red), as a provider would have stored it.
const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg=="), (c) =>
  c.charCodeAt(0),
);

/** A frame whose render is ready, its PNG at `key` in R2, set the way the job runtime sets it. */
async function withRenderedImage(projectId: string, episodeId: string, frameId: string, key = `${projectId}/${episodeId}/job_renderedimage0001/attempt-1.png`) {
  await env.ARTIFACTS.put(key, PNG, { httpMetadata: { contentType: "image/png" } });
  const media = { state: "ready" as const, jobId: "job_renderedimage0001" };
  const revision = {
    id: "rv_renderedimage0001",
    kind: "render" as const,
    url: `/api/v1/artifacts/${key}`,
    mime: "image/png" as const,
    width: 2,
    height: 2,
    by: { type: "user" as const, id: "u1", name: "Mia" },
    at: new Date().toISOString(),
    jobId: "job_renderedimage0001",
    basis: "",
  };
  expect(await roomFor(env, episodeId).applyFrameMedia(frameId, media, revision)).toBe(true);
}

describe("export routes refuse", () => {
  it("anyone signed out: 401 to start and to list", async () => {
    const { owner, base, sock } = await boardWith([]);
    const anon = new (owner.client.constructor as new () => Person["client"])();
    expect((await anon.post(`${base}/exports`, { format: "csv" })).status).toBe(401);
    expect((await anon.get(`${base}/exports`)).status).toBe(401);
    sock.close();
  });

  it("a viewer starting one (403), while the viewer may list them", async () => {
    const { owner, projectId, base, sock } = await boardWith([]);
    const viewer = await signUp("viewer");
    await addMember(owner, projectId, viewer, "viewer");
    const res = await viewer.client.post(`${base}/exports`, { format: "pdf" });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe("forbidden");
    expect((await viewer.client.get(`${base}/exports`)).status).toBe(200);
    const stranger = await signUp("stranger");
    expect((await stranger.client.get(`${base}/exports`)).status).toBe(403);
    sock.close();
  });

  it("an unknown format, a layout other than 1, 3 or 6, and unknown fields (400)", async () => {
    const { owner, base, sock } = await boardWith([]);
    for (const body of [{ format: "docx" }, {}, { format: "pdf", layout: 2 }, { format: "pdf", layout: "3" }, { format: "csv", pages: 1 }]) {
      const res = await owner.client.post(`${base}/exports`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await errorCode(res)).toBe("invalid_request");
    }
    sock.close();
  });

  it("an episode of another project (404), even to an editor of both", async () => {
    const { owner, projectId, sock } = await boardWith([]);
    const otherProject = await projectOf(owner, "Elsewhere");
    const otherEpisode = await episodeOf(owner, otherProject, "Not here");
    const path = `/api/v1/projects/${projectId}/episodes/${otherEpisode}/exports`;
    expect((await owner.client.post(path, { format: "csv" })).status).toBe(404);
    expect((await owner.client.get(path)).status).toBe(404);
    sock.close();
  });
});

describe("pdf", () => {
  it("has a title page and ceil(n / layout) panel pages for each layout, with every shot label and dialogue line", async () => {
    const { owner, base, sock } = await boardWith(shots(7));
    for (const layout of [1, 3, 6] as const) {
      const { bytes, item, file } = await finished(owner, base, { format: "pdf", layout });
      expect(item).toMatchObject({ format: "pdf", layout, status: "success", progress: 100, size: bytes.byteLength });
      expect(file.headers.get("content-type")).toBe("application/pdf");
      expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.pdf"$/);
      const { pages, text } = await pdfText(bytes);
      expect(pages).toBe(1 + Math.ceil(7 / layout));
      expect(text[0]).toContain("Night Market");
      expect(text[0]).toContain("Harbour Lights");
      expect(text[0]).toContain("Running time 0:17.5");
      expect(text[0]).toContain("A street cook with a green apron.");
      const panels = text.slice(1).join("\n");
      for (let i = 1; i <= 7; i++) {
        expect(panels).toContain(`SHOT ${i}`);
        expect(panels).toContain(`Line number ${i}.`);
      }
      expect(text.at(-1)).toContain(`${pages} / ${pages}`);
    }
    sock.close();
  });

  it("defaults to three panels a page", async () => {
    const { owner, base, sock } = await boardWith(shots(4));
    const { bytes, item } = await finished(owner, base, { format: "pdf" });
    expect(item.layout).toBe(3);
    expect((await pdfText(bytes)).pages).toBe(3);
    sock.close();
  });

  it("prints a CJK title and emoji dialogue as visible substitutes instead of failing", async () => {
    const { owner, base, sock } = await boardWith(
      shots(2, (i) => ({ dialogue: i ? "MIA: 你好 🍜 — ok" : "Plain line." })),
      "夜市 🌃 Night",
    );
    const { bytes, job } = await finished(owner, base, { format: "pdf", layout: 1 });
    expect(job.status).toBe("success");
    const { pages, text } = await pdfText(bytes);
    expect(pages).toBe(3);
    expect(text[0]).toContain("?? ? Night");
    expect(text.join("\n")).toContain("?? ? — ok");
    sock.close();
  });

  it("embeds a frame's rendered PNG and draws the others, never reading another project's image", async () => {
    const { owner, projectId, episodeId, base, sock } = await boardWith(shots(3));
    await withRenderedImage(projectId, episodeId, "f1");
    // f2 points at an image under a project this one is not: it must be drawn, not read.
    await withRenderedImage(projectId, episodeId, "f2", `prj_someoneelse00001/${episodeId}/job_renderedimage0001/attempt-1.png`);
    const { job } = await finished(owner, base, { format: "pdf", layout: 3 });
    const ext = (await (await owner.client.get(`/api/v1/jobs/${job.id}/extended`)).json()) as ExtendedJob;
    expect(ext.manifest).toMatchObject({ kind: "export", format: "pdf", layout: 3, pages: 2, frames: 3, images: 1, sketches: 2 });
    sock.close();
  });
});

describe("csv", () => {
  it("is the shot list with timecodes, RFC 4180 quoting and formula cells neutralised", async () => {
    const { owner, base, sock } = await boardWith([
      {
        id: "a",
        title: '=HYPERLINK("http://x")',
        camera: "WS",
        durationSec: 3,
        dialogue: 'MIA: "Hi", he said,\nthen left.',
        sound: "@rain",
        assetIds: ["mia", "leo"],
      },
      { id: "b", title: "+1 shot", camera: "-CU", durationSec: null, action: "\tTabbed" },
      { id: "c", title: "Last", camera: "MS", durationSec: 1.5 },
    ]);
    const { bytes, file } = await finished(owner, base, { format: "csv" });
    expect(file.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([
      "shot",
      "title",
      "camera",
      "duration",
      "timecode in",
      "timecode out",
      "action",
      "dialogue",
      "sound",
      "assets",
      "status",
      "picture",
    ]);
    expect(rows.slice(1)).toEqual([
      ["1", '\'=HYPERLINK("http://x")', "WS", "3", "0:00.0", "0:03.0", "", 'MIA: "Hi", he said,\nthen left.', "'@rain", "Mia; Leo", "draft", "none"],
      ["2", "'+1 shot", "'-CU", "", "0:03.0", "", "'\tTabbed", "", "", "", "draft", "none"],
      ["3", "Last", "MS", "1.5", "0:03.0", "0:04.5", "", "", "", "", "draft", "none"],
    ]);
    sock.close();
  });
});

describe("zip", () => {
  it("holds every frame's image in shot order, rendered where there is one and sketched where not, with a manifest", async () => {
    const { owner, projectId, episodeId, base, sock } = await boardWith(shots(3));
    await withRenderedImage(projectId, episodeId, "f2");
    const { bytes, file } = await finished(owner, base, { format: "zip" });
    expect(file.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(["001-shot-1.svg", "002-shot-2.png", "003-shot-3.svg", "manifest.json"]);
    expect(files["002-shot-2.png"]).toEqual(PNG);
    const svg = new TextDecoder().decode(files["003-shot-3.svg"]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain("SHOT 3");
    const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"])) as { frames: { name: string; frameId: string; source: string }[] };
    expect(manifest.frames.map((f) => [f.name, f.frameId, f.source])).toEqual([
      ["001-shot-1.svg", "f1", "sketch"],
      ["002-shot-2.png", "f2", "rendered"],
      ["003-shot-3.svg", "f3", "sketch"],
    ]);
    sock.close();
  });
});

describe("export jobs", () => {
  it("run on the jobs runtime: their own stages, progress, logs and a manifest in R2, listed newest first and among the project's jobs", async () => {
    const { owner, projectId, base, sock } = await boardWith(shots(2));
    const first = await finished(owner, base, { format: "csv" });
    const second = await finished(owner, base, { format: "zip" });
    expect(second.job).toMatchObject({ kind: "export", export: { format: "zip", layout: null }, frameId: "" });
    const ext = (await (await owner.client.get(`/api/v1/jobs/${first.job.id}/extended`)).json()) as ExtendedJob;
    expect(Object.keys(ext.plugin_timings)).toEqual(["read_board", "compose", "store", "manifest"]);
    expect(ext.logs.map((l) => l.message)).toEqual([
      "Export created: CSV.",
      "Attempt 1 started.",
      expect.stringMatching(/^read_board completed/),
      expect.stringMatching(/^compose completed/),
      expect.stringMatching(/^store completed/),
      expect.stringMatching(/^manifest completed/),
      expect.stringMatching(/^Succeeded: CSV \(\d+ bytes\) and manifest stored\.$/),
    ]);
    expect(ext.manifest).toMatchObject({ job: first.job.id, format: "csv", artifact: { size: first.bytes.byteLength } });
    const digest = await crypto.subtle.digest("SHA-256", first.bytes);
    expect((ext.manifest as { artifact: { sha256: string } }).artifact.sha256).toBe(
      [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join(""),
    );
    const list = (await (await owner.client.get(`${base}/exports`)).json()) as ExportsRes;
    expect(list.exports.map((e: ExportItem) => e.id)).toEqual([second.job.id, first.job.id]);
    const jobs = (await (await owner.client.get(`/api/v1/jobs?project=${projectId}`)).json()) as { jobs: Job[] };
    expect(jobs.jobs.map((j) => j.id)).toEqual(expect.arrayContaining([first.job.id, second.job.id]));
    // The board's frames were not touched by either export.
    const board = (await (await owner.client.get(`${base}/board`)).json()) as { board: { frames: { media: { state: string } }[] } };
    expect(board.board.frames.map((f) => f.media.state)).toEqual(["none", "none"]);
    sock.close();
  });

  it("canceled while composing never succeeds, and what it wrote is deleted", async () => {
    const { owner, projectId, episodeId, sock } = await boardWith(shots(2));
    const db = drizzle(env.DB, { schema });
    // Made in the store, not through the route, so the queue does not race the attempt run here.
    const { row } = await createJob(db, {
      projectId,
      episodeId,
      frameId: "",
      export: { format: "pdf", layout: 1 },
      provider: "sketch",
      input: { format: "pdf", layout: 1 },
      createdBy: owner.user.id,
    });
    const run = processJob({ ...env, JOBS_STAGE_PACE_MS: "300" }, { type: "job", jobId: row.id, attempt: 1, token: row.attemptToken });
    await waitForJob(owner, row.id, (j) => j.status === "running");
    expect((await owner.client.post(`/api/v1/jobs/${row.id}/cancel`)).status).toBe(200);
    expect(await run).toBe("done");
    const after = await getJob(db, row.id);
    expect(after).toMatchObject({ status: "canceled", artifactKey: null });
    const keys = exportKeys(row, "pdf");
    expect(await env.ARTIFACTS.head(keys.artifact)).toBeNull();
    expect(await env.ARTIFACTS.head(keys.manifest)).toBeNull();
    expect((await owner.client.post(`/api/v1/jobs/${row.id}/retry`)).status).toBe(409);
    sock.close();
  });

  it("failed exports can be retried as attempt 2, which succeeds", async () => {
    const { owner, projectId, episodeId, sock } = await boardWith(shots(1));
    const db = drizzle(env.DB, { schema });
    const { row } = await createJob(db, {
      projectId,
      episodeId: "ep_doesnotexist000001",
      frameId: "",
      export: { format: "csv", layout: null },
      provider: "sketch",
      input: {},
      createdBy: owner.user.id,
    });
    // An episode that does not exist fails the attempt with a reason.
    expect(await processJob(env, { type: "job", jobId: row.id, attempt: 1, token: row.attemptToken })).toBe("done");
    expect(await getJob(db, row.id)).toMatchObject({ status: "failure", error: "The episode no longer exists." });
    // Point it at the real episode, then retry through the route and the queue.
    await db
      .update(schema.jobs)
      .set({ episodeId })
      .where((await import("drizzle-orm")).eq(schema.jobs.id, row.id));
    const res = await owner.client.post(`/api/v1/jobs/${row.id}/retry`);
    expect(res.status).toBe(200);
    const done = await waitForJob(owner, row.id, isTerminal);
    expect(done).toMatchObject({ status: "success", attempt: 2 });
    expect(done.artifactUrl).toMatch(/attempt-2\.csv$/);
    sock.close();
  });

  it("are failed by the sweep when their attempt goes silent, retryable, without touching any frame", async () => {
    const { owner, projectId, episodeId, base, sock } = await boardWith(shots(1));
    const db = drizzle(env.DB, { schema });
    const { row } = await createJob(db, {
      projectId,
      episodeId,
      frameId: "",
      export: { format: "zip", layout: null },
      provider: "sketch",
      input: {},
      createdBy: owner.user.id,
    });
    expect(await guarded(db, row.id, "start", { token: row.attemptToken })).not.toBeNull();
    const frameMoves: string[] = [];
    const sent: unknown[] = [];
    const sweeper = new JobsService({
      db,
      queue: { send: async (m) => sent.push(m), sendBatch: async (ms) => sent.push(...ms) },
      artifacts: env.ARTIFACTS,
      rooms: (id) => {
        const room = roomFor(env, id);
        return {
          frameContext: (f) => room.frameContext(f),
          applyFrameMedia: async (f, m) => {
            frameMoves.push(`${f}:${m.state}`);
            return room.applyFrameMedia(f, m);
          },
          jobEvent: (t, p) => room.jobEvent(t, p),
        };
      },
      config: jobsConfig(env),
      now: () => Date.now() + 61_000,
    });
    const report = await sweeper.sweep();
    expect(report.failed).toContain(row.id);
    expect(await getJob(db, row.id)).toMatchObject({ status: "failure", error: expect.stringMatching(/stopped reporting/) });
    expect((await sweeper.retry(row.id)).ok).toBe(true);
    expect(sent).toEqual([expect.objectContaining({ jobId: row.id, attempt: 2 })]);
    expect(frameMoves).toEqual([]);
    const board = (await (await owner.client.get(`${base}/board`)).json()) as { board: { frames: { media: { state: string } }[] } };
    expect(board.board.frames[0]!.media.state).toBe("none");
    sock.close();
  });
});
