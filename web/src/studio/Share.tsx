// The studio's Share tab: review links and exports, one chunk that loads
// when the tab is first opened, never before the board.
import { ExportsPanel } from "./Exports";
import { ReviewLinksPanel } from "./ReviewLinks";

export function SharePanel(props: { projectId: string; episodeId: string; canEdit: () => boolean; seq: () => number | null }) {
  return (
    <>
      <ReviewLinksPanel projectId={props.projectId} episodeId={props.episodeId} canEdit={props.canEdit} />
      <ExportsPanel projectId={props.projectId} episodeId={props.episodeId} canEdit={props.canEdit} seq={props.seq} />
    </>
  );
}
