// A project's own providers (CONTRACT 14): reading and writing its rows,
// sealing and opening their keys, and what a run or a render uses. A slot
// with no row, or whose key cannot be opened here, falls back to the
// deployment's variables; the fallback says why in words, never with a key.
import { and, eq } from "drizzle-orm";
import { projectProviders } from "./db/schema";
import type { ProviderSettingsRes, ProviderSlot, SlotInput, SlotView } from "./domain/provider-settings";
import type { Db, Env } from "./env";
import { deriveKey, KeystoreError, LOCAL_DEFAULT_SECRET, last4, open, seal } from "./keystore";
import { agentMode, mediaMode } from "./providers";

/** A slot ready to use: for an OpenAI-compatible server, its key opened. */
export type OwnProvider = { kind: "offline" } | { kind: "workers-ai"; model: string | null } | { kind: "openai"; baseUrl: string; model: string; key: string };

export interface ProjectProviders {
  agent: OwnProvider | null;
  image: OwnProvider | null;
  /** Why a slot the project set is not used here (its key cannot be opened), in words; null when it is. */
  fallback: Record<ProviderSlot, string | null>;
}

type Row = typeof projectProviders.$inferSelect;
type KeySource = "secret" | "local";

export const NO_KEYSTORE =
  "This server has no key store set up, so a project's own keys can't be saved or used here; the server's default providers answer instead. The server's administrator can set one up (see the README).";
const CANNOT_OPEN =
  "This project's own model can't be used right now: the server can't open its stored key. The server's default provider answers instead; an owner can enter the key again in the project's settings.";

/**
 * The key to seal with: the KEYSTORE_KEY secret, else, on a server reached on
 * a loopback address (`npm start`, tests; the same test the session cookie's
 * Secure flag uses), the public local default. Anywhere else, no key store.
 */
export async function sealingKey(env: Env, local: boolean): Promise<{ ok: true; key: CryptoKey; source: KeySource } | { ok: false; message: string }> {
  if (env.KEYSTORE_KEY) {
    try {
      return { ok: true, key: await deriveKey(env.KEYSTORE_KEY), source: "secret" };
    } catch (err) {
      if (!(err instanceof KeystoreError)) throw err;
      return {
        ok: false,
        message:
          "This server's key store secret is too short to protect keys, so keys can't be saved here. The server's administrator can set a longer one (see the README).",
      };
    }
  }
  if (local) return { ok: true, key: await deriveKey(LOCAL_DEFAULT_SECRET), source: "local" };
  return { ok: false, message: NO_KEYSTORE };
}

/** Opening needs the secret that sealed the key: a row sealed locally opens with the local default, one sealed with the secret only with it. */
async function openingKey(env: Env, source: KeySource): Promise<CryptoKey | null> {
  if (source === "local") return deriveKey(LOCAL_DEFAULT_SECRET);
  if (!env.KEYSTORE_KEY) return null;
  try {
    return await deriveKey(env.KEYSTORE_KEY);
  } catch {
    return null;
  }
}

const context = (projectId: string, slot: ProviderSlot) => `${projectId}/${slot}`;

async function rowsOf(db: Db, projectId: string): Promise<Row[]> {
  return db.select().from(projectProviders).where(eq(projectProviders.projectId, projectId)).all();
}

async function toOwn(env: Env, row: Row): Promise<OwnProvider | null> {
  if (row.kind === "offline") return { kind: "offline" };
  if (row.kind === "workers-ai") return { kind: "workers-ai", model: row.model };
  if (!row.baseUrl || !row.model || !row.keySealed || !row.keySource) return null;
  const key = await openingKey(env, row.keySource);
  if (!key) return null;
  try {
    return { kind: "openai", baseUrl: row.baseUrl, model: row.model, key: await open(key, row.keySealed, context(row.projectId, row.slot)) };
  } catch (err) {
    if (err instanceof KeystoreError) return null;
    throw err;
  }
}

/** What a run or a render of the project uses: its own slots, keys opened, or null for the deployment's. */
export async function resolveProjectProviders(env: Env, db: Db, projectId: string): Promise<ProjectProviders> {
  const out: ProjectProviders = { agent: null, image: null, fallback: { agent: null, image: null } };
  for (const row of await rowsOf(db, projectId)) {
    const own = await toOwn(env, row);
    if (own) out[row.slot] = own;
    else out.fallback[row.slot] = env.KEYSTORE_KEY || row.keySource === "local" ? CANNOT_OPEN : NO_KEYSTORE;
  }
  return out;
}

function viewOf(row: Row | undefined): SlotView {
  if (!row) return { kind: "default" };
  const at = { updatedAt: row.updatedAt };
  if (row.kind === "offline") return { kind: "offline", ...at };
  if (row.kind === "workers-ai") return { kind: "workers-ai", model: row.model, ...at };
  return {
    kind: "openai",
    baseUrl: row.baseUrl ?? "",
    model: row.model ?? "",
    key: row.keySealed && row.keyLast4 ? { set: true, last4: row.keyLast4 } : { set: false },
    ...at,
  };
}

/** The settings as the API shows them: never a key, at most its last four characters. */
export async function settingsView(env: Env, db: Db, projectId: string, local: boolean): Promise<ProviderSettingsRes> {
  const rows = await rowsOf(db, projectId);
  const store = await sealingKey(env, local);
  const agent = agentMode(env);
  const media = mediaMode(env);
  return {
    agent: viewOf(rows.find((r) => r.slot === "agent")),
    image: viewOf(rows.find((r) => r.slot === "image")),
    deployment: { agent: agent.ready ? agent.detail : "Offline demo agent", image: media.ready ? media.detail : "Offline sketch renderer" },
    keystore: store.ok ? { ready: true, message: null } : { ready: false, message: store.message },
  };
}

export type SaveOutcome = { ok: true; audit: Record<string, unknown> } | { ok: false; status: 400 | 503; message: string };

/**
 * Writes one slot. An OpenAI-compatible server's key is sealed before it is
 * stored; with no key given, the slot keeps the one it has, but only for the
 * same server (a key is never sent to a host it was not entered for). The
 * audit details name the kind, the host and the model, never the key.
 */
export async function saveSlot(
  env: Env,
  db: Db,
  args: { projectId: string; slot: ProviderSlot; input: SlotInput; baseUrl?: string; userId: string; local: boolean },
): Promise<SaveOutcome> {
  const { projectId, slot, input, userId } = args;
  const where = and(eq(projectProviders.projectId, projectId), eq(projectProviders.slot, slot));
  if (input.kind === "default") {
    await db.delete(projectProviders).where(where);
    return { ok: true, audit: { slot, kind: "default" } };
  }
  const base = { projectId, slot, updatedBy: userId, updatedAt: new Date().toISOString() };
  let values: typeof projectProviders.$inferInsert;
  if (input.kind === "openai") {
    const current = await db.select().from(projectProviders).where(where).get();
    const baseUrl = args.baseUrl!;
    let sealed = { keySealed: current?.keySealed ?? null, keyLast4: current?.keyLast4 ?? null, keySource: current?.keySource ?? null };
    if (input.key) {
      const store = await sealingKey(env, args.local);
      if (!store.ok) return { ok: false, status: 503, message: store.message };
      sealed = { keySealed: await seal(store.key, input.key, context(projectId, slot)), keyLast4: last4(input.key), keySource: store.source };
    } else if (current?.kind !== "openai" || current.baseUrl !== baseUrl || !current.keySealed) {
      return { ok: false, status: 400, message: "Enter the API key for this server; a stored key is only kept for the server it was entered for." };
    }
    values = { ...base, kind: "openai", baseUrl, model: input.model, ...sealed };
  } else {
    values = {
      ...base,
      kind: input.kind,
      model: input.kind === "workers-ai" ? (input.model ?? null) : null,
      baseUrl: null,
      keySealed: null,
      keyLast4: null,
      keySource: null,
    };
  }
  await db
    .insert(projectProviders)
    .values(values)
    .onConflictDoUpdate({ target: [projectProviders.projectId, projectProviders.slot], set: values });
  return {
    ok: true,
    audit: {
      slot,
      kind: input.kind,
      ...(values.baseUrl ? { host: new URL(values.baseUrl).host } : {}),
      ...(values.model ? { model: values.model } : {}),
      ...(input.kind === "openai" ? { keyChanged: !!input.key } : {}),
    },
  };
}

/** The slot's stored settings with its key opened, for a test that sends none; null when there is nothing to open. */
export async function storedSlot(env: Env, db: Db, projectId: string, slot: ProviderSlot): Promise<OwnProvider | null> {
  const row = await db
    .select()
    .from(projectProviders)
    .where(and(eq(projectProviders.projectId, projectId), eq(projectProviders.slot, slot)))
    .get();
  return row ? toOwn(env, row) : null;
}

/** The kind a project set for a slot, without opening its key; null when it set none. */
async function slotKind(db: Db, projectId: string, slot: ProviderSlot): Promise<string | null> {
  const row = await db
    .select({ kind: projectProviders.kind })
    .from(projectProviders)
    .where(and(eq(projectProviders.projectId, projectId), eq(projectProviders.slot, slot)))
    .get();
  return row?.kind ?? null;
}

/**
 * Whether the project's chat is answered by the offline demo agent or a
 * model, for every member to see (the settings themselves are the owner's).
 */
export async function projectAgentKind(env: Env, db: Db, projectId: string): Promise<"offline" | "model"> {
  const kind = (await slotKind(db, projectId, "agent")) ?? agentMode(env).name;
  return kind === "offline" ? "offline" : "model";
}

/** The media provider name a project's own image slot picks for new jobs, without opening its key; null when it set none. */
export async function projectImageProvider(db: Db, projectId: string): Promise<string | null> {
  const kind = await slotKind(db, projectId, "image");
  if (!kind) return null;
  return kind === "offline" ? "sketch" : kind;
}
