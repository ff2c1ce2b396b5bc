// The uploads store (CONTRACT 12): a picture picked, dropped or pasted goes
// to the frame's upload route; the board then changes by itself through the
// room's add_revision event. It keeps, per frame, whether an upload is under
// way and the server's message when one was refused, and the project's
// picture storage, read again after each upload.
import { createSignal } from "solid-js";
import type { StorageRes } from "../../../../worker/domain/pictures";
import { api, describeError } from "../../api";
import { choosePicture, type Incoming } from "../model/pictures";

export type UploadResult = { ok: true } | { ok: false; message: string };

export function createUploads(projectId: string, episodeId: string) {
  const [busy, setBusy] = createSignal<ReadonlySet<string>>(new Set());
  const [errors, setErrors] = createSignal<Readonly<Record<string, string>>>({});
  const [storage, setStorage] = createSignal<StorageRes>();
  let storageRead: Promise<void> | null = null;

  const setError = (frameId: string, message: string | undefined) =>
    setErrors((e) => {
      const { [frameId]: _gone, ...rest } = e;
      return message ? { ...rest, [frameId]: message } : rest;
    });

  /** Reads the project's storage again; a project without the route or a failed read shows none. */
  const refreshStorage = (): Promise<void> => {
    const read = api.storage(projectId).then(
      (s) => void setStorage(s),
      () => void setStorage(undefined),
    );
    storageRead = read;
    return read;
  };

  /** Uploads the first picture among `files` to a frame; says why not when nothing fit or the server refused. */
  async function upload(frameId: string, files: readonly (Incoming & Blob)[]): Promise<UploadResult> {
    const chosen = choosePicture(files);
    if (!chosen) return { ok: false, message: "Nothing to upload." };
    if (!chosen.ok) {
      setError(frameId, chosen.message);
      return chosen;
    }
    if (busy().has(frameId)) return { ok: false, message: "A picture is already uploading to this shot." };
    setError(frameId, undefined);
    setBusy((s) => new Set([...s, frameId]));
    try {
      await api.upload(projectId, episodeId, frameId, chosen.file, chosen.file.name);
      void refreshStorage();
      return { ok: true };
    } catch (err) {
      // The server's own words: "at most 15 MB", "only PNG, JPEG or WebP", "2 GB used of 2 GB".
      const message = describeError(err);
      setError(frameId, message);
      return { ok: false, message };
    } finally {
      setBusy((s) => new Set([...s].filter((id) => id !== frameId)));
    }
  }

  return {
    /** Whether a picture is uploading to this frame now. */
    uploading: (frameId: string) => busy().has(frameId),
    /** The message of this frame's last refused upload, until the next one starts. */
    error: (frameId: string) => errors()[frameId],
    clearError: (frameId: string) => setError(frameId, undefined),
    upload,
    storage,
    /** The storage line's data, read once on first use. */
    loadStorage: () => storageRead ?? refreshStorage(),
    refreshStorage,
  };
}
export type UploadsStore = ReturnType<typeof createUploads>;
