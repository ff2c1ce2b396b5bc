// The connection badge's wording: never "Live" when the room is out of reach,
// edits that cannot go out are counted, and "Reconnect now" only when it helps.
import { describe, expect, it } from "vitest";
import { connectionView, sinceText, waitingText } from "../../web/src/lib/connection-state";

const NOW = 1_700_000_000_000;

describe("connectionView", () => {
  it("says Live only while connected, and hides a round trip in flight", () => {
    expect(connectionView({ state: "CONNECTED", waiting: 1 }, NOW)).toEqual({ label: "Live", tone: "ok", canRetryNow: false });
  });

  it("says Reconnecting while a new socket is being opened, with nothing to press", () => {
    expect(connectionView({ state: "RECONNECTING", waiting: 0 }, NOW)).toEqual({ label: "Reconnecting…", tone: "warn", canRetryNow: false });
  });

  it("counts the changes waiting while the room is out of reach", () => {
    expect(connectionView({ state: "RECONNECTING", waiting: 1 }, NOW).waitingText).toBe("1 change waiting");
    expect(connectionView({ state: "DISCONNECTED", waiting: 2 }, NOW).waitingText).toBe("2 changes waiting");
    expect(connectionView({ state: "CLOSED", waiting: 3 }, NOW).waitingText).toBe("3 changes waiting");
  });

  it("between two tries still says Reconnecting, and offers to skip the wait", () => {
    expect(connectionView({ state: "DISCONNECTED", waiting: 0 }, NOW)).toMatchObject({ label: "Reconnecting…", tone: "warn", canRetryNow: true });
  });

  it("says Reconnecting, and why, when the browser has no network, and offers no retry that cannot work", () => {
    const view = connectionView({ state: "DISCONNECTED", waiting: 2, offline: true, detail: "This device is offline." }, NOW);
    expect(view).toEqual({ label: "Reconnecting…", tone: "error", canRetryNow: false, waitingText: "2 changes waiting", detail: "This device is offline." });
  });

  it("says Disconnected after giving up, with the reason and a retry", () => {
    const view = connectionView({ state: "CLOSED", waiting: 0, detail: "Could not reach the room after several tries." }, NOW);
    expect(view).toEqual({ label: "Disconnected", tone: "error", canRetryNow: true, detail: "Could not reach the room after several tries." });
  });

  it("offers no retry after a session ended, since only signing in again helps", () => {
    expect(connectionView({ state: "CLOSED", waiting: 0, retryable: false, detail: "Sign in again." }, NOW).canRetryNow).toBe(false);
  });

  it("tells how long ago the room was last heard from once out of reach", () => {
    expect(connectionView({ state: "RECONNECTING", waiting: 0, lastConnectedAt: NOW - 45_000 }, NOW).since).toBe("Last live 45 s ago.");
    expect(connectionView({ state: "CONNECTED", waiting: 0, lastConnectedAt: NOW - 45_000 }, NOW).since).toBeUndefined();
  });

  it("says Connecting before the first metadata", () => {
    expect(connectionView({ state: "IDLE", waiting: 0 }, NOW).label).toBe("Connecting…");
    expect(connectionView({ state: "CONNECTING", waiting: 0 }, NOW).label).toBe("Connecting…");
  });
});

describe("waitingText", () => {
  it("is singular for one, plural for more, and absent for none", () => {
    expect(waitingText(0)).toBeUndefined();
    expect(waitingText(1)).toBe("1 change waiting");
    expect(waitingText(12)).toBe("12 changes waiting");
  });
});

describe("sinceText", () => {
  it("stays quiet for a blip, then counts seconds, minutes and hours", () => {
    expect(sinceText(NOW - 4_000, NOW)).toBeUndefined();
    expect(sinceText(NOW - 59_000, NOW)).toBe("Last live 59 s ago.");
    expect(sinceText(NOW - 3 * 60_000, NOW)).toBe("Last live 3 min ago.");
    expect(sinceText(NOW - 2 * 3_600_000, NOW)).toBe("Last live 2 h ago.");
    expect(sinceText(undefined, NOW)).toBeUndefined();
  });
});
