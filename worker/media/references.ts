// The reference pictures a render sends along (CONTRACT 12): an asset's
// chosen revision, read from R2 for providers that accept reference images.
// Only this project's own stored pictures are read (a key from another
// project is never opened, whatever a board holds), only formats a provider
// takes (a sketch's SVG is not one), and only so many, so a frame naming
// every asset cannot pull hundreds of megabytes into one invocation.
import type { ReferencePicture } from "../domain/jobs";
import { ARTIFACT_URL_PREFIX } from "../domain/pictures";
import type { ReferenceImage } from "./provider";

/** At most this many reference pictures go with one render, */
export const REFERENCES_MAX = 8;
/** adding up to at most this many bytes. */
export const REFERENCES_MAX_BYTES = 8 * 1024 * 1024;

const SENDABLE = new Set(["image/png", "image/jpeg", "image/webp"]);

function keyOf(url: string): string | null {
  if (!url.startsWith(ARTIFACT_URL_PREFIX)) return null;
  try {
    return decodeURIComponent(url.slice(ARTIFACT_URL_PREFIX.length));
  } catch {
    return null;
  }
}

/** The references to send, and a sentence for each one that was not sent. */
export async function readReferences(
  bucket: Pick<R2Bucket, "get">,
  projectId: string,
  refs: readonly ReferencePicture[],
): Promise<{ images: ReferenceImage[]; skipped: string[] }> {
  const images: ReferenceImage[] = [];
  const skipped: string[] = [];
  let total = 0;
  for (const ref of refs) {
    const not = (why: string) => skipped.push(`The reference picture of ${ref.name.slice(0, 80)} was not sent: ${why}.`);
    if (images.length >= REFERENCES_MAX) {
      not(`a render takes at most ${REFERENCES_MAX}`);
      continue;
    }
    const key = keyOf(ref.url);
    if (!key?.startsWith(`${projectId}/`) || key.includes("..")) {
      not("it is not one of this project's stored pictures");
      continue;
    }
    if (!SENDABLE.has(ref.mime)) {
      not("a sketch cannot be sent as a reference; pick an upload, a drawing or an image render");
      continue;
    }
    const obj = await bucket.get(key);
    if (!obj) {
      not("its file is no longer stored");
      continue;
    }
    const mime = obj.httpMetadata?.contentType ?? ref.mime;
    if (!SENDABLE.has(mime) || total + obj.size > REFERENCES_MAX_BYTES) {
      await obj.body.cancel();
      not(
        SENDABLE.has(mime)
          ? `the references of one render add up to at most ${REFERENCES_MAX_BYTES / 1024 / 1024} MB`
          : "its file is not an image a provider takes",
      );
      continue;
    }
    total += obj.size;
    images.push({ assetId: ref.assetId, name: ref.name, mime, bytes: new Uint8Array(await obj.arrayBuffer()) });
  }
  return { images, skipped };
}
