// Peer 1: the Cloudflare Agents SDK, used the way its docs show. The board is
// the Agent's state; clients call @callable methods over the Agent's socket
// (AgentClient), and each method edits the board with setState, which saves
// the state to the Agent's SQLite and broadcasts it to every connection
// (the SDK's documented state sync, `cf_agent_state`).
import { Agent, callable } from "agents";
import { applyEdit, type BenchFrame, type Edit } from "./workload";

interface BoardState {
  frames: BenchFrame[];
}

export class BoardAgent extends Agent<Cloudflare.Env, BoardState> {
  static override options = { hibernate: true, sendIdentityOnConnect: true };
  override initialState: BoardState = { frames: [] };

  @callable()
  seed(frames: BenchFrame[]): number {
    this.setState({ frames });
    return frames.length;
  }

  @callable()
  edit(edit: Edit): number {
    this.setState({ frames: applyEdit(this.state.frames, edit) });
    return this.state.frames.length;
  }
}
