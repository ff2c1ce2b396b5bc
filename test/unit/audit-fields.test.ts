// The audit's allowlists (CONTRACT 11): an action listed in AUDIT_FIELDS
// keeps only its named detail fields; others keep what they pass.
import { describe, expect, it } from "vitest";
import { AUDIT_FIELDS, allowedDetails } from "../../worker/audit";

describe("allowedDetails", () => {
  it("keeps only the fields an upload's row may carry", () => {
    const details = { frameId: "f1", revisionId: "rv_1", kind: "upload", mime: "image/png", bytes: 10, width: 2, height: 3, name: "holiday.png", url: "/x" };
    expect(allowedDetails("picture.upload", details)).toEqual({
      frameId: "f1",
      revisionId: "rv_1",
      kind: "upload",
      mime: "image/png",
      bytes: 10,
      width: 2,
      height: 3,
    });
    expect(Object.keys(allowedDetails("picture.strokes", details) ?? {})).toEqual(AUDIT_FIELDS["picture.strokes"]);
    expect(allowedDetails("job.retry", { attempt: 2 })).toEqual({ attempt: 2 });
    expect(allowedDetails("picture.upload", undefined)).toBeNull();
  });
});
