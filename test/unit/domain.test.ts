// Pure pieces the worker and the SPA share: the board model, roles, the
// origin allowlist and password hashing, tested directly in Node.
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../worker/auth/password";
import { roleAtLeast } from "../../worker/domain/api";
import { Board, emptyBoard, Frame, shotLabel } from "../../worker/domain/board";
import { ClientMessage } from "../../worker/domain/protocol";
import { allowedOrigins, isAllowedOrigin } from "../../worker/http/origin";
import { frameWith } from "../support/boards";

const frame = (over: Partial<Frame> = {}): Frame => frameWith({ title: "Opening", prompt: "a neon sign in the rain", camera: "WS", durationSec: 3, ...over });

describe("board model", () => {
  it("starts every episode from an empty board that passes the schema", () => {
    expect(Board.parse(emptyBoard("ep_1"))).toEqual({
      episodeId: "ep_1",
      format: { aspect: "16:9", fps: 24 },
      script: { text: "", version: 0 },
      plan: { beats: [] },
      assets: [],
      frames: [],
    });
  });

  it("reads a board stored before format, action and sound existed, with their defaults", () => {
    const { format: _f, ...old } = emptyBoard("ep_1");
    const { action: _a, sound: _s, ...oldFrame } = frame();
    const board = Board.parse({ ...old, frames: [oldFrame] });
    expect(board.format.aspect).toBe("16:9");
    expect(board.frames[0]).toMatchObject({ action: "", sound: "" });
  });

  it("rejects ids outside [A-Za-z0-9_-]{1,40}", () => {
    expect(Frame.safeParse(frame({ id: "has space" })).success).toBe(false);
    expect(Frame.safeParse(frame({ id: "x".repeat(41) })).success).toBe(false);
    expect(Frame.safeParse(frame({ id: "ok_id-1" })).success).toBe(true);
  });

  it("enforces the contract's bounds on prompts and frame counts", () => {
    expect(Frame.safeParse(frame({ prompt: "p".repeat(4001) })).success).toBe(false);
    const board = { ...emptyBoard("ep"), frames: Array.from({ length: 501 }, (_, i) => frame({ id: `f${i}` })) };
    expect(Board.safeParse(board).success).toBe(false);
  });

  it("numbers a shot by position unless a person set a label", () => {
    expect(shotLabel(frame(), 2)).toBe("3");
    expect(shotLabel(frame({ shot: "1A" }), 2)).toBe("1A");
  });
});

describe("roles", () => {
  it("orders viewer < editor < owner", () => {
    expect(roleAtLeast("owner", "editor")).toBe(true);
    expect(roleAtLeast("editor", "editor")).toBe(true);
    expect(roleAtLeast("viewer", "editor")).toBe(false);
    expect(roleAtLeast("editor", "owner")).toBe(false);
  });
});

describe("origin allowlist", () => {
  const env = { ALLOWED_ORIGINS: "https://studio.example.com, https://preview.example.com" };
  it("allows the app's own origin and listed origins exactly", () => {
    expect([...allowedOrigins(env, "https://app.example.com/api/x")]).toEqual([
      "https://app.example.com",
      "https://studio.example.com",
      "https://preview.example.com",
    ]);
    expect(isAllowedOrigin("https://studio.example.com", env, "https://app.example.com/")).toBe(true);
  });

  it("refuses look-alikes, prefixes and a missing Origin", () => {
    for (const o of ["https://studio.example.com.evil.io", "https://studio.example.co", "http://studio.example.com", "null", undefined]) {
      expect(isAllowedOrigin(o, env, "https://app.example.com/")).toBe(false);
    }
  });
});

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("night owl coffee");
    expect(stored).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword("night owl coffee", stored)).toBe(true);
    expect(await verifyPassword("night owl coffeE", stored)).toBe(false);
  });

  it("salts each hash, so one password never hashes the same twice", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("refuses a malformed stored hash instead of throwing", async () => {
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
  });
});

describe("client messages", () => {
  it("refuse keys nobody reads in chat_regenerate and chat_continue, so none can reach storage or the audit", () => {
    for (const type of ["chat_regenerate", "chat_continue"] as const) {
      expect(ClientMessage.safeParse({ type, id: "m1", payload: {} }).success, type).toBe(true);
      expect(ClientMessage.safeParse({ type, id: "m1", payload: { junk: "x".repeat(1000) } }).success, type).toBe(false);
    }
  });
});
