// The agent's tag grammar (CONTRACT 5), as a corpus of answers and what each
// must yield, plus fuzzing: random chunkings never change the result, and no
// input makes the parser throw.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_COMMANDS_PER_RUN, type ParseEvent, TagStreamParser } from "../../worker/domain/agent/tag-parser";

function parse(text: string, chunk = text.length || 1): ParseEvent[] {
  const p = new TagStreamParser();
  const out: ParseEvent[] = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...p.write(text.slice(i, i + chunk)));
  out.push(...p.end());
  return out;
}
const prose = (events: ParseEvent[]) => events.filter((e) => e.kind === "prose").map((e) => (e as { text: string }).text).join("");
const commands = (events: ParseEvent[]) => events.filter((e) => e.kind === "command").map((e) => (e as { command: unknown }).command);
const rejected = (events: ParseEvent[]) => events.filter((e) => e.kind === "rejected").map((e) => (e as { reason: string }).reason);

describe("valid tags", () => {
  it("turns each grammar tag into its command and keeps prose around them", () => {
    const text = `Here is the plan.
<script>INT. CAFE - NIGHT</script>
<plan><beat id="b1" title="Hook">Neon flickers</beat><beat id="b2" title="Pour">Steam rises</beat></plan>
<asset id="mia" kind="character" name="Mia" prompt="woman, 30s, green apron">the barista</asset>
<frame op="add" id="f1" title="Sign" camera="WS" duration="3.5" beat="b1" assets="mia, cafe">
  <prompt>neon sign in rain</prompt><dialogue>Open late.</dialogue><notes>same apron</notes>
</frame>
<frame op="update" id="f1" camera="CU"><prompt>closer</prompt></frame>
<move id="f1" after=""/>
<frame op="add" id="f2" after="f1"/>
<asset op="remove" id="mia"/>
<frame op="remove" id="f2"/>
<generate frame="f1"/>
Done.`;
    const events = parse(text);
    expect(rejected(events)).toEqual([]);
    expect(commands(events)).toEqual([
      { type: "set_script", text: "INT. CAFE - NIGHT" },
      { type: "set_plan", beats: [{ id: "b1", title: "Hook", summary: "Neon flickers" }, { id: "b2", title: "Pour", summary: "Steam rises" }] },
      { type: "upsert_asset", asset: { id: "mia", kind: "character", name: "Mia", description: "the barista", prompt: "woman, 30s, green apron" } },
      {
        type: "add_frame",
        frame: {
          id: "f1",
          title: "Sign",
          camera: "WS",
          durationSec: 3.5,
          beatId: "b1",
          prompt: "neon sign in rain",
          dialogue: "Open late.",
          continuity: { assetIds: ["mia", "cafe"], notes: "same apron" },
        },
      },
      { type: "update_frame", id: "f1", patch: { camera: "CU", prompt: "closer" } },
      { type: "move_frame", id: "f1", after: null },
      { type: "add_frame", frame: { id: "f2" }, after: "f1" },
      { type: "remove_asset", id: "mia" },
      { type: "remove_frame", id: "f2" },
    ]);
    expect(events.filter((e) => e.kind === "generate")).toEqual([{ kind: "generate", tag: "generate", frameId: "f1" }]);
    expect(prose(events).replace(/\s+/g, " ").trim()).toBe("Here is the plan. Done.");
  });

  it("reads a frame's shot label, action and sound, and the episode's format", () => {
    const text = `<frame op="add" id="f3" shot="3A" title="Smile" camera="CU"><action>Mia smiles at a customer</action><sound>cups clink</sound></frame>
<frame op="update" id="f3" shot=""><action>Mia laughs</action></frame>
<format aspect="9:16"/>`;
    const events = parse(text);
    expect(rejected(events)).toEqual([]);
    expect(commands(events)).toEqual([
      { type: "add_frame", frame: { id: "f3", shot: "3A", title: "Smile", camera: "CU", action: "Mia smiles at a customer", sound: "cups clink" } },
      { type: "update_frame", id: "f3", patch: { shot: null, action: "Mia laughs" } },
      { type: "set_format", aspect: "9:16" },
    ]);
    expect(rejected(parse('<format aspect="9:16" size="big"/>'))).toEqual(['<format> has an unknown attribute "size"']);
  });

  it("emits a command the moment its top-level tag closes, before the answer ends", () => {
    const p = new TagStreamParser();
    expect(p.write('Sure. <frame op="add" id="f1" title="A">')).toEqual([{ kind: "prose", text: "Sure. " }]);
    expect(p.write("<prompt>x</prompt>")).toEqual([]);
    expect(p.write("</frame> and more")).toEqual([
      { kind: "command", tag: "frame", command: { type: "add_frame", frame: { id: "f1", title: "A", prompt: "x" } } },
      { kind: "prose", text: " and more" },
    ]);
  });
});

describe("untrusted output", () => {
  it.each([
    ['<frame op="add" id="f1" colour="red"/>', /unknown attribute "colour"/],
    ['<frame op="explode" id="f1"/>', /not add, update or remove/],
    ['<frame op="add"/>', /needs a "id"/],
    ['<frame op="add" id="f1" duration="soon"/>', /not a number/],
    ['<frame op="add" id="f1"><script>x</script></frame>', /cannot contain <script>/],
    ['<frame op="update" id="f1"/>', /changes nothing/],
    ['<frame op="remove" id="f1"><prompt>x</prompt></frame>', /must be empty/],
    ['<plan><frame op="add" id="f1"/></plan>', /cannot contain <frame>/],
    ['<asset id="a" kind="prop" name="A" name="B"/>', /repeats the attribute "name"/],
    ['<frame op="add" id="f1"><prompt>a</prompt><prompt>b</prompt></frame>', /two <prompt>/],
    ["<prompt>loose</prompt>", /unknown tag <prompt>/],
    ['<move id="f1"/>', /needs a "after"/],
  ])("rejects %s whole", (text, reason) => {
    const events = parse(text);
    expect(commands(events)).toEqual([]);
    expect(rejected(events)).toEqual([expect.stringMatching(reason)]);
  });

  it("discards a tag still open when the answer ends, prose before it intact", () => {
    const events = parse('Working on it <frame op="add" id="f1" title="half"><prompt>never fin');
    expect(commands(events)).toEqual([]);
    expect(rejected(events)).toEqual([expect.stringContaining("still open")]);
    expect(prose(events)).toBe("Working on it ");
  });

  it("rejects nesting deeper than 8", () => {
    const deep = `<plan>${"<beat>".repeat(8)}${"</beat>".repeat(8)}</plan>`;
    expect(rejected(parse(deep))).toEqual([expect.stringContaining("deeper than 8")]);
  });

  it("rejects a tag over 64 KiB", () => {
    const events = parse(`<script>${"x".repeat(70_000)}</script>ok`, 4096);
    expect(commands(events)).toEqual([]);
    expect(rejected(events)).toEqual([expect.stringContaining("64 KiB")]);
    expect(prose(events)).toBe("ok");
  });

  it("passes repeated commands through: the run, which knows what applied, judges duplicates", () => {
    const events = parse('<move id="f1" after=""/><move id="f1" after=""/>');
    expect(commands(events)).toHaveLength(2);
  });

  it(`rejects commands past ${MAX_COMMANDS_PER_RUN} in one run`, () => {
    const text = Array.from({ length: MAX_COMMANDS_PER_RUN + 3 }, (_, i) => `<frame op="remove" id="f${i}"/>`).join("");
    const events = parse(text);
    expect(commands(events)).toHaveLength(MAX_COMMANDS_PER_RUN);
    expect(rejected(events)).toHaveLength(3);
  });

  it("expands only the five XML entities and numeric references", () => {
    const events = parse('<script>&lt;b&gt; &amp; &quot;&apos; &#65;&#x42; &nbsp; &copy;</script>');
    expect(commands(events)).toEqual([{ type: "set_script", text: "<b> & \"' AB &nbsp; &copy;" }]);
  });

  it("keeps prose containing < and & as text", () => {
    const events = parse("If a < b && c > 2, then 3<4 & AT&T rocks.");
    expect(commands(events)).toEqual([]);
    expect(prose(events)).toBe("If a < b && c > 2, then 3<4 & AT&T rocks.");
  });

  it("treats markup outside the grammar as prose, and never shows grammar tags", () => {
    const events = parse('Use <b>bold</b> and <teleport/> <frame op="add" id="f1"/>ok');
    expect(prose(events)).toBe("Use <b>bold</b> and <teleport/> ok");
    expect(commands(events)).toHaveLength(1);
  });

  it("decides about a '<' split across chunks only once it can", () => {
    expect(prose(parse("x <fr", 1))).toBe("x <fr");
    expect(commands(parse('<fra<frame op="remove" id="a"/>', 2))).toEqual([{ type: "remove_frame", id: "a" }]);
  });
});

describe("fuzzing", () => {
  const corpus = [
    'Intro <script>Line one &amp; two</script> mid <frame op="add" id="f1" title="T" duration="2"><prompt>p &lt; q</prompt></frame> end',
    '<plan><beat id="b1" title="A">x</beat></plan><move id="f1" after=""/><frame op="remove" id="f9"/> a < b & c',
    'Text <frame op="add" id="f2" bogus="1"/> more <asset id="a" kind="prop" name="Cup">mug</asset><generate frame="f2"/> 3<4 <b>x</b>',
    '<scripted> <scrip <frame op="update" id="f1" title="a&lt;b"/> </frame> tail <',
    "unterminated <frame op='add' id='z'><prompt>cut",
  ];

  it("gives identical prose and commands for any chunking, 1 byte to all at once", () => {
    fc.assert(
      fc.property(fc.constantFrom(...corpus), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }), (text, sizes) => {
        const whole = parse(text);
        const p = new TagStreamParser();
        const out: ParseEvent[] = [];
        let i = 0;
        let k = 0;
        while (i < text.length) {
          const n = sizes[k++ % sizes.length]!;
          out.push(...p.write(text.slice(i, i + n)));
          i += n;
        }
        out.push(...p.end());
        expect(prose(out)).toBe(prose(whole));
        expect(out.filter((e) => e.kind !== "prose")).toEqual(whole.filter((e) => e.kind !== "prose"));
      }),
      { numRuns: 500 },
    );
    for (const text of corpus) {
      expect(prose(parse(text, 1))).toBe(prose(parse(text)));
      expect(commands(parse(text, 1))).toEqual(commands(parse(text)));
    }
  });

  it("never throws on arbitrary input in arbitrary chunks", () => {
    const piece = fc.oneof(fc.string(), fc.constantFrom("<", ">", "</", "/>", "&", "&amp;", '"', "<frame", ' op="add"', ' id="f1"', "</frame>", "<script>", "</script>", "<plan>", "<beat"));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const p = new TagStreamParser();
        for (const s of pieces) p.write(s);
        p.end();
      }),
      { numRuns: 1000 },
    );
  });
});
