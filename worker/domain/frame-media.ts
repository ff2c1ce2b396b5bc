// How a frame's media moves (CONTRACT 4, 7 and 12), as pure rules the room
// and the reducer apply. Two things live in `Frame.media`: the state of the
// frame's newest render job, and its pictures (revisions) with the one shown.
// A job moves only the state of a card it owns and a canceled card stays
// canceled for that job; the shown picture changes only when a picture
// arrives (a render that succeeded, an upload, a drawing) or a person picks
// or removes one, so a failed or canceled re-render leaves it as it was.
import { type FrameMedia, type JobMedia, REVISIONS_MAX, type Revision } from "./board";

/** The job state to store when a job reports `incoming` for a card in `current`; null when it must not change. */
export function nextJobMedia(current: FrameMedia, incoming: JobMedia): JobMedia | null {
  // A newer job queued on the frame owns the card; an older one may no longer move it.
  if (incoming.state !== "queued" && current.jobId && current.jobId !== incoming.jobId) return null;
  if (current.state === "canceled" && current.jobId === incoming.jobId && incoming.state !== "canceled") return null;
  return incoming;
}

/** The revision a card shows, or undefined for none. */
export function shownRevision(media: FrameMedia): Revision | undefined {
  return media.shown === null ? undefined : media.revisions.find((r) => r.id === media.shown);
}

/** The URL of the picture a card shows, or undefined when it has none. */
export function shownImage(media: FrameMedia): string | undefined {
  return shownRevision(media)?.url;
}

/**
 * Appends a revision and shows it. A revision already there (the same id,
 * as a replayed render) is shown, not added twice. Past REVISIONS_MAX the
 * oldest revision that is not the new one leaves the board.
 */
export function withRevision(media: FrameMedia, revision: Revision): FrameMedia {
  if (media.revisions.some((r) => r.id === revision.id)) return { ...media, shown: revision.id };
  let revisions = [...media.revisions, revision];
  if (revisions.length > REVISIONS_MAX) {
    const drop = revisions.findIndex((r) => r.id !== revision.id);
    revisions = [...revisions.slice(0, drop), ...revisions.slice(drop + 1)];
  }
  return { ...media, revisions, shown: revision.id };
}

/** Drops a revision; when it was the one shown, the newest that remains is shown. */
export function withoutRevision(media: FrameMedia, revisionId: string): FrameMedia {
  const revisions = media.revisions.filter((r) => r.id !== revisionId);
  const shown = media.shown === revisionId ? (revisions.at(-1)?.id ?? null) : media.shown;
  return { ...media, revisions, shown };
}
