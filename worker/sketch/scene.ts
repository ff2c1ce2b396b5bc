// The scene description: what a frame's sketch shows (the place, the props,
// the people, what the shot is about, its composition) and the drawing made
// from it, in the episode's aspect ratio. The SVG writer (svg.ts) and the PDF
// painter draw it; the alt text is written from it. Never throws on any
// frame text; the same input always describes the same scene.
import type { Asset, Aspect, Frame } from "../domain/board";
import { readCamera } from "../domain/camera";
import { altText } from "./alt";
import { drawPanel } from "./draw";
import { figuresOf, planPanel } from "./panel";
import { PAPER } from "./palette";
import { readFrame } from "./read";
import type { Scene } from "./types";

export interface SceneInput {
  frame: Frame;
  /** The frame's assets (the board's assets that frame.continuity.assetIds points at). */
  assets: Asset[];
  aspect?: Aspect;
}

/** The panel's size in px for each aspect ratio: what the sketch provider stores. */
export const PANEL_SIZES: Record<Aspect, { w: number; h: number }> = {
  "16:9": { w: 960, h: 540 },
  "2.39:1": { w: 960, h: 402 },
  "1:1": { w: 720, h: 720 },
  "4:5": { w: 720, h: 900 },
  "9:16": { w: 540, h: 960 },
};

export function describeScene(input: SceneInput): Scene {
  const aspect: Aspect = input.aspect && input.aspect in PANEL_SIZES ? input.aspect : "16:9";
  const { w, h } = PANEL_SIZES[aspect];
  const frame = input.frame;
  const camera = readCamera(frame.camera ?? "");
  const size = camera.size ?? "MS";
  const r = readFrame(frame, input.assets, camera);
  const plan = planPanel({
    w,
    h,
    reading: camera,
    place: r.place,
    people: r.people,
    props: r.props,
    focus: r.focus,
    walking: r.walking,
    frameSeed: frame.id,
    placeSeed: r.placeSeed,
    zoomOut: camera.movement === "zoom" && /\bzoom(s|ing|ed)? (out|back)\b/i.test(frame.camera ?? ""),
  });
  const described = { camera, size, place: r.place, props: r.props, people: r.people, focus: r.focus };
  return {
    width: w,
    height: h,
    aspect,
    paper: PAPER,
    ...described,
    figures: figuresOf(plan),
    horizon: Math.round(plan.horizon * 10) / 10,
    dutch: plan.dutch,
    alt: altText(described),
    art: drawPanel(plan),
  };
}
