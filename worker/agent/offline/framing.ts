// Storyboard sense the offline agent applies when nobody names a camera: a
// face reads in a close-up, hands and objects in an insert, a street in a
// wide, two people in a medium shot. The text it writes is what the shared
// camera reader understands ("CU", "WS, high angle", "INSERT, overhead").
import { type CameraReading, formatCamera, readCamera } from "../../domain/camera";
import type { CameraChange } from "./vocabulary";

/** A camera for a shot described in words. */
export function cameraFor(description: string): string {
  const t = description.toLowerCase();
  if (/\b(?:eyes?|tears?|lips|pupils?)\b/.test(t)) return "ECU";
  if (/\b[A-Z][a-z]+\s+and\s+[A-Z][a-z]+\b/.test(description) || /\b(?:together|each other|both of them|the two of them|couple)\b/.test(t)) return "TWO-SHOT";
  if (
    /\b(?:at|to|with|for|and)\s+(?:a|an|the|her|his|their)\s+(?:customer|friend|guest|regular|stranger|colleague|neighbour|neighbor|child|kid|client)s?\b/.test(
      t,
    )
  )
    return "MS";
  if (/\b(?:hands?|fingers?|cup|mug|glass|logo|sign|label|detail|keys?|phone|screen|note|letter|ring|watch|plate|coin|receipt|button|texture)\b/.test(t))
    return "INSERT";
  if (
    /\b(?:street|exterior|outside|city|skyline|town|building|room|hall|field|beach|landscape|whole|everyone|crowd|corner|rooftop|road|park|queue|line of people)\b/.test(
      t,
    )
  )
    return "WS";
  if (
    /\b(?:face|smil\w*|laugh\w*|reaction|react\w*|expression|looks?\s+(?:up|at|into)|nods?|grins?|frowns?|cries|crying|blinks?|winks?|stares?|glances?)\b/.test(
      t,
    )
  )
    return "CU";
  return "MS";
}

/** A person's camera request merged into the frame's camera: "make it a close-up" keeps its angle and movement. */
export function mergeCamera(current: string, change: CameraChange): string {
  const r: CameraReading = readCamera(current);
  const next: CameraReading = {
    size: change.size ?? r.size,
    angle: change.angle ?? r.angle,
    movement: change.movement ?? r.movement,
  };
  const direction = change.movement ? change.direction : r.direction;
  if (direction && next.movement !== "static") next.direction = direction;
  return formatCamera(next);
}

/** Camera text for a new shot from what was asked, or from its description. */
export function cameraForNew(change: CameraChange, description: string): string {
  if (!change.size && !change.angle && !change.movement) return cameraFor(description);
  return mergeCamera(change.size ? "" : cameraFor(description), change);
}
