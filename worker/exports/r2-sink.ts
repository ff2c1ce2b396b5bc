// Writes one R2 object from chunks that arrive over time (a ZIP as fflate
// streams it), holding at most about one part in memory: below one part it
// is a single put, above it a multipart upload. A 500-frame ZIP of rendered
// images can be far larger than the 128 MB an isolate may use.
import { ms1 } from "../domain/jobs";

/** R2 wants every part but the last to be the same size, at least 5 MiB. */
export const PART_BYTES = 8 * 1024 * 1024;

export type SinkBucket = Pick<R2Bucket, "put" | "createMultipartUpload">;

export class R2Sink {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private upload: R2MultipartUpload | null = null;
  private parts: R2UploadedPart[] = [];
  // Workers hang DigestStream on `crypto`; the DOM's Crypto type, which the worker's types merge with, does not know it.
  private digest = new (crypto as unknown as { DigestStream: typeof DigestStream }).DigestStream("SHA-256");
  private digestWriter = this.digest.getWriter();
  /** Total bytes pushed. */
  size = 0;
  /** Time spent sending to R2, in ms, so the job can report its store stage apart from building. */
  storeMs = 0;

  constructor(
    private readonly bucket: SinkBucket,
    readonly key: string,
    private readonly contentType: string,
    private readonly partBytes = PART_BYTES,
  ) {}

  /** Takes a chunk synchronously (fflate's callback cannot wait); `drain` sends whole parts. */
  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.byteLength;
    this.size += chunk.byteLength;
    void this.digestWriter.write(chunk);
  }

  /** Sends every whole part that is buffered. */
  async drain(): Promise<void> {
    while (this.buffered >= this.partBytes) {
      const part = this.take(this.partBytes);
      const t0 = performance.now();
      this.upload ??= await this.bucket.createMultipartUpload(this.key, { httpMetadata: { contentType: this.contentType } });
      this.parts.push(await this.upload.uploadPart(this.parts.length + 1, part));
      this.storeMs += performance.now() - t0;
    }
  }

  /** Writes what is left and completes the object; returns its size and SHA-256 (hex). */
  async finish(): Promise<{ size: number; sha256: string; storeMs: number }> {
    await this.drain();
    const rest = this.take(this.buffered);
    const t0 = performance.now();
    if (!this.upload) {
      await this.bucket.put(this.key, rest, { httpMetadata: { contentType: this.contentType } });
    } else {
      if (rest.byteLength > 0) this.parts.push(await this.upload.uploadPart(this.parts.length + 1, rest));
      await this.upload.complete(this.parts);
    }
    this.storeMs += performance.now() - t0;
    await this.digestWriter.close();
    const sha256 = [...new Uint8Array(await this.digest.digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    return { size: this.size, sha256, storeMs: ms1(this.storeMs) };
  }

  /** Drops an unfinished multipart upload so no parts are left behind. */
  async abort(): Promise<void> {
    this.chunks = [];
    this.buffered = 0;
    await this.upload?.abort().catch(() => undefined);
    await this.digestWriter.abort().catch(() => undefined);
  }

  private take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let at = 0;
    while (at < n) {
      const head = this.chunks[0]!;
      const need = n - at;
      if (head.byteLength <= need) {
        out.set(head, at);
        at += head.byteLength;
        this.chunks.shift();
      } else {
        out.set(head.subarray(0, need), at);
        this.chunks[0] = head.subarray(need);
        at += need;
      }
    }
    this.buffered -= n;
    return out;
  }
}
