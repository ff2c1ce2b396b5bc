// MEDIA_PROVIDER=sketch, the offline default: draws a storyboard card as an
// SVG image from the frame itself. The shot size, angle and movement read
// from the camera text set the composition, the frame's characters are
// labelled figures in their own colours, its location sets the backdrop, and
// the title, action, dialogue and sound are wrapped into the caption under the
// panel, in the episode's aspect ratio. The drawing is one scene description
// (worker/domain/scene.ts) that the PDF export draws too; every piece of text
// is XML-escaped, and the card holds no script, link or external reference.
import { DEFAULT_ASPECT } from "../domain/board";
import { describeScene, PANEL_SIZES, wrapText } from "../domain/scene";
import { sceneToSvg } from "../domain/scene-svg";
import type { MediaProvider, Rendered, RenderInput } from "./provider";

/**
 * Word wrap to at most `lines` lines of about `width` characters (an average
 * character being half an em); the last line ends in "…" when text was cut.
 */
export function wrap(text: string, width: number, lines: number): string[] {
  return wrapText(text, width * 10, 20, { maxLines: lines }).lines;
}

export function sketchScene(input: RenderInput) {
  return describeScene({ frame: input.frame, shot: input.shot, assets: input.assets, aspect: input.aspect ?? DEFAULT_ASPECT });
}

export function sketchSvg(input: RenderInput): string {
  return sceneToSvg(sketchScene(input));
}

export class SketchProvider implements MediaProvider {
  readonly name = "sketch" as const;
  readonly model = "sketch-svg-2";

  async render(input: RenderInput): Promise<Rendered> {
    const scene = sketchScene(input);
    return { bytes: new TextEncoder().encode(sceneToSvg(scene)), mime: "image/svg+xml", width: scene.width, height: scene.height };
  }

  describe(input: RenderInput) {
    const aspect = input.aspect ?? DEFAULT_ASPECT;
    const panel = PANEL_SIZES[aspect] ?? PANEL_SIZES[DEFAULT_ASPECT];
    return { frameId: input.frame.id, promptChars: input.prompt.length, aspect, panel: `${panel.w}x${panel.h}` };
  }
}
