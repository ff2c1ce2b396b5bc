// Reading a request body of a size the route chooses (an upload, a drawing's
// strokes) instead of the app's 64 KiB: a declared Content-Length over the
// limit is refused before a byte is read, and the bytes are counted as they
// arrive, so a body that lies about its length, or gives none, is cut off
// one byte past the limit and never held whole.

export type LimitedBody = { ok: true; bytes: Uint8Array } | { ok: false; declared: number | null };

/** The body's declared length, or null when it gives none (or one that is not a number). */
export function declaredLength(headers: Headers): number | null {
  const raw = headers.get("content-length");
  if (raw === null || !/^\d{1,15}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

/**
 * Reads at most `limit` bytes of `request`'s body. `ok: false` when it is
 * larger: `declared` is its Content-Length when that alone said so (nothing
 * was read), else null (reading stopped at limit + 1 bytes).
 */
export async function readLimited(request: Request, limit: number): Promise<LimitedBody> {
  const declared = declaredLength(request.headers);
  if (declared !== null && declared > limit) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, declared };
  }
  const body = request.body;
  if (!body) return { ok: true, bytes: new Uint8Array(0) };
  // One buffer, grown by doubling up to the limit: a 15 MB upload is not held twice as chunks and a copy.
  // Sized by the declared length only up to 1 MiB: a length is a claim, and bytes that never come are never allocated.
  let buffer = new Uint8Array(Math.min(declared ?? 64 * 1024, limit, 1024 * 1024) || 1);
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > limit) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, declared: null };
    }
    if (size + value.byteLength > buffer.byteLength) {
      const grown = new Uint8Array(Math.min(limit, Math.max(buffer.byteLength * 2, size + value.byteLength)));
      grown.set(buffer.subarray(0, size));
      buffer = grown;
    }
    buffer.set(value, size);
    size += value.byteLength;
  }
  return { ok: true, bytes: buffer.subarray(0, size) };
}
