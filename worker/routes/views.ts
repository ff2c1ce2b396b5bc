// Saved views: a person's named filters for the operations console's jobs
// and audit lists. Open to whoever may open the console (project owners,
// instance admins); each person sees, applies and deletes only their own,
// and anyone else's view answers 404 as if it did not exist.
import { and, asc, count, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { currentUser } from "../auth/session";
import { savedViews } from "../db/schema";
import { EntityId } from "../domain/api";
import { MAX_VIEWS_PER_KIND, SavedView, SaveViewBody, ViewKind } from "../domain/ops";
import type { AppEnv } from "../env";
import { conflict, notFound } from "../http/errors";
import { validate } from "../http/validate";
import { newId } from "../ids";
import { opsScope } from "../ops/access";

type Row = typeof savedViews.$inferSelect;

/** A stored row as the wire shape; a row whose filters no longer validate is left out rather than sent half-right. */
function toView(row: Row): SavedView | null {
  const parsed = SavedView.safeParse({ id: row.id, kind: row.kind, name: row.name, filters: row.filters, createdAt: row.createdAt });
  return parsed.success ? parsed.data : null;
}

export const viewRoutes = new Hono<AppEnv>()
  .get("/", validate("query", z.object({ kind: ViewKind.optional() })), async (c) => {
    await opsScope(c);
    const { kind } = c.req.valid("query");
    const userId = currentUser(c).id;
    const rows = await c.var.db
      .select()
      .from(savedViews)
      .where(and(eq(savedViews.userId, userId), kind ? eq(savedViews.kind, kind) : undefined))
      .orderBy(asc(savedViews.name))
      .all();
    return c.json({ views: rows.map(toView).filter((v): v is SavedView => v !== null) });
  })
  .post("/", validate("json", SaveViewBody), async (c) => {
    await opsScope(c);
    const body = c.req.valid("json");
    const userId = currentUser(c).id;
    const mine = and(eq(savedViews.userId, userId), eq(savedViews.kind, body.kind));
    const existing = await c.var.db
      .select()
      .from(savedViews)
      .where(and(mine, eq(savedViews.name, body.name)))
      .get();
    if (existing) {
      // Saving under a name already in use updates that view: the name is how the person knows it.
      const [row] = await c.var.db.update(savedViews).set({ filters: body.filters }).where(eq(savedViews.id, existing.id)).returning();
      return c.json({ view: toView(row!) }, 200);
    }
    const held = await c.var.db.select({ n: count() }).from(savedViews).where(mine).get();
    if ((held?.n ?? 0) >= MAX_VIEWS_PER_KIND) throw conflict(`You can keep at most ${MAX_VIEWS_PER_KIND} ${body.kind} views; delete one first.`);
    const [row] = await c.var.db
      .insert(savedViews)
      .values({ id: newId("view"), userId, kind: body.kind, name: body.name, filters: body.filters })
      .returning();
    return c.json({ view: toView(row!) }, 201);
  })
  .delete("/:viewId", validate("param", z.object({ viewId: EntityId })), async (c) => {
    await opsScope(c);
    const gone = await c.var.db
      .delete(savedViews)
      .where(and(eq(savedViews.id, c.req.valid("param").viewId), eq(savedViews.userId, currentUser(c).id)))
      .returning({ id: savedViews.id });
    if (gone.length === 0) throw notFound("That view");
    return c.body(null, 204);
  });
