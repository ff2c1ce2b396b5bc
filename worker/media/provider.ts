// Media providers: one interface, a sketch renderer that needs nothing, and
// two paid services. Each call returns real image bytes or throws a
// MediaError saying whether retrying can help.
import type { Asset, Aspect, Frame } from "../domain/board";
import type { MediaProviderName } from "../domain/jobs";

export interface RenderInput {
  prompt: string;
  frame: Frame;
  shot: string;
  assets: Asset[];
  /** The episode's aspect ratio (board.format.aspect); 16:9 when absent. */
  aspect?: Aspect;
  /** The reference pictures of the frame's assets (CONTRACT 12), read for providers that accept them. */
  references?: ReferenceImage[];
}
/** One asset's reference picture, as sent to a provider. */
export interface ReferenceImage {
  assetId: string;
  name: string;
  mime: string;
  bytes: Uint8Array;
}
export interface Rendered {
  bytes: Uint8Array;
  mime: string;
  width: number;
  height: number;
  /** What the picture shows, in words, when the provider knows (the sketch does). */
  alt?: string;
}
export interface MediaProvider {
  readonly name: MediaProviderName;
  readonly model: string;
  /** Whether it takes reference images with a render; the others are never sent them. */
  readonly acceptsReferences?: boolean;
  render(input: RenderInput, signal: AbortSignal): Promise<Rendered>;
  /** What the provider request record keeps of the call (never a key). */
  describe(input: RenderInput): Record<string, unknown>;
}

export class MediaError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}
