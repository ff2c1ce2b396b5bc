// Password hashing with PBKDF2-HMAC-SHA256 through WebCrypto: native code in
// workerd, so a login costs ~20 ms rather than the 90-160 ms of scrypt
// (measured, see README). 100,000 iterations is the most workerd allows.
const ITERATIONS = 100_000;
const SALT_BYTES = 16;
const KEY_BITS = 256;
const PREFIX = "pbkdf2-sha256";

const enc = new TextEncoder();

function toB64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
function fromB64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", enc.encode(password.normalize("NFKC")), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations }, key, KEY_BITS);
  return new Uint8Array(bits);
}

/** Returns `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, ITERATIONS);
  return `${PREFIX}$${ITERATIONS}$${toB64(salt)}$${toB64(hash)}`;
}

/** Constant-time comparison, so response timing does not reveal how much of a hash matched. */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

let checks = 0;

/** How many passwords this isolate has verified: the login throttle's tests
 *  read it to prove that a refused attempt never reaches the hash. */
export function passwordChecks(): number {
  return checks;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  checks++;
  const [prefix, iter, salt, hash] = stored.split("$");
  if (prefix !== PREFIX || !iter || !salt || !hash) return false;
  const actual = await derive(password, fromB64(salt), Number(iter));
  return equalBytes(actual, fromB64(hash));
}

/** A hash of a random password, verified against when the account does not
 *  exist, so "no such user" takes as long as "wrong password". */
export const DUMMY_HASH = `${PREFIX}$${ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;
