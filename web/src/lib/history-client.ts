// Reads the board's history (GET …/history) for the studio's History
// controls, parsed with the shared schema. Kept apart from api.ts until the
// lead folds it in; failures are the same ApiFailure api.ts throws.
import { ErrorBody } from "../../../worker/domain/api";
import { HistoryPage } from "../../../worker/domain/history";
import { ApiFailure } from "../api";

export async function fetchHistory(
  projectId: string,
  episodeId: string,
  opts: { before?: number; limit?: number; signal?: AbortSignal } = {},
): Promise<HistoryPage> {
  const query = new URLSearchParams();
  if (opts.before !== undefined) query.set("before", String(opts.before));
  if (opts.limit !== undefined) query.set("limit", String(opts.limit));
  const qs = query.toString() ? `?${query}` : "";
  const path = `/api/v1/projects/${encodeURIComponent(projectId)}/episodes/${encodeURIComponent(episodeId)}/history${qs}`;
  let res: Response;
  try {
    res = await fetch(path, { credentials: "same-origin", headers: { accept: "application/json" }, signal: opts.signal });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw new ApiFailure(0, "network", "Can't reach Reelroom. Check your connection and try again.");
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const failed = ErrorBody.safeParse(json);
    if (failed.success) throw new ApiFailure(res.status, failed.data.error.code, failed.data.error.message, failed.data.error.details);
    throw new ApiFailure(res.status, "internal", `The server answered ${res.status}.`);
  }
  const parsed = HistoryPage.safeParse(json);
  if (!parsed.success) throw new ApiFailure(res.status, "bad_response", "The server sent a history this page does not understand.");
  return parsed.data;
}
