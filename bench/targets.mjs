// Issue 13's targets, checked against the figures one `npm run bench` printed,
// and the tables docs/performance.md shows (rewritten between its markers by
// each full run, so the document always holds the last run's numbers).

const find = (figures, capability, name) => figures.find((f) => f.capability === capability && f.name === name);
const PEERS = "10-performance-against-peers";

/** Each target: what it asks, what was measured, and whether it was met. */
export function targets(figures) {
  const rows = [];
  const add = (what, goal, value, met) =>
    rows.push({ what, goal, value: value ?? "not measured", met: value === undefined ? "not measured" : met ? "met" : "missed" });
  const bytes = find(figures, PEERS, "bytes_per_edit_per_client_200f");
  add(
    "Bytes per edit to each client, 200 frames: fewer than the Agents SDK",
    "≥ 5×",
    bytes && `${bytes.agents_over_room_p50}×`,
    bytes?.agents_over_room_p50 >= 5,
  );
  add("Bytes per edit to each client, 200 frames: against Yjs", "≤ 2×", bytes && `${bytes.room_over_yjs_p50}×`, bytes?.room_over_yjs_p50 <= 2);
  for (const frames of [20, 200]) {
    const lat = find(figures, PEERS, `edit_to_all_sockets_ms_${frames}f_50s`);
    add(`Edit → all 50 sockets p50, ${frames} frames: against the bare fan-out`, "≤ 1.3×", lat && `${lat.room_vs_bare_p50}×`, lat?.room_vs_bare_p50 <= 1.3);
    add(
      `Edit → all 50 sockets p50, ${frames} frames: against the faster peer`,
      "≤ 1.2×",
      lat && `${lat.room_vs_faster_peer_p50}×`,
      lat?.room_vs_faster_peer_p50 <= 1.2,
    );
  }
  const bounds = find(figures, "06-production-room", "edit_latency_bounds_vs_empty_ms");
  add("Edit latency p50 on a board at the bounds against an empty board", "≤ 2×", bounds && `${bounds.ratio_p50}×`, bounds?.ratio_p50 <= 2);
  const parser = find(figures, PEERS, "parser_vs_htmlparser2_tokenizer_64b_chunks");
  add(
    "Tag parser at 64-byte chunks against htmlparser2's bare Tokenizer",
    "≥ 0.5×",
    parser && `${parser.ours_vs_tokenizer}×`,
    parser?.ours_vs_tokenizer >= 0.5,
  );
  const upload = find(figures, "11-pictures", "upload_2mb_to_10_sockets_ms");
  add(
    "Upload of a 2 MB JPEG → its picture on all 10 sockets p50, against a plain R2 put of the same bytes",
    "≤ 1.5×",
    upload && `${upload.ratio_p50}×`,
    upload?.ratio_p50 <= 1.5,
  );
  const sizes = find(figures, "01-foundation", "sizes");
  const kb = sizes && sizes.spaInitialJsGzipBytes / 1000;
  add("SPA initial JS, gzip", "≤ 60 KB", sizes && `${kb.toFixed(1)} KB`, kb <= 60);
  if (sizes?.studioJsGzipBytes) {
    rows.push({
      what: "JS the studio needs before its board shows, gzip (no target; for the record)",
      goal: "",
      value: `${(sizes.studioJsGzipBytes / 1000).toFixed(1)} KB in ${sizes.studioJsFiles} files`,
      met: "",
    });
  }
  return rows;
}

const table = (head, rows) => [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

/** The markdown tables of docs/performance.md: targets, then the peers' figures side by side. */
export function markdown(figures) {
  const out = [
    table(
      ["target", "goal", "measured", ""],
      targets(figures).map((t) => [t.what, t.goal, t.value, t.met]),
    ),
  ];
  for (const frames of [20, 200]) {
    const b = find(figures, PEERS, `bytes_per_edit_per_client_${frames}f`);
    const j = find(figures, PEERS, `join_bytes_${frames}f`);
    const r = find(figures, PEERS, `edits_per_second_${frames}f`);
    const lat = [1, 10, 50].map((n) => find(figures, PEERS, `edit_to_all_sockets_ms_${frames}f_${n}s`));
    if (!b || !j || !r || lat.some((l) => !l)) continue;
    const row = (name, key, joinBytes, rate) => [
      name,
      b[`${key}_p50`] !== undefined ? `${b[`${key}_p50`]} / ${b[`${key}_p99`]}` : "same size as the room's",
      ...lat.map((l) => `${l[`${key}_p50`]} / ${l[`${key}_p99`]}`),
      rate === undefined ? "" : String(rate),
      joinBytes === undefined ? "" : String(joinBytes),
    ];
    out.push(
      `**${frames} frames**\n\n${table(
        [
          "system",
          "bytes per edit to each client (p50 / p99)",
          "edit → 1 socket, ms (p50 / p99)",
          "→ 10 sockets",
          "→ 50 sockets",
          "edits/s (10 writers)",
          "bytes a joining client receives",
        ],
        [
          row("Reelroom room", "room", j.room, r.room),
          row("Agents SDK", "agents", j.agents, r.agents),
          row("Yjs (y-partyserver)", "yjs", j.yjs, r.yjs),
          row("bare fan-out", "bare", undefined, r.bare),
          row("durable fan-out (one SQLite append)", "durable", undefined, r.durable),
        ],
      )}`,
    );
  }
  return out.join("\n\n");
}
