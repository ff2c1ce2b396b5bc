// Projects, members and episodes (CONTRACT 2). Every route checks the
// caller's membership and role through access.ts.
import type { MessagesRes } from "../domain/chat";
import type { TraceRes } from "../domain/trace";
import { and, desc, eq, inArray } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { requireEpisode, requireRole } from "../access";
import { recordAudit } from "../audit";
import { currentUser, requireUser } from "../auth/session";
import { episodes, members, projects, users } from "../db/schema";
import { AddMemberBody, CreateEpisodeBody, CreateProjectBody, EntityId } from "../domain/api";
import { Id } from "../domain/board";
import { type HistoryPage, HistoryQuery, toHistoryStep, userIds } from "../domain/history";
import { GenerateBody } from "../domain/jobs";
import { type ProjectSettings, ProjectSettingsBody } from "../domain/costs";
import { projectSpendUsd } from "../jobs/pipeline";
import { jobsService } from "../jobs/service";
import { projectConsents } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { projectAgentKind } from "../project-providers";
import { ApiError, conflict, notFound } from "../http/errors";
import { validate } from "../http/validate";
import { newId } from "../ids";
import { closeMemberSockets, pushMemberRole } from "../room-sockets";
import { roomFor } from "../rooms";

const ProjectParam = z.object({ projectId: EntityId });
const MemberParam = ProjectParam.extend({ userId: EntityId });
const EpisodeParam = ProjectParam.extend({ episodeId: EntityId });
const FrameParam = EpisodeParam.extend({ frameId: Id });
const RunParam = EpisodeParam.extend({ runId: z.string().regex(/^run_[A-Za-z0-9_-]{16}$/, "malformed run id") });

function listMembers(db: Db, projectId: string) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: members.role, addedAt: members.addedAt })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(members.projectId, projectId))
    .orderBy(members.addedAt)
    .all();
}

async function ownerCount(db: Db, projectId: string): Promise<number> {
  const rows = await db
    .select({ userId: members.userId })
    .from(members)
    .where(and(eq(members.projectId, projectId), eq(members.role, "owner")))
    .all();
  return rows.length;
}

export const projectRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/", async (c) => {
    const user = currentUser(c);
    const rows = await c.var.db
      .select({ id: projects.id, name: projects.name, createdAt: projects.createdAt, role: members.role })
      .from(members)
      .innerJoin(projects, eq(projects.id, members.projectId))
      .where(eq(members.userId, user.id))
      .orderBy(desc(projects.createdAt))
      .all();
    return c.json({ projects: rows });
  })
  .post("/", validate("json", CreateProjectBody), async (c) => {
    const user = currentUser(c);
    const { name } = c.req.valid("json");
    const id = newId("prj");
    // One batch: a project never exists without its owner.
    const [project] = await c.var.db.batch([
      c.var.db.insert(projects).values({ id, name, createdBy: user.id }).returning(),
      c.var.db.insert(members).values({ projectId: id, userId: user.id, role: "owner" }),
    ]);
    const row = project[0]!;
    await recordAudit(c, { action: "project.create", target: `project:${id}`, projectId: id, verdict: "allowed" });
    return c.json({ project: { id: row.id, name: row.name, createdAt: row.createdAt }, role: "owner" as const }, 201);
  })
  .get("/:projectId", validate("param", ProjectParam), async (c) => {
    const { projectId } = c.req.valid("param");
    const { project, role } = await requireRole(c, projectId, "viewer");
    return c.json({ project, role, members: await listMembers(c.var.db, projectId), agent: await projectAgentKind(c.env, c.var.db, projectId) });
  })
  .post("/:projectId/members", validate("param", ProjectParam), validate("json", AddMemberBody), async (c) => {
    const { projectId } = c.req.valid("param");
    const { email, role } = c.req.valid("json");
    await requireRole(c, projectId, "owner");
    const target = await c.var.db.select().from(users).where(eq(users.email, email)).get();
    if (!target) throw notFound("An account with that email");
    const existing = await c.var.db
      .select()
      .from(members)
      .where(and(eq(members.projectId, projectId), eq(members.userId, target.id)))
      .get();
    if (existing?.role === "owner" && role !== "owner" && (await ownerCount(c.var.db, projectId)) <= 1) {
      throw conflict("A project needs at least one owner.");
    }
    if (existing) {
      await c.var.db
        .update(members)
        .set({ role })
        .where(and(eq(members.projectId, projectId), eq(members.userId, target.id)));
      if (existing.role !== role) await pushMemberRole(c.var.db, c.env, projectId, target.id, role);
    } else {
      await c.var.db.insert(members).values({ projectId, userId: target.id, role });
    }
    await recordAudit(c, {
      action: existing ? "member.update" : "member.add",
      target: `user:${target.id}`,
      projectId,
      verdict: "allowed",
      details: { role, previousRole: existing?.role ?? null },
    });
    const member = (await listMembers(c.var.db, projectId)).find((m) => m.userId === target.id)!;
    return c.json({ member }, existing ? 200 : 201);
  })
  .delete("/:projectId/members/:userId", validate("param", MemberParam), async (c) => {
    const { projectId, userId } = c.req.valid("param");
    await requireRole(c, projectId, "owner");
    const existing = await c.var.db
      .select()
      .from(members)
      .where(and(eq(members.projectId, projectId), eq(members.userId, userId)))
      .get();
    if (!existing) throw notFound("That member");
    if (existing.role === "owner" && (await ownerCount(c.var.db, projectId)) <= 1) {
      throw conflict("A project needs at least one owner.");
    }
    await c.var.db.delete(members).where(and(eq(members.projectId, projectId), eq(members.userId, userId)));
    await closeMemberSockets(c.var.db, c.env, projectId, userId);
    await recordAudit(c, {
      action: "member.remove",
      target: `user:${userId}`,
      projectId,
      verdict: "allowed",
      details: { role: existing.role },
    });
    return c.body(null, 204);
  })
  .get("/:projectId/episodes", validate("param", ProjectParam), async (c) => {
    const { projectId } = c.req.valid("param");
    await requireRole(c, projectId, "viewer");
    const rows = await c.var.db
      .select({ id: episodes.id, projectId: episodes.projectId, title: episodes.title, createdAt: episodes.createdAt })
      .from(episodes)
      .where(eq(episodes.projectId, projectId))
      .orderBy(desc(episodes.createdAt))
      .all();
    return c.json({ episodes: rows });
  })
  .post("/:projectId/episodes", validate("param", ProjectParam), validate("json", CreateEpisodeBody), async (c) => {
    const { projectId } = c.req.valid("param");
    const { title } = c.req.valid("json");
    const user = currentUser(c);
    await requireRole(c, projectId, "editor");
    const id = newId("ep");
    // The room first: an episode row never points at a room that failed to start.
    await roomFor(c.env, id).init({ episodeId: id, projectId });
    const row = await c.var.db.insert(episodes).values({ id, projectId, title, createdBy: user.id }).returning().get();
    await recordAudit(c, { action: "episode.create", target: `episode:${id}`, projectId, verdict: "allowed" });
    return c.json({ episode: { id: row.id, projectId: row.projectId, title: row.title, createdAt: row.createdAt } }, 201);
  })
  .get("/:projectId/episodes/:episodeId", validate("param", EpisodeParam), async (c) => {
    const { projectId, episodeId } = c.req.valid("param");
    const { role } = await requireRole(c, projectId, "viewer");
    const ep = await requireEpisode(c.var.db, projectId, episodeId);
    return c.json({ episode: { id: ep.id, projectId: ep.projectId, title: ep.title, createdAt: ep.createdAt }, role });
  })
  .get("/:projectId/episodes/:episodeId/board", validate("param", EpisodeParam), async (c) => {
    const { projectId, episodeId } = c.req.valid("param");
    await requireRole(c, projectId, "viewer");
    await requireEpisode(c.var.db, projectId, episodeId);
    return c.json(await roomFor(c.env, episodeId).snapshot());
  })
  .get("/:projectId/episodes/:episodeId/messages", validate("param", EpisodeParam), async (c) => {
    const { projectId, episodeId } = c.req.valid("param");
    await requireRole(c, projectId, "viewer");
    await requireEpisode(c.var.db, projectId, episodeId);
    const body: MessagesRes = { messages: await roomFor(c.env, episodeId).messages() };
    return c.json(body);
  })
  // The board's history in words, newest first (docs/decisions.md, "History you can read").
  .get("/:projectId/episodes/:episodeId/history", validate("param", EpisodeParam), validate("query", HistoryQuery), async (c) => {
    const { projectId, episodeId } = c.req.valid("param");
    const { before, limit } = c.req.valid("query");
    const { role } = await requireRole(c, projectId, "viewer");
    await requireEpisode(c.var.db, projectId, episodeId);
    const raw = await roomFor(c.env, episodeId).history(before, limit);
    const names = await userNames(c.var.db, userIds([...raw.steps, ...(raw.undo ? [raw.undo] : [])]));
    const canEdit = role === "editor" || role === "owner";
    const page: HistoryPage = {
      seq: raw.seq,
      steps: raw.steps.map((s) => toHistoryStep(s, names, canEdit)),
      nextBefore: raw.nextBefore,
      undo: raw.undo ? toHistoryStep(raw.undo, names, canEdit) : null,
    };
    return c.json(page);
  })
  .get("/:projectId/episodes/:episodeId/runs/:runId/trace", validate("param", RunParam), async (c) => {
    const { projectId, episodeId, runId } = c.req.valid("param");
    await requireRole(c, projectId, "viewer");
    await requireEpisode(c.var.db, projectId, episodeId);
    const trace = await roomFor(c.env, episodeId).runTrace(runId);
    if (!trace) throw notFound("That run");
    // Typed by the schema the SPA parses it with, so the two cannot drift apart.
    const body: TraceRes = { trace };
    return c.json(body);
  })
  .post("/:projectId/episodes/:episodeId/frames/:frameId/generate", validate("param", FrameParam), validate("json", GenerateBody), async (c) => {
    const { projectId, episodeId, frameId } = c.req.valid("param");
    const body = c.req.valid("json");
    await requireRole(c, projectId, "editor");
    await requireEpisode(c.var.db, projectId, episodeId);
    const out = await jobsService(c.env, c.var.db).create({
      projectId,
      episodeId,
      frameId,
      provider: body.provider,
      idempotencyKey: body.idempotencyKey,
      createdBy: currentUser(c).id,
    });
    if (!out.ok) throw out.code === "not_found" ? notFound(`Frame "${frameId}"`) : new ApiError(400, "invalid_request", out.message);
    if (out.created)
      await recordAudit(c, {
        action: "job.create",
        target: `job:${out.job.id}`,
        projectId,
        verdict: "allowed",
        details: { frameId, provider: out.job.provider },
      });
    return c.json({ job: out.job }, 202);
  })
  .get("/:projectId/consent", validate("param", ProjectParam), async (c) => {
    const { projectId } = c.req.valid("param");
    await requireRole(c, projectId, "viewer");
    return c.json(await projectSettings(c.var.db, c.env, projectId));
  })
  // The owner's project settings: consent to paid providers and the budget for them.
  .post("/:projectId/consent", validate("param", ProjectParam), validate("json", ProjectSettingsBody), async (c) => {
    const { projectId } = c.req.valid("param");
    const { paidMedia, budgetUsd } = c.req.valid("json");
    await requireRole(c, projectId, "owner");
    if (paidMedia !== undefined) {
      await c.var.db
        .insert(projectConsents)
        .values({ projectId, paidMedia, grantedBy: currentUser(c).id })
        .onConflictDoUpdate({ target: projectConsents.projectId, set: { paidMedia, grantedBy: currentUser(c).id } });
      await recordAudit(c, { action: "project.consent", target: `project:${projectId}`, projectId, verdict: "allowed", details: { paidMedia } });
    }
    if (budgetUsd !== undefined) {
      await c.var.db.update(projects).set({ budgetUsd }).where(eq(projects.id, projectId));
      await recordAudit(c, { action: "project.budget", target: `project:${projectId}`, projectId, verdict: "allowed", details: { budgetUsd } });
    }
    return c.json(await projectSettings(c.var.db, c.env, projectId));
  });

/** D1 binds at most 100 values per statement. */
const NAMES_PER_QUERY = 100;

/** People's names by id, in as few queries as the bound-value limit allows (one for a page of 50 steps). */
async function userNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += NAMES_PER_QUERY) {
    const rows = await db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, ids.slice(i, i + NAMES_PER_QUERY)))
      .all();
    for (const r of rows) names.set(r.id, r.name);
  }
  return names;
}

async function projectSettings(db: Db, env: AppEnv["Bindings"], projectId: string): Promise<ProjectSettings> {
  const consent = await db.select().from(projectConsents).where(eq(projectConsents.projectId, projectId)).get();
  const project = await db.select({ budgetUsd: projects.budgetUsd }).from(projects).where(eq(projects.id, projectId)).get();
  return {
    paidMedia: consent?.paidMedia ?? false,
    budgetUsd: project?.budgetUsd ?? null,
    spentUsd: await projectSpendUsd(db, projectId),
    mediaProvider: env.MEDIA_PROVIDER || "sketch",
  };
}
