// How a frame's media moves as jobs report (CONTRACT 4, 7): a job moves only
// a card it owns, and media never goes backwards.
import { describe, expect, it } from "vitest";
import { nextFrameMedia, shownImage } from "../../worker/domain/frame-media";

const ready = { state: "ready" as const, jobId: "job_1", url: "/a/1.svg" };

describe("nextFrameMedia", () => {
  it("keeps the last ready image as previous while a re-render is queued and runs", () => {
    const queued = nextFrameMedia(ready, { state: "queued", jobId: "job_2" })!;
    expect(queued).toEqual({ state: "queued", jobId: "job_2", previous: { url: "/a/1.svg", jobId: "job_1" } });
    const running = nextFrameMedia(queued, { state: "running", jobId: "job_2" })!;
    expect(shownImage(running)).toBe("/a/1.svg");
  });

  it("leaves the last good image after a canceled or failed re-render", () => {
    const queued = nextFrameMedia(ready, { state: "queued", jobId: "job_2" })!;
    expect(shownImage(nextFrameMedia(queued, { state: "canceled", jobId: "job_2" })!)).toBe("/a/1.svg");
    expect(shownImage(nextFrameMedia(queued, { state: "failed", jobId: "job_2", reason: "provider down" })!)).toBe("/a/1.svg");
  });

  it("drops previous once the new image is ready", () => {
    const queued = nextFrameMedia(ready, { state: "queued", jobId: "job_2" })!;
    expect(nextFrameMedia(queued, { state: "ready", jobId: "job_2", url: "/a/2.svg" })).toEqual({ state: "ready", jobId: "job_2", url: "/a/2.svg" });
  });

  it("refuses a report from a job that no longer owns the card, and un-canceling by the same job", () => {
    const queued = nextFrameMedia(ready, { state: "queued", jobId: "job_2" })!;
    expect(nextFrameMedia(queued, { state: "ready", jobId: "job_1", url: "/late.svg" })).toBeNull();
    const canceled = { state: "canceled" as const, jobId: "job_2" };
    expect(nextFrameMedia(canceled, { state: "ready", jobId: "job_2", url: "/x.svg" })).toBeNull();
  });

  it("ignores a previous the job runtime sends: only the room decides what was last good", () => {
    expect(nextFrameMedia({ state: "none" }, { state: "queued", jobId: "job_1", previous: { url: "/forged.svg" } })).toEqual({
      state: "queued",
      jobId: "job_1",
    });
  });
});
