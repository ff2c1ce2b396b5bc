// The agent's tag parser, as the run (worker/room/agent-runs.ts) and the
// offline agent's draft use it; its parts live in ./tags/.
export type { ParseEvent } from "./tags/events";
export { MAX_COMMANDS_PER_RUN, MAX_DEPTH, MAX_TAG_BYTES } from "./tags/grammar";
export { TagStreamParser } from "./tags/stream";
