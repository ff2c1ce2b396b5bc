// Shot lengths that add up: a running time split over shots by weight,
// rounded to half seconds (tenths when shots are shorter than a second),
// with the rounding remainder on the longest shot, so "a 30-second ad in
// 6 shots" is exactly 30 s and "make it 20 seconds" is exactly 20 s.

const STEPS = [0.5, 0.1, 0.01];

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Splits `total` seconds over `weights`; every share is positive and the shares sum to `total`. */
export function distribute(total: number, weights: number[]): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const w = weights.map((x) => (Number.isFinite(x) && x > 0 ? x : 1));
  const sumW = w.reduce((a, b) => a + b, 0);
  const step = STEPS.find((s) => total / n >= s * 2 && Math.abs(Math.round(total / s) * s - total) < 1e-9);
  if (step === undefined) return w.map((x) => round2((total * x) / sumW));
  const units = Math.round(total / step);
  const shares = w.map((x) => Math.max(1, Math.round((units * x) / sumW)));
  let diff = units - shares.reduce((a, b) => a + b, 0);
  const longest = () => shares.reduce((best, v, i) => (v > shares[best]! ? i : best), 0);
  if (diff > 0) shares[longest()]! += diff;
  while (diff < 0) {
    const i = longest();
    if (shares[i]! <= 1) break;
    shares[i]!--;
    diff++;
  }
  return shares.map((u) => round2(u * step));
}

/** New lengths for frames so they sum to `total`, keeping their proportions; a frame with no length counts as an average one. */
export function retime(durations: (number | null)[], total: number): number[] {
  const known = durations.filter((d): d is number => d !== null && d > 0);
  const mean = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  return distribute(
    total,
    durations.map((d) => (d !== null && d > 0 ? d : mean)),
  );
}

/** The episode's running time: the sum of the frames' lengths, without float noise. */
export function runningTime(durations: (number | null)[]): number {
  return round2(durations.reduce<number>((a, d) => a + (d ?? 0), 0));
}

/** A length rounded to the half second, at least half a second. */
export function halfSeconds(n: number): number {
  return Math.max(0.5, Math.round(n * 2) / 2);
}
