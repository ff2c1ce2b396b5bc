// Audit exports are streamed (CONTRACT 11): a page of rows is read only when
// the client has taken the one before, so an export holds one page at a time.
import { describe, expect, it } from "vitest";
import { EXPORT_PAGE, type ExportRow, exportStream } from "../../worker/ops/audit-export";

const row = (id: number): ExportRow => ({
  id,
  at: "2026-12-08T00:00:00Z",
  actor: "usr_1",
  action: "test.bulk",
  target: `row:${id}`,
  verdict: "allowed",
  requestId: "r",
  details: { n: id, formula: "=1+1" },
});

/** A trail of `total` rows, newest (highest id) first, that counts its reads. */
function trail(total: number) {
  const reads: { before: number | undefined; limit: number }[] = [];
  const read = async (before: number | undefined, limit: number) => {
    reads.push({ before, limit });
    const top = before === undefined ? total : before - 1;
    return Array.from({ length: Math.max(0, Math.min(limit, top)) }, (_, i) => row(top - i));
  };
  return { read, reads };
}

describe("exportStream", () => {
  it("reads one page per chunk the client takes, never ahead", async () => {
    const t = trail(EXPORT_PAGE * 3 + 7);
    const reader = exportStream(t.read, "jsonl", undefined).getReader();
    expect(t.reads).toHaveLength(0);
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(t.reads).toEqual([{ before: undefined, limit: EXPORT_PAGE }]);
    expect(first.trim().split("\n")).toHaveLength(EXPORT_PAGE);
    await reader.read();
    expect(t.reads).toHaveLength(2);
    expect(t.reads[1]).toEqual({ before: EXPORT_PAGE * 3 + 7 - EXPORT_PAGE + 1, limit: EXPORT_PAGE });
    await reader.cancel();
  });

  it("writes every row once, newest first, up to the export's cap, from a cursor", async () => {
    const t = trail(1000);
    const text = await new Response(exportStream(t.read, "csv", 901, 600)).text();
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe("id,at,actor,action,target,verdict,requestId,details");
    expect(lines).toHaveLength(601);
    expect(lines[1]!.startsWith('"900",')).toBe(true);
    expect(lines.at(-1)!.startsWith('"301",')).toBe(true);
    // A cell a spreadsheet would run as a formula is neutralised.
    expect(lines[1]).toContain('"{""n"":900,""formula"":""=1+1""}"');
    expect(Math.max(...t.reads.map((r) => r.limit))).toBeLessThanOrEqual(EXPORT_PAGE);
  });
});
