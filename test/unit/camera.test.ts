// The shared camera reader (CONTRACT 4): what the studio shows, the sketch
// renderer draws and the agents write all come from this one reading.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ANGLES, formatCamera, MOVEMENTS, readCamera, SHOT_SIZES } from "../../worker/domain/camera";

describe("readCamera", () => {
  it.each([
    ["EWS", "EWS"],
    ["establishing shot of the town", "EWS"],
    ["extreme wide", "EWS"],
    ["WS", "WS"],
    ["wide shot", "WS"],
    ["Full shot", "FS"],
    ["medium wide", "MWS"],
    ["MS", "MS"],
    ["medium shot", "MS"],
    ["MCU", "MCU"],
    ["medium close-up", "MCU"],
    ["CU", "CU"],
    ["Close-up", "CU"],
    ["closeup", "CU"],
    ["ECU", "ECU"],
    ["extreme close-up on her eyes", "ECU"],
    ["insert of the cup", "INSERT"],
    ["OTS", "OTS"],
    ["over-the-shoulder", "OTS"],
    ["POV", "POV"],
    ["point of view", "POV"],
    ["two-shot", "TWO-SHOT"],
  ])("reads the size of %j as %s", (text, size) => {
    expect(readCamera(text).size).toBe(size);
  });

  it.each([
    ["CU", "eye level"],
    ["WS, high angle", "high"],
    ["low angle MS", "low"],
    ["overhead", "overhead"],
    ["bird's-eye view", "overhead"],
    ["dutch angle", "dutch"],
    ["canted CU", "dutch"],
  ])("reads the angle of %j as %s", (text, angle) => {
    expect(readCamera(text).angle).toBe(angle);
  });

  it.each([
    ["CU", "static"],
    ["slow push in", "push in"],
    ["dolly in", "push in"],
    ["pull back to reveal", "pull out"],
    ["pan left", "pan"],
    ["tilt up", "tilt"],
    ["tracking shot", "track"],
    ["crane up", "crane"],
    ["handheld", "handheld"],
    ["zoom in", "zoom"],
  ])("reads the movement of %j as %s", (text, movement) => {
    expect(readCamera(text).movement).toBe(movement);
  });

  it("reads all three from one line, with the direction of a pan", () => {
    expect(readCamera("WS, low angle, pan right")).toEqual({ size: "WS", angle: "low", movement: "pan", direction: "right" });
    expect(readCamera("CU, low angle, slow push in")).toEqual({ size: "CU", angle: "low", movement: "push in" });
  });

  it("does not read sizes inside other words", () => {
    expect(readCamera("slow follow").angle).toBe("eye level");
    expect(readCamera("soundtrack swells").movement).toBe("static");
    expect(readCamera("").size).toBeNull();
  });

  it("formats a reading as camera text that reads back the same", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SHOT_SIZES, null),
        fc.constantFrom(...ANGLES),
        fc.constantFrom(...MOVEMENTS),
        fc.constantFrom(undefined, "left", "right", "up", "down"),
        (size, angle, movement, dir) => {
          const direction = ["pan", "track", "crane", "tilt"].includes(movement) ? dir : undefined;
          const reading = { size, angle, movement, ...(direction ? { direction } : {}) };
          const back = readCamera(formatCamera(reading));
          expect(back).toEqual(reading);
        },
      ),
    );
  });

  it("never throws on any text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => void readCamera(s)));
  });
});
