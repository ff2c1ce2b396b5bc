// What an uploaded file is, from its bytes alone (CONTRACT 12): PNG, JPEG
// and WebP with their sizes from their own headers, everything else refused
// in a person's words; and the upload check built on it, with the limits'
// messages.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sniffImage } from "../../worker/domain/image-sniff";
import { checkUpload, fileTooLargeText, PICTURE_MAX_SIDE, quotaText, sizeText, tooManyPixelsText, UPLOAD_MAX_BYTES } from "../../worker/domain/pictures";
import { concat, jpeg, ONE_PIXEL_PNG, png, webpExtended, webpLossless, webpLossy } from "../support/images";

const enc = (s: string) => new TextEncoder().encode(s);

describe("sniffImage", () => {
  it("reads PNG, JPEG (baseline and progressive) and WebP (lossy, lossless, extended) with their sizes", () => {
    expect(sniffImage(png(1920, 1080))).toEqual({ ok: true, mime: "image/png", ext: "png", label: "PNG", width: 1920, height: 1080 });
    expect(sniffImage(ONE_PIXEL_PNG)).toMatchObject({ ok: true, mime: "image/png", width: 1, height: 1 });
    expect(sniffImage(jpeg(1280, 720))).toEqual({ ok: true, mime: "image/jpeg", ext: "jpg", label: "JPEG", width: 1280, height: 720 });
    expect(sniffImage(jpeg(4032, 3024, { progressive: true }))).toMatchObject({ ok: true, mime: "image/jpeg", width: 4032, height: 3024 });
    expect(sniffImage(webpLossy(800, 450))).toEqual({ ok: true, mime: "image/webp", ext: "webp", label: "WebP", width: 800, height: 450 });
    expect(sniffImage(webpLossless(16383, 3))).toMatchObject({ ok: true, mime: "image/webp", width: 16383, height: 3 });
    expect(sniffImage(webpLossless(1, 16384))).toMatchObject({ ok: true, width: 1, height: 16384 });
    expect(sniffImage(webpExtended(7999, 8001))).toMatchObject({ ok: true, mime: "image/webp", width: 7999, height: 8001 });
  });

  it("reads any size the headers can hold", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 }), (w, h) => {
        expect(sniffImage(png(w, h))).toMatchObject({ width: w, height: h });
        expect(sniffImage(jpeg(w, h, { progressive: w % 2 === 0 }))).toMatchObject({ width: w, height: h });
        expect(sniffImage(webpExtended(w, h))).toMatchObject({ width: w, height: h });
        if (w <= 16384 && h <= 16384) expect(sniffImage(webpLossless(w, h))).toMatchObject({ width: w, height: h });
        if (w <= 16383 && h <= 16383) expect(sniffImage(webpLossy(w, h))).toMatchObject({ width: w, height: h });
      }),
    );
  });

  it("names what a refused file is", () => {
    const refused = (bytes: Uint8Array) => {
      const out = sniffImage(bytes);
      if (out.ok) throw new Error("accepted");
      return out.reason;
    };
    expect(refused(new Uint8Array(0))).toBe("This file is empty; upload a PNG, JPEG or WebP image.");
    expect(refused(concat(enc("GIF89a"), [1, 0, 1, 0, 0, 0, 0]))).toBe("This file is a GIF; upload a PNG, JPEG or WebP image.");
    expect(refused(enc('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toMatch(/^This file is an SVG drawing;/);
    expect(refused(enc('<?xml version="1.0"?>\n<!-- made by hand -->\n<svg viewBox="0 0 1 1"/>'))).toMatch(/^This file is an SVG drawing;/);
    expect(refused(enc("\uFEFF  <!DOCTYPE html><html><body>hi</body></html>"))).toMatch(/^This file is a web page \(HTML\);/);
    expect(refused(enc("just some notes\nnot a picture"))).toBe("This file is text; upload a PNG, JPEG or WebP image.");
    expect(refused(enc("%PDF-1.7\n%âãÏÓ"))).toMatch(/^This file is a PDF;/);
    expect(refused(concat(enc("RIFF"), [0, 0, 0, 0], enc("WAVEfmt ")))).toMatch(/not a WebP/);
    expect(refused(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))).toMatch(/^This file is not an image we can read;/);
  });

  it("refuses every file cut short inside its header, and never throws on any bytes", () => {
    for (const whole of [png(640, 360), jpeg(640, 360), jpeg(640, 360, { progressive: true }), webpLossy(64, 64), webpLossless(64, 64), webpExtended(64, 64)]) {
      const ok = sniffImage(whole);
      expect(ok.ok).toBe(true);
      // The smallest prefix that is still readable must give the same answer as the whole file.
      let firstReadable = -1;
      for (let n = 1; n <= Math.min(whole.length, 300); n++) {
        const out = sniffImage(whole.subarray(0, n));
        if (out.ok) {
          if (firstReadable < 0) firstReadable = n;
          expect(out).toEqual(ok);
        } else {
          expect(firstReadable).toBe(-1);
          expect(out.reason).toMatch(/cut short|damaged/);
        }
      }
      expect(firstReadable).toBeGreaterThan(8);
    }
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom([], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0xff, 0xd8, 0xff], [...enc("RIFF\0\0\0\0WEBP")]),
        (tail, head) => {
          const out = sniffImage(concat(head, tail));
          if (out.ok) {
            expect(out.width).toBeGreaterThanOrEqual(0);
            expect(out.height).toBeGreaterThanOrEqual(0);
          } else expect(out.reason.length).toBeGreaterThan(10);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("walks JPEG segments: a scan before any frame header has no size, a frame header of height 0 reads as 0", () => {
    const noFrame = concat([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xda, 0, 4, 0, 0], [0xff, 0xd9]);
    expect(sniffImage(noFrame)).toMatchObject({ ok: false, reason: expect.stringMatching(/damaged/) });
    expect(sniffImage(jpeg(640, 0))).toMatchObject({ ok: true, width: 640, height: 0 });
  });
});

describe("checkUpload", () => {
  it("takes an image whose type, name and kind agree with its bytes", () => {
    expect(checkUpload(png(640, 360), "image/png", "frame.png", "upload")).toMatchObject({ ok: true, image: { mime: "image/png" } });
    expect(checkUpload(jpeg(640, 360), "image/jpeg; charset=binary", "IMG_0001.JPG", "upload")).toMatchObject({ ok: true });
    expect(checkUpload(webpLossy(640, 360), null, undefined, "upload")).toMatchObject({ ok: true, image: { mime: "image/webp" } });
    expect(checkUpload(png(640, 360), "application/octet-stream", "drawing", "drawing")).toMatchObject({ ok: true });
  });

  it("refuses with 415 what disagrees, and with 413 what is too large", () => {
    const no = (out: ReturnType<typeof checkUpload>) => (out.ok ? null : [out.status, out.message]);
    expect(no(checkUpload(png(10, 10), "image/jpeg", undefined, "upload"))).toEqual([
      415,
      "This file is a PNG image but was sent as image/jpeg; the type sent and the file must agree.",
    ]);
    expect(no(checkUpload(png(10, 10), "image/svg+xml", undefined, "upload"))?.[0]).toBe(415);
    expect(no(checkUpload(jpeg(10, 10), "image/jpeg", "photo.png", "upload"))).toEqual([
      415,
      "This file is a JPEG image but its name says otherwise; rename it to end in .jpg and upload it again.",
    ]);
    expect(no(checkUpload(enc("hello"), "image/png", "notes.png", "upload"))).toEqual([415, "This file is text; upload a PNG, JPEG or WebP image."]);
    expect(no(checkUpload(jpeg(10, 10), "image/jpeg", undefined, "drawing"))).toEqual([415, "A drawing is saved as a PNG; this file is a JPEG image."]);
    expect(no(checkUpload(png(0, 0), "image/png", undefined, "upload"))).toEqual([
      415,
      "This PNG image says it is 0 × 0 px; a picture needs at least 1 px a side.",
    ]);
    expect(no(checkUpload(png(9200, 10), "image/png", undefined, "upload"))).toEqual([
      413,
      "This image is 9,200 px wide; the largest we take is 8,000 px a side.",
    ]);
    expect(checkUpload(png(PICTURE_MAX_SIDE, PICTURE_MAX_SIDE), "image/png", undefined, "upload").ok).toBe(true);
    expect(no(checkUpload(jpeg(10, PICTURE_MAX_SIDE + 1), "image/jpeg", undefined, "upload"))?.[1]).toBe(
      "This image is 8,001 px tall; the largest we take is 8,000 px a side.",
    );
  });

  it("says sizes as people read them", () => {
    expect(sizeText(UPLOAD_MAX_BYTES)).toBe("15 MB");
    expect(fileTooLargeText(Math.round(17.3 * 1024 * 1024))).toBe("This file is 17.3 MB; the largest we take is 15 MB.");
    expect(fileTooLargeText(UPLOAD_MAX_BYTES + 1)).toBe("This file is just over 15 MB; the largest we take is 15 MB.");
    expect(fileTooLargeText(null)).toBe("This file is over 15 MB; the largest we take is 15 MB.");
    expect(tooManyPixelsText(9200, 9500)).toBe("This image is 9,200 × 9,500 px; the largest we take is 8,000 px a side.");
    expect(tooManyPixelsText(8000, 8000)).toBeNull();
    expect(quotaText(Math.round(1.98 * 1024 ** 3), 2 * 1024 ** 3, 3 * 1024 * 1024)).toBe(
      "This project has used 1.98 GB of its 2 GB for pictures; this 3 MB file does not fit.",
    );
  });
});
