// MEDIA_PROVIDER=sketch, the offline default: draws the frame's panel as an
// SVG image, the picture only (CONTRACT 12): the place by its kind, the
// props and people the frame names, composed by the shot size, angle and
// movement read from the camera text, in the episode's aspect ratio. No shot
// label, title, caption, camera chips or timecode: the card, the PDF and the
// animatic print those from the board as it is now. The SVG's <title> is the
// alt text, made from the same scene description that drew it, and the
// render returns it beside the bytes. Every piece of text is XML-escaped, and
// the SVG holds no script, link or external reference.
import { DEFAULT_ASPECT } from "../domain/board";
import { describeScene, PANEL_SIZES, type Scene, sceneToSvg } from "../sketch";
import { wrapText } from "../sketch/text";
import type { MediaProvider, Rendered, RenderInput } from "./provider";

/**
 * Word wrap to at most `lines` lines of about `width` characters (an average
 * character being half an em); the last line ends in "…" when text was cut.
 */
export function wrap(text: string, width: number, lines: number): string[] {
  return wrapText(text, width * 10, 20, { maxLines: lines }).lines;
}

export function sketchScene(input: RenderInput): Scene {
  return describeScene({ frame: input.frame, assets: input.assets, aspect: input.aspect ?? DEFAULT_ASPECT });
}

export function sketchSvg(input: RenderInput): string {
  return sceneToSvg(sketchScene(input));
}

export class SketchProvider implements MediaProvider {
  readonly name = "sketch" as const;
  readonly model = "sketch-svg-3";

  async render(input: RenderInput): Promise<Rendered> {
    const scene = sketchScene(input);
    return { bytes: new TextEncoder().encode(sceneToSvg(scene)), mime: "image/svg+xml", width: scene.width, height: scene.height, alt: scene.alt };
  }

  describe(input: RenderInput) {
    const aspect = input.aspect ?? DEFAULT_ASPECT;
    const panel = PANEL_SIZES[aspect] ?? PANEL_SIZES[DEFAULT_ASPECT];
    return { frameId: input.frame.id, promptChars: input.prompt.length, aspect, panel: `${panel.w}x${panel.h}` };
  }
}
