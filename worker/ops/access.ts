// Who may open the operations console: instance admins (ADMIN_EMAILS) see
// everything, project owners their own projects, everyone else nothing.
// The routes enforce it through opsScope; the SPA asks canOperate (on GET
// /api/v1/me) only to decide whether to show the way in.
import { and, eq, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Context } from "hono";
import { inProjects, type ProjectSet, projectsOf } from "../access";
import { currentUser } from "../auth/session";
import { members } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { forbidden } from "../http/errors";

/**
 * What a caller of the console sees: everything (an instance admin), one
 * project (`?project=`), or every project a person owns (listed, or selected
 * in SQL when there are many, so a statement's bound parameters stay under
 * D1's 100: worker/access.ts).
 */
export type Scope = { all: true } | { projectId: string } | { projects: ProjectSet };

/** The condition on a `project_id` column that keeps a query to the scope; none for everything. */
export function scoped(db: Db, scope: Scope, column: SQLiteColumn): SQL | undefined {
  if ("all" in scope) return undefined;
  if ("projectId" in scope) return eq(column, scope.projectId);
  return inProjects(db, column, scope.projects);
}

async function owns(db: Db, userId: string, projectId?: string): Promise<boolean> {
  const one = await db
    .select({ id: members.projectId })
    .from(members)
    .where(and(eq(members.userId, userId), eq(members.role, "owner"), projectId ? eq(members.projectId, projectId) : undefined))
    .limit(1)
    .get();
  return !!one;
}

/** Whether the operations console is open to this person: the rule opsScope enforces, as a yes or no. */
export async function canOperate(db: Db, user: { id: string; isAdmin: boolean }): Promise<boolean> {
  return user.isAdmin || owns(db, user.id);
}

/** What the caller may see: everything (admin), or the projects they own; `projectId` narrows to one. */
export async function opsScope(c: Context<AppEnv>, projectId?: string): Promise<Scope> {
  const user = currentUser(c);
  if (user.isAdmin) return projectId ? { projectId } : { all: true };
  if (projectId && (await owns(c.var.db, user.id, projectId))) return { projectId };
  const projects = await projectsOf(c.var.db, user.id, "owner");
  if ("ids" in projects && projects.ids.length === 0) throw forbidden("Metrics and the audit trail are for project owners and instance admins.");
  if (projectId) throw forbidden("You do not own this project.");
  return { projects };
}
