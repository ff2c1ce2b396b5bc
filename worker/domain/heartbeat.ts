// The heartbeat's two frames, always the same bytes, so the episode's
// Durable Object answers pings with setWebSocketAutoResponse and a tab
// pinging every few seconds never wakes a hibernated room. They carry no id
// and no timestamp: a constant frame cannot carry the time (decisions.md).
export const PING_FRAME = JSON.stringify({ type: "ping", payload: {} });
export const PONG_FRAME = JSON.stringify({ type: "pong", payload: {} });
