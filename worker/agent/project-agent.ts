// The agent an episode room runs for its project (CONTRACT 14). The room
// reads the project's provider settings before each message that can start
// a run, so a change an owner saves applies to the next run in every
// episode; the key it opens joins the redactor, so it never reaches a trace.
import type { Redactor } from "../domain/agent/redact";
import { makeRedactor } from "../domain/agent/redact";
import type { Db, Env } from "../env";
import { type ProjectProviders, resolveProjectProviders } from "../project-providers";
import { type AgentProvider, type AgentRequest, ProviderError } from "./provider";
import { agentProviderFor, secretValues } from "./providers";

const UNREADABLE = "This project's provider settings couldn't be read just now, so the server's default agent answers instead.";

const STARTS_RUN = new Set(["chat_send", "chat_regenerate", "chat_edit", "chat_continue"]);

/**
 * Whether a socket message from someone with `role` can start a run, and so
 * needs the project's settings as they are now. Decided on the parsed type
 * (a spelling with JSON escapes is the same message); the text is only
 * parsed when it could name one of those types at all.
 */
export function mayStartRun(message: string | ArrayBuffer, role: string): boolean {
  if (typeof message !== "string" || (role !== "owner" && role !== "editor")) return false;
  if (!message.includes("chat_") && !message.includes("\\u")) return false;
  try {
    const type = (JSON.parse(message) as { type?: unknown } | null)?.type;
    return typeof type === "string" && STARTS_RUN.has(type);
  } catch {
    return false;
  }
}

/** A fallback agent that first says, in the answer, why the project's own is not answering. */
class NoticedAgent implements AgentProvider {
  readonly name: string;
  readonly model: string;
  constructor(
    private readonly inner: AgentProvider,
    private readonly notice: string,
  ) {
    this.name = inner.name;
    this.model = inner.model;
  }
  async *stream(req: AgentRequest): AsyncIterable<string> {
    yield `${this.notice}\n\n`;
    yield* this.inner.stream(req);
  }
}

export class ProjectAgent {
  private own: ProjectProviders | null = null;
  private redactor: Redactor;

  constructor(
    private readonly env: Env,
    private readonly db: Db,
  ) {
    this.redactor = makeRedactor(secretValues(env));
  }

  /** Reads the project's settings (keys opened); a failed read leaves the deployment's agent, with a notice. */
  async refresh(projectId: string): Promise<void> {
    try {
      this.own = await resolveProjectProviders(this.env, this.db, projectId);
    } catch (err) {
      console.error(JSON.stringify({ at: "project-agent", projectId, error: this.redact(String(err)) }));
      this.own = { agent: null, image: null, fallback: { agent: UNREADABLE, image: null } };
    }
    const key = this.own.agent?.kind === "openai" ? this.own.agent.key : undefined;
    this.redactor = makeRedactor([...secretValues(this.env), key]);
  }

  /** The agent for the next run: the project's own, else the deployment's (saying why when the project's could not be used). */
  provider(): AgentProvider {
    const fallback = this.own?.fallback.agent;
    let provider: AgentProvider;
    try {
      provider = agentProviderFor(this.env, this.own?.agent ?? null);
    } catch (err) {
      if (fallback && err instanceof ProviderError) throw new ProviderError(err.kind, `${fallback} ${err.message}`, err.retryable);
      throw err;
    }
    return fallback ? new NoticedAgent(provider, fallback) : provider;
  }

  redact: Redactor = (text) => this.redactor(text);
}
