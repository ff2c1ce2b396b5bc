// The base URL rule for a project's own server (CONTRACT 14), against
// server-side request forgery: https to a public host everywhere, http only
// to loopback and only on a local server, never credentials or a private address.
import { mayStartRun } from "../../worker/agent/project-agent";
import { describe, expect, it } from "vitest";
import { checkBaseUrl, ProviderSettingsBody } from "../../worker/domain/provider-settings";

const refused = (raw: string, local: boolean) => {
  const out = checkBaseUrl(raw, local);
  return out.ok ? null : out.message;
};

describe("checkBaseUrl", () => {
  it.each([
    ["http://api.example.com/v1", /must start with https/],
    ["ftp://api.example.com/v1", /must start with https/],
    ["https://user:pw@api.example.com/v1", /user name and password/],
    ["https://api.example.com/v1?key=1", /no query or fragment/],
    ["https://localhost/v1", /public server/],
    ["https://127.0.0.1/v1", /public server/],
    ["https://2130706433/v1", /public server/],
    ["https://10.1.2.3/v1", /public server/],
    ["https://172.20.0.1/v1", /public server/],
    ["https://192.168.1.10/v1", /public server/],
    ["https://169.254.169.254/v1", /public server/],
    ["https://100.64.0.1/v1", /public server/],
    ["https://[::1]/v1", /public server/],
    ["https://[fd00::1]/v1", /public server/],
    ["https://[::ffff:10.0.0.1]/v1", /public server/],
    ["https://printer.local/v1", /public server/],
    ["https://intranet/v1", /public server/],
    ["not a url", /not a URL/],
  ])("refuses %s on a deployed server", (raw, message) => {
    expect(refused(raw, false)).toMatch(message);
  });

  it("accepts https to a public host, without its trailing slash", () => {
    expect(checkBaseUrl("https://api.groq.com/openai/v1/", false)).toEqual({ ok: true, url: "https://api.groq.com/openai/v1" });
  });

  it("allows http only to loopback, and only on a local server", () => {
    expect(checkBaseUrl("http://127.0.0.1:11434/v1", true)).toEqual({ ok: true, url: "http://127.0.0.1:11434/v1" });
    expect(checkBaseUrl("http://localhost:8080/v1", true).ok).toBe(true);
    expect(refused("http://127.0.0.1:11434/v1", false)).toMatch(/must start with https/);
    expect(refused("http://192.168.1.10/v1", true)).toMatch(/must start with https/);
  });
});

describe("the settings body", () => {
  it("is strict: a key on a kind that takes none, or an unknown field, is refused", () => {
    expect(ProviderSettingsBody.safeParse({ agent: { kind: "offline", key: "sk-123456789" } }).success).toBe(false);
    expect(ProviderSettingsBody.safeParse({ agent: { kind: "offline" }, extra: true }).success).toBe(false);
    expect(ProviderSettingsBody.safeParse({}).success).toBe(false);
    expect(ProviderSettingsBody.safeParse({ image: { kind: "openai", baseUrl: "https://a.example/v1", model: "m" } }).success).toBe(true);
  });
});

describe("which socket messages read the project's settings first", () => {
  it("are the run-starting ones from editors and owners, however their type is spelled", () => {
    const send = JSON.stringify({ type: "chat_send", id: "m1", payload: { text: "hi" } });
    expect(mayStartRun(send, "editor")).toBe(true);
    expect(mayStartRun(send, "owner")).toBe(true);
    expect(mayStartRun('{"\\u0074ype":"chat\\u005fsend","id":"m1","payload":{"text":"hi"}}', "editor")).toBe(true);
    expect(mayStartRun(JSON.stringify({ type: "chat_regenerate", id: "m2", payload: {} }), "editor")).toBe(true);
  });

  it("are never a viewer's or a reviewer's, another type, or text that is not JSON", () => {
    const send = JSON.stringify({ type: "chat_send", id: "m1", payload: { text: "hi" } });
    expect(mayStartRun(send, "viewer")).toBe(false);
    expect(mayStartRun(send, "reviewer")).toBe(false);
    expect(mayStartRun(JSON.stringify({ type: "comment_add", id: "m1", payload: { frameId: "f1", text: "chat_send" } }), "editor")).toBe(false);
    expect(mayStartRun('{"type":"chat_send"', "editor")).toBe(false);
    expect(mayStartRun(new ArrayBuffer(8), "editor")).toBe(false);
  });
});
