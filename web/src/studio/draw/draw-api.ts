// The drawing's three HTTP calls (CONTRACT 12): the PNG through the frame's
// upload route with ?kind=drawing (→ 201 {revision}), its strokes PUT beside
// it (→ 204), and the strokes read back for "Edit drawing". Failures are
// ApiFailures carrying the server's own message (413 too large, 415 not an
// image, 403 not an editor), so the surface can show it as it is.
import { z } from "zod";
import { ErrorBody } from "../../../../worker/domain/api";
import { Revision } from "../../../../worker/domain/board";
import { ApiFailure } from "../../api";
import type { Drawing } from "./strokes";

const enc = encodeURIComponent;

export interface FrameRef {
  projectId: string;
  episodeId: string;
  frameId: string;
}

const frameUrl = (f: FrameRef) => `/api/v1/projects/${enc(f.projectId)}/episodes/${enc(f.episodeId)}/frames/${enc(f.frameId)}`;
const strokesUrl = (f: FrameRef, revisionId: string) => `${frameUrl(f)}/revisions/${enc(revisionId)}/strokes`;

async function call(url: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: "same-origin", ...init });
  } catch {
    throw new ApiFailure(0, "network", "Can't reach Reelroom. Check your connection and try again.");
  }
  if (res.ok) return res;
  const body = ErrorBody.safeParse(await res.json().catch(() => null));
  if (body.success) throw new ApiFailure(res.status, body.data.error.code, body.data.error.message, body.data.error.details);
  const words: Record<number, string> = {
    403: "Only the project's editors can draw on its frames.",
    404: "This frame or its drawing is no longer there.",
    413: "The drawing is too large to save.",
    415: "The server did not accept the drawing's picture.",
  };
  throw new ApiFailure(res.status, "internal", words[res.status] ?? `The server answered ${res.status}.`);
}

const Created = z.object({ revision: Revision });

/** Stores the drawing's PNG as a new `drawing` revision of the frame, which the board then shows. */
export async function uploadDrawing(f: FrameRef, png: Blob): Promise<Revision> {
  const res = await call(`${frameUrl(f)}/uploads?kind=drawing`, {
    method: "POST",
    headers: { "content-type": "image/png", accept: "application/json" },
    body: png,
  });
  const parsed = Created.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new ApiFailure(res.status, "bad_response", "The server sent something this page does not understand.");
  return parsed.data.revision;
}

/** Keeps the strokes beside the revision's PNG, so "Edit drawing" reopens them. */
export async function saveStrokes(f: FrameRef, revisionId: string, drawing: Drawing): Promise<void> {
  await call(strokesUrl(f, revisionId), { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(drawing) });
}

/** The stored strokes of a drawing revision, unparsed (strokes.ts reads and checks them). */
export async function loadStrokes(f: FrameRef, revisionId: string, signal?: AbortSignal): Promise<unknown> {
  const res = await call(strokesUrl(f, revisionId), { method: "GET", headers: { accept: "application/json" }, signal });
  return res.json().catch(() => null);
}
