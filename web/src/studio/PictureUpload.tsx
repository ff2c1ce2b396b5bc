// Adding a picture by hand (CONTRACT 12): the "Upload picture" button with
// its file picker, a drop target for a card or the frame detail, pasting an
// image from the clipboard, and the project's storage line. Editors only:
// the components and hooks here do nothing for anyone else.
import { createSignal, createUniqueId, onCleanup, onMount, Show } from "solid-js";
import { useConnection, useStudio } from "./context";
import { dragHasFiles, storageWords, UPLOAD_ACCEPT } from "./model/pictures";

/**
 * A drop target for picture files: `over()` while a file is dragged over it,
 * and the handlers to spread on its element. Drags of anything but files
 * (a card being reordered, selected text) pass through untouched.
 */
export function useFileDrop(opts: { enabled: () => boolean; onFiles: (files: File[]) => void }) {
  const [over, setOver] = createSignal(false);
  let depth = 0;
  const wanted = (e: DragEvent) => opts.enabled() && dragHasFiles(e.dataTransfer?.types);
  const handlers = {
    onDragEnter: (e: DragEvent) => {
      if (!wanted(e)) return;
      e.preventDefault();
      depth++;
      setOver(true);
    },
    onDragOver: (e: DragEvent) => {
      if (!wanted(e)) return;
      e.preventDefault();
      e.stopPropagation();
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
      setOver(true);
    },
    onDragLeave: () => {
      if (!over()) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    },
    onDrop: (e: DragEvent) => {
      if (!wanted(e)) return;
      e.preventDefault();
      e.stopPropagation();
      depth = 0;
      setOver(false);
      opts.onFiles(Array.from(e.dataTransfer?.files ?? []));
    },
  };
  return { over, handlers };
}

/**
 * While the studio is open, a file dropped outside a drop target does not
 * make the browser leave the studio to show it; and a picture pasted goes to
 * the shot `target()` names (the open one, the focused card or the one
 * picked), unless it was text pasted into a text field.
 */
export function usePastePictures(target: () => { id: string; shot: string } | null) {
  const studio = useStudio();
  const c = useConnection();
  const guard = (e: DragEvent) => {
    if (!dragHasFiles(e.dataTransfer?.types)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = "none";
  };
  const onPaste = (e: ClipboardEvent) => {
    if (!c.canEdit() || !e.clipboardData) return;
    const files = Array.from(e.clipboardData.files ?? []).filter((f) => f.type.startsWith("image/"));
    if (files.length === 0) return;
    const into = e.target instanceof Element ? e.target.closest("input, textarea, [contenteditable]") : null;
    if (into && e.clipboardData.types.includes("text/plain")) return;
    e.preventDefault();
    const t = target();
    if (!t) {
      studio.announce("To paste a picture, open a shot or pick one first.");
      return;
    }
    void studio.uploads.upload(t.id, files).then((r) => {
      if (r.ok) studio.announce(`Pasted a picture into shot ${t.shot}.`);
    });
  };
  onMount(() => {
    document.addEventListener("dragover", guard);
    document.addEventListener("drop", guard);
    document.addEventListener("paste", onPaste);
  });
  onCleanup(() => {
    document.removeEventListener("dragover", guard);
    document.removeEventListener("drop", guard);
    document.removeEventListener("paste", onPaste);
  });
}

/** "Upload picture": a file picker for PNG, JPEG or WebP; "Uploading…" while it goes, the server's message if refused. */
export function UploadButton(props: { frameId: string; shot: string }) {
  const studio = useStudio();
  const c = useConnection();
  const errorId = createUniqueId();
  let input!: HTMLInputElement;
  let button!: HTMLButtonElement;
  const busy = () => studio.uploads.uploading(props.frameId);
  const error = () => studio.uploads.error(props.frameId);
  return (
    <Show when={c.canEdit()}>
      <span class="upload-control">
        {/* aria-disabled, not disabled: the button keeps the focus while its upload goes. */}
        <button
          type="button"
          ref={button}
          class="btn btn-secondary btn-small"
          aria-disabled={busy() || undefined}
          aria-describedby={error() ? errorId : undefined}
          aria-label={busy() ? `Uploading a picture to shot ${props.shot}…` : `Upload picture to shot ${props.shot}`}
          onClick={() => {
            if (!busy()) input.click();
          }}
        >
          {busy() ? "Uploading…" : "Upload picture"}
        </button>
        <input
          ref={input}
          type="file"
          accept={UPLOAD_ACCEPT}
          hidden
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            // The same file picked again is a new pick.
            e.currentTarget.value = "";
            if (files.length === 0) return;
            void studio.uploads.upload(props.frameId, files).then(() => button.focus());
          }}
        />
        <Show when={error()}>
          <span id={errorId} class="field-error upload-error" role="alert">
            {error()}
          </span>
        </Show>
      </span>
    </Show>
  );
}

/** "Pictures: 12.4 MB of 2 GB", the project's uploads and drawings against its limit, read when shown and after each upload. */
export function StorageLine() {
  const studio = useStudio();
  onMount(() => void studio.uploads.loadStorage());
  return (
    <Show when={studio.uploads.storage()}>
      {(s) => (
        <span class="muted small storage-line" title="Uploads and drawings kept for this project">
          {storageWords(s())}
        </span>
      )}
    </Show>
  );
}
