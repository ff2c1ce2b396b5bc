// A project's own providers (CONTRACT 14): the wire shapes of the settings
// and the one rule for a server's base URL, shared by the worker and the SPA.
import { z } from "zod";

export const PROVIDER_SLOTS = ["agent", "image"] as const;
export type ProviderSlot = (typeof PROVIDER_SLOTS)[number];

/** What a person may pick for a slot; "default" removes the project's choice. */
export const PROVIDER_KINDS = ["default", "offline", "workers-ai", "openai"] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

const Model = z.string().trim().min(1, "Name the model.").max(200, "A model name is at most 200 characters.");
const ApiKey = z
  .string()
  .trim()
  .min(8, "That key is too short to be an API key.")
  .max(500, "An API key is at most 500 characters.")
  .regex(/^[\x21-\x7e]+$/, "An API key has no spaces or special characters.");
const BaseUrl = z.string().trim().min(1, "Give the server's base URL.").max(500, "A base URL is at most 500 characters.");

export const SlotInput = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("default") }),
  z.strictObject({ kind: z.literal("offline") }),
  z.strictObject({ kind: z.literal("workers-ai"), model: Model.optional() }),
  // No key: keep the one stored for this slot.
  z.strictObject({ kind: z.literal("openai"), baseUrl: BaseUrl, model: Model, key: ApiKey.optional() }),
]);
export type SlotInput = z.infer<typeof SlotInput>;

export const ProviderSettingsBody = z
  .strictObject({ agent: SlotInput.optional(), image: SlotInput.optional() })
  .refine((b) => b.agent !== undefined || b.image !== undefined, "Send the agent's or the image provider's settings, or both.");
export type ProviderSettingsBody = z.infer<typeof ProviderSettingsBody>;

export const ProviderTestBody = z.strictObject({ slot: z.enum(PROVIDER_SLOTS), settings: SlotInput.optional() });
export type ProviderTestBody = z.infer<typeof ProviderTestBody>;

/** A stored key as the API shows it: never the key, at most its last four characters. */
export const KeyView = z.union([z.strictObject({ set: z.literal(true), last4: z.string().max(4) }), z.strictObject({ set: z.literal(false) })]);
export type KeyView = z.infer<typeof KeyView>;

const Updated = { updatedAt: z.string().optional() };
export const SlotView = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("default") }),
  z.strictObject({ kind: z.literal("offline"), ...Updated }),
  z.strictObject({ kind: z.literal("workers-ai"), model: z.string().nullable(), ...Updated }),
  z.strictObject({ kind: z.literal("openai"), baseUrl: z.string(), model: z.string(), key: KeyView, ...Updated }),
]);
export type SlotView = z.infer<typeof SlotView>;

export const ProviderSettingsRes = z.strictObject({
  agent: SlotView,
  image: SlotView,
  /** What the deployment's variables give a project that sets nothing, in words. */
  deployment: z.strictObject({ agent: z.string(), image: z.string() }),
  /** Whether keys can be stored here; `message` says why not, in words. */
  keystore: z.strictObject({ ready: z.boolean(), message: z.string().nullable() }),
});
export type ProviderSettingsRes = z.infer<typeof ProviderSettingsRes>;

export const ProviderTestRes = z.strictObject({ ok: z.boolean(), message: z.string() });
export type ProviderTestRes = z.infer<typeof ProviderTestRes>;

/**
 * The base URL rule, against server-side request forgery: https only, no
 * credentials, query or fragment, and no address inside a private or
 * loopback network; http to a loopback host only on a local server (`npm
 * start`, tests). Returns the URL without a trailing slash, or the reason it
 * is refused, in words.
 */
export function checkBaseUrl(raw: string, local: boolean): { ok: true; url: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, message: "That is not a URL; it looks like https://api.example.com/v1." };
  }
  if (url.username || url.password) return { ok: false, message: "Leave the user name and password out of the URL; the key goes in its own field." };
  if (url.search || url.hash) return { ok: false, message: "The base URL has no query or fragment." };
  const loopback = isLoopback(url.hostname);
  if (url.protocol === "http:") {
    if (!(local && loopback))
      return { ok: false, message: "The base URL must start with https:// (plain http only reaches a server on this computer, in local mode)." };
  } else if (url.protocol !== "https:") {
    return { ok: false, message: "The base URL must start with https://." };
  }
  if (!local && (loopback || isPrivateAddress(url.hostname))) {
    return { ok: false, message: "The base URL must be a public server, not a private or local address." };
  }
  return { ok: true, url: url.href.replace(/\/+$/, "") };
}

function isLoopback(host: string): boolean {
  const h = host.toLowerCase();
  return h === "localhost" || h.endsWith(".localhost") || h === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** An IP literal in a private, link-local, carrier-grade NAT or unspecified range, or a name only a local network resolves. */
function isPrivateAddress(host: string): boolean {
  const h = host.toLowerCase();
  if (h.startsWith("[")) {
    const v6 = h.slice(1, -1);
    return v6 === "::" || v6 === "::1" || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith("::ffff:");
  }
  if (h.endsWith(".local") || h.endsWith(".internal") || h.endsWith(".lan") || !h.includes(".")) return true;
  const v4 = h.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  return false;
}

/** A stored provider in words, for the settings and the health of a project. */
export function describeSlot(view: SlotView): string {
  switch (view.kind) {
    case "default":
      return "The server's default";
    case "offline":
      return "Offline (no model)";
    case "workers-ai":
      return `Workers AI${view.model ? `, ${view.model}` : ""}`;
    case "openai":
      return `${view.model} at ${new URL(view.baseUrl).host}`;
  }
}
