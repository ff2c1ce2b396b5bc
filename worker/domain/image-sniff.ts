// What an uploaded file really is (CONTRACT 12), read from its own bytes and
// nothing else: PNG, JPEG and WebP are recognised by their signatures, and
// their width and height come from the image's own header (PNG's IHDR, the
// JPEG frame header found by walking the segments, WebP's VP8, VP8L or VP8X
// chunk). A name, a Content-Type or an extension says nothing here; the
// caller compares them with what this finds. Pure: no Workers API.

export type SniffedMime = "image/png" | "image/jpeg" | "image/webp";

export interface SniffedImage {
  ok: true;
  mime: SniffedMime;
  /** The file extension its R2 key gets. */
  ext: "png" | "jpg" | "webp";
  /** The format's name in a person's words ("PNG", "JPEG", "WebP"). */
  label: "PNG" | "JPEG" | "WebP";
  width: number;
  height: number;
}

export interface SniffRefusal {
  ok: false;
  /** Why, in words a person understands. */
  reason: string;
}

export type Sniffed = SniffedImage | SniffRefusal;

const WANTED = "upload a PNG, JPEG or WebP image";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const ascii = (b: Uint8Array, at: number, length: number) => String.fromCharCode(...b.subarray(at, at + length));
const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const be16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const be32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const le16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const le24 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);

const refuse = (reason: string): SniffRefusal => ({ ok: false, reason });
const cutShort = (label: string) => refuse(`This ${label} file is cut short: its header is incomplete. Upload the whole file.`);
const damaged = (label: string) => refuse(`This ${label} file is damaged: its header does not say how large the image is.`);

function png(b: Uint8Array): Sniffed {
  // Signature, then the first chunk, which must be IHDR: length 13, width and height big-endian.
  if (b.length < 24) return cutShort("PNG");
  if (ascii(b, 12, 4) !== "IHDR" || be32(b, 8) !== 13) return damaged("PNG");
  return { ok: true, mime: "image/png", ext: "png", label: "PNG", width: be32(b, 16), height: be32(b, 20) };
}

/** JPEG markers that start a frame (SOF0-SOF15 but DHT C4, JPG C8 and DAC CC): they carry the size. */
const isStartOfFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpeg(b: Uint8Array): Sniffed {
  let at = 2;
  for (;;) {
    // Each segment starts with 0xFF, maybe padded with more 0xFF fill bytes, then the marker.
    if (at >= b.length) return cutShort("JPEG");
    if (b[at] !== 0xff) return damaged("JPEG");
    while (at < b.length && b[at] === 0xff) at++;
    if (at >= b.length) return cutShort("JPEG");
    const marker = b[at]!;
    at++;
    // Markers that stand alone, without a length: TEM and the restart markers.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    // The scan data or the end of the image before any frame header: no size to read.
    if (marker === 0xda || marker === 0xd9 || marker === 0xd8 || marker === 0x00) return damaged("JPEG");
    if (at + 2 > b.length) return cutShort("JPEG");
    const length = be16(b, at);
    if (length < 2) return damaged("JPEG");
    if (isStartOfFrame(marker)) {
      // length(2) precision(1) height(2) width(2) …
      if (length < 8) return damaged("JPEG");
      if (at + 7 > b.length) return cutShort("JPEG");
      return { ok: true, mime: "image/jpeg", ext: "jpg", label: "JPEG", width: be16(b, at + 5), height: be16(b, at + 3) };
    }
    at += length;
  }
}

function webp(b: Uint8Array): Sniffed {
  // RIFF <size> WEBP, then the first chunk: its FourCC at 12, its size at 16, its data from 20.
  if (b.length < 20) return cutShort("WebP");
  const chunk = ascii(b, 12, 4);
  if (chunk === "VP8 ") {
    // A lossy key frame: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height.
    if (b.length < 30) return cutShort("WebP");
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) return damaged("WebP");
    return { ok: true, mime: "image/webp", ext: "webp", label: "WebP", width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff };
  }
  if (chunk === "VP8L") {
    // Lossless: the signature byte 0x2F, then width - 1 and height - 1 in 14 bits each, little-endian.
    if (b.length < 25) return cutShort("WebP");
    if (b[20] !== 0x2f) return damaged("WebP");
    const b1 = b[21]!;
    const b2 = b[22]!;
    const b3 = b[23]!;
    const b4 = b[24]!;
    const width = 1 + (b1 | ((b2 & 0x3f) << 8));
    const height = 1 + ((b2 >> 6) | (b3 << 2) | ((b4 & 0x0f) << 10));
    return { ok: true, mime: "image/webp", ext: "webp", label: "WebP", width, height };
  }
  if (chunk === "VP8X") {
    // Extended: flags and 3 reserved bytes, then canvas width - 1 and height - 1 in 24 bits each.
    if (b.length < 30) return cutShort("WebP");
    return { ok: true, mime: "image/webp", ext: "webp", label: "WebP", width: 1 + le24(b, 24), height: 1 + le24(b, 27) };
  }
  return damaged("WebP");
}

/** What a file that is not one of ours is, in a person's words, for the refusal. */
function whatElse(b: Uint8Array): string {
  const head = ascii(b, 0, 12);
  if (head.startsWith("GIF87a") || head.startsWith("GIF89a")) return "This file is a GIF";
  if (head.startsWith("%PDF")) return "This file is a PDF";
  if (head.startsWith("BM")) return "This file is a BMP image";
  if (head.startsWith("II*\u0000") || head.startsWith("MM\u0000*")) return "This file is a TIFF image";
  if (ascii(b, 4, 4) === "ftyp") {
    const brand = ascii(b, 8, 4);
    if (brand.startsWith("avi")) return "This file is an AVIF image";
    if (brand.startsWith("hei") || brand.startsWith("mif") || brand.startsWith("hev")) return "This file is a HEIC photo";
    return "This file is a video or a camera format";
  }
  if (head.startsWith("RIFF")) return "This file is a RIFF file but not a WebP image";
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return "This file is a ZIP archive";
  const text = textStart(b);
  if (text !== null) {
    const lower = text
      .replace(/^\uFEFF/, "")
      .trimStart()
      .toLowerCase();
    if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg|<svg[\s>])/.test(lower) || (lower.startsWith("<?xml") && lower.includes("<svg")))
      return "This file is an SVG drawing";
    if (/^(<!--[\s\S]*?-->\s*)*(<!doctype html|<html|<head|<body|<script|<iframe|<div|<p[\s>])/.test(lower)) return "This file is a web page (HTML)";
    return "This file is text";
  }
  return "This file is not an image we can read";
}

/** The file's first bytes as text, or null when they are not text (control bytes, invalid UTF-8). */
function textStart(b: Uint8Array): string | null {
  const head = b.subarray(0, 512);
  for (const x of head) if (x < 0x09 || (x > 0x0d && x < 0x20) || x === 0x7f) return null;
  try {
    // A multi-byte character cut at 512 bytes is fine: stream mode keeps it pending instead of failing.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(head, { stream: true });
  } catch {
    return null;
  }
}

/** Whether the bytes could be the first ones of "RIFF", any size, "WEBP". */
function isWebpPrefix(b: Uint8Array): boolean {
  const want = "RIFF????WEBP";
  return [...b].every((x, i) => want[i] === "?" || want.charCodeAt(i) === x);
}

/** Reads what a file is and how large its image is, from its bytes alone. */
export function sniffImage(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return refuse(`This file is empty; ${WANTED}.`);
  if (startsWith(bytes, PNG_SIGNATURE)) return png(bytes);
  // A PNG signature cut short is a truncated PNG, not some other file.
  if (bytes.length < PNG_SIGNATURE.length && startsWith(bytes, PNG_SIGNATURE.slice(0, bytes.length))) return cutShort("PNG");
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return jpeg(bytes);
  if (bytes.length < 12 && startsWith(bytes, [0xff, 0xd8].slice(0, bytes.length))) return cutShort("JPEG");
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return webp(bytes);
  if (bytes.length < 12 && isWebpPrefix(bytes)) return cutShort("WebP");
  return refuse(`${whatElse(bytes)}; ${WANTED}.`);
}

/** The format a declared Content-Type names, or null when it names none we take (or none at all). */
export function declaredMime(contentType: string | null | undefined): SniffedMime | "none" | "other" {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "" || type === "application/octet-stream") return "none";
  if (type === "image/png" || type === "image/x-png") return "image/png";
  if (type === "image/jpeg" || type === "image/jpg" || type === "image/pjpeg") return "image/jpeg";
  if (type === "image/webp") return "image/webp";
  return "other";
}

/** The format a file name's extension names: a known one, none (no extension), or another. */
export function extensionMime(name: string | null | undefined): SniffedMime | "none" | "other" {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name ?? "");
  if (!m) return "none";
  const ext = m[1]!.toLowerCase();
  if (ext === "png") return "image/png";
  if (ext === "jpg" || ext === "jpeg" || ext === "jpe" || ext === "jfif") return "image/jpeg";
  if (ext === "webp") return "image/webp";
  return "other";
}
