// A project's own providers (CONTRACT 14): the owner reads and changes them,
// and tests a connection. Owner only, checked here; strict bodies; the
// same-origin check applies to every write (worker/app.ts). No key leaves:
// responses, audit rows and errors carry at most its last four characters.
import { Hono } from "hono";
import { z } from "zod";
import { requireRole } from "../access";
import { recordAudit } from "../audit";
import { currentUser, isLocalhost, requireUser } from "../auth/session";
import { EntityId } from "../domain/api";
import { checkBaseUrl, PROVIDER_SLOTS, ProviderSettingsBody, ProviderTestBody, type SlotInput } from "../domain/provider-settings";
import type { AppEnv } from "../env";
import { ApiError, invalid } from "../http/errors";
import { validate } from "../http/validate";
import { checkProvider } from "../provider-check";
import { type OwnProvider, saveSlot, settingsView, storedSlot } from "../project-providers";

const ProjectParam = z.object({ projectId: EntityId });

/** The base URL of an OpenAI-compatible slot, checked (https, public); other kinds have none. */
function baseUrlOf(input: SlotInput, local: boolean, slot: string): string | undefined {
  if (input.kind !== "openai") return undefined;
  const checked = checkBaseUrl(input.baseUrl, local);
  if (!checked.ok) throw invalid(checked.message, [{ path: `${slot}.baseUrl`, message: checked.message }]);
  return checked.url;
}

export const providerSettingRoutes = new Hono<AppEnv>()
  .get("/:projectId/settings/providers", requireUser, validate("param", ProjectParam), async (c) => {
    const { projectId } = c.req.valid("param");
    await requireRole(c, projectId, "owner");
    return c.json(await settingsView(c.env, c.var.db, projectId, isLocalhost(c.req.url)));
  })
  .put("/:projectId/settings/providers", requireUser, validate("param", ProjectParam), validate("json", ProviderSettingsBody), async (c) => {
    const { projectId } = c.req.valid("param");
    const body = c.req.valid("json");
    await requireRole(c, projectId, "owner");
    const local = isLocalhost(c.req.url);
    // Every slot is checked before either is written: a refused body changes nothing.
    const slots = PROVIDER_SLOTS.flatMap((slot) => {
      const input = body[slot];
      return input ? [{ slot, input, baseUrl: baseUrlOf(input, local, slot) }] : [];
    });
    for (const s of slots) {
      const out = await saveSlot(c.env, c.var.db, { projectId, ...s, userId: currentUser(c).id, local });
      if (!out.ok) {
        await recordAudit(c, {
          action: "project.providers",
          target: `project:${projectId}`,
          projectId,
          verdict: "failed",
          details: { slot: s.slot, kind: s.input.kind, reason: out.message },
        });
        throw new ApiError(out.status, out.status === 503 ? "unavailable" : "invalid_request", out.message);
      }
      await recordAudit(c, { action: "project.providers", target: `project:${projectId}`, projectId, verdict: "allowed", details: out.audit });
    }
    return c.json(await settingsView(c.env, c.var.db, projectId, local));
  })
  .post("/:projectId/settings/providers/test", requireUser, validate("param", ProjectParam), validate("json", ProviderTestBody), async (c) => {
    const { projectId } = c.req.valid("param");
    const { slot, settings } = c.req.valid("json");
    await requireRole(c, projectId, "owner");
    const local = isLocalhost(c.req.url);
    let own: OwnProvider | null;
    if (!settings) own = await storedSlot(c.env, c.var.db, projectId, slot);
    else if (settings.kind === "default") own = null;
    else if (settings.kind === "openai") {
      const baseUrl = baseUrlOf(settings, local, "settings")!;
      // A draft without a key tests with the stored one, only for the server it was entered for.
      const stored = settings.key ? null : await storedSlot(c.env, c.var.db, projectId, slot);
      const key = settings.key ?? (stored?.kind === "openai" && stored.baseUrl === baseUrl ? stored.key : null);
      if (!key)
        throw invalid("Enter the API key for this server to test it.", [{ path: "settings.key", message: "Enter the API key for this server to test it." }]);
      own = { kind: "openai", baseUrl, model: settings.model, key };
    } else own = settings.kind === "workers-ai" ? { kind: "workers-ai", model: settings.model ?? null } : { kind: "offline" };
    if (!own) return c.json({ ok: false, message: "Nothing to test: this project uses the server's default provider." });
    return c.json(await checkProvider(c.env, slot, own));
  });
