// The export formats' pure parts (CONTRACT 10): CSV cells and rows, ZIP entry
// names, the PDF painter's path, colour and text handling, the PDF's layout
// read back with unpdf, and the list's words.
import { PDFDocument, StandardFonts } from "pdf-lib";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import type { Board } from "../../worker/domain/board";
import { exportLabel, formatBytes, inFlight, pendingItem } from "../../worker/domain/exports";
import type { Job } from "../../worker/domain/jobs";
import { buildCsv, csvCell } from "../../worker/exports/csv";
import { buildPdf, pageCount } from "../../worker/exports/pdf";
import { num, parseColor, pathOps, printable } from "../../worker/exports/pdf-painter";
import { imageKey } from "../../worker/exports/source";
import { entryName } from "../../worker/exports/zip";
import { shotList, timecode } from "../../web/src/studio/model/frames";
import { pictureBasis } from "../../worker/domain/picture-basis";
import { boardWith, frameWith, mediaShowing } from "../support/boards";
import { png } from "../support/images";

describe("csv cells", () => {
  it("neutralise what a spreadsheet would run as a formula", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+44 20")).toBe("'+44 20");
    expect(csvCell("-CU")).toBe("'-CU");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe('"\'\rx"');
  });

  it("quote commas, quotes and line breaks, and leave plain text alone", () => {
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("a = b")).toBe("a = b");
    expect(csvCell("")).toBe("");
  });

  it("give one CRLF-ended row per frame, after a BOM and the header", () => {
    const csv = buildCsv(boardWith({ frames: [frameWith({ id: "a", durationSec: 2 }), frameWith({ id: "b", shot: "2A" })] }));
    expect(csv.startsWith("\uFEFFshot,title,camera,duration,timecode in,timecode out,action,dialogue,sound,assets,status,picture\r\n")).toBe(true);
    expect(csv.split("\r\n").slice(1)).toEqual(["1,,,2,0:00.0,0:02.0,,,,,draft,none", "2A,,,,0:02.0,,,,,,draft,none", ""]);
  });

  it("say in the picture column whether each frame's picture still matches it (CONTRACT 12)", () => {
    const frame = frameWith({ id: "a", camera: "WS" });
    const made = boardWith({ frames: [frame] });
    const current = frameWith({ ...frame, media: mediaShowing("/p.png") });
    current.media.revisions[0]!.basis = pictureBasis(made, frame);
    const changed = { ...current, id: "b", camera: "CU" };
    const csv = buildCsv(boardWith({ frames: [current, changed, frameWith({ id: "c" })] }));
    expect(
      csv
        .split("\r\n")
        .slice(1, 4)
        .map((row) => row.split(",").at(-1)),
    ).toEqual(["current", "out of date", "none"]);
  });
});

describe("the shot list moved to the shared domain", () => {
  it("is still what the studio imports", () => {
    expect(timecode(62.45)).toBe("1:02.5");
    expect(shotList([frameWith({ durationSec: 1.5 })]).totalSec).toBe(1.5);
  });
});

describe("zip entry names", () => {
  it("keep shot order in the position and make any label safe", () => {
    expect(entryName(1, "1", "svg")).toBe("001-shot-1.svg");
    expect(entryName(12, "2A", "png")).toBe("012-shot-2a.png");
    expect(entryName(3, "../../etc/passwd", "svg")).toBe("003-shot-etc-passwd.svg");
    expect(entryName(4, "夜", "svg")).toBe("004-shot-x.svg");
  });
});

describe("a frame's image", () => {
  const ready = (url: string) => frameWith({ media: mediaShowing(url) });
  it("is read only from the export's own project, and only as PNG, JPEG or SVG", () => {
    expect(imageKey("prj_a", ready("/api/v1/artifacts/prj_a/ep_b/job_c/attempt-1.png"))).toEqual({ key: "prj_a/ep_b/job_c/attempt-1.png", mime: "image/png" });
    // Uploads and drawings (CONTRACT 12), WebP among them, are read like renders.
    expect(imageKey("prj_a", ready("/api/v1/artifacts/prj_a/ep_b/pictures/rv_c.webp"))).toEqual({ key: "prj_a/ep_b/pictures/rv_c.webp", mime: "image/webp" });
    expect(imageKey("prj_a", ready("/api/v1/artifacts/prj_other/ep_b/job_c/attempt-1.png"))).toBeNull();
    expect(imageKey("prj_a", ready("/api/v1/artifacts/prj_a/../prj_b/x.png"))).toBeNull();
    expect(imageKey("prj_a", ready("https://example.com/prj_a/x.png"))).toBeNull();
    expect(imageKey("prj_a", ready("/api/v1/artifacts/prj_a/ep_b/job_c/attempt-1.manifest.json"))).toBeNull();
    expect(imageKey("prj_a", frameWith())).toBeNull();
  });
});

describe("the pdf painter", () => {
  it("turns a quadratic curve into the cubic that draws the same curve, and closes back to the subpath start", () => {
    expect(pathOps([["M", 0, 0], ["Q", 3, 3, 6, 0], ["L", 6, 6], ["Z"]])).toBe("0 0 m 2 2 4 2 6 0 c 6 6 l h");
  });

  it("reads the scene's colours and refuses anything else", () => {
    expect(parseColor("#fff")).toEqual({ rgb: [1, 1, 1], alpha: 1 });
    expect(parseColor("#00000080")?.alpha).toBeCloseTo(0.5, 2);
    expect(parseColor("none")).toBeNull();
    expect(parseColor("red")).toBeNull();
    expect(parseColor("#12345")).toBeNull();
  });

  it("writes numbers PDF can read: no exponents, no NaN", () => {
    expect(num(1e-9)).toBe("0");
    expect(num(-0)).toBe("0");
    expect(num(Number.NaN)).toBe("0");
    expect(num(12.34567)).toBe("12.346");
  });

  it("prints one '?' per character a standard font cannot show, CJK and emoji alike", async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    expect(printable(font, "夜市 🌃 café — “ok”")).toBe("?? ? café — “ok”");
    expect(printable(font, "a\tb\u0007c")).toBe("a b c");
    expect(() => font.encodeText(printable(font, "한국어 👩‍👩‍👧"))).not.toThrow();
  });
});

describe("the storyboard pdf", () => {
  const board = (n: number, over: Partial<Board> = {}): Board =>
    boardWith({
      assets: [{ id: "mia", kind: "character", name: "Mia", description: "A cook.", prompt: "" }],
      frames: Array.from({ length: n }, (_, i) =>
        frameWith({ id: `f${i}`, title: `T${i}`, camera: "WS", durationSec: 2, dialogue: `Line ${i}`, continuity: { assetIds: ["mia"], notes: "" } }),
      ),
      ...over,
    });
  const build = (b: Board, layout: 1 | 3 | 6, progress: (d: number, t: number) => Promise<void> = async () => {}) =>
    buildPdf({ projectId: "prj_a", projectName: "P", episodeTitle: "E", seq: 1, board: b }, layout, { image: async () => null, progress });

  it("has 1 + ceil(n / layout) pages, and reports each page as it is done", async () => {
    for (const [n, layout] of [
      [0, 3],
      [1, 1],
      [7, 6],
      [9, 3],
    ] as const) {
      const seen: number[] = [];
      const out = await build(board(n), layout, async (d) => {
        seen.push(d);
      });
      expect(out.pages).toBe(pageCount(n, layout));
      expect(seen).toEqual(Array.from({ length: pageCount(n, layout) }, (_, i) => i + 1));
      const pdf = await getDocumentProxy(out.bytes);
      expect(pdf.numPages).toBe(1 + Math.ceil(n / layout));
    }
  });

  it("never decodes a PNG too large for an isolate: it draws the sketch and says why", async () => {
    // A header claiming 8,000 × 8,000 px: pdf-lib would need over 500 MB to decode it.
    const huge = { key: "prj_a/e/pictures/rv.png", mime: "image/png" as const, bytes: png(8000, 8000) };
    const out = await buildPdf({ projectId: "prj_a", projectName: "P", episodeTitle: "E", seq: 1, board: board(2) }, 3, {
      image: async () => huge,
      progress: async () => {},
    });
    expect(out.images).toBe(0);
    expect(out.sketches).toBe(2);
    expect(out.warnings).toContain("2 PNG picture(s) over 4.2 megapixels were drawn as sketches: export them as JPEG to place them in the PDF.");
  });

  it("draws every panel in each aspect, with its label and dialogue as text", async () => {
    for (const aspect of ["16:9", "9:16", "1:1", "4:5", "2.39:1"] as const) {
      const out = await build(board(4, { format: { aspect, fps: 24 } }), 3);
      const { text } = await extractText(await getDocumentProxy(out.bytes), { mergePages: true });
      for (let i = 1; i <= 4; i++) expect(text).toContain(`SHOT ${i}`);
      for (let i = 0; i < 4; i++) expect(text).toContain(`Line ${i}`);
      expect(out.sketches).toBe(4);
    }
  });

  it("stops when progress throws, as a canceled job does", async () => {
    await expect(
      build(board(6), 1, async (d) => {
        if (d === 3) throw new Error("canceled");
      }),
    ).rejects.toThrow("canceled");
  });
});

describe("the exports list", () => {
  it("names each export and sizes each file", () => {
    expect(exportLabel({ format: "pdf", layout: 6 })).toBe("PDF, 6 a page");
    expect(exportLabel({ format: "csv", layout: null })).toBe("Shot list (CSV)");
    expect(exportLabel({ format: "zip", layout: null })).toBe("Images (ZIP)");
    expect([formatBytes(950), formatBytes(12_400), formatBytes(3_400_000), formatBytes(45_000_000)]).toEqual(["950 B", "12 KB", "3.4 MB", "45 MB"]);
  });

  it("keeps polling only while an export is queued or running", () => {
    expect(inFlight([{ status: "success" }, { status: "failure" }, { status: "canceled" }])).toBe(false);
    expect(inFlight([{ status: "success" }, { status: "running" }])).toBe(true);
    expect(inFlight([{ status: "pending" }])).toBe(true);
  });

  it("shows a new export at once, but never a render job", () => {
    const job: Job = {
      id: "job_x",
      projectId: "prj_a",
      episodeId: "ep_b",
      frameId: "",
      kind: "export",
      export: { format: "pdf", layout: 6 },
      provider: "sketch",
      status: "pending",
      attempt: 1,
      progress: 0,
      blockedReason: null,
      error: null,
      artifactUrl: null,
      parentJobId: null,
      deadLettered: false,
      createdBy: "usr_a",
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
    };
    expect(pendingItem(job)).toMatchObject({ id: "job_x", format: "pdf", layout: 6, status: "pending", downloadUrl: null });
    expect(pendingItem({ ...job, kind: "render", export: null, frameId: "f1" })).toBeNull();
  });
});
