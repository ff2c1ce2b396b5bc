// Known devices (issue 21): a browser that signed in to an account gets an
// HttpOnly cookie that says so, and during an attack on that account the
// login throttle counts its tries on their own (auth/throttle.ts), so the
// attack cannot lock it out.
//
// Each entry is `userId.issuedAt.signature`, an HMAC-SHA256 of the user id
// and the time keyed with the account's password hash: only the server holds
// that (no key to configure or rotate), a change of password retires every
// known device of the account, and a cookie from one account says nothing
// about another. One browser keeps the entries of its last few accounts.
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env";

export const DEVICE_COOKIE = "rr_device";
const DEVICE_TTL_MS = 180 * 24 * 60 * 60 * 1000;
/** Accounts one browser is remembered for; the oldest entry goes first. */
const MAX_ACCOUNTS = 5;
/** Only the login route reads it. */
const DEVICE_PATH = "/api/v1/auth";

interface Account {
  id: string;
  passwordHash: string;
}
interface Entry {
  userId: string;
  issuedAt: number;
  signature: string;
}

const base64url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

async function sign(account: Account, issuedAt: number): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(account.passwordHash), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return base64url(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`device:${account.id}:${issuedAt}`)));
}

/** Same length and every byte compared, so the time taken says nothing about how much of a guess was right. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function entries(c: Context<AppEnv>): Entry[] {
  const raw = getCookie(c, DEVICE_COOKIE);
  if (!raw || raw.length > 1024) return [];
  return raw
    .split("~")
    .slice(0, MAX_ACCOUNTS)
    .map((e) => e.split("."))
    .filter((p) => p.length === 3 && /^\d{1,15}$/.test(p[1]!))
    .map(([userId, issuedAt, signature]) => ({ userId: userId!, issuedAt: Number(issuedAt), signature: signature! }));
}

/**
 * This browser's device id for `account` (its entry's signature) when it
 * holds a genuine, unexpired entry for it; null otherwise.
 */
export async function knownDevice(c: Context<AppEnv>, account: Account, now = Date.now()): Promise<string | null> {
  const entry = entries(c).find((e) => e.userId === account.id);
  if (!entry || entry.issuedAt > now || now - entry.issuedAt > DEVICE_TTL_MS) return null;
  return sameText(entry.signature, await sign(account, entry.issuedAt)) ? entry.signature : null;
}

/** After a successful sign-in: this browser is known to `account` from now on (its other accounts' entries are kept). */
export async function rememberDevice(c: Context<AppEnv>, account: Account, now = Date.now()): Promise<void> {
  const others = entries(c).filter((e) => e.userId !== account.id);
  const mine: Entry = { userId: account.id, issuedAt: now, signature: await sign(account, now) };
  const kept = [mine, ...others].slice(0, MAX_ACCOUNTS);
  const host = new URL(c.req.url).hostname;
  setCookie(c, DEVICE_COOKIE, kept.map((e) => `${e.userId}.${e.issuedAt}.${e.signature}`).join("~"), {
    httpOnly: true,
    sameSite: "Strict",
    secure: !(host === "localhost" || host === "127.0.0.1" || host === "[::1]"),
    path: DEVICE_PATH,
    maxAge: DEVICE_TTL_MS / 1000,
  });
}
