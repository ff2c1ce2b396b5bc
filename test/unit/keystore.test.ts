// The key store: what goes in comes out only with the same secret and
// context, any change to the sealed value is caught, and no two sealings of
// the same key look alike.
import { describe, expect, it } from "vitest";
import { deriveKey, KeystoreError, LOCAL_DEFAULT_SECRET, last4, open, seal } from "../../worker/keystore";

const SECRET = "a-thirty-two-character-secret-for-tests-0001";
const OTHER = "another-secret-of-enough-length-for-tests-0002";
const KEY = "sk-proj-abcdefghijklmnop4f2a";

describe("keystore", () => {
  it("refuses a secret too short to trust", async () => {
    await expect(deriveKey("short")).rejects.toThrow(KeystoreError);
  });

  it("opens what it sealed, with the same secret and context", async () => {
    const key = await deriveKey(SECRET);
    const sealed = await seal(key, KEY, "prj_1/agent");
    expect(sealed).not.toContain(KEY);
    expect(await open(await deriveKey(SECRET), sealed, "prj_1/agent")).toBe(KEY);
  });

  it("does not open with another secret, and the error names neither the key nor the secret", async () => {
    const sealed = await seal(await deriveKey(SECRET), KEY, "prj_1/agent");
    const err = await open(await deriveKey(OTHER), sealed, "prj_1/agent").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeystoreError);
    expect(String((err as Error).message)).not.toContain(KEY);
    expect(String((err as Error).message)).not.toContain(OTHER);
  });

  it("does not open for another project or slot", async () => {
    const key = await deriveKey(SECRET);
    const sealed = await seal(key, KEY, "prj_1/agent");
    await expect(open(key, sealed, "prj_2/agent")).rejects.toThrow(KeystoreError);
    await expect(open(key, sealed, "prj_1/image")).rejects.toThrow(KeystoreError);
  });

  it("catches a changed ciphertext, a changed IV and a malformed value", async () => {
    const key = await deriveKey(SECRET);
    const sealed = await seal(key, KEY, "prj_1/agent");
    const [format, iv, ct] = sealed.split(".") as [string, string, string];
    const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === "A" ? "B" : "A") + s.slice(at + 1);
    await expect(open(key, `${format}.${iv}.${flip(ct, 3)}`, "prj_1/agent")).rejects.toThrow(KeystoreError);
    await expect(open(key, `${format}.${flip(iv, 0)}.${ct}`, "prj_1/agent")).rejects.toThrow(KeystoreError);
    await expect(open(key, `v0.${iv}.${ct}`, "prj_1/agent")).rejects.toThrow(KeystoreError);
    await expect(open(key, "not sealed at all", "prj_1/agent")).rejects.toThrow(KeystoreError);
  });

  it("draws a fresh IV for every sealing", async () => {
    const key = await deriveKey(SECRET);
    const sealings = await Promise.all(Array.from({ length: 20 }, () => seal(key, KEY, "prj_1/agent")));
    const ivs = new Set(sealings.map((s) => s.split(".")[1]));
    expect(ivs.size).toBe(20);
    expect(new Set(sealings).size).toBe(20);
  });

  it("the local default secret is long enough to derive a key, and differs from a real one", async () => {
    const local = await deriveKey(LOCAL_DEFAULT_SECRET);
    const sealed = await seal(local, KEY, "prj_1/agent");
    await expect(open(await deriveKey(SECRET), sealed, "prj_1/agent")).rejects.toThrow(KeystoreError);
  });

  it("shows only the last four characters of a key", () => {
    expect(last4(KEY)).toBe("4f2a");
  });
});
