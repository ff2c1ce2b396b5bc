// The audit trail's actors in words (CONTRACT 11): a person by name, else
// what kind of actor it was. Kept apart from the panel so it is plain TypeScript.
import type { AuditEntry } from "../../../worker/domain/ops";

/** The actor as a person reads it: their name, or what kind of actor it was. */
export function actorText(e: Pick<AuditEntry, "actor" | "actorName">): string {
  if (e.actorName) return e.actorName;
  if (e.actor === "anonymous") return "Someone not signed in";
  if (e.actor === "system") return "Reelroom";
  // Reviewers have no account: one the trail cannot name any more is still a reviewer.
  if (e.actor.startsWith("rvw_")) return "A reviewer";
  return "A deleted account";
}
