// The agent's tag grammar (CONTRACT 5), as a corpus of answers and what each
// must yield, plus fuzzing: no chunking changes the result, also of answers
// cut off anywhere, and no input makes the parser throw.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_COMMANDS_PER_RUN, MAX_TAG_BYTES, type ParseEvent, TagStreamParser } from "../../worker/domain/agent/tag-parser";
import { commands, feed, merged, prose, rejected } from "../support/tag-stream";

const parse = (text: string, chunk = 0): ParseEvent[] => feed(text, chunk);
/** The same answer fed whole and in every small chunk size: each must mean the same. */
const CHUNKINGS = [0, 1, 2, 3, 5, 7, 13];
function everyChunking(text: string): ParseEvent[] {
  const whole = merged(parse(text));
  for (const size of CHUNKINGS) expect(merged(parse(text, size)), `chunks of ${size}`).toEqual(whole);
  return whole;
}

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
      {
        type: "set_plan",
        beats: [
          { id: "b1", title: "Hook", summary: "Neon flickers" },
          { id: "b2", title: "Pour", summary: "Steam rises" },
        ],
      },
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

  it("counts a tag's 64 KiB from its '<' to its end tag's '>', the same in every chunking", () => {
    // "<script>" and "</script>" are 17 of the bytes.
    const script = (textBytes: number) => `a <script>${"x".repeat(textBytes)}</script> b`;
    for (const size of [1, 7, 4096, 0]) {
      expect(commands(parse(script(MAX_TAG_BYTES - 17), size)), `chunks of ${size}`).toHaveLength(1);
      expect(rejected(parse(script(MAX_TAG_BYTES - 16), size)), `chunks of ${size}`).toEqual([expect.stringContaining("64 KiB")]);
    }
  });

  it("counts a '<' in a tag's text as the one character it is toward the 64 KiB", () => {
    // "<script>" and "</script>" are 17 of the bytes; "x<" is two characters, not the five of "x&lt;".
    const script = (pairs: number) => `<script>${"x<".repeat(pairs)}</script>`;
    expect(commands(parse(script((MAX_TAG_BYTES - 17) / 2 - 0.5), 4096))).toHaveLength(1);
    expect(rejected(parse(script((MAX_TAG_BYTES - 17) / 2 + 0.5), 4096))).toEqual([expect.stringContaining("64 KiB")]);
  });

  it("rejects an attribute named like an object's own property as the unknown attribute it is", () => {
    expect(rejected(everyChunking('<move id="f1" after="" __proto__="x"/>'))).toEqual(['<move> has an unknown attribute "__proto__"']);
  });

  it("names the end tag that closed a tag around one left open", () => {
    expect(rejected(everyChunking('<frame op="add" id="f1"><prompt>x</frame>'))).toEqual(["<prompt> was not closed before </frame>"]);
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
    const events = parse("<script>&lt;b&gt; &amp; &quot;&apos; &#65;&#x42; &nbsp; &copy;</script>");
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

describe("answers cut short", () => {
  const stillOpen = (tag: string): ParseEvent => ({ kind: "rejected", tag, reason: `<${tag}> was still open when the answer ended` });

  it.each([
    ["<frame/doc/", "", "frame"],
    ['Working <frame op="add" id="f1"', "Working ", "frame"],
    ['Working <frame op="add" id="f1', "Working ", "frame"],
    ['Working <frame op="add" id=', "Working ", "frame"],
    ["Working <frame op", "Working ", "frame"],
    ["Working <frame ", "Working ", "frame"],
    ['<move id="f1" after=""/', "", "move"],
    ['<generate frame="f1" / ', "", "generate"],
    ['<frame op="add" id="f1"><prompt>x</prompt></frame', "", "frame"],
    ['<frame op="add" id="f1"><prompt>x</prompt></frame \n ', "", "frame"],
    ['<frame op="add" id="f1"><prompt>x</prompt></fra', "", "frame"],
    ['<frame op="add" id="f1"><prompt title="', "", "frame"],
  ])("rejects a tag cut off inside its markup and shows none of it: %j", (text, before, tag) => {
    const expected: ParseEvent[] = before ? [{ kind: "prose", text: before }, stillOpen(tag)] : [stillOpen(tag)];
    expect(everyChunking(text)).toEqual(expected);
  });

  it("keeps a '<' and name that never became a tag as prose", () => {
    expect(everyChunking("x <fr")).toEqual([{ kind: "prose", text: "x <fr" }]);
    expect(everyChunking("x <frame")).toEqual([{ kind: "prose", text: "x <frame" }]);
  });
});

describe("malformed end tags", () => {
  it("rejects a tag whose end tag has no '>', and still reads the tag after it", () => {
    const events = everyChunking('Sure. <frame op="add" id="f1"></frame\n<generate frame="f1"/> Done.');
    expect(events).toEqual([
      { kind: "prose", text: "Sure. " },
      { kind: "rejected", tag: "frame", reason: expect.stringContaining('</frame is not closed by ">"') },
      { kind: "generate", tag: "generate", frameId: "f1" },
      { kind: "prose", text: " Done." },
    ]);
  });

  it("ends an end tag's name at a '<' too, and reads the tag that follows", () => {
    expect(everyChunking('<frame op="add" id="f1"></frame<generate frame="f1"/>')).toEqual([
      { kind: "rejected", tag: "frame", reason: expect.stringContaining('</frame is not closed by ">"') },
      { kind: "generate", tag: "generate", frameId: "f1" },
    ]);
  });

  it("shows the prose after an end tag with no '>' instead of swallowing it", () => {
    const events = everyChunking("<script>INT. CAFE</script and that is the opening.");
    expect(rejected(events)).toEqual([expect.stringContaining('</script is not closed by ">"')]);
    expect(prose(events)).toBe("and that is the opening.");
  });

  it("rejects the whole top-level tag around a malformed inner end tag", () => {
    const events = everyChunking('<frame op="add" id="f1"><prompt>x</prompt oops><dialogue>y</dialogue></frame>ok <move id="f1" after=""/>');
    expect(events).toEqual([
      { kind: "rejected", tag: "frame", reason: expect.stringContaining('</prompt is not closed by ">"') },
      { kind: "prose", text: "ok " },
      { kind: "command", tag: "move", command: { type: "move_frame", id: "f1", after: null } },
    ]);
  });

  it("rejects a tag holding an end tag that closes nothing inside it", () => {
    const events = everyChunking('<frame op="add" id="f1"><prompt>x</plan></prompt></frame>');
    expect(commands(events)).toEqual([]);
    expect(rejected(events)).toEqual([expect.stringContaining("</plan>")]);
  });

  it("accepts whitespace between an end tag's name and its '>'", () => {
    expect(commands(everyChunking("<script>x</script \n\t>"))).toEqual([{ type: "set_script", text: "x" }]);
  });

  it("keeps an end tag written inside an attribute value as that value", () => {
    expect(commands(everyChunking('<asset id="a" kind="prop" name="</frame oops>">mug</asset>'))).toEqual([
      { type: "upsert_asset", asset: { id: "a", kind: "prop", name: "</frame oops>", description: "mug", prompt: "" } },
    ]);
  });
});

describe("Markdown fences", () => {
  it("leaves no empty fence where a fence held only tags", () => {
    const events = everyChunking('Here you go:\n```xml\n<frame op="add" id="f1"/>\n<generate frame="f1"/>\n```\nDone.');
    expect(prose(events)).toBe("Here you go:\nDone.");
    expect(commands(events)).toEqual([{ type: "add_frame", frame: { id: "f1" } }]);
    expect(events.filter((e) => e.kind === "generate")).toHaveLength(1);
  });

  it("drops tilde, longer, indented and unclosed fences that held only tags", () => {
    const tag = '<move id="f1" after=""/>';
    expect(prose(everyChunking(`a\n~~~~\n${tag}\n~~~~~\nb`))).toBe("a\nb");
    expect(prose(everyChunking(`a\n  \`\`\`html\r\n${tag}\r\n\r\n   \`\`\`\r\nb`))).toBe("a\nb");
    expect(prose(everyChunking(`a\n\`\`\`xml\n${tag}\n`))).toBe("a\n");
    expect(prose(everyChunking(`\`\`\`\n${tag}\n\`\`\``))).toBe("");
    expect(prose(everyChunking(`\`\`\`\n<frame op="explode" id="f1"/>\n\`\`\`\nb`))).toBe("b");
  });

  it("keeps a fence that holds anything besides tags, whole", () => {
    const text = '```sh\nnpm test\n<move id="f1" after=""/>\n```\nafter';
    const events = everyChunking(text);
    expect(prose(events)).toBe("```sh\nnpm test\n\n```\nafter");
    expect(commands(events)).toHaveLength(1);
  });

  it("keeps fences the model left empty, and backticks that open no fence", () => {
    expect(prose(everyChunking("a\n```\n\n```\nb"))).toBe("a\n```\n\n```\nb");
    expect(prose(everyChunking('Use ```xml <move id="f1" after=""/>``` here'))).toBe("Use ```xml ``` here");
    expect(prose(everyChunking('a\n    ```\n<move id="f1" after=""/>\n    ```\nb'))).toBe("a\n    ```\n\n    ```\nb");
    expect(prose(everyChunking('``\n<move id="f1" after=""/>\n``'))).toBe("``\n\n``");
  });

  it("keeps a fence whose closing line is not a closing fence", () => {
    const text = '```\n<move id="f1" after=""/>\n``` not closed\n```\nb';
    expect(prose(everyChunking(text))).toBe("```\n\n``` not closed\n```\nb");
  });
});

describe("fuzzing", () => {
  const corpus = [
    'Intro <script>Line one &amp; two</script> mid <frame op="add" id="f1" title="T" duration="2"><prompt>p &lt; q</prompt></frame> end',
    '<plan><beat id="b1" title="A">x</beat></plan><move id="f1" after=""/><frame op="remove" id="f9"/> a < b & c',
    'Text <frame op="add" id="f2" bogus="1"/> more <asset id="a" kind="prop" name="Cup">mug</asset><generate frame="f2"/> 3<4 <b>x</b>',
    '<scripted> <scrip <frame op="update" id="f1" title="a&lt;b"/> </frame> tail <',
    "unterminated <frame op='add' id='z'><prompt>cut",
    'Sure. <frame op="add" id="f1" title=\'a "b" </frame c\'><action>x</action></frame\n<generate frame="f1"/></frame  ><format aspect="9:16" / > AT&T &#65;',
    'Plan:\n```xml\n<frame op="add" id="f1"/>\n\n<move id="f1" after=""/>\n```\nand\n~~~\ncode <b>\n<generate frame="f1"/>\n~~~\n  ``` \n',
    "<frame/doc/ <asset id=a kind=prop name=Cup/><script>x</script oops>y</script >",
  ];
  const cut = (text: string, at: number) => text.slice(0, at);

  it("gives the same events for any chunking, also when the answer is cut off anywhere", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...corpus).chain((text) => fc.tuple(fc.constant(text), fc.integer({ min: 0, max: text.length }))),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }),
        ([text, at], sizes) => {
          const answer = cut(text, at);
          expect(merged(feed(answer, sizes))).toEqual(merged(feed(answer)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("gives the same events in chunks of 1, 2 and 3 for every cut of every corpus answer", () => {
    for (const text of corpus) {
      for (let at = 0; at <= text.length; at++) {
        const answer = cut(text, at);
        const whole = merged(feed(answer));
        for (const size of [1, 2, 3]) expect(merged(feed(answer, size)), `${JSON.stringify(answer)} in chunks of ${size}`).toEqual(whole);
      }
    }
  });

  it("never throws, and means the same however arbitrary input is chunked", () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom("<", ">", "</", "/>", "/", "&", "&amp;", "&#6", "5;", "&e;", '"', "'", "=", " ", "\n", "\t", "```", "~~~", "xml"),
      fc.constantFrom(
        "<frame",
        ' op="add"',
        ' id="f1"',
        "</frame",
        "</frame>",
        "<script>",
        "</script",
        "</script>",
        "<plan>",
        "<beat",
        "</beat>",
        "<prompt>",
        "</prompt>",
      ),
      fc.constantFrom('<move id="a" after=""/>', '<generate frame="f"/>', "</fr", "<fr"),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }), (pieces, sizes) => {
        const p = new TagStreamParser();
        const out: ParseEvent[] = [];
        for (const s of pieces) out.push(...p.write(s));
        out.push(...p.end());
        const text = pieces.join("");
        const whole = merged(feed(text));
        expect(merged(out)).toEqual(whole);
        expect(merged(feed(text, sizes))).toEqual(whole);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("<resolve comment>", () => {
  it("reads a resolved note in any chunking, beside prose and commands", () => {
    const events = everyChunking('Closer now. <frame op="update" id="f1" camera="CU"/><resolve comment="cmt_AbC-12_x"/> Done.');
    expect(rejected(events)).toEqual([]);
    expect(commands(events)).toEqual([{ type: "update_frame", id: "f1", patch: { camera: "CU" } }]);
    expect(events.filter((e) => e.kind === "resolve")).toEqual([{ kind: "resolve", tag: "resolve", commentId: "cmt_AbC-12_x" }]);
    expect(prose(events).replace(/\s+/g, " ").trim()).toBe("Closer now. Done.");
  });

  it("rejects a malformed resolve whole, never throwing", () => {
    for (const [text, reason] of [
      ["<resolve/>", 'needs a "comment"'],
      ['<resolve comment="c1" frame="f1"/>', 'unknown attribute "frame"'],
      ['<resolve comment="bad id!"/>', "is not a comment id"],
      ['<resolve comment="c1">why</resolve>', "must be empty"],
    ] as const) {
      const events = everyChunking(text);
      expect(
        events.filter((e) => e.kind === "resolve"),
        text,
      ).toEqual([]);
      expect(rejected(events).join(" "), text).toContain(reason);
    }
  });

  it("discards a resolve cut off mid-tag", () => {
    const events = everyChunking('Done. <resolve comment="c1"');
    expect(events.filter((e) => e.kind === "resolve")).toEqual([]);
    expect(rejected(events).join(" ")).toContain("still open");
  });
});
