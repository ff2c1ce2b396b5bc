// Names for the ids the operations console shows: people by display name,
// projects and episodes by title, jobs by the shot they render. Lookups go
// in chunks because D1 refuses a statement with more than 100 bound
// parameters, and an audit page alone can name 101 people.
import { eq, inArray, sql } from "drizzle-orm";
import { episodes, jobs, projects, reviewers, reviewLinks, users } from "../db/schema";
import { type JobNames, reviewerName } from "../domain/ops";
import type { Db } from "../env";

/** Ids per `IN (…)`: below D1's 100 bound parameters, with room for any others. */
export const LOOKUP_CHUNK = 90;

export function chunks<T>(items: readonly T[], size = LOOKUP_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function lookup<R>(ids: Iterable<string>, query: (chunk: string[]) => Promise<R[]>): Promise<R[]> {
  const unique = [...new Set(ids)];
  return (await Promise.all(chunks(unique).map(query))).flat();
}

/** The shot label and frame title a job's input recorded when it was made. */
export interface JobShot {
  projectId: string;
  episodeId: string;
  createdBy: string;
  shot: string | null;
  frameTitle: string | null;
  kind: "render" | "export";
  exportFormat: "pdf" | "csv" | "zip" | null;
}

export interface Names {
  user(id: string): string | null;
  project(id: string): string | null;
  episode(id: string): string | null;
  job(id: string): JobNames | null;
  /** A reviewer by the name they gave, marked as a reviewer and by whose link (CONTRACT 11). */
  reviewer(id: string): string | null;
  /** A review link by who made it and when. */
  link(id: string): string | null;
  /** Names for a job whose row is already at hand. */
  forJob(j: JobShot): JobNames;
}

/** What a job's input says about its shot, read in SQL so the (large) input never leaves D1. */
const shotColumns = {
  shot: sql<string | null>`json_extract(${jobs.input}, '$.shot')`,
  frameTitle: sql<string | null>`json_extract(${jobs.input}, '$.frame.title')`,
};

export async function shotsOf(db: Db, jobIds: Iterable<string>): Promise<Map<string, JobShot>> {
  const rows = await lookup(jobIds, (chunk) =>
    db
      .select({
        id: jobs.id,
        projectId: jobs.projectId,
        episodeId: jobs.episodeId,
        createdBy: jobs.createdBy,
        kind: jobs.kind,
        exportFormat: jobs.exportFormat,
        ...shotColumns,
      })
      .from(jobs)
      .where(inArray(jobs.id, chunk))
      .all(),
  );
  return new Map(rows.map((r) => [r.id, { ...r, shot: r.shot === null ? null : String(r.shot) }]));
}

/**
 * Resolves every id asked for in a handful of chunked queries. Jobs bring
 * their project, episode and author along, so one call names a whole page.
 */
export async function resolveNames(
  db: Db,
  want: {
    users?: Iterable<string>;
    projects?: Iterable<string>;
    episodes?: Iterable<string>;
    jobs?: Iterable<string>;
    reviewers?: Iterable<string>;
    links?: Iterable<string>;
  },
): Promise<Names> {
  const jobShots = want.jobs ? await shotsOf(db, want.jobs) : new Map<string, JobShot>();
  const userIds = new Set(want.users ?? []);
  const projectIds = new Set(want.projects ?? []);
  const episodeIds = new Set(want.episodes ?? []);
  for (const j of jobShots.values()) {
    userIds.add(j.createdBy);
    projectIds.add(j.projectId);
    episodeIds.add(j.episodeId);
  }
  const [reviewerRows, linkRows] = await Promise.all([
    lookup(want.reviewers ?? [], (chunk) =>
      db
        .select({ id: reviewers.id, name: reviewers.name, linkBy: users.name, linkCreatedAt: reviewLinks.createdAt })
        .from(reviewers)
        .innerJoin(reviewLinks, eq(reviewLinks.id, reviewers.linkId))
        .leftJoin(users, eq(users.id, reviewLinks.createdBy))
        .where(inArray(reviewers.id, chunk))
        .all(),
    ),
    lookup(want.links ?? [], (chunk) =>
      db
        .select({ id: reviewLinks.id, by: users.name, createdAt: reviewLinks.createdAt })
        .from(reviewLinks)
        .leftJoin(users, eq(users.id, reviewLinks.createdBy))
        .where(inArray(reviewLinks.id, chunk))
        .all(),
    ),
  ]);
  const rv = new Map(reviewerRows.map((r) => [r.id, reviewerName(r)]));
  const lk = new Map(linkRows.map((l) => [l.id, `${l.by ? `${l.by}'s review link` : "a review link"} of ${l.createdAt.slice(0, 10)}`]));
  const [userRows, projectRows, episodeRows] = await Promise.all([
    lookup(userIds, (chunk) => db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, chunk)).all()),
    lookup(projectIds, (chunk) => db.select({ id: projects.id, name: projects.name }).from(projects).where(inArray(projects.id, chunk)).all()),
    lookup(episodeIds, (chunk) => db.select({ id: episodes.id, name: episodes.title }).from(episodes).where(inArray(episodes.id, chunk)).all()),
  ]);
  const byId = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  const u = byId(userRows);
  const p = byId(projectRows);
  const e = byId(episodeRows);
  const forJob = (j: JobShot): JobNames => ({
    projectName: p.get(j.projectId) ?? null,
    episodeTitle: e.get(j.episodeId) ?? null,
    shot: j.shot,
    frameTitle: j.frameTitle,
    createdByName: u.get(j.createdBy) ?? null,
    exportFormat: j.kind === "export" ? j.exportFormat : null,
  });
  return {
    user: (id) => u.get(id) ?? null,
    project: (id) => p.get(id) ?? null,
    episode: (id) => e.get(id) ?? null,
    job: (id) => {
      const j = jobShots.get(id);
      return j ? forJob(j) : null;
    },
    forJob,
    reviewer: (id) => rv.get(id) ?? null,
    link: (id) => lk.get(id) ?? null,
  };
}
