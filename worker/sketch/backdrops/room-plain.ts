// A room of no particular kind: a window away from the subject, a door on
// the subject's side, a picture by day and a lamp by night.
import { propNamed } from "../objects/registry";
import { drawProp } from "../objects/draw";
import { room, wallDoor, wallPicture, wallWindow } from "./room";
import type { BackdropDef } from "./types";

export const plainRoom: BackdropDef = {
  kind: "room",
  words:
    /\b(rooms?|apartments?|flats?|hall|hallways?|corridors?|lobby|lobbies|house|home|studio|library|lab|laboratory|church|cell|basement|attic|garage|elevator|lift|cabin|gym|museum|hotel|motel|club|stairwell|loft|interior|indoors|inside|int)\b/i,
  interior: true,
  phrase: "in a room",
  draw(c) {
    const r = room(c);
    const sc = c.plan.unit / c.plan.depth;
    const winX = r.subjectLeft ? 5 : -14;
    wallWindow(r, winX, 3.8, 9, 6.2);
    wallDoor(r, r.subjectLeft ? -14 : 9.4);
    if (r.night) {
      const lamp = propNamed("lamp")!;
      drawProp(r.wall, lamp, r.subjectLeft ? winX - 2.2 : winX + 11.2, 0, 6, 6 * sc, r.t.line, true);
    } else wallPicture(r, r.subjectLeft ? -6 : 1, 5.8, 4, 2.8);
  },
};
