// `npm run evidence`: runs every proof (typecheck, unit and Workers-runtime
// tests, Playwright, benches) from real output and appends one row per
// capability to .buildprint/evidence/evidence-ledger.jsonl, copies the
// Playwright screenshots beside it and rewrites phase-runs/<id>/proof.md.
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { readCases } from "./test-reports.mjs";

const CAPABILITIES = [
  {
    id: "01-foundation",
    title: "Foundation: accounts, projects, members, episodes, health, audit, CI",
    tests: [/test\/workers\/(auth|projects|audit|health)\.test\.ts/, /test\/unit\/domain\.test\.ts/, /e2e\/first-run\.spec\.ts/],
    proves: [
      "test/workers/auth.test.ts: signup/login/logout/me, throttling (429 + Retry-After), same-origin, body limits, cookie flags, security headers",
      "test/workers/projects.test.ts: every project/member/episode route, refusals first (no session, revoked, wrong role, foreign ids, malformed)",
      "test/workers/audit.test.ts: each audited action and every denied access leaves a row",
      "test/workers/health.test.ts: real probes, degraded/down semantics, no secret in the body",
      "e2e/first-run.spec.ts: sign-up → project → episode → studio in Chromium at 1280 and 375 px, no console error, no serious axe violation",
      "bench/foundation.mjs: login p50/p95 vs an authenticated read; scripts/size.mjs: worker and SPA gzip sizes",
    ],
  },
  {
    id: "02-episode-room",
    title: "Episode room: authenticated realtime channel and event-sourced storyboard",
    tests: [/test\/workers\/realtime\.test\.ts/, /test\/unit\/(board-commands|room-core)\.test\.ts/, /e2e\/realtime\.spec\.ts/],
    proves: [
      "test/workers/realtime.test.ts: every pre-upgrade refusal (401, 400, 403 origin, 403 member, 404, 426), metadata, gapless seq, rejection changes nothing, dedupe by id across reconnects, viewer and demoted-editor refusals, bad/oversized/unknown messages, flood 1008, rate_limited, 4001 on logout and member removal, presence, resume, undo, rewind with dryRun",
      "test/unit/board-commands.test.ts: every command's rules; fast-check: any command sequence leaves a schema-valid board, accepted events replay to it, diffBoards(a, b) turns a into b",
      "test/unit/room-core.test.ts: log replay equals the board, failed writes change nothing, snapshot reload, dedupe TTL, undo across dependent edits; fast-check: rewind to any seq",
      "e2e/realtime.spec.ts: two tabs converge through edits, a dropped connection (with an edit made while away) and a reload; keyboard reorder, table view, undo, rewind preview",
      "bench/room.bench.mjs: command → every socket's board_event p50/p99 at 1, 10, 50 sockets and commands/s, each beside a bare echo room",
    ],
  },
  {
    id: "03-production-agent",
    title: "Production agent: streamed chat that edits the storyboard live, with stop, trace and recovery",
    tests: [/test\/unit\/(tag-parser|agent)\.test\.ts/, /test\/workers\/agent\.test\.ts/, /test\/workers-openai\//, /e2e\/agent\.spec\.ts/],
    proves: [
      "test/unit/tag-parser.test.ts: every CONTRACT 5 rule on a corpus (valid, malformed, unknown attributes, duplicates, open at end, depth, 64 KiB, 500 commands, entities, prose with < and &); fast-check: any chunking gives identical prose and commands, no input throws",
      "test/unit/agent.test.ts: prompt budget trims oldest chat then board detail, never grammar or latest; redaction incl. streamed text split anywhere; offline agent storyboards and follows edits; a run cut short by a restart is failed with its prose kept",
      "test/workers/agent.test.ts: frames applied while streaming, follow-up edit, busy, viewer refused, stop mid-stream (truncated, board consistent), run survives its sender's socket, regenerate, undo_run, trace route",
      "test/workers-openai/openai.test.ts: fake OpenAI-compatible server on loopback: 401 (plain, no retry), 429 (retried before first token), 500, timeout, mid-stream disconnect, Stop aborts upstream, planted secret absent from trace, messages, board and wire",
      "e2e/agent.spec.ts: frames appear while the answer streams; Stop mid-stream survives reload and matches a second tab; trace dialog; undo an answer",
      "bench/agent.bench.mjs: parser MB/s at 4 B and 64 B chunks vs fast-xml-parser re-parse; closing tag → board_event p50/p99",
    ],
  },
  {
    id: "04-media-jobs",
    title: "Media jobs: queued frame generation with an honest lifecycle, live progress and R2 manifests",
    tests: [
      /test\/unit\/jobs\.test\.ts/,
      /test\/workers\/(jobs|breaker)\.test\.ts/,
      /test\/workers-openai\/media\.test\.ts/,
      /test\/restart\//,
      /e2e\/media\.spec\.ts/,
    ],
    proves: [
      "test/unit/jobs.test.ts: every (status, action) pair of the lifecycle; the sketch card escapes all text; prompt composition with asset prompts",
      "test/workers/jobs.test.ts: generate through the real queue to success with artifact + manifest (checksum) in R2, ordered logs, provider record, plugin timings, progress never decreasing, queued→running→ready on the card; idempotency; roles and visibility; blocked without a key and retry; cancel final; 25 cancel-vs-finish races; two concurrent retries make one attempt; redelivery makes one success",
      "test/workers-openai/media.test.ts: a paid provider is blocked until the owner consents, then a retry renders a real PNG with a redacted provider record",
      "test/restart/durability.test.ts: job state, logs, artifact, manifest, board and chat read back after wrangler dev restarts on the same state",
      "test/workers/breaker.test.ts: the D1 circuit breaker opens after repeated failures, lets one half-open probe through, closes or re-opens, resets",
      "e2e/media.spec.ts: Generate shows a progress bar then the image; Cancel shows canceled and no image",
      "web/src/studio/Media.stories.tsx (npm run storybook): the overlay in each state",
      "bench/jobs.bench.mjs: 100 sketch jobs through the local queue: jobs/s, create→terminal p50/p99, plugin shares, beside the same output work done inline",
    ],
  },
  {
    id: "05-operations",
    title: "Operations console: live health, jobs, metrics stream and audit trail",
    tests: [/test\/workers\/ops\.test\.ts/, /e2e\/ops\.spec\.ts/],
    proves: [
      "test/workers/ops.test.ts: access (editor 403, owner scoped, admin all, providers admin-only), metrics against a seeded set (counts, mean 1050 / p95 1900 ms, success and error rates, running), agent runs and open sockets from the rooms, SSE framing with id/retry and Last-Event-ID, audit completeness across auth, members, consent, undo, rewind, agent start/stop, job create/cancel/retry/replay, CSV and JSONL exports",
      "e2e/ops.spec.ts: the /ops page shows health; KPIs and the chart change while a job runs, live over SSE",
      "bench/ops.bench.mjs: metrics snapshot p50/p95 with 100,000 jobs vs an authenticated read; the stream serving 50 clients (interval vs the 2 s target)",
      "npm run lint:placeholders: the placeholder gate CI runs",
    ],
  },
  {
    id: "06-production-room",
    title: "Room and jobs that hold in production: storage limits, revocation, throttling, sweeps, a room testable without workerd",
    tests: [
      /test\/unit\/(room|room-core|tag-parser|tag-parser-conformance)\.test\.ts/,
      /test\/workers\/(throttle|jobs-sweep|realtime|auth|audit)\.test\.ts/,
      /test\/restart\//,
    ],
    proves: [
      "test/unit/room.test.ts: a board at the contract's bounds (500 frames with every field at its maximum, 200 assets, 100 beats, a 200,000-char script) through the socket, rewound to 0, the rewind undone and replayed, on the real SQL store over node:sqlite that refuses rows over 2 MB as production does; revocation that a client ignoring the close frame cannot get around; 10 sockets and 40 messages/s per person; prose so far in metadata; an interrupted run failed with its reason, every applied command traced, exactly the prose clients got",
      "test/workers/throttle.test.ts and auth.test.ts: 50 parallel guesses check at most 5 passwords; a right password inside a locked burst is refused; a success clears only failures before it",
      "test/workers/audit.test.ts: anonymous denials counted per minute, not one row each; request ids made by the server; the artifact route keeps its strict CSP",
      "test/workers/jobs-sweep.test.ts and test/restart/stranded-jobs.test.ts: lost pending jobs re-sent, silent running attempts failed as retryable and retried; killed mid-batch, every job terminal or re-run",
      "test/unit/tag-parser*.test.ts: identical output for every chunking, also when the stream ends inside an opener; a malformed end tag rejects its tag; the W3C XML conformance suite at chunk sizes 1, 3, 64 and whole",
      "bench/bounds.bench.mjs: edit latency on a bounds-size board against an empty board, in the same run",
    ],
  },
  {
    id: "07-storyboard-studio",
    title:
      "A storyboard-first studio: the board as the main view at every width, cards that lead with the shot, a frame detail view, a shot list with timecodes, drag and drop, multi-select, aspect ratio, media that never goes backwards, honest connection state, readable history, editable cast and beats, an ops console in names",
    tests: [
      /test\/unit\/(sketch|sketch-text|camera|frame-media|running-time|board-commands|studio-model|realtime|connection-state|history|cast-form|beats-form|ops-words)\.test\.ts/,
      /test\/workers\/(jobs|history|ops)\.test\.ts/,
      /e2e\/(studio|media|history|connection|cast|realtime|ops|polish)\.spec\.ts/,
    ],
    proves: [
      "e2e/studio.spec.ts: at 1440×900 the first frame is in view while the agent's first answer is still being written (chat_send → first frame on screen printed as FIRST_FRAME_ON_SCREEN_MS); cards show action and dialogue; a card dragged by mouse lands where it was dropped; Shift picks a range; 9:16 makes cards and renders portrait; at 375×812 the chat is one tap away",
      "e2e/media.spec.ts: one #progress-bar and one #plugin-inspector in the frame's detail view, none on cards; a canceled first render leaves the sketch and Retry renders; a canceled re-render keeps the last good image",
      "e2e/connection.spec.ts, test/unit/realtime.test.ts: offline or a silent socket shows Reconnecting within 10 s, an edit made meanwhile is counted ('1 change waiting') and arrives once",
      "e2e/history.spec.ts, test/workers/history.test.ts: after a reload Undo names the last change and undoes it; Rewind picks a step from a list with a preview in correct words",
      "e2e/cast.spec.ts, test/unit/cast-form.test.ts, test/unit/beats-form.test.ts: empty or invalid cast and beats are explained beside the field; edits reach the other tab",
      "e2e/ops.spec.ts, test/workers/ops.test.ts: the console names people, episodes and shots; saved views; replay from an audit entry",
      "test/unit/studio-model.test.ts: the pure studio state (camera chips, shot list timecodes, batch targets, drop → move_frame through the room's reducer, selection, live jobs, chat log)",
      "test/unit/sketch.test.ts: every shot size, angle and movement renders differently; each aspect's panel ratio; stable character colours",
      "scripts/contact-sheet.mjs: .buildprint/evidence/screens/11-sketch-contact-sheet.png, every size, angle, movement and aspect",
    ],
  },
  {
    id: "08-deliverables",
    title:
      "Deliverables: the animatic with a video saved in the browser, PDF/CSV/ZIP exports as jobs, review links for people without an account, comments and approvals live in the studio, the agent applying reviewers' notes",
    tests: [
      /test\/unit\/(animatic|comments|review-room|comments-store|exports|offline-notes)\.test\.ts/,
      /test\/workers\/(review|exports|notes)\.test\.ts/,
      /e2e\/(animatic|exports|review)\.spec\.ts/,
    ],
    proves: [
      "e2e/animatic.spec.ts: the animatic plays Shot 1 → 2 → 3 with its timecode, pauses, steps, loops; the saved MP4's duration equals the running time; cancel stops a long save; without WebCodecs the save says why",
      "e2e/exports.spec.ts, test/workers/exports.test.ts: PDF (page count per layout, every shot label and dialogue line, CJK title), CSV (parsed, formulas neutralised) and ZIP (shot order, manifest) downloaded and read back; cancel leaves nothing in R2",
      "e2e/review.spec.ts, test/workers/review.test.ts: a fresh browser with no account comments and approves through a review link and both appear live in the studio; revoking closes its socket (4001) and the link answers the same 404 as an unknown one; reviewers never receive chat and may send only ping, frame_review and comment_add",
      "test/workers/notes.test.ts, test/unit/offline-notes.test.ts, e2e/review.spec.ts: 'apply the notes' runs the agent on the open comments of the picked frames, scoped to them; it resolves only the notes it acted on and names the ones it left",
      "bench/exports.bench.mjs: a 30-frame PDF and ZIP export against a CSV of the same board, with sizes",
      ".buildprint/evidence/screens/18-pdf-page-*.png: the PDF's title page and first panel page",
    ],
  },
  {
    id: "09-agent-that-does-what-was-asked",
    title: "An agent that does what was asked: every clause applied or named, screenplay breakdown, edit and continue, scoped runs, reset",
    tests: [
      /test\/unit\/(offline-agent|offline-agent-table|agent|continuity|costs)\.test\.ts/,
      /test\/workers\/(agent|budget)\.test\.ts/,
      /test\/workers-(openai|ai)\//,
      /e2e\/(agent|costs)\.spec\.ts/,
    ],
    proves: [
      "test/unit/offline-agent-table.test.ts: 86 instructions (compound ones included) through the real parser and commands, each with the exact board it must give",
      "test/workers/agent.test.ts: regenerate after Stop reverts first (nothing doubles), chat_edit redoes the last message and hides the old answer, a scoped message changes only its frames, reset by the owner who types the title and a rewind back",
      "test/workers-openai/openai.test.ts: a model cut off at its length limit ends completed with cutOff and chat_continue resumes without repeating; a model's habits (fenced XML, tags in list items, single quotes, a summary) apply",
      "e2e/agent.spec.ts: 'make shot 3 a close-up and add a shot of the barista smiling at the end' makes shot 3 a CU and adds the smiling barista last; picked shots scope a message, the last message is edited, the owner resets and Undo brings it back",
      "test/unit/continuity.test.ts, e2e/costs.spec.ts: continuity findings (unattached, undescribed, no camera or length, jump cuts, running time off target) listed and linked to their cards",
      "test/unit/costs.test.ts, test/workers/budget.test.ts: estimates before a paid batch; a paid job past the project's budget is blocked with that reason",
      "test/workers-ai/workers-ai.test.ts: both Workers AI providers against a fake AI binding (streamed text applied as frames, errors without internals, an image job after consent)",
    ],
  },
  {
    id: "10-performance-against-peers",
    title:
      "Performance against peers: the room beside the Agents SDK, Yjs and bare fan-out rooms on one workload; big boards; the parser's real limit; a lighter SPA",
    tests: [/test\/unit\/hibernated-socket\.test\.ts/, /test\/unit\/tag-parser\.test\.ts/],
    proves: [
      "bench/peers.bench.mjs: boards of 20 and 200 frames, one mixed edit stream, 1/10/50 watching sockets: bytes per edit per client, edit → all sockets p50/p99, edits/s and join bytes for the room, the Agents SDK (Agent + setState), Yjs (y-partyserver) and bare and durable fan-out rooms, with ratios",
      "bench/bounds.bench.mjs: edit latency and edits/s on a board at the contract's bounds against an empty board; metadata bytes and time for the 500-frame board",
      "bench/agent.bench.mjs: the tag parser beside htmlparser2's Parser and its bare Tokenizer at 4 B and 64 B chunks",
      "bench/room.bench.mjs: the old echo, a bare fan-out and a durable fan-out at 50 sockets, which is why the echo looked slower than the room",
      "test/unit/hibernated-socket.test.ts: the parsed session is kept per socket, written through on every change, and cannot drift from the attachment",
      "scripts/size.mjs: the SPA's initial JS and the JS the studio needs before the board shows",
      "docs/performance.md: the method, the table and where the time goes",
    ],
  },
  {
    id: "11-pictures",
    title: "Pictures a storyboard artist can trust: uploads, drawings and renders as kept revisions, out-of-date marks, sketches that show the subject",
    tests: [
      /test\/unit\/(frame-media|picture-basis|event-versions|sketch[^/]*|draw-strokes|image-sniff)\.test\.ts/,
      /test\/workers\/uploads\.test\.ts/,
      /e2e\/(pictures|drawing)\.spec\.ts/,
    ],
    proves: [
      "test/unit/event-versions.test.ts: a committed version-1 episode (36 events from the v1 worker's SQLite) replays through the upcasters into the board the v1 worker served, pictures as revisions",
      "test/unit/frame-media.test.ts, picture-basis.test.ts: renders, uploads and drawings as revisions (kept, picked, removed, at most 20), a failed or canceled re-render leaves the shown one; out of date names what changed",
      "test/workers/uploads.test.ts: every upload refusal first (type by bytes, size, dimensions, SVG, quota, roles), nothing stored on a refusal; revisions through undo, rewind and a canceled re-render",
      "test/unit/sketch-subject.test.ts: a sentence for every place kind and every prop, read into the scene description; every named person drawn, cast or not; hands from the front in a close-up of hands; a blank frame is an empty panel",
      "test/unit/sketch-picture.test.ts: the stored SVG is the panel at the episode's aspect with no <text> and none of the frame's words outside its <title>, the alt text; hostile text stays escaped",
      "test/unit/sketch.test.ts: shot size, angle and movement shape the composition; deterministic bytes; no file in worker/sketch over 500 lines, no import cycle",
      "e2e/pictures.spec.ts, e2e/drawing.spec.ts: upload by picking, dropping and pasting; draw with mouse and touch; older revisions; out of date after a camera change; approved an earlier version",
      "bench/uploads.bench.mjs, bench/sketch.bench.mjs: upload → 10 sockets against a plain R2 put; sketch render per frame against the previous renderer",
      ".buildprint/evidence/screens/11-*.png: the contact sheet of every place and prop, the studio and the drawing surface at 1440×900 and 375×812",
    ],
  },
  {
    id: "13-agent-partner",
    title:
      "The agent as a director's partner: phrasings understood from tables, proposals to accept or reject, a Stop that keeps its word, notes as data, providers and keys per project",
    tests: [
      /test\/unit\/(offline-agent-examples|offline-agent-storyboard|offline-notes|request-extras|agent-runs|agent-runs-room|proposals|room-proposals|proposal-ghosts|keystore|provider-settings)\.test\.ts/,
      /test\/workers\/(agent|notes|proposals)\.test\.ts/,
      /test\/workers-openai\/providers\.test\.ts/,
      /e2e\/(agent|agent-runs|proposals|settings)\.spec\.ts/,
    ],
    proves: [
      "test/unit/offline-agent-examples.test.ts: one test per row of the intent tables (worker/agent/offline/intents/*.examples.ts), each through the real tag parser and tryCommand, the board change exact and the reply free of tags, ids and variable names; npm test prints the count",
      "test/unit/offline-agent-storyboard.test.ts, request-extras.test.ts: Regenerate's takes differ and each is stable; only an owner is told where to connect a model",
      "test/unit/agent-runs.test.ts, agent-runs-room.test.ts, test/workers/agent.test.ts: the split run modules; clear_frames and its undo; Stop during start over leaves the board untouched, a finished one replaces it in one step; the reply counted from the events",
      "test/unit/offline-notes.test.ts, test/workers/notes.test.ts: notes travel as {commentId, frameId, text} records; two shots labelled 2A each get their own note",
      "test/unit/proposals.test.ts, room-proposals.test.ts, test/workers/proposals.test.ts: a suggest run lands as a live proposal; decide applies accepted changes as one undoable event, a removed shot's change reported; proposals survive a restart",
      "test/unit/keystore.test.ts, provider-settings.test.ts, test/workers-openai/providers.test.ts: AES-GCM round trip, wrong key and tampering refused; a project's key and base URL reach the fake server and no other project's run uses them; keys never in responses, traces or audit; owners only",
      "e2e/agent-runs.spec.ts, proposals.spec.ts, settings.spec.ts: Stop during start over, notes on twin labels, a proposal accepted in part and one whose shot was removed, an owner connecting the fake OpenAI server; e2e/support.ts fails any studio page that shows a tag, an id or a variable name",
    ],
  },
  {
    id: "14-hardening",
    title:
      "Holding under abuse: strict messages and a bounded audit, server-issued reviewers, the review token out of URLs, export caps, an ack for every refusal, comments that follow their frame, logins per client, atomic budgets",
    tests: [
      /test\/unit\/(room-audit|audit-export|review-room|comments-follow-frames|person-text)\.test\.ts/,
      /test\/workers\/(audit-room|review|export-caps|realtime|login-devices|budget)\.test\.ts/,
      /e2e\/review\.spec\.ts/,
    ],
    proves: [
      "test/unit/room-audit.test.ts, test/workers/audit-room.test.ts: an unknown key in any payload or envelope is a bad message and audits nothing; 40 chat_continue with a 1 MB junk field leave no row over 4 KiB; a 10,050-row audit export streams in pages",
      "test/unit/review-room.test.ts, test/workers/review.test.ts: 2,030 reviewer verdicts cannot push out the team's 5 approvals; a note only where the link allows comments; 50 reviewers a link; the reviewer id issued by the server in an HttpOnly cookie",
      "e2e/review.spec.ts: the review page trades its token for a cookie, its address loses the token, no later request carries it in its URL or Referer",
      "test/workers/export-caps.test.ts: 2 running and 10 waiting per episode, a burst cannot pass the cap, the 13th gets 429 in words",
      "test/workers/realtime.test.ts: every refused message with an id gets its one ack, the rate limit included",
      "test/unit/comments-follow-frames.test.ts, person-text.test.ts: a removed frame's comments leave and come back with undo; bidi overrides and zero-width characters stripped alike in every person-written text",
      "test/workers/login-devices.test.ts, budget.test.ts: five failures lock one client, not the account; a known browser keeps signing in; two paid jobs started together cannot pass the budget",
    ],
  },
];

const sh = (cmd, args, opts = {}) => spawnSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20, ...opts });
const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
const dirty = execFileSync("git", ["status", "--porcelain"], { encoding: "utf8" }).trim() !== "";
mkdirSync("reports", { recursive: true });

console.log("evidence: typecheck");
const typecheck = sh("npx", ["tsc", "-b"]);
console.log("evidence: unit tests");
sh("npx", ["vitest", "run", "--config", "vitest.unit.config.ts", "--reporter=json", "--outputFile=reports/vitest-unit.json"]);
console.log("evidence: Workers-runtime tests");
sh("npx", ["vitest", "run", "--config", "vitest.workers.config.ts", "--reporter=json", "--outputFile=reports/vitest-workers.json"]);
console.log("evidence: restart durability test");
sh("npx", ["vitest", "run", "--config", "vitest.restart.config.ts", "--reporter=json", "--outputFile=reports/vitest-restart.json"]);
console.log("evidence: Playwright");
sh("npx", ["playwright", "test"], { env: { ...process.env, CI: "true" } });
// The exported PDF's title page and first panel page, as images, where poppler's pdftoppm is installed.
if (existsSync("test-results/exports/storyboard.pdf") && sh("sh", ["-c", "command -v pdftoppm"]).status === 0) {
  mkdirSync(".buildprint/evidence/screens", { recursive: true });
  sh("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "2", "test-results/exports/storyboard.pdf", ".buildprint/evidence/screens/18-pdf-page"]);
}
console.log("evidence: sketch contact sheet");
sh("node", ["scripts/contact-sheet.mjs"]);
console.log("evidence: benches");
// The rows below carry the figures, so the bench run itself writes no ledger row.
const bench = sh("node", ["bench/run.mjs"], { env: { ...process.env, BENCH_LEDGER: "0" } });
const figures = bench.stdout
  .split("\n")
  .filter((l) => l.startsWith("BENCH "))
  .map((l) => JSON.parse(l.slice(6)));

const all = readCases();
mkdirSync(".buildprint/evidence/screens", { recursive: true });
if (existsSync("test-results/screens")) {
  for (const f of readdirSync("test-results/screens")) copyFileSync(`test-results/screens/${f}`, `.buildprint/evidence/screens/${f}`);
}
const at = new Date().toISOString();
for (const cap of CAPABILITIES) {
  const mine = all.filter(([file]) => cap.tests.some((re) => re.test(file)));
  const row = {
    id: cap.id,
    at,
    commit: dirty ? `${commit}+dirty` : commit,
    command: "npm run evidence",
    proofs: [...new Set(mine.map(([f]) => f))],
    typecheck: typecheck.status === 0 ? "pass" : "fail",
    passed: mine.filter(([, s]) => s === "passed").length,
    failed: mine.filter(([, s]) => s !== "passed" && s !== "skipped" && s !== "pending").length,
    figures: Object.fromEntries(figures.filter((f) => f.capability === cap.id).map(({ capability, name, ...rest }) => [name, rest])),
    screens: existsSync(".buildprint/evidence/screens") ? readdirSync(".buildprint/evidence/screens") : [],
  };
  appendFileSync(".buildprint/evidence/evidence-ledger.jsonl", `${JSON.stringify(row)}\n`);
  mkdirSync(`.buildprint/phase-runs/${cap.id}`, { recursive: true });
  writeFileSync(
    `.buildprint/phase-runs/${cap.id}/proof.md`,
    `# ${cap.id}: ${cap.title}\n\nLast run ${at} on ${row.commit}: ${row.passed} passed, ${row.failed} failed, typecheck ${row.typecheck}.\n\nWhat proves it:\n${cap.proves.map((p) => `- ${p}`).join("\n")}\n\nRe-run: \`npm run evidence\` (all proofs, appends to the ledger), or \`npm test\` and \`npm run bench\`.\n`,
  );
  console.log(`${cap.id}: ${row.passed} passed, ${row.failed} failed, figures ${Object.keys(row.figures).join(", ") || "none"}`);
}
