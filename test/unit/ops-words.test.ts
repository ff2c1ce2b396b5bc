// The operations console's wording and the saved view's body: ids become
// names a person reads, and a view is only what the lists can filter by.
import { describe, expect, it } from "vitest";
import { roleWithArticle } from "../../worker/domain/api";
import { agentRunsSummary, jobLabel, reviewerName, SaveViewBody, shotName } from "../../worker/domain/ops";
import { actorText } from "../../web/src/ops/audit-words";
import { chunks, LOOKUP_CHUNK } from "../../worker/ops/names";
import { plainFieldError } from "../../web/src/lib/field-words";

const names = { projectName: "Night shift", episodeTitle: "Pilot", shot: "3", frameTitle: "The ritual", createdByName: "Olu" };

describe("a job in words", () => {
  it("names project, episode and shot with its title", () => {
    expect(jobLabel(names)).toBe("Night shift · Pilot · Shot 3 — The ritual");
  });
  it("leaves out what is unknown, and never shows an empty shot", () => {
    expect(shotName({ shot: "3", frameTitle: "  " })).toBe("Shot 3");
    expect(shotName({ shot: null, frameTitle: "The ritual" })).toBe("The ritual");
    expect(shotName({ shot: null, frameTitle: null })).toBe("an unnamed shot");
    expect(jobLabel({ ...names, projectName: null, episodeTitle: null })).toBe("Shot 3 — The ritual");
  });
});

describe("an export and a reviewer in words (issue 21)", () => {
  it("names an export by its kind and episode, never as a shot", () => {
    const exported = { ...names, shot: null, frameTitle: null, exportFormat: "pdf" as const };
    expect(jobLabel(exported)).toBe("Night shift · PDF export of Pilot");
    expect(jobLabel({ ...exported, exportFormat: "zip" as const, projectName: null })).toBe("ZIP export of Pilot");
    expect(jobLabel({ ...exported, episodeTitle: null })).toBe("Night shift · PDF export of an episode");
  });

  it("names a reviewer as they named themselves, marked as a reviewer through whose link", () => {
    expect(reviewerName({ name: "Dana (client)", linkBy: "Ana", linkCreatedAt: "2026-12-03T10:00:00.000Z" })).toBe(
      "Dana (client), a reviewer via Ana's link of 2026-12-03",
    );
    expect(reviewerName({ name: "", linkBy: null, linkCreatedAt: "2026-12-03T10:00:00.000Z" })).toBe("A reviewer who gave no name, via a link of 2026-12-03");
    // A reviewer the trail no longer knows is still a reviewer, never "a deleted account".
    expect(actorText({ actor: "rvw_abcdefghijklmnopqrst", actorName: null })).toBe("A reviewer");
  });
});

describe("the agent runs tile", () => {
  it("says what each number counts", () => {
    expect(agentRunsSummary({ active: 1, lastHour: 5, total: 12 })).toBe("1 running · 5 in the last hour · 12 in all");
  });
});

describe("name lookups", () => {
  it("split any number of ids into statements under D1's 100 bound parameters", () => {
    expect(LOOKUP_CHUNK).toBeLessThan(100);
    const ids = Array.from({ length: 250 }, (_, i) => `id${i}`);
    const parts = chunks(ids);
    expect(parts.every((p) => p.length <= LOOKUP_CHUNK)).toBe(true);
    expect(parts.flat()).toEqual(ids);
    expect(chunks([])).toEqual([]);
  });
});

describe("plain words", () => {
  it("puts the right article before a role", () => {
    expect(["owner", "editor", "viewer"].map((r) => roleWithArticle(r as "owner"))).toEqual(["an owner", "an editor", "a viewer"]);
  });
  it("turns a field's terse message into a sentence about it", () => {
    expect(plainFieldError("email", "enter a valid email address")).toBe("Enter a valid email address, like ana@example.com.");
    expect(plainFieldError("password", "at least 8 characters")).toBe("Use at least 8 characters.");
    expect(plainFieldError("name", "at most 100 characters")).toBe("At most 100 characters.");
  });
});

describe("a saved view's body", () => {
  it("accepts only the filters its list has", () => {
    expect(SaveViewBody.safeParse({ kind: "jobs", name: "Failed", filters: { status: "failure", since: "24" } }).success).toBe(true);
    expect(SaveViewBody.safeParse({ kind: "jobs", name: "Failed", filters: { action: "job.cancel" } }).success).toBe(false);
    expect(SaveViewBody.safeParse({ kind: "audit", name: "Cancels", filters: { action: "job.cancel" } }).success).toBe(true);
    expect(SaveViewBody.safeParse({ kind: "audit", name: "x".repeat(81), filters: {} }).success).toBe(false);
  });
});
