// The running time and the length asked for (CONTRACT 4, issue 12 item 2).
import { describe, expect, it } from "vitest";
import { askedLength, formatDuration, offTarget, runningTime, untimed } from "../../worker/domain/running-time";

describe("running time", () => {
  it("sums durations to the tenth and counts frames with none", () => {
    const frames = [{ durationSec: 3.5 }, { durationSec: 0.2 }, { durationSec: 0.1 }, { durationSec: null }];
    expect(runningTime(frames)).toBe(3.8);
    expect(untimed(frames)).toBe(1);
  });

  it("formats as m:ss with tenths only when there are some", () => {
    expect(formatDuration(30)).toBe("0:30");
    expect(formatDuration(65.5)).toBe("1:05.5");
    expect(formatDuration(0)).toBe("0:00");
  });

  it("reads the length asked for from the script's title page, and nothing from its body", () => {
    expect(askedLength("Title: Night shift\nCredit: A 30-second ad\n\nEXT. CAFE - NIGHT")).toBe(30);
    expect(askedLength("Title: X\nLength: 1:30\n\nINT. ROOM")).toBe(90);
    expect(askedLength("Title: X\nDuration: 2 minutes\n\n")).toBe(120);
    expect(askedLength("Title: X\n\nShe waits 10 seconds.")).toBeNull();
    expect(askedLength("")).toBeNull();
  });

  it("is off target beyond 10 %", () => {
    expect(offTarget(33, 30)).toBe(false);
    expect(offTarget(33.5, 30)).toBe(true);
    expect(offTarget(40, null)).toBe(false);
  });
});
