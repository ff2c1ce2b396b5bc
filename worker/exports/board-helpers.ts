// Small reads of the board the export formats share.
import type { Asset, Board, Frame } from "../domain/board";

/** The frame's assets, in the order the frame lists them, skipping ids the board no longer has. */
export function frameAssets(byId: ReadonlyMap<string, Asset>, frame: Frame): Asset[] {
  return frame.continuity.assetIds.map((id) => byId.get(id)).filter((a): a is Asset => a !== undefined);
}

export const assetsById = (board: Pick<Board, "assets">) => new Map(board.assets.map((a) => [a.id, a]));

/** "3.5 s", or "" for an untimed frame. */
export function seconds(sec: number | null): string {
  if (sec === null) return "";
  const r = Math.round(sec * 10) / 10;
  return `${Number.isInteger(r) ? r : r.toFixed(1)} s`;
}
