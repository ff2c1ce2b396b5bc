// How a frame's media moves as jobs report (CONTRACT 4 and 7), as one pure
// rule the room applies: a job moves only a card it owns, a canceled card
// stays canceled for that job, and media never goes backwards: while a frame
// is re-rendered its last ready image stays as `previous`, and a canceled or
// failed re-render leaves the frame showing it.
import type { FrameMedia } from "./board";

/** The media to store when a job reports `incoming` for a card showing `current`; null when it must not change. */
export function nextFrameMedia(current: FrameMedia, incoming: FrameMedia): FrameMedia | null {
  // A newer job queued on the frame owns the card; an older one may no longer move it.
  if (incoming.state !== "queued" && current.jobId && current.jobId !== incoming.jobId) return null;
  if (current.state === "canceled" && current.jobId === incoming.jobId && incoming.state !== "canceled") return null;
  const { previous: _ignored, ...media } = incoming;
  if (media.state === "ready") return media;
  // The last good image: the one on the card now if it is ready, else the one it was keeping.
  const lastGood = current.state === "ready" && current.url ? { url: current.url, ...(current.jobId ? { jobId: current.jobId } : {}) } : current.previous;
  return lastGood ? { ...media, previous: lastGood } : media;
}

/** The image a card shows: its own when ready, else the last good one it keeps. */
export function shownImage(media: FrameMedia): string | undefined {
  return media.state === "ready" ? media.url : media.previous?.url;
}
