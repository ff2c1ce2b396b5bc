// One context per domain of the studio: connection, board, chat, jobs and
// selection. The Studio page creates the stores once (studio-state.ts) and
// provides them; a component asks only for the domains it uses, so a review
// page or the animatic can provide the board without a chat or jobs.
import { type Context, createContext, type ParentProps, useContext } from "solid-js";
import type { Studio } from "./studio-state";

type Connection = Pick<Studio, "conn" | "connDetail" | "connStatus" | "peers" | "role" | "me" | "canEdit" | "reconnect">;
type BoardDomain = Pick<Studio, "board" | "frames" | "flash" | "send" | "setAspect" | "previewRewind" | "rewind" | "reset" | "announce" | "canEdit">;
type JobsDomain = Pick<
  Studio,
  "jobList" | "live" | "generate" | "batchFrames" | "renderBatch" | "projectSettings" | "mediaProvider" | "cancelJob" | "retryJob"
>;

const ConnectionContext = createContext<Connection>();
const BoardContext = createContext<BoardDomain>();
const ChatContext = createContext<Studio["chat"]>();
const JobsContext = createContext<JobsDomain>();
const SelectionContext = createContext<Studio["selection"]>();
const StudioContext = createContext<Studio>();

export function StudioProvider(props: ParentProps<{ studio: Studio }>) {
  const s = props.studio;
  return (
    <StudioContext.Provider value={s}>
      <ConnectionContext.Provider value={s}>
        <BoardContext.Provider value={s}>
          <ChatContext.Provider value={s.chat}>
            <JobsContext.Provider value={s}>
              <SelectionContext.Provider value={s.selection}>{props.children}</SelectionContext.Provider>
            </JobsContext.Provider>
          </ChatContext.Provider>
        </BoardContext.Provider>
      </ConnectionContext.Provider>
    </StudioContext.Provider>
  );
}

function use<T>(ctx: Context<T | undefined>, name: string): T {
  const v = useContext(ctx);
  if (!v) throw new Error(`${name} is used outside the studio's provider`);
  return v;
}

export const useConnection = () => use(ConnectionContext, "useConnection");
export const useBoard = () => use(BoardContext, "useBoard");
export const useChat = () => use(ChatContext, "useChat");
export const useJobs = () => use(JobsContext, "useJobs");
export const useSelection = () => use(SelectionContext, "useSelection");
/** The whole studio, for the panels that span domains (chat actions that touch the board, history). */
export const useStudio = () => use(StudioContext, "useStudio");
