// A fake OpenAI-compatible /chat/completions server on loopback, for tests
// and benches only. The last user message picks the scenario ("scenario:401",
// "scenario:slow", …); GET /__log lists what each request saw, including
// whether the client aborted it, the path it was sent to and the model named.
// The images API answers generations and edits (the reference pictures of a
// render, CONTRACT 12) with a real PNG.
import { createHash } from "node:crypto";
import { createServer } from "node:http";

const ANSWER = 'Here you go. <frame op="add" id="fa" title="From the fake"/> More prose. <frame op="add" id="fb" title="Second"/> Done.';

/** @param onTag called with the time each "bench" chunk that closes a tag is written */
export async function startFakeOpenAi(port = 0, onTag = () => {}) {
  const log = [];
  const server = createServer(async (req, res) => {
    if (req.method === "GET" && req.url === "/__log") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(log));
      return;
    }
    if (req.method === "POST" && req.url === "/__reset") {
      log.length = 0;
      res.end("{}");
      return;
    }
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks);
    const body = raw.toString("utf8");
    // A real 1x1 PNG, so the stored artifact is a genuine image.
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    // Any base path: a project's own server may sit under one (CONTRACT 14).
    if (req.url.endsWith("/images/generations")) {
      let model;
      try {
        model = JSON.parse(body).model;
      } catch {
        // no model named
      }
      log.push({ scenario: "images", auth: req.headers.authorization ?? "", url: req.url, model, aborted: false, at: Date.now() });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ data: [{ b64_json: png }] }));
      return;
    }
    if (req.url.endsWith("/images/edits")) {
      // Multipart, as OpenAI takes it: the reference images are `image[]` parts. The log keeps
      // what each part was (name, type, size and the SHA-256 of its bytes) so a test can match them.
      const form = await new Request("http://fake/", { method: "POST", headers: { "content-type": req.headers["content-type"] ?? "" }, body: raw }).formData();
      const images = [];
      for (const part of form.getAll("image[]")) {
        const bytes = new Uint8Array(await part.arrayBuffer());
        images.push({ filename: part.name, type: part.type, size: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex") });
      }
      log.push({
        scenario: "images-edits",
        auth: req.headers.authorization ?? "",
        aborted: false,
        at: Date.now(),
        model: form.get("model"),
        prompt: form.get("prompt"),
        images,
      });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ data: [{ b64_json: png }] }));
      return;
    }
    let last = "";
    try {
      const msgs = JSON.parse(body).messages ?? [];
      last = msgs.filter((m) => m.role === "user").at(-1)?.content ?? "";
    } catch {
      // keep last empty
    }
    let model;
    try {
      model = JSON.parse(body).model;
    } catch {
      // no model named
    }
    // A message names the scenario; a connection test, whose message is fixed, names it as the model.
    const scenario = (last.match(/scenario:([a-z0-9-]+)/) ?? String(model ?? "").match(/^scenario:([a-z0-9-]+)$/))?.[1] ?? "ok";
    const entry = { scenario, auth: req.headers.authorization ?? "", url: req.url, model, aborted: false, at: Date.now() };
    log.push(entry);
    res.on("close", () => {
      if (!res.writableEnded) entry.aborted = true;
    });
    const sse = (content, finish_reason = null) => `data: ${JSON.stringify({ choices: [{ delta: { content }, finish_reason }] })}\n\n`;
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    switch (scenario) {
      case "401":
        res.writeHead(401, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${entry.auth}` } }));
        return;
      case "429":
        res.writeHead(429, { "content-type": "application/json", "retry-after": "1" });
        res.end("{}");
        return;
      case "500":
        res.writeHead(500);
        res.end("boom");
        return;
      case "timeout":
        // Never answers; the client's timeout must fire.
        return;
      default:
        break;
    }
    res.writeHead(200, { "content-type": "text/event-stream" });
    if (scenario === "bench") {
      // One frame tag per chunk, 25 ms apart, each timed as it leaves.
      res.write(sse("Laying out the frames. "));
      for (let i = 0; i < 40; i++) {
        await sleep(25);
        if (res.destroyed) return;
        res.write(sse(`<frame op="add" id="b${i}" title="Bench ${i}"/> `));
        onTag(i, performance.now());
      }
      res.write("data: [DONE]\n\n");
      res.end();
      return;
    }
    if (scenario === "length") {
      // A model that hits its output limit mid-answer, after one whole tag and inside another.
      for (const piece of ['Starting. <frame op="add" id="fa" title="From the fake"/> Next: ', '<frame op="add" id="fb" ti']) res.write(sse(piece));
      res.write(sse("", "length"));
      res.write("data: [DONE]\n\n");
      res.end();
      return;
    }
    // How real models write: tags fenced as XML, tags in list items, single-quoted attributes, a summary at the end.
    const HABITS = [
      'Sure! Here is the plan:\n\n```xml\n<frame op="add" id="h1" title=\'Single quoted\' camera="WS"/>\n```\n\n',
      '- <frame op="add" id="h2" title="In a list item"><action>Mia waves</action></frame>\n',
      "- Then <format aspect='9:16'/>\n\n**Summary:** two shots added, and the episode is vertical now.",
    ].join("");
    const text =
      scenario === "habits"
        ? HABITS
        : scenario === "dup"
          ? 'Try: <frame op="update" id="fa" camera="WS"/> now add <frame op="add" id="fa" title="A"/> then <frame op="update" id="fa" camera="WS"/> again <frame op="update" id="fa" camera="WS"/> done'
          : scenario === "leak"
            ? `Your key is ${entry.auth.replace(/^Bearer /, "")} and your header was ${entry.auth}. <frame op="add" id="leak" title="key ${entry.auth.replace(/^Bearer /, "")}"/> ok`
            : ANSWER;
    const pieces = text.match(/.{1,6}/gs) ?? [];
    for (let i = 0; i < pieces.length; i++) {
      if (res.destroyed) return;
      if (scenario === "drop" && i === Math.floor(pieces.length * 0.6)) {
        req.socket.destroy();
        return;
      }
      res.write(sse(pieces[i]));
      await sleep(scenario === "slow" ? 60 : 2);
    }
    res.write("data: [DONE]\n\n");
    res.end();
  });
  await new Promise((r) => server.listen(port, "127.0.0.1", r));
  // Never keeps the test process alive on its own.
  server.unref();
  const address = server.address();
  return { url: `http://127.0.0.1:${address.port}`, log, close: () => new Promise((r) => server.close(r)) };
}
