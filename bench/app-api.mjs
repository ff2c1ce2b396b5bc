// What the benches do as people on the local app, through its HTTP API and
// room socket: sign up, make a project and its episodes, add editors, and
// send board commands that resolve with their acks.

const PASSWORD = "bench password 123";
const jsonHeaders = (http) => ({ "content-type": "application/json", origin: http });

/** Signs a new person up on the app at `http`; resolves with their session cookie and email. */
export async function signUp(http, label, name = "Bench") {
  const email = `${label}-${Date.now()}@reelroom.test`;
  const res = await fetch(`${http}/api/v1/auth/signup`, {
    method: "POST",
    headers: jsonHeaders(http),
    body: JSON.stringify({ email, password: PASSWORD, name }),
  });
  if (res.status !== 201) throw new Error(`signup ${email}: ${res.status} ${await res.text()}`);
  return { cookie: res.headers.get("set-cookie").split(";")[0], email };
}

/** The address of an episode's room socket. */
export const roomSocketUrl = (http, projectId, episodeId) => `${http.replace("http", "ws")}/api/v1/realtime?project=${projectId}&episode=${episodeId}`;

/** A new person on the app at `http`, and the calls a bench makes as them. */
export async function benchUser(http, label, name = "Bench") {
  const { cookie, email } = await signUp(http, label, name);
  const headers = { ...jsonHeaders(http), cookie };
  const post = async (path, body) => (await fetch(`${http}${path}`, { method: "POST", headers, body: JSON.stringify(body) })).json();
  const get = async (path) => (await fetch(`${http}${path}`, { headers: { cookie } })).json();
  return {
    cookie,
    email,
    /** JSON content type, the app's Origin and this person's cookie. */
    headers,
    post,
    get,
    project: async (name) => (await post("/api/v1/projects", { name })).project,
    episode: async (projectId, title) => (await post(`/api/v1/projects/${projectId}/episodes`, { title })).episode,
    /** Signs up `count` more people and makes each an editor of the project (a person's rate limits are their own). */
    async editors(projectId, label, count) {
      const people = [];
      for (let i = 0; i < count; i++) {
        const person = await signUp(http, `${label}-${i}`, `${label} ${i}`);
        await post(`/api/v1/projects/${projectId}/members`, { email: person.email, role: "editor" });
        people.push(person);
      }
      return people;
    },
    /**
     * Opens the episode's room socket as this person. `command(id, command)`
     * sends a board_command and resolves with its ack's payload; `onMessage`
     * sees every message, parsed.
     */
    async room(projectId, episodeId, onMessage = () => {}) {
      const ws = new WebSocket(roomSocketUrl(http, projectId, episodeId), { headers: { cookie, origin: http } });
      const acks = new Map();
      ws.onmessage = (e) => {
        const msg = JSON.parse(String(e.data));
        if (msg.type === "ack") acks.get(msg.payload.id)?.(msg.payload);
        onMessage(msg);
      };
      await new Promise((r) => (ws.onopen = r));
      return {
        command: (id, command) =>
          new Promise((resolve) => {
            acks.set(id, resolve);
            ws.send(JSON.stringify({ type: "board_command", id, payload: { command }, timestamp: new Date().toISOString() }));
          }),
        close: () => ws.close(),
      };
    },
  };
}
