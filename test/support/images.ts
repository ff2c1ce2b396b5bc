// Image files built byte by byte for the upload tests: PNG, JPEG (baseline
// and progressive, with the segments real cameras write before the frame
// header) and the three kinds of WebP, each declaring the size a test asks
// for. The server reads only headers, so the pixel data is a token; the
// structure (signatures, chunk lengths, PNG CRCs) is real.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const be16 = (n: number) => [(n >>> 8) & 0xff, n & 0xff];
const le16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const le24 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const text = (s: string) => [...s].map((c) => c.charCodeAt(0));

export function concat(...parts: (Uint8Array | readonly number[])[]): Uint8Array {
  const size = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function pngChunk(type: string, data: number[] | Uint8Array): Uint8Array {
  const body = concat(text(type), data);
  return concat(be32(data.length), body, be32(crc32(body)));
}

/** A PNG declaring width × height (8-bit RGBA), with `extra` bytes of IDAT data. */
export function png(width: number, height: number, extra = 16): Uint8Array {
  const ihdr = [...be32(width), ...be32(height), 8, 6, 0, 0, 0];
  return concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], pngChunk("IHDR", ihdr), pngChunk("IDAT", new Uint8Array(extra)), pngChunk("IEND", []));
}

/** A real 1 × 1 PNG (a decodable one). */
export const ONE_PIXEL_PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), (c) =>
  c.charCodeAt(0),
);

function segment(marker: number, data: number[]): number[] {
  return [0xff, marker, ...be16(data.length + 2), ...data];
}

/**
 * A JPEG declaring width × height: JFIF, an Exif segment, a quantisation
 * table and fill bytes before the frame header (SOF0, or SOF2 when
 * progressive), then a Huffman table, the scan and the end.
 */
export function jpeg(width: number, height: number, opts: { progressive?: boolean; extra?: number } = {}): Uint8Array {
  const app0 = segment(0xe0, [...text("JFIF"), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const app1 = segment(0xe1, [...text("Exif"), 0, 0, ...new Array(40).fill(0x2a)]);
  const dqt = segment(0xdb, [0, ...new Array(64).fill(1)]);
  const sof = segment(opts.progressive ? 0xc2 : 0xc0, [8, ...be16(height), ...be16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  const dht = segment(0xc4, [0, ...new Array(16).fill(0), 0]);
  const sos = segment(0xda, [3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0]);
  return concat([0xff, 0xd8], app0, app1, dqt, [0xff, 0xff], sof, dht, sos, new Uint8Array(opts.extra ?? 32).fill(0x55), [0xff, 0xd9]);
}

function riff(chunk: string, data: number[]): Uint8Array {
  const body = concat(text("WEBP"), text(chunk), le32(data.length), data, data.length % 2 ? [0] : []);
  return concat(text("RIFF"), le32(body.length), body);
}

/** A lossy WebP (VP8) key frame declaring width × height. */
export function webpLossy(width: number, height: number): Uint8Array {
  return riff("VP8 ", [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, ...le16(width), ...le16(height), ...new Array(10).fill(0)]);
}

/** A lossless WebP (VP8L) declaring width × height. */
export function webpLossless(width: number, height: number): Uint8Array {
  const w = width - 1;
  const h = height - 1;
  const bits = [w & 0xff, ((w >> 8) & 0x3f) | ((h & 0x03) << 6), (h >> 2) & 0xff, (h >> 10) & 0x0f];
  return riff("VP8L", [0x2f, ...bits, ...new Array(8).fill(0)]);
}

/** An extended WebP (VP8X) declaring a width × height canvas. */
export function webpExtended(width: number, height: number): Uint8Array {
  return riff("VP8X", [0x10, 0, 0, 0, ...le24(width - 1), ...le24(height - 1)]);
}

/** `bytes` followed by zeros up to `size` bytes (a large file whose header is the same). */
export function padTo(bytes: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(bytes.subarray(0, size));
  return out;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
