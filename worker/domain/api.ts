// Request and response shapes of the HTTP API (CONTRACT 2), shared by the
// worker (zod validates every body and param) and the SPA's typed client.
import { z } from "zod";
import { Board } from "./board";
import { personText } from "./person-text";

export const Role = z.enum(["owner", "editor", "viewer"]);
export type Role = z.infer<typeof Role>;

/**
 * Who holds a socket in an episode's room: a member by their role, or the
 * holder of a review link (CONTRACT 9), who is no member and never appears
 * where members are listed, ranked or stored.
 */
export const RoomRole = z.enum([...Role.options, "reviewer"]);
export type RoomRole = z.infer<typeof RoomRole>;

/** Roles ordered by what they may do: each includes the ones below it. */
const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };
export function roleAtLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** "an owner", "an editor", "a viewer": a role as a sentence needs it. */
export function roleWithArticle(role: Role): string {
  return `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}`;
}

/** Server-generated ids: a short prefix and 20 url-safe random characters. */
export const EntityId = z.string().regex(/^[a-z]{1,4}_[A-Za-z0-9_-]{10,36}$/, "malformed id");

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: "enter a valid email address" }));
/** The longest name a person or a project may have. */
export const NAME_MAX = 100;
const Name = z.string().overwrite(personText).trim().min(1, "required").max(NAME_MAX, `at most ${NAME_MAX} characters`);

export const SignupBody = z.object({
  email: Email,
  // Upper bound keeps a hash request cheap; lower bound is NIST 800-63B's minimum.
  password: z.string().min(8, "at least 8 characters").max(256),
  name: Name,
});
export const LoginBody = z.object({ email: Email, password: z.string().min(1, "required").max(256) });
export const CreateProjectBody = z.object({ name: Name });
export const AddMemberBody = z.object({ email: Email, role: Role });
export const CreateEpisodeBody = z.object({ title: z.string().trim().min(1, "required").max(200) });

export const User = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const Project = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });
export type Project = z.infer<typeof Project>;
export const ProjectWithRole = Project.extend({ role: Role });
export type ProjectWithRole = z.infer<typeof ProjectWithRole>;

export const Member = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  addedAt: z.string(),
});
export type Member = z.infer<typeof Member>;

export const Episode = z.object({
  id: z.string(),
  projectId: z.string(),
  title: z.string(),
  createdAt: z.string(),
});
export type Episode = z.infer<typeof Episode>;

export const BoardSnapshot = z.object({ seq: z.number().int().nonnegative(), board: Board });
export type BoardSnapshot = z.infer<typeof BoardSnapshot>;

export const ComponentHealth = z.object({
  status: z.enum(["ok", "degraded", "down"]),
  latencyMs: z.number().optional(),
  detail: z.string().optional(),
});
export type ComponentHealth = z.infer<typeof ComponentHealth>;
export const Health = z.object({
  status: z.enum(["ok", "degraded", "down"]),
  components: z.object({
    database: ComponentHealth,
    storage: ComponentHealth,
    queue: ComponentHealth,
    rooms: ComponentHealth,
    agent: ComponentHealth,
    media: ComponentHealth,
  }),
  version: z.string(),
  timestamp: z.string(),
});
export type Health = z.infer<typeof Health>;

export const ErrorCode = z.enum([
  "invalid_request",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "too_large",
  "unsupported_media",
  "rate_limited",
  "unavailable",
  "upgrade_required",
  "internal",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
