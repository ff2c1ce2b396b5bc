// Project membership and roles: every project-scoped route and the realtime
// upgrade ask here, and nowhere else, whether the user may do a thing.
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Context } from "hono";
import { episodes, members, projects } from "./db/schema";
import { roleAtLeast, type Role } from "./domain/api";
import type { AppEnv, Db } from "./env";
import { forbidden, notFound } from "./http/errors";

export async function membership(db: Db, projectId: string, userId: string) {
  return db
    .select({ id: projects.id, name: projects.name, createdAt: projects.createdAt, role: members.role })
    .from(members)
    .innerJoin(projects, eq(projects.id, members.projectId))
    .where(and(eq(members.projectId, projectId), eq(members.userId, userId)))
    .get();
}

/** The project and the user's role in it, or 403 when they are not a member
 *  or their role is below `needed`. A missing project also answers 403, so
 *  ids cannot be probed for existence. */
export async function requireRole(c: Context<AppEnv>, projectId: string, needed: Role) {
  const user = c.var.user;
  if (!user) throw forbidden();
  const m = await membership(c.var.db, projectId, user.id);
  if (!m) throw forbidden("You are not a member of this project.");
  if (!roleAtLeast(m.role, needed)) throw forbidden(`This needs the ${needed} role; you are a ${m.role}.`);
  return { project: { id: m.id, name: m.name, createdAt: m.createdAt }, role: m.role };
}

/** The episode, only if it belongs to the project (else 404). */
export async function requireEpisode(db: Db, projectId: string, episodeId: string) {
  const ep = await db
    .select()
    .from(episodes)
    .where(and(eq(episodes.id, episodeId), eq(episodes.projectId, projectId)))
    .get();
  if (!ep) throw notFound("Episode");
  return ep;
}

/**
 * Up to this many of a person's projects are listed in a query as ids,
 * which SQLite plans best (one index range per project, already in order for
 * GROUP BY and ORDER BY); past it they are selected in SQL by a sub-select
 * on members, so no statement binds more than 100 parameters (CONTRACT 11)
 * whatever else it binds. Measured with 100,000 jobs: a sub-select for one
 * project turned the metrics' GROUP BY into a temporary B-tree, 2.3x slower.
 */
export const LISTED_PROJECTS = 80;

/** A person's projects (or those where they have `role`): listed, or to be selected in SQL when there are many. */
export type ProjectSet = { ids: string[] } | { memberOf: string; role?: Role };

export async function projectsOf(db: Db, userId: string, role?: Role): Promise<ProjectSet> {
  const rows = await db
    .select({ id: members.projectId })
    .from(members)
    .where(role ? and(eq(members.userId, userId), eq(members.role, role)) : eq(members.userId, userId))
    .limit(LISTED_PROJECTS + 1)
    .all();
  return rows.length <= LISTED_PROJECTS ? { ids: rows.map((r) => r.id) } : { memberOf: userId, ...(role ? { role } : {}) };
}

/** "`column` is one of these projects", binding at most LISTED_PROJECTS parameters. */
export function inProjects(db: Db, column: SQLiteColumn, set: ProjectSet): SQL {
  if ("ids" in set) return set.ids.length ? inArray(column, set.ids) : sql`0`;
  const mine = db
    .select({ id: members.projectId })
    .from(members)
    .where(set.role ? and(eq(members.userId, set.memberOf), eq(members.role, set.role)) : eq(members.userId, set.memberOf));
  return inArray(column, mine);
}
