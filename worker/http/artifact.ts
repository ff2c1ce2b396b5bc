// How every stored file is served, to members (/api/v1/artifacts/*) and to a
// review link's holder alike (CONTRACT 12): with the type stored beside it
// (for a person's picture, the type its bytes were sniffed as), never sniffed
// again by the browser, under a policy that runs nothing, and as an
// attachment, so that opened on its own it is saved, never shown as a page.
// An <img> ignores Content-Disposition, so cards and the review page still
// show it.

/** What a file opened on its own may do: nothing but show inline styles and data images (an SVG's), sandboxed, in no frame. */
export const ARTIFACT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'none'";

// Keys are <project>/<episode>/<job>/attempt-N.<ext> (renders, exports, manifests)
// or <project>/<episode>/pictures/<revision>.<ext> (uploads and drawings).
const JOB_FILE = /\/job_[A-Za-z0-9_-]*([A-Za-z0-9_-]{8})\/attempt-\d+\.([a-z.]+)$/;
const PICTURE_FILE = /\/pictures\/rv_[A-Za-z0-9_-]*([A-Za-z0-9_-]{8})\.([a-z]+)$/;

/** A file name a browser saves the file under: letters, digits, '-' and '.' only, from the key. */
export function downloadName(key: string): string {
  const job = JOB_FILE.exec(key);
  if (job) return `storyboard-${job[1]}.${job[2]}`.replace(/[^A-Za-z0-9.-]/g, "-");
  const picture = PICTURE_FILE.exec(key);
  if (picture) return `picture-${picture[1]}.${picture[2]}`.replace(/[^A-Za-z0-9.-]/g, "-");
  return "reelroom-file";
}

export function artifactResponse(obj: R2ObjectBody, key: string, extra: Record<string, string> = {}): Response {
  return new Response(obj.body, {
    headers: {
      "content-type": obj.httpMetadata?.contentType ?? "application/octet-stream",
      "x-content-type-options": "nosniff",
      "content-security-policy": ARTIFACT_CSP,
      "content-disposition": `attachment; filename="${downloadName(key)}"`,
      "cache-control": "private, max-age=3600",
      etag: obj.httpEtag,
      ...extra,
    },
  });
}
