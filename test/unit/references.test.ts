// Which reference pictures a render may send (CONTRACT 12): only this
// project's stored pictures, in a format providers take, still stored, and
// no more than the caps; each one left out says why.
import { describe, expect, it } from "vitest";
import { readReferences, REFERENCES_MAX } from "../../worker/media/references";

const P = "prj_aaaaaaaaaaaaaaaaaaaa";
const E = "ep_bbbbbbbbbbbbbbbbbbbb";

function bucket(files: Record<string, { bytes: Uint8Array; type: string }>) {
  const reads: string[] = [];
  return {
    reads,
    get: async (key: string) => {
      reads.push(key);
      const f = files[key];
      if (!f) return null;
      return {
        size: f.bytes.byteLength,
        httpMetadata: { contentType: f.type },
        body: new ReadableStream(),
        arrayBuffer: async () => f.bytes.slice().buffer,
      } as unknown as R2ObjectBody;
    },
  };
}

const ref = (assetId: string, key: string, mime = "image/png") => ({ assetId, name: assetId.toUpperCase(), url: `/api/v1/artifacts/${key}`, mime });

describe("readReferences", () => {
  it("reads this project's pictures and leaves out, with a reason, what it may not send", async () => {
    const mine = `${P}/${E}/pictures/rv_cccccccccccccccccccc.png`;
    const b = bucket({ [mine]: { bytes: new Uint8Array([1, 2, 3]), type: "image/png" } });
    const out = await readReferences(b, P, [
      ref("mia", mine),
      ref("leo", `prj_zzzzzzzzzzzzzzzzzzzz/${E}/pictures/rv_cccccccccccccccccccc.png`),
      ref("map", `${P}/${E}/job_dddddddddddddddddddd/attempt-1.svg`, "image/svg+xml"),
      ref("cup", `${P}/${E}/pictures/rv_gonegonegonegonegone.png`),
      { assetId: "odd", name: "Odd", url: "https://example.com/x.png", mime: "image/png" },
    ]);
    expect(out.images).toEqual([{ assetId: "mia", name: "MIA", mime: "image/png", bytes: new Uint8Array([1, 2, 3]) }]);
    expect(out.skipped).toEqual([
      "The reference picture of LEO was not sent: it is not one of this project's stored pictures.",
      "The reference picture of MAP was not sent: a sketch cannot be sent as a reference; pick an upload, a drawing or an image render.",
      "The reference picture of CUP was not sent: its file is no longer stored.",
      "The reference picture of Odd was not sent: it is not one of this project's stored pictures.",
    ]);
    // Another project's key is never even asked for.
    expect(b.reads.some((k) => k.startsWith("prj_zzzz"))).toBe(false);
  });

  it(`sends at most ${REFERENCES_MAX}`, async () => {
    const files: Record<string, { bytes: Uint8Array; type: string }> = {};
    const refs = Array.from({ length: REFERENCES_MAX + 2 }, (_, i) => {
      const key = `${P}/${E}/pictures/rv_${String(i).padStart(20, "0")}.webp`;
      files[key] = { bytes: new Uint8Array([i]), type: "image/webp" };
      return ref(`a${i}`, key, "image/webp");
    });
    const out = await readReferences(bucket(files), P, refs);
    expect(out.images.map((i) => i.assetId)).toEqual(refs.slice(0, REFERENCES_MAX).map((r) => r.assetId));
    expect(out.skipped).toHaveLength(2);
  });
});
