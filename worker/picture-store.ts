// What a project's pictures take in storage (CONTRACT 12): one D1 row per R2
// key a person filled (an upload, a drawing's PNG, its strokes), written
// before the file in the very statement that checks the quota, and removed
// again when the file could not be kept.
import { eq, sql } from "drizzle-orm";
import { pictureFiles } from "./db/schema";
import type { Db } from "./env";

export interface PictureFileRow {
  key: string;
  projectId: string;
  episodeId: string;
  frameId: string;
  revisionId: string;
  kind: "upload" | "drawing" | "strokes";
  mime: string;
  bytes: number;
  createdBy: string;
}

/** The bytes a project's pictures take now. */
export async function picturesUsed(db: Db, projectId: string): Promise<number> {
  const row = await db
    .select({ used: sql<number>`coalesce(sum(${pictureFiles.bytes}), 0)` })
    .from(pictureFiles)
    .where(eq(pictureFiles.projectId, projectId))
    .get();
  return Number(row?.used ?? 0);
}

/**
 * Records a file's bytes if the project's other files and this one fit in
 * `limitBytes`, in one statement, so two uploads at once cannot both pass
 * the check. A key already recorded (strokes saved again) has its size
 * replaced, the old size not counted against the new. False when it does
 * not fit; nothing is written then.
 */
export async function reservePicture(db: Db, row: PictureFileRow, limitBytes: number): Promise<boolean> {
  const out = await db.run(sql`
    INSERT INTO picture_files (key, project_id, episode_id, frame_id, revision_id, kind, mime, bytes, created_by)
    SELECT ${row.key}, ${row.projectId}, ${row.episodeId}, ${row.frameId}, ${row.revisionId}, ${row.kind}, ${row.mime}, ${row.bytes}, ${row.createdBy}
    WHERE (SELECT coalesce(sum(bytes), 0) FROM picture_files WHERE project_id = ${row.projectId} AND key <> ${row.key}) + ${row.bytes} <= ${limitBytes}
    ON CONFLICT (key) DO UPDATE SET bytes = excluded.bytes, mime = excluded.mime, created_by = excluded.created_by`);
  return (out.meta.changes ?? 0) > 0;
}

/** Forgets a file's row (its file was not kept). */
export async function releasePicture(db: Db, key: string): Promise<void> {
  await db.delete(pictureFiles).where(eq(pictureFiles.key, key));
}

/** Sets a row back to what R2 holds under its key: its size when a file is there, no row when none is. */
export async function settlePicture(db: Db, bucket: R2Bucket, key: string): Promise<void> {
  const head = await bucket.head(key);
  if (head) await db.update(pictureFiles).set({ bytes: head.size }).where(eq(pictureFiles.key, key));
  else await releasePicture(db, key);
}
