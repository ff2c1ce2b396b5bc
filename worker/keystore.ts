// Provider keys at rest (CONTRACT 14): AES-256-GCM through WebCrypto, the
// key derived with HKDF-SHA-256 from the KEYSTORE_KEY Worker secret. Each
// sealing draws a fresh 96-bit IV, and binds what the key is for (project
// and slot) as associated data, so a sealed key copied to another project's
// row does not open there. Pure: no bindings, no I/O, no logging.

/** A sealed value: format version, IV and ciphertext (tag included), base64url. */
export type Sealed = string;

const FORMAT = "v1";
const IV_BYTES = 12;
/** Shorter secrets are refused: the derived key is only as strong as what it comes from. */
export const MIN_SECRET_CHARS = 32;
const HKDF_INFO = new TextEncoder().encode("reelroom provider keys v1");
const HKDF_SALT = new TextEncoder().encode("reelroom keystore");

/**
 * The key `npm start` and the tests seal with when KEYSTORE_KEY is unset. It
 * is public, so it protects nothing: only a server reached on a loopback
 * address may use it, and rows sealed with it say so (worker/project-providers.ts).
 */
export const LOCAL_DEFAULT_SECRET = "reelroom local keystore: public, for npm start and tests only";

export class KeystoreError extends Error {}

const b64url = (bytes: Uint8Array): string => {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

const fromB64url = (text: string): Uint8Array<ArrayBuffer> => {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
};

/** The AES-GCM key for a secret; throws KeystoreError for a secret too short to trust. */
export async function deriveKey(secret: string): Promise<CryptoKey> {
  if (secret.length < MIN_SECRET_CHARS) throw new KeystoreError(`The key store's secret must be at least ${MIN_SECRET_CHARS} characters long.`);
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey({ name: "HKDF", hash: "SHA-256", salt: HKDF_SALT, info: HKDF_INFO }, material, { name: "AES-GCM", length: 256 }, false, [
    "encrypt",
    "decrypt",
  ]);
}

/** Encrypts `plaintext` for `context` (what it belongs to, e.g. "prj_…/agent"). */
export async function seal(key: CryptoKey, plaintext: string, context: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const data = new TextEncoder().encode(plaintext);
  const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(context) }, key, data);
  return `${FORMAT}.${b64url(iv)}.${b64url(new Uint8Array(ct))}`;
}

/** Decrypts a sealed value; a wrong key, another context or any change to it throws KeystoreError, which names none of them. */
export async function open(key: CryptoKey, sealed: Sealed, context: string): Promise<string> {
  const [format, iv, ct, ...rest] = sealed.split(".");
  if (format !== FORMAT || !iv || !ct || rest.length) throw new KeystoreError("The stored key is not in a format this server reads.");
  try {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromB64url(iv), additionalData: new TextEncoder().encode(context) }, key, fromB64url(ct));
    return new TextDecoder().decode(plain);
  } catch {
    throw new KeystoreError("The stored key could not be decrypted with this server's key store secret.");
  }
}

/** The last four characters of a key: all a person is ever shown of it. */
export const last4 = (key: string): string => key.slice(-4);
