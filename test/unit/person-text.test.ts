// One rule for person-written text (issue 21): invisible format characters
// (bidi overrides and isolates, direction marks, zero-width characters) are
// stripped from every schema a person writes through, the same way, before
// bounds are checked; emoji sequences that need a joiner stay whole.
import { describe, expect, it } from "vitest";
import { SignupBody } from "../../worker/domain/api";
import { FrameInput } from "../../worker/domain/commands";
import { CommentText, ReviewerName, ReviewNote } from "../../worker/domain/comments";
import { personText, SCAN_LIMIT } from "../../worker/domain/person-text";
import { ClientMessage } from "../../worker/domain/protocol";

const RLO = "\u202E";
const HIDDEN = [
  "\u202A",
  "\u202B",
  "\u202C",
  "\u202D",
  RLO,
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u200E",
  "\u200F",
  "\u061C",
  "\u200B",
  "\u200C",
  "\u2060",
  "\uFEFF",
];

describe("person text", () => {
  it("passes a text longer than any field untouched, so its length check refuses it without a scan of every character", () => {
    const huge = `${"a".repeat(1_000_000)}\u200B`;
    expect(personText(huge)).toBe(huge);
    expect(SCAN_LIMIT).toBeGreaterThan(2 * 8000);
    const sent = ClientMessage.safeParse({ type: "comment_add", id: "m1", payload: { frameId: "f1", text: huge } });
    expect(sent.success).toBe(false);
    // Just under the limit, it is still cleaned.
    expect(personText(`${"a".repeat(SCAN_LIMIT - 1)}\u200B`)).toBe("a".repeat(SCAN_LIMIT - 1));
  });

  it("strips every bidi control and zero-width character, wherever it stands", () => {
    for (const h of HIDDEN) expect(personText(`${h}Da${h}na${h}`)).toBe("Dana");
  });

  it("keeps emoji joined by a zero-width joiner, a subdivision flag, line breaks and accents", () => {
    expect(personText("chef 👩‍🍳 at 🏴󠁧󠁢󠁳󠁣󠁴󠁿\nnext")).toBe("chef 👩‍🍳 at 🏴󠁧󠁢󠁳󠁣󠁴󠁿\nnext");
    expect(personText("Cafe\u0301")).toBe("Café");
  });

  it("applies alike to comments, review notes, reviewer names, account names, chat and frame fields", () => {
    const spoof = `invoice${RLO}fdp.exe`;
    expect(CommentText.parse(spoof)).toBe("invoicefdp.exe");
    expect(ReviewNote.parse(spoof)).toBe("invoicefdp.exe");
    expect(ReviewerName.parse(`Da\u200Bna`)).toBe("Dana");
    expect(SignupBody.parse({ email: "a@example.com", password: "long enough", name: `Ad${RLO}a` }).name).toBe("Ada");
    const chat = ClientMessage.parse({ type: "chat_send", id: "m1", payload: { text: `hi${RLO} there` } });
    expect(chat.type === "chat_send" && chat.payload.text).toBe("hi there");
    const frame = FrameInput.parse({ id: "f1", title: `Ti\u200Btle`, dialogue: `MIA: ${RLO}olleh`, action: "\u2066runs\u2069" });
    expect(frame).toMatchObject({ title: "Title", dialogue: "MIA: olleh", action: "runs" });
  });

  it("counts a text's bounds after stripping: a name of only invisible characters is empty", () => {
    expect(ReviewerName.safeParse("\u200B\u200B").success).toBe(false);
    expect(CommentText.safeParse(`${RLO} `).success).toBe(false);
  });
});
