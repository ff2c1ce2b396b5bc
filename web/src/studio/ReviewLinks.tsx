// The episode's review links for editors (CONTRACT 9): create one (expiry,
// whether reviewers may comment), copy its URL (shown this once: only the
// token's hash is kept), see each link's expiry and status, revoke it. The
// lead places it in the studio; it needs no studio context.
import { createResource, createSignal, For, Show } from "solid-js";
import { REVIEW_DAYS_DEFAULT, type ReviewLink } from "../../../worker/domain/review-links";
import { api, describeError } from "../api";
import { relativeTime } from "../lib/relative-time";
import "./review-links.css";

const EXPIRY_CHOICES = [1, 3, 7, 14, 30, 90] as const;
const STATUS_LABEL: Record<ReviewLink["status"], string> = { live: "Live", expired: "Expired", revoked: "Revoked" };

export function ReviewLinksPanel(props: { projectId: string; episodeId: string; canEdit: () => boolean }) {
  const [links, { refetch }] = createResource(
    () => (props.canEdit() ? { p: props.projectId, e: props.episodeId } : null),
    async ({ p, e }) => (await api.reviewLinks(p, e)).links,
  );
  const [days, setDays] = createSignal<number>(REVIEW_DAYS_DEFAULT);
  const [canComment, setCanComment] = createSignal(true);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  // The new link's URL: the only time its token is ever shown.
  const [fresh, setFresh] = createSignal<{ id: string; url: string }>();
  const [copied, setCopied] = createSignal(false);

  const create = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { link } = await api.createReviewLink(props.projectId, props.episodeId, { expiresInDays: days(), canComment: canComment() });
      setFresh({ id: link.id, url: link.url });
      setCopied(false);
      void refetch();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    const url = fresh()?.url;
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setError("Could not copy; select the link and copy it by hand.");
    }
  };

  const revoke = async (link: ReviewLink) => {
    if (!confirm("Revoke this review link? Anyone watching through it is disconnected at once.")) return;
    setError(undefined);
    try {
      await api.revokeReviewLink(props.projectId, props.episodeId, link.id);
      if (fresh()?.id === link.id) setFresh(undefined);
      void refetch();
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <section class="panel review-links-panel" aria-labelledby="review-links-h">
      <div class="panel-head">
        <h2 id="review-links-h">Review links</h2>
      </div>
      <Show when={props.canEdit()} fallback={<p class="muted small">Editors can share this episode for review with people who have no account.</p>}>
        <form class="review-link-form" onSubmit={create}>
          <label>
            Expires after{" "}
            <select value={days()} onChange={(e) => setDays(Number(e.currentTarget.value))}>
              <For each={EXPIRY_CHOICES}>{(d) => <option value={d}>{d === 1 ? "1 day" : `${d} days`}</option>}</For>
            </select>
          </label>
          <label>
            <input type="checkbox" checked={canComment()} onChange={(e) => setCanComment(e.currentTarget.checked)} /> Reviewers may comment
          </label>
          <button type="submit" class="btn btn-primary btn-small" disabled={busy()}>
            Create link
          </button>
        </form>
        <Show when={fresh()}>
          {(f) => (
            <div class="review-link-fresh" role="status">
              <p class="small">Copy this link now: for safety it is not shown again.</p>
              <div class="review-link-url">
                <input type="text" readOnly value={f().url} aria-label="New review link" onFocus={(e) => e.currentTarget.select()} />
                <button type="button" class="btn btn-secondary btn-small" onClick={() => void copy()}>
                  {copied() ? "Copied" : "Copy"}
                </button>
              </div>
            </div>
          )}
        </Show>
        <Show when={error()}>
          <p class="field-error" role="alert">
            {error()}
          </p>
        </Show>
        <Show when={links.error}>
          <p class="field-error" role="alert">
            {describeError(links.error)}
          </p>
        </Show>
        <Show when={(links() ?? []).length > 0} fallback={<p class="muted small">No review links yet.</p>}>
          <ul class="review-link-list">
            <For each={links()}>
              {(link) => (
                <li class={`review-link review-link-${link.status}`}>
                  <span class="chip chip-small">{STATUS_LABEL[link.status]}</span>{" "}
                  <span class="small">
                    by {link.createdBy.name}, {relativeTime(link.createdAt, Date.now())} ·{" "}
                    <time dateTime={link.expiresAt} title={new Date(link.expiresAt).toLocaleString()}>
                      {link.status === "expired" ? "expired" : "expires"} {relativeTime(link.expiresAt, Date.now())}
                    </time>{" "}
                    · {link.canComment ? "comments allowed" : "no comments"}
                  </span>
                  <Show when={link.status === "live"}>
                    <button type="button" class="link-btn link-danger" onClick={() => void revoke(link)}>
                      Revoke
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}
