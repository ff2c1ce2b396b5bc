// The offline sketch renderer (CONTRACT 12, "The sketch shows the subject"):
// pure TypeScript, imported by the worker (the sketch media provider, the
// PDF and ZIP exports) and by the SPA (a card's live sketch, the review page,
// the animatic). It draws the picture only; words are the card's business.
import type { Asset, Aspect, Frame } from "../domain/board";
import { describeScene } from "./scene";
import { sceneToSvg } from "./svg";

export { PLACE_KINDS } from "./types";
export type { Cmd, Figure, Focus, GroupPrim, Paint, Person, Place, PlaceKind, Prim, Scene } from "./types";
export { describeScene, PANEL_SIZES, type SceneInput } from "./scene";
export { escapeXml, sceneToSvg } from "./svg";
export { ANNOTATION, CAST_COLORS, castColor, INK, PAPER, SOFT_INK } from "./palette";
export { PROPS } from "./objects/registry";
export { BACKDROPS } from "./backdrops/registry";

export interface Sketch {
  svg: string;
  alt: string;
  width: number;
  height: number;
}

/** A frame's sketch: the panel as SVG and the alt text that says what it shows. */
export function sketch(frame: Frame, assets: Asset[], aspect?: Aspect, idPrefix?: string): Sketch {
  const scene = describeScene({ frame, assets, aspect });
  return { svg: sceneToSvg(scene, idPrefix), alt: scene.alt, width: scene.width, height: scene.height };
}

/** The sketch as a data: URL for an <img>, with its alt text. */
export function sketchDataUrl(frame: Frame, assets: Asset[], aspect?: Aspect, idPrefix?: string): { src: string; alt: string } {
  const s = sketch(frame, assets, aspect, idPrefix);
  return { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(s.svg)}`, alt: s.alt };
}
