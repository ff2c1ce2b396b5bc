// Reaching the open sockets of a session or a member across episode rooms:
// logout closes a session's sockets, member removal a user's, and a role
// change is pushed so the rooms check later messages against it.
import { and, eq } from "drizzle-orm";
import { roomSessions } from "./db/schema";
import type { Role } from "./domain/api";
import type { Db, Env } from "./env";
import { roomFor } from "./rooms";

type Room = ReturnType<typeof roomFor>;

/** Calls every listed room; one unreachable room must not fail the others. */
async function eachRoom(env: Env, episodeIds: string[], fn: (room: Room) => Promise<unknown>): Promise<void> {
  const results = await Promise.allSettled([...new Set(episodeIds)].map((id) => fn(roomFor(env, id))));
  for (const r of results) if (r.status === "rejected") console.error(JSON.stringify({ at: "room-sockets", error: String(r.reason) }));
}

export async function closeSessionSockets(db: Db, env: Env, sessionId: string): Promise<void> {
  const rows = await db.select({ episodeId: roomSessions.episodeId }).from(roomSessions).where(eq(roomSessions.sessionId, sessionId)).all();
  await eachRoom(
    env,
    rows.map((r) => r.episodeId),
    (room) => room.closeSession(sessionId),
  );
  await db.delete(roomSessions).where(eq(roomSessions.sessionId, sessionId));
}

function memberRooms(db: Db, projectId: string, userId: string) {
  return db
    .select({ episodeId: roomSessions.episodeId })
    .from(roomSessions)
    .where(and(eq(roomSessions.projectId, projectId), eq(roomSessions.userId, userId)))
    .all();
}

export async function closeMemberSockets(db: Db, env: Env, projectId: string, userId: string): Promise<void> {
  const rows = await memberRooms(db, projectId, userId);
  await eachRoom(
    env,
    rows.map((r) => r.episodeId),
    (room) => room.closeUser(userId),
  );
}

export async function pushMemberRole(db: Db, env: Env, projectId: string, userId: string, role: Role): Promise<void> {
  const rows = await memberRooms(db, projectId, userId);
  await eachRoom(
    env,
    rows.map((r) => r.episodeId),
    (room) => room.setRole(userId, role),
  );
}
