// A street: a row of buildings along the far pavement (lit windows at
// night), the kerb, paving running into the distance and a street lamp. A
// shop, café, bakery, restaurant or bar seen from outside is its shopfront in
// that row: an awning in its colours and its goods in a lit window.
import type { Ctx } from "../geometry";
import { groundAt } from "../geometry";
import { INK, rng, SOFT_INK } from "../palette";
import type { PlaceKind, Paint } from "../types";
import { horizonLine, sky } from "./outside";
import type { BackdropDef } from "./types";

type Shop = Extract<PlaceKind, "bakery" | "cafe" | "shop" | "restaurant" | "bar">;
const AWNING: Record<Shop, [string, string]> = {
  bakery: ["#d98c3f", "#f4e6c8"],
  cafe: ["#3d9970", "#f4efe2"],
  shop: ["#2e86ab", "#f4efe2"],
  restaurant: ["#8e2436", "#f4efe2"],
  bar: ["#34508f", "#1f2a44"],
};

function buildings(c: Ctx, shop: Shop | null): void {
  const { plan, world } = c;
  const { w, h } = plan;
  const night = plan.place.time === "night";
  const rnd = rng(plan.seed);
  const sc = plan.unit / plan.depth; // px per body unit at the backdrop's distance
  const base = groundAt(plan, plan.depth);
  let x = -w * 0.3;
  const bw0 = Math.max(sc * 10, w * 0.06);
  let i = 0;
  const shopAt = w * 0.58;
  while (x < w * 1.3 && i < 14) {
    let bw = bw0 * (0.8 + rnd() * 0.8);
    const bh = sc * (16 + rnd() * 26) + (plan.size === "EWS" ? h * 0.12 * rnd() : 0);
    const top = base - bh;
    const isShop = shop && x <= shopAt && x + bw > shopAt;
    if (isShop) bw = Math.max(bw, sc * 18);
    const fill = night ? (i % 2 ? "#434a5c" : "#3d4353") : i % 2 ? "#e9e3d6" : "#e1dacb";
    world.rect(x, top, bw, base - top, { fill, stroke: night ? "#8d95a6" : SOFT_INK, sw: 1.3 });
    const cols = Math.max(1, Math.min(4, Math.floor(bw / (sc * 3.2))));
    const rows = Math.max(1, Math.min(5, Math.floor(bh / (sc * 5))));
    const ww = (bw / cols) * 0.42;
    const wh = Math.min(sc * 2.4, (bh / rows) * 0.5);
    const lastRow = isShop ? Math.max(1, rows - 2) : rows;
    if (ww > 7 && wh > 7)
      for (let cI = 0; cI < cols; cI++)
        for (let rI = 0; rI < lastRow; rI++) {
          const wx = x + (bw / cols) * (cI + 0.29);
          const wy = top + (bh / rows) * (rI + 0.25);
          const lit = night && rnd() < 0.45;
          world.rect(wx, wy, ww, wh, { fill: lit ? "#e9c46a" : night ? "#2b303c" : "#cfdbe1", stroke: night ? "#7d8596" : "#8c8980", sw: 0.8 });
        }
    else if (wh > 1.5)
      for (let rI = 0; rI < lastRow; rI++)
        world.rect(x + bw * 0.12, top + (bh / rows) * (rI + 0.25), bw * 0.76, wh, {
          fill: night ? "#6f6a55" : "#cfdbe1",
          stroke: night ? "#7d8596" : "#8c8980",
          sw: 0.6,
        });
    if (isShop && shop) shopfront(c, shop, x, bw, base, sc);
    x += bw + sc * (rnd() < 0.3 ? 2 : 0);
    i++;
  }
}

/** The ground floor of a building as a shop: awning, a big lit window with the kind's goods, a door, a blank sign board. */
function front(c: Ctx, shop: Shop, x: number, bw: number, base: number, sc: number): void {
  const { world, plan } = c;
  const night = plan.place.time !== "day";
  const line: Paint = { stroke: INK, sw: 1.4 };
  const [stripe, light] = AWNING[shop];
  const top = base - 10 * sc;
  world.rect(x, top, bw, 10 * sc, { fill: night ? "#5a5248" : "#efe6d6", ...line });
  world.rect(x + bw * 0.2, top - 2.2 * sc, bw * 0.6, 1.6 * sc, { fill: night ? "#3d3a36" : "#f7f1e4", ...line });
  const winX = x + bw * 0.06;
  const winW = bw * 0.6;
  const winTop = base - 6.6 * sc;
  if (night) world.rect(winX - sc, winTop - sc, winW + 2 * sc, 7.5 * sc, { fill: "#f3d88f", opacity: 0.25 });
  world.rect(winX, winTop, winW, 5.6 * sc, { fill: night ? "#f0cf7f" : "#dfe9ee", ...line });
  world.rect(winX, base - 1 * sc, winW, 1 * sc, { fill: "#8f6440", ...line });
  // The goods in the window, on its sill.
  const n = Math.max(2, Math.floor(winW / (2.4 * sc)));
  for (let k = 0; k < n; k++) {
    const gx = winX + (winW * (k + 0.5)) / n;
    const gy = base - 1 * sc;
    if (shop === "bakery")
      world.path([["M", gx - sc, gy], ["C", gx - sc, gy - 1.4 * sc, gx + sc, gy - 1.4 * sc, gx + sc, gy], ["Z"]], { fill: "#d49a52", stroke: INK, sw: 1 });
    else if (shop === "cafe") {
      world.rect(gx - 0.5 * sc, gy - 1.1 * sc, sc, 1.1 * sc, { fill: "#f3efe6", stroke: INK, sw: 1 });
      world.ellipse(gx, gy - 3.6 * sc, 1.1 * sc, 0.5 * sc, { fill: "#5f6b6a", stroke: INK, sw: 1 });
    } else if (shop === "bar") world.rect(gx - 0.3 * sc, gy - 2.2 * sc, 0.6 * sc, 2.2 * sc, { fill: "#3f6b4f", stroke: INK, sw: 1 });
    else if (shop === "restaurant") {
      world.ellipse(gx, gy - 1.8 * sc, 1 * sc, 0.3 * sc, { fill: "#fbf9f4", stroke: INK, sw: 1 });
      world.line(gx, gy - 1.8 * sc, gx, gy, { stroke: INK, sw: 1.2 });
    } else
      world.rect(gx - 0.7 * sc, gy - (1 + (k % 3) * 0.5) * sc, 1.4 * sc, (1 + (k % 3) * 0.5) * sc, {
        fill: ["#d1495b", "#e8a33d", "#2e86ab"][k % 3]!,
        stroke: INK,
        sw: 1,
      });
  }
  // The door.
  const dx = x + bw * 0.72;
  world.rect(dx, base - 8 * sc, bw * 0.2, 8 * sc, { fill: night ? "#e9c46a" : "#8f5f3f", ...line });
  world.rect(dx + bw * 0.03, base - 7.2 * sc, bw * 0.14, 3.2 * sc, { fill: night ? "#f6e3a1" : "#cfe3ec", stroke: INK, sw: 1 });
  // The awning: stripes and a scalloped edge.
  const aTop = base - 8.6 * sc;
  const aBot = base - 6.9 * sc;
  const stripes = Math.max(4, Math.round(bw / (1.6 * sc)));
  for (let k = 0; k < stripes; k++) {
    const a = x - sc + ((bw + 2 * sc) * k) / stripes;
    const b = x - sc + ((bw + 2 * sc) * (k + 1)) / stripes;
    world.path([["M", a + sc * 0.3, aTop], ["L", b + sc * 0.3, aTop], ["L", b, aBot], ["Q", (a + b) / 2, aBot + 0.7 * sc, a, aBot], ["Z"]], {
      fill: k % 2 ? light : stripe,
      stroke: INK,
      sw: 1,
    });
  }
}

export function shopfront(c: Ctx, shop: Shop, x?: number, bw?: number, base?: number, sc?: number): void {
  if (x === undefined || bw === undefined || base === undefined || sc === undefined) {
    streetScene(c, shop);
    return;
  }
  front(c, shop, x, bw, base, sc);
}

function streetScene(c: Ctx, shop: Shop | null): void {
  sky(c);
  horizonLine(c);
  const { plan, world } = c;
  const { w, h, horizon } = plan;
  const night = plan.place.time === "night";
  buildings(c, shop);
  const sc = plan.unit / plan.depth;
  const base = groundAt(plan, plan.depth);
  world.line(-w, base, 2 * w, base, { stroke: night ? "#9aa1b0" : INK, sw: 1.6 });
  const kerb = groundAt(plan, plan.depth * 0.8);
  if (kerb < h * 1.4) world.line(-w, kerb, 2 * w, kerb, { stroke: night ? "#8d95a6" : SOFT_INK, sw: 1.2 });
  const lx = shop ? w * 0.14 : w * 0.86;
  const lh = sc * 14;
  if (lh > 8) {
    world.line(lx, base, lx, base - lh, { stroke: night ? "#aab1bf" : INK, sw: Math.max(1.5, sc * 0.35) });
    world.path(
      [
        ["M", lx, base - lh],
        ["Q", lx, base - lh - sc * 1.2, lx - sc * 2, base - lh - sc * 0.8],
      ],
      { stroke: night ? "#aab1bf" : INK, sw: Math.max(1.5, sc * 0.3), fill: "none" },
    );
    if (night) world.ellipse(lx - sc * 2, base - lh - sc * 0.4, sc * 3.5, sc * 3.5, { fill: "#f3d88f", opacity: 0.28 });
    world.ellipse(lx - sc * 2, base - lh - sc * 0.5, sc * 0.6, sc * 0.45, { fill: night ? "#f6e3a1" : "#fffdf3", stroke: night ? "#aab1bf" : INK, sw: 1.2 });
  }
  // Paving joints running into the distance.
  if (horizon > h * 0.97) return;
  const stroke: Paint = { stroke: night ? "#596070" : "#bfb49e", sw: 1.1 };
  const far = h * 1.3;
  const kerb2 = Math.max(kerb, horizon + 2);
  if (kerb2 > far) return;
  const vx = plan.vpx;
  const t = (kerb2 - horizon) / (far - horizon);
  for (let i = -7; i <= 7; i++) {
    const xb = vx + i * w * 0.2;
    world.line(vx + (xb - vx) * t, kerb2, xb, far, stroke);
  }
  for (let j = 1; j < 9; j++) {
    const y = horizon + (kerb2 - horizon) * (1 + j * j * 0.35);
    if (y > h) break;
    world.line(-w, y, 2 * w, y, stroke);
  }
}

export const street: BackdropDef = {
  kind: "street",
  words:
    /\b(streets?|roads?|alleys?|alleyways?|downtown|village|town|city|square|plaza|bridge|highway|parking|car park|avenue|sidewalk|pavement|crosswalk|station|market|corner|storefront|shopfront|facade|façade)\b/i,
  interior: false,
  phrase: "on a street",
  draw(c) {
    streetScene(c, null);
  },
};
