// Fixture factories for the integration tests: a browser-like client with a
// cookie jar and the app's Origin, and people with projects and episodes.
import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import type { Board } from "../../worker/domain/board";
import type { ExtendedJob, Job } from "../../worker/domain/jobs";

export const ORIGIN = "http://localhost:8787";

let counter = 0;
export const uniqueEmail = (label = "user") => `${label}-${Date.now().toString(36)}-${++counter}@reelroom.test`;

export interface RequestOptions {
  body?: unknown;
  rawBody?: string;
  origin?: string | null;
  headers?: Record<string, string>;
}

export class Client {
  /** The cookies the worker set, by name, as a browser keeps them. */
  private jar = new Map<string, string>();

  /** The Cookie header this client sends; setting it replaces every cookie it holds. */
  get cookie(): string | undefined {
    return this.jar.size ? [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ") : undefined;
  }
  set cookie(header: string | undefined) {
    this.jar.clear();
    for (const pair of header?.split(";") ?? []) {
      const at = pair.indexOf("=");
      if (at > 0) this.jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }

  constructor(readonly base = ORIGIN) {}

  async request(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
    const origin = opts.origin === undefined ? this.base : opts.origin;
    if (origin !== null) headers.origin = origin;
    if (this.cookie) headers.cookie = this.cookie;
    let body: string | undefined;
    if (opts.rawBody !== undefined) body = opts.rawBody;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await exports.default.fetch(new Request(`${this.base}${path}`, { method, headers, body }));
    for (const set of res.headers.getSetCookie()) {
      const pair = set.split(";")[0]!;
      const at = pair.indexOf("=");
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (value) this.jar.set(name, value);
      else this.jar.delete(name);
    }
    return res;
  }

  get = (path: string, opts?: RequestOptions) => this.request("GET", path, opts);
  post = (path: string, body?: unknown, opts?: RequestOptions) => this.request("POST", path, { ...opts, body });
  delete = (path: string, opts?: RequestOptions) => this.request("DELETE", path, opts);
}

export interface Person {
  client: Client;
  user: { id: string; email: string; name: string; isAdmin: boolean };
  password: string;
}

export async function signUp(label = "user", email = uniqueEmail(label)): Promise<Person> {
  const client = new Client();
  const password = "correct horse battery";
  const res = await client.post("/api/v1/auth/signup", { email, password, name: label });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const { user } = (await res.json()) as { user: Person["user"] };
  return { client, user, password };
}

export async function projectOf(owner: Person, name = "Test project"): Promise<string> {
  const res = await owner.client.post("/api/v1/projects", { name });
  if (res.status !== 201) throw new Error(`create project failed: ${res.status}`);
  return ((await res.json()) as { project: { id: string } }).project.id;
}

export async function episodeOf(person: Person, projectId: string, title = "Pilot"): Promise<string> {
  const res = await person.client.post(`/api/v1/projects/${projectId}/episodes`, { title });
  if (res.status !== 201) throw new Error(`create episode failed: ${res.status}`);
  return ((await res.json()) as { episode: { id: string } }).episode.id;
}

/** A new person who owns a new project with one episode; `base` is the episode's API path. */
export async function ownedEpisode(label = "owner") {
  const owner = await signUp(label);
  const projectId = await projectOf(owner);
  const episodeId = await episodeOf(owner, projectId);
  return { owner, projectId, episodeId, base: `/api/v1/projects/${projectId}/episodes/${episodeId}` };
}

/** The episode's board (at its API path `base`) as `person` reads it. */
export async function boardOf(person: Person, base: string): Promise<Board> {
  return ((await (await person.client.get(`${base}/board`)).json()) as { board: Board }).board;
}

export async function addMember(owner: Person, projectId: string, member: Person, role: "owner" | "editor" | "viewer") {
  const res = await owner.client.post(`/api/v1/projects/${projectId}/members`, { email: member.user.email, role });
  if (res.status !== 201 && res.status !== 200) throw new Error(`add member failed: ${res.status}`);
}

/** Signs a new person up (named `label`, by default the role) and adds them to the project with `role`. */
export async function newMember(owner: Person, projectId: string, role: "owner" | "editor" | "viewer", label: string = role): Promise<Person> {
  const person = await signUp(label);
  await addMember(owner, projectId, person, role);
  return person;
}

export async function errorCode(res: Response): Promise<string> {
  const body = (await res.json()) as { error: { code: string } };
  return body.error.code;
}

/** Polls a job until `done` says so (10 s at most). */
export async function waitForJob(person: Person, jobId: string, done: (j: { status: string; attempt: number }) => boolean) {
  const end = Date.now() + 10_000;
  for (;;) {
    const { job } = (await (await person.client.get(`/api/v1/jobs/${jobId}`)).json()) as { job: Job };
    if (done(job)) return job;
    if (Date.now() > end) throw new Error(`job ${jobId} stuck in ${job.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
export const isTerminal = (j: { status: string }) => ["success", "failure", "blocked", "canceled"].includes(j.status);

/** A job as `person` reads it in full: its stages' timings, attempts, logs, provider requests and manifest. */
export async function extendedJob(person: Person, jobId: string): Promise<ExtendedJob> {
  return (await (await person.client.get(`/api/v1/jobs/${jobId}/extended`)).json()) as ExtendedJob;
}

/** The lines a job's log says of `stages` that completed, in the order they ran. */
export const stagesCompleted = (stages: string[]) => stages.map((stage) => expect.stringMatching(new RegExp(`^${stage} completed`)));
