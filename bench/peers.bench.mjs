// Reelroom's room against what a team would otherwise build on, in one
// workerd, one run, one workload (bench/peers/workload.ts):
//   room   the EpisodeRoom through the real worker (session, Origin, roles,
//          validation, the SQLite event log);
//   agents the Cloudflare Agents SDK: an Agent whose state is the board,
//          edited with setState from @callable methods (bench/peers/board-agent.ts);
//   yjs    Yjs through y-partyserver's YServer on a hibernating Durable
//          Object, frames a Y.Array of Y.Maps (bench/peers/y-board.ts);
//   bare   a hibernating Durable Object that only fans each message out, sent
//          messages of exactly the room's board_event size (bench/peers/fanout-room.ts).
// Boards of 20 and 200 frames; 1, 10 and 50 watching sockets plus one writer.
// Writers use each system's own client (AgentClient, YProvider with a Y.Doc,
// a socket speaking the room's protocol); watchers are plain sockets that
// time each edit's message as it arrives, so no client's decoding is counted.
import { AgentClient } from "agents/client";
import YProvider from "y-partyserver/provider";
import * as Y from "yjs";
import { startLocalServer } from "../scripts/local-server.mjs";
import { benchUser, roomSocketUrl } from "./app-api.mjs";
import { writeBenchConfig } from "./bench-config.mjs";
import { percentile, r2, report } from "./lib.mjs";
import { EditStream, initialFrames, toCommand } from "./peers/workload.ts";
import { framesOf, yApply, ySeed } from "./peers/y-edits.ts";

// Every YProvider and AgentClient registers an exit handler in Node; 60 clients are not a leak.
process.setMaxListeners(100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const BOARDS = (process.env.BENCH_BOARDS ?? "20,200").split(",").map(Number);
const SOCKETS = [1, 10, 50];
const WRITERS = 10; // throughput: each writer owns a tenth of the board
const PER_WRITER = 20; // the room allows 20 messages a second per socket
const PACE_MS = 55;
const PEERS = ["agents", "yjs"]; // latency rounds stay under that limit, for every system alike
const CAP = "10-performance-against-peers";
/** Figures of a peer that stopped delivering are null, never 0 or Infinity. */
const whole = (x) => (Number.isFinite(x) ? Math.round(x) : null);
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? r2(a / b) : null);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function within(ms, promise, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

const byteLength = (data) => (typeof data === "string" ? Buffer.byteLength(data) : data.byteLength);

/** Which messages carry an edit, per system. */
const IS_EDIT = {
  room: (d) => typeof d === "string" && d.startsWith('{"type":"board_event"'),
  agents: (d) => typeof d === "string" && d.includes('"type":"cf_agent_state"'),
  // y-protocols: messageSync (0), then messageYjsUpdate (2).
  yjs: (d) => typeof d !== "string" && new Uint8Array(d)[0] === 0 && new Uint8Array(d)[1] === 2,
  bare: () => true,
  durable: () => true,
};

/**
 * A WebSocket that counts what it receives and hands each message to
 * listeners before anyone else sees it. `arrive` is set per message.
 */
class Tap {
  constructor(ws) {
    this.ws = ws;
    this.bytes = 0;
    this.listeners = new Set();
    ws.binaryType = "arraybuffer";
    ws.addEventListener("message", (e) => {
      const at = performance.now();
      const n = byteLength(e.data);
      this.bytes += n;
      for (const l of [...this.listeners]) l(e.data, n, at);
    });
  }
  /** Resolves with {at, bytes} for the next message matching `pred`. */
  next(pred) {
    return new Promise((resolve) => {
      const l = (data, n, at) => {
        if (!pred(data)) return;
        this.listeners.delete(l);
        resolve({ at, bytes: n });
      };
      this.listeners.add(l);
    });
  }
  /** Resolves once `count` messages matching `pred` have arrived. */
  count(pred, count) {
    return new Promise((resolve) => {
      let left = count;
      const l = (data) => {
        if (pred(data) && --left === 0) {
          this.listeners.delete(l);
          resolve(performance.now());
        }
      };
      this.listeners.add(l);
    });
  }
}

function openTap(url, headers) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, headers ? { headers } : undefined);
    const tap = new Tap(ws);
    ws.addEventListener("open", () => resolve(tap), { once: true });
    ws.addEventListener("error", () => reject(new Error(`cannot open ${url}`)), { once: true });
  });
}

/** A WebSocket class for the SDKs' own clients that taps every socket they open. */
function tappingSocket(onTap) {
  return class extends WebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      onTap(new Tap(this));
    }
  };
}

const server = await startLocalServer({ port: 8795, state: ".wrangler/bench-peers", build: false, config: writeBenchConfig() });
const http = server.url;
const host = new URL(http).host;
const wsBase = http.replace("http", "ws");

try {
  // ---- Reelroom: people, a project, one episode per board ------------------
  const origin = http;
  const owner = await benchUser(http, "peers");
  const project = await owner.project("Peers");
  // One person per socket: a person may hold 10 sockets in an episode and send
  // 40 messages a second (CONTRACT 3), so every watcher and writer is somebody.
  const people = [owner, ...(await owner.editors(project.id, "peers", 60))];
  const roomSocket = (episodeId, person) => openTap(roomSocketUrl(http, project.id, episodeId), { cookie: person.cookie, origin });

  /** Sends room commands on `tap` and fails loudly on any refusal. */
  function roomWriter(tap, prefix) {
    let n = 0;
    tap.listeners.add((d) => {
      if (typeof d === "string" && d.startsWith('{"type":"ack"') && d.includes('"ok":false')) tap.refused = d.slice(0, 300);
    });
    return (edit) => {
      if (tap.refused) throw new Error(`room refused a command: ${tap.refused}`);
      tap.ws.send(JSON.stringify({ type: "board_command", id: `${prefix}${++n}`, payload: { command: toCommand(edit) }, timestamp: new Date().toISOString() }));
    };
  }

  // ---- the systems: each can make a writer, watchers and a joiner ----------
  const systems = {
    room: async (frames) => {
      const episode = await owner.episode(project.id, `Peers ${frames}`);
      // Seed through ten people at once, 20 commands each (their rate limits).
      const seeders = await Promise.all(people.slice(1, 11).map((p) => roomSocket(episode.id, p)));
      const all = initialFrames(frames);
      const done = seeders[0].count(IS_EDIT.room, frames);
      const seed = seeders.map((tap, k) => roomWriter(tap, `seed${k}-`));
      for (const [i, frame] of all.entries()) seed[i % 10]({ op: "add", after: undefined, frame });
      await within(30_000, done, "seeding the room");
      for (const s of seeders) s.ws.close();
      await sleep(1100); // a fresh rate window for those people
      const writerTap = await roomSocket(episode.id, people[0]);
      return {
        write: roomWriter(writerTap, "w"),
        watcher: (k) => roomSocket(episode.id, people[11 + (k % 50)]),
        join: async () => {
          const t0 = performance.now();
          const tap = await roomSocket(episode.id, people[60]);
          const first = await within(
            30_000,
            tap.next(() => true),
            "room metadata",
          );
          tap.ws.close();
          return { bytes: first.bytes, ms: first.at - t0 };
        },
        writers: async (n) => {
          await sleep(1100);
          const taps = await Promise.all(people.slice(1, 1 + n).map((p) => roomSocket(episode.id, p)));
          return taps.map((tap, k) => ({ tap, write: roomWriter(tap, `t${k}-`) }));
        },
        close: () => writerTap.ws.close(),
      };
    },

    agents: async (frames) => {
      const name = `board-${frames}-${Date.now()}`;
      /** An AgentClient whose edits are RPC calls; a call still answering when the client closes is not a failure. */
      const agentClient = async () => {
        let tap;
        let closed = false;
        const c = new AgentClient({ agent: "BoardAgent", name, host, WebSocket: tappingSocket((t) => (tap = t)) });
        await within(30_000, c.ready, "agent client ready");
        return {
          c,
          tap,
          write: (edit) =>
            c.call("edit", [edit]).catch((err) => {
              if (!closed) console.error("agent edit failed", err);
            }),
          destroy: () => {
            closed = true;
            c.close();
          },
        };
      };
      const writer = await agentClient();
      await writer.c.call("seed", [initialFrames(frames)]);
      return {
        write: writer.write,
        watcher: () => openTap(`${wsBase}/agents/board-agent/${name}`),
        join: async () => {
          const t0 = performance.now();
          let tap;
          const held = new Promise((resolve) => {
            const c = new AgentClient({
              agent: "BoardAgent",
              name,
              host,
              WebSocket: tappingSocket((t) => (tap = t)),
              onStateUpdate: (state) => state?.frames?.length && resolve(c),
            });
          });
          const c = await within(30_000, held, "agent state on join");
          const out = { bytes: tap.bytes, ms: performance.now() - t0 };
          c.close();
          return out;
        },
        writers: async (n) => Promise.all(Array.from({ length: n }, agentClient)),
        close: writer.destroy,
      };
    },

    yjs: async (frames) => {
      const room = `board-${frames}-${Date.now()}`;
      const provider = (doc) => {
        let tap;
        const p = new YProvider(host, room, doc, { party: "y-board", WebSocketPolyfill: tappingSocket((t) => (tap = t)), disableBc: true });
        return { p, tap: () => tap };
      };
      const synced = (p) => (p.synced ? Promise.resolve() : new Promise((resolve) => p.once("synced", resolve)));
      const doc = new Y.Doc();
      const writer = provider(doc);
      await within(30_000, synced(writer.p), "yjs writer sync");
      ySeed(doc, initialFrames(frames));
      return {
        write: (edit) => yApply(doc, edit),
        watcher: () => openTap(`${wsBase}/parties/y-board/${room}`),
        join: async () => {
          const t0 = performance.now();
          const d = new Y.Doc();
          const j = provider(d);
          await within(30_000, synced(j.p), "yjs join sync");
          const out = { bytes: j.tap().bytes, ms: performance.now() - t0, frames: framesOf(d).length };
          j.p.destroy();
          return out;
        },
        writers: async (n) =>
          Promise.all(
            Array.from({ length: n }, async () => {
              const d = new Y.Doc();
              const w = provider(d);
              await within(30_000, synced(w.p), "yjs writer sync");
              return { tap: w.tap(), write: (edit) => yApply(d, edit), destroy: () => w.p.destroy() };
            }),
          ),
        close: () => writer.p.destroy(),
      };
    },
  };

  /** The bare fan-out room, replaying the room's message sizes. */
  async function bare(tag) {
    const url = `${wsBase}/bench/fanout?room=${tag}-${Date.now()}-${Math.random()}`;
    const writerTap = await openTap(url);
    return {
      send: (bytes) => writerTap.ws.send("x".repeat(bytes)),
      watcher: () => openTap(url),
      close: () => writerTap.ws.close(),
    };
  }

  /** Rounds of one edit each, paced; every watcher's arrival and bytes for each. */
  async function rounds(watchers, isEdit, send) {
    const lat = [];
    const bytes = [];
    for (let i = 0; i < ROUNDS; i++) {
      await sleep(PACE_MS);
      const arrivals = watchers.map((w) => w.next(isEdit));
      const t0 = performance.now();
      send(i);
      for (const a of await within(20_000, Promise.all(arrivals), `round ${i}`)) {
        lat.push(a.at - t0);
        bytes.push(a.bytes);
      }
    }
    return { lat, bytes };
  }

  const stats = (xs) => {
    const s = xs.slice().sort((a, b) => a - b);
    return { p50: r2(percentile(s, 50)), p99: r2(percentile(s, 99)) };
  };

  /** Throughput: `WRITERS` sockets each send PER_WRITER edits at once; done when every socket holds every edit. */
  async function throughput(writers, isEdit, streams) {
    const total = writers.length * PER_WRITER;
    const done = writers.map((w) => w.tap.count(isEdit, total));
    const t0 = performance.now();
    writers.forEach((w, k) => {
      for (let j = 0; j < PER_WRITER; j++) w.write(streams[k].next(), j);
    });
    const ends = await within(120_000, Promise.all(done), "throughput burst");
    return total / ((Math.max(...ends) - t0) / 1000);
  }

  for (const frames of BOARDS) {
    console.log(`-- ${frames} frames`);
    const sys = {};
    const streams = {};
    for (const name of Object.keys(systems)) {
      sys[name] = await systems[name](frames);
      streams[name] = new EditStream(initialFrames(frames).map((f) => f.id));
    }
    const b = await bare(`f${frames}`);
    const d = await bare(`durable-f${frames}`);
    const baselines = { bare: b, durable: d };
    const edits = { room: [], agents: [], yjs: [] };
    /** Peers that stopped delivering edits on this board. */
    const gaveUp = new Set();
    const joins = {};

    for (const n of SOCKETS) {
      const fig = {};
      // The room first: the bare room replays its message sizes, round by round.
      let roomSizes = [];
      for (const name of ["room", "bare", "durable", "agents", "yjs"]) {
        if (gaveUp.has(name)) {
          fig[name] = { p50: null, p99: null };
          continue;
        }
        console.log(`   ${name}, ${n} socket${n > 1 ? "s" : ""}`);
        const watchers = await Promise.all(Array.from({ length: n }, (_, k) => (baselines[name] ?? sys[name]).watcher(k)));
        await sleep(300); // joins and presence settle
        let out;
        try {
          out = await rounds(
            watchers,
            IS_EDIT[name],
            baselines[name] ? (i) => baselines[name].send(roomSizes[i]) : (_i) => sys[name].write(streams[name].next()),
          );
        } catch (err) {
          // The room and the baselines must finish; a peer that stops delivering is a result, said as such.
          if (!PEERS.includes(name)) throw err;
          console.log(`   ${name} stopped delivering (${err.message}): left out of this board's remaining figures`);
          gaveUp.add(name);
          fig[name] = { p50: null, p99: null };
          for (const w of watchers) w.ws.close();
          continue;
        }
        if (name === "room") roomSizes = out.bytes.filter((_, j) => j % n === 0);
        if (!baselines[name]) edits[name].push(...out.bytes);
        fig[name] = stats(out.lat);
        for (const w of watchers) w.ws.close();
        await sleep(200);
      }
      const faster = Math.min(...PEERS.map((p) => fig[p].p50).filter(Number.isFinite));
      report(CAP, `edit_to_all_sockets_ms_${frames}f_${n}s`, {
        frames,
        sockets: n,
        room_p50: fig.room.p50,
        room_p99: fig.room.p99,
        bare_p50: fig.bare.p50,
        bare_p99: fig.bare.p99,
        durable_p50: fig.durable.p50,
        durable_p99: fig.durable.p99,
        agents_p50: fig.agents.p50,
        agents_p99: fig.agents.p99,
        yjs_p50: fig.yjs.p50,
        yjs_p99: fig.yjs.p99,
        room_vs_bare_p50: r2(fig.room.p50 / fig.bare.p50),
        room_vs_durable_p50: r2(fig.room.p50 / fig.durable.p50),
        room_vs_faster_peer_p50: r2(fig.room.p50 / faster),
        samples: ROUNDS * n,
      });
    }

    const bytes = Object.fromEntries(Object.entries(edits).map(([k, v]) => [k, stats(v)]));
    report(CAP, `bytes_per_edit_per_client_${frames}f`, {
      frames,
      room_p50: bytes.room.p50,
      room_p99: bytes.room.p99,
      agents_p50: bytes.agents.p50,
      agents_p99: bytes.agents.p99,
      yjs_p50: bytes.yjs.p50,
      yjs_p99: bytes.yjs.p99,
      agents_over_room_p50: r2(bytes.agents.p50 / bytes.room.p50),
      room_over_yjs_p50: r2(bytes.room.p50 / bytes.yjs.p50),
      room_over_yjs_p99: r2(bytes.room.p99 / bytes.yjs.p99),
    });

    for (const name of Object.keys(systems)) joins[name] = gaveUp.has(name) ? { bytes: null, ms: null } : await sys[name].join();
    report(CAP, `join_bytes_${frames}f`, {
      frames,
      room: joins.room.bytes,
      agents: joins.agents.bytes,
      yjs: joins.yjs.bytes,
      room_ms: r2(joins.room.ms),
      agents_ms: r2(joins.agents.ms),
      yjs_ms: r2(joins.yjs.ms),
      room_over_agents: r2(joins.room.bytes / joins.agents.bytes),
      room_over_yjs: r2(joins.room.bytes / joins.yjs.bytes),
    });

    // Sustained edits/s: ten writers, each on its own tenth of the board.
    const rate = {};
    for (const name of ["room", "agents", "yjs"]) {
      if (gaveUp.has(name)) {
        rate[name] = null;
        continue;
      }
      const writers = await sys[name].writers(WRITERS);
      await sleep(300);
      const ids = streams[name].ids;
      const own = writers.map(
        (_, k) =>
          new EditStream(
            ids.filter((_, j) => j % WRITERS === k),
            7 + k,
            100_000 * (k + 1),
          ),
      );
      rate[name] = await throughput(writers, IS_EDIT[name], own);
      for (const w of writers) (w.destroy ?? (() => w.tap.ws.close()))();
      await sleep(200);
    }
    const size = Math.round(bytes.room.p50);
    for (const [name, base] of Object.entries(baselines)) {
      const taps = await Promise.all(Array.from({ length: WRITERS }, () => base.watcher()));
      rate[name] = await throughput(
        taps.map((tap) => ({ tap, write: () => tap.ws.send("x".repeat(size)) })),
        IS_EDIT.bare,
        taps.map(() => ({ next: () => null })),
      );
      for (const t of taps) t.ws.close();
    }
    report(CAP, `edits_per_second_${frames}f`, {
      frames,
      writers: WRITERS,
      edits: WRITERS * PER_WRITER,
      room: whole(rate.room),
      bare: whole(rate.bare),
      durable: whole(rate.durable),
      agents: whole(rate.agents),
      yjs: whole(rate.yjs),
      room_vs_bare: ratio(rate.room, rate.bare),
      room_vs_durable: ratio(rate.room, rate.durable),
      room_vs_agents: ratio(rate.room, rate.agents),
      room_vs_yjs: ratio(rate.room, rate.yjs),
    });
    for (const s of Object.values(sys)) s.close();
    b.close();
    d.close();
  }
} finally {
  server.stop();
}
process.exit(0);
