// Who may open the operations console: instance admins (ADMIN_EMAILS) see
// everything, project owners their own projects, everyone else nothing.
// The routes enforce it through opsScope; the SPA asks canOperate (on GET
// /api/v1/me) only to decide whether to show the way in.
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { currentUser } from "../auth/session";
import { members } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { forbidden } from "../http/errors";
import type { Scope } from "./metrics";

async function ownedProjects(db: Db, userId: string): Promise<string[]> {
  return (
    await db
      .select({ id: members.projectId })
      .from(members)
      .where(and(eq(members.userId, userId), eq(members.role, "owner")))
      .all()
  ).map((r) => r.id);
}

/** Whether the operations console is open to this person: the rule opsScope enforces, as a yes or no. */
export async function canOperate(db: Db, user: { id: string; isAdmin: boolean }): Promise<boolean> {
  if (user.isAdmin) return true;
  const one = await db
    .select({ id: members.projectId })
    .from(members)
    .where(and(eq(members.userId, user.id), eq(members.role, "owner")))
    .limit(1)
    .get();
  return !!one;
}

/** What the caller may see: everything (admin) or the projects they own. */
export async function opsScope(c: Context<AppEnv>, projectId?: string): Promise<Scope> {
  const user = currentUser(c);
  if (user.isAdmin) return projectId ? { projectIds: [projectId] } : { all: true };
  const owned = await ownedProjects(c.var.db, user.id);
  if (owned.length === 0) throw forbidden("Metrics and the audit trail are for project owners and instance admins.");
  if (projectId) {
    if (!owned.includes(projectId)) throw forbidden("You do not own this project.");
    return { projectIds: [projectId] };
  }
  return { projectIds: owned };
}
