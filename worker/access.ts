// Project membership and roles: every project-scoped route and the realtime
// upgrade ask here, and nowhere else, whether the user may do a thing.
import { and, eq, inArray, type SQL } from "drizzle-orm";
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
 * "`column` is one of the projects this person is a member of (or, with
 * `role`, has that role in)", as a sub-select on members. It binds the same
 * one or two parameters however many projects the person is in: listing their
 * project ids instead binds one each, and D1 refuses a statement with more
 * than 100 bound parameters (CONTRACT 11). members_user_idx finds the rows.
 */
export function inProjectsOf(db: Db, column: SQLiteColumn, userId: string, role?: Role): SQL {
  const mine = db
    .select({ id: members.projectId })
    .from(members)
    .where(role ? and(eq(members.userId, userId), eq(members.role, role)) : eq(members.userId, userId));
  return inArray(column, mine);
}
