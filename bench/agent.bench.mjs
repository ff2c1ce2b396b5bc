// Production agent bench. (1) Tag parser throughput in MB/s with 4-byte and
// 64-byte chunks, beside a naive baseline that re-parses the whole text so
// far with fast-xml-parser on every chunk, same input, same run. (2) From a
// closing tag leaving the provider to its board_event arriving on a
// connected socket, p50/p99 ms, with the app on a fake OpenAI-compatible
// server on loopback.
import { XMLParser } from "fast-xml-parser";
import { Parser, Tokenizer } from "htmlparser2";
import { startLocalServer } from "../scripts/local-server.mjs";
import { startFakeOpenAi } from "../test/support/fake-openai.mjs";
import { importBundled, percentile, report } from "./lib.mjs";

// The parser is a folder of TypeScript modules: bundled, as the Worker is.
const { TagStreamParser } = await importBundled("tag-parser", 'export { TagStreamParser } from "./worker/domain/agent/tag-parser";');

const r2 = (x) => Math.round(x * 100) / 100;

// A realistic answer: prose with a script, a plan, assets and frames, repeated to size.
const UNIT = `Here is the next part of the storyboard, with a few notes on pacing & tone (a < b).
<frame op="add" id="fID" title="The ritual" camera="CU" duration="4" beat="b2" assets="host, place"><prompt>Close on hands preparing the signature item, steam and texture, warm tungsten light</prompt><dialogue>Same as always?</dialogue><notes>keep the apron</notes></frame>
That one holds on the detail. <asset id="aID" kind="prop" name="Cup" prompt="white ceramic cup, chipped rim">the favourite cup</asset> <move id="fID" after=""/>
`;
function corpus(bytes) {
  let s = "";
  for (let i = 0; s.length < bytes; i++) s += UNIT.replaceAll("ID", String(i));
  return s;
}
function chunks(text, size) {
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
function ours(pieces) {
  const p = new TagStreamParser();
  let n = 0;
  for (const c of pieces) n += p.write(c).length;
  return n + p.end().length;
}
/**
 * htmlparser2's own Parser in xmlMode on the same chunks, with handlers
 * that only count: no grammar work, no prose guard.
 */
function bare(pieces) {
  let n = 0;
  const p = new Parser(
    {
      onopentag: () => n++,
      onclosetag: () => n++,
      ontext: () => n++,
    },
    { xmlMode: true, decodeEntities: true },
  );
  for (const c of pieces) p.write(c);
  p.end();
  return n;
}
/**
 * htmlparser2's own Tokenizer in xmlMode, with callbacks that only count:
 * every character through its state machine, and nothing else (no tag
 * stack, no attribute objects, no text joining, no grammar, no prose
 * guard). Our parser is built on this Tokenizer and hands it the openers
 * and entities; the text between them it reads itself.
 */
function tokenizer(pieces) {
  let n = 0;
  const count = () => n++;
  const t = new Tokenizer(
    { xmlMode: true, decodeEntities: true },
    {
      onattribdata: count,
      onattribentity: count,
      onattribend: count,
      onattribname: count,
      oncdata: count,
      onclosetag: count,
      oncomment: count,
      ondeclaration: count,
      onend: count,
      onopentagend: count,
      onopentagname: count,
      onprocessinginstruction: count,
      onselfclosingtag: count,
      ontext: count,
      ontextentity: count,
    },
  );
  for (const c of pieces) t.write(c);
  t.end();
  return n;
}
function naive(pieces) {
  const xml = new XMLParser({ ignoreAttributes: false, processEntities: true });
  let acc = "";
  let n = 0;
  for (const c of pieces) {
    acc += c;
    try {
      n += Object.keys(xml.parse(acc)).length;
    } catch {
      // incomplete XML mid-stream: the naive approach just tries again next chunk
    }
  }
  return n;
}
function mbps(fn, pieces, bytes, minMs = 400) {
  fn(pieces); // warm up
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs || runs < 2) {
    fn(pieces);
    runs++;
  }
  const ms = (performance.now() - start) / runs;
  return bytes / (1024 * 1024) / (ms / 1000);
}

/** MB/s of each function, measured in turns (a, b, c, a, b, c, …), the median of `turns` each. */
function medianOfTurns(fns, pieces, bytes, turns = 5) {
  const runs = fns.map(() => []);
  for (let i = 0; i < turns; i++) for (const [k, fn] of fns.entries()) runs[k].push(mbps(fn, pieces, bytes, 250));
  return runs.map((xs) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]);
}

// The naive baseline is quadratic, so both run on the same 24 KiB answer.
const text = corpus(24 * 1024);
for (const size of [4, 64]) {
  const pieces = chunks(text, size);
  const a = mbps(ours, pieces, text.length);
  const b = mbps(naive, pieces, text.length);
  report("03-production-agent", `parser_mb_per_s_${size}b_chunks`, { input_kib: 24, ours: r2(a), naive_reparse: r2(b), ratio: r2(a / b) });
}
// Beside htmlparser2 on a 1 MiB answer: its Parser with counting handlers,
// and its bare Tokenizer.
for (const size of [4, 64]) {
  const mib = corpus(1024 * 1024);
  const pieces = chunks(mib, size);
  // One pass of each can land on a lucky or unlucky JIT state (single runs
  // here swung 2x between runs), so the three take turns, five times, and
  // each figure is its median.
  const [a, b, t] = medianOfTurns([ours, bare, tokenizer], pieces, mib.length);
  report("03-production-agent", `parser_vs_htmlparser2_parser_${size}b_chunks`, { input_kib: 1024, ours: r2(a), htmlparser2_parser: r2(b), ratio: r2(a / b) });
  report("10-performance-against-peers", `parser_vs_htmlparser2_tokenizer_${size}b_chunks`, {
    input_kib: 1024,
    ours: r2(a),
    htmlparser2_parser: r2(b),
    htmlparser2_tokenizer: r2(t),
    ours_vs_tokenizer: r2(a / t),
    parser_vs_tokenizer: r2(b / t),
  });
}
const big = corpus(1024 * 1024);
report("03-production-agent", "parser_mb_per_s_1mib_64b_chunks", { ours: r2(mbps(ours, chunks(big, 64), big.length)) });
// `node bench/agent.bench.mjs --parser` stops here: the figures above need no server.
if (process.argv.includes("--parser")) process.exit(0);

// Closing tag → board_event on a socket.
const sent = new Map();
const fake = await startFakeOpenAi(0, (i, t) => sent.set(i, t));
const server = await startLocalServer({
  port: 8792,
  state: ".wrangler/bench-agent",
  build: false,
  vars: { AGENT_PROVIDER: "openai", OPENAI_BASE_URL: `${fake.url}/v1`, OPENAI_API_KEY: "sk-bench-not-a-real-key-000000" },
});
try {
  const http = server.url;
  const headers = { "content-type": "application/json", origin: http };
  const signup = await fetch(`${http}/api/v1/auth/signup`, {
    method: "POST",
    headers,
    body: JSON.stringify({ email: `agent-${Date.now()}@reelroom.test`, password: "bench password 123", name: "Bench" }),
  });
  const cookie = signup.headers.get("set-cookie").split(";")[0];
  const auth = { ...headers, cookie };
  const project = (await (await fetch(`${http}/api/v1/projects`, { method: "POST", headers: auth, body: JSON.stringify({ name: "Bench" }) })).json()).project;
  const lat = [];
  for (let run = 0; run < 3; run++) {
    const episode = (
      await (
        await fetch(`${http}/api/v1/projects/${project.id}/episodes`, { method: "POST", headers: auth, body: JSON.stringify({ title: `Agent ${run}` }) })
      ).json()
    ).episode;
    const ws = new WebSocket(`${http.replace("http", "ws")}/api/v1/realtime?project=${project.id}&episode=${episode.id}`, {
      headers: { cookie, origin: http },
    });
    sent.clear();
    const done = new Promise((resolve) => {
      ws.onmessage = (e) => {
        const msg = JSON.parse(String(e.data));
        if (msg.type === "metadata")
          ws.send(JSON.stringify({ type: "chat_send", id: `go${run}`, payload: { text: "scenario:bench" }, timestamp: new Date().toISOString() }));
        if (msg.type === "board_event") {
          const i = Number(String(msg.payload.event.data.frame?.id ?? "").slice(1));
          const t0 = sent.get(i);
          if (t0 !== undefined) lat.push(performance.now() - t0);
        }
        if (msg.type === "agent_status" && ["completed", "failed"].includes(msg.payload.status)) resolve(msg.payload.status);
      };
    });
    const status = await done;
    ws.close();
    if (status !== "completed") throw new Error(`bench run ${status}`);
  }
  lat.sort((a, b) => a - b);
  report("03-production-agent", "closing_tag_to_board_event_ms", { samples: lat.length, p50: r2(percentile(lat, 50)), p99: r2(percentile(lat, 99)) });
} finally {
  server.stop();
  await fake.close();
}
