// What a render costs before anyone pays for it (CONTRACT 7, issue 12 item 8):
// a price table per media provider per image, the estimate the studio shows
// before a batch, and the budget rule the job pipeline applies. Pure
// TypeScript: the worker and the SPA import the same numbers.
//
// Every figure here is an estimate: providers bill by their own meters and
// change their prices. The studio says "estimated" wherever it shows them.
import { z } from "zod";
import type { MediaProviderName } from "./jobs";

/**
 * OpenAI gpt-image-1 at 1536x1024 (the size worker/media/paid.ts asks for),
 * at high quality: the request sets no quality, so OpenAI's default "auto"
 * may pick high, and the estimate takes the dearest. OpenAI's published
 * per-image table for gpt-image-1 (low $0.016, medium $0.063, high $0.25 at
 * 1536x1024), as quoted on the model's pricing pages, read 2026-11-25.
 */
export const OPENAI_GPT_IMAGE_1_HIGH_1536_USD = 0.25;

/**
 * Workers AI @cf/black-forest-labs/flux-1-schnell: $0.0000528 per 512x512
 * tile and $0.0001056 per step (developers.cloudflare.com/workers-ai/platform/pricing,
 * read 2026-11-25). The provider asks for the model's defaults: a 1024x1024
 * image (4 tiles) in 4 steps.
 */
export const FLUX_SCHNELL_USD_PER_TILE = 0.0000528;
export const FLUX_SCHNELL_USD_PER_STEP = 0.0001056;
const FLUX_SCHNELL_TILES = 4;
const FLUX_SCHNELL_STEPS = 4;
export const WORKERS_AI_FLUX_SCHNELL_USD = FLUX_SCHNELL_TILES * FLUX_SCHNELL_USD_PER_TILE + FLUX_SCHNELL_STEPS * FLUX_SCHNELL_USD_PER_STEP;

export interface ProviderPrice {
  /** Estimated US dollars per image. */
  usdPerImage: number;
  /** Estimated seconds one render takes, the provider call and storage together. */
  secondsPerImage: number;
}

/**
 * Per provider, per image. The seconds are rough timings for one render (a
 * sketch renders locally; flux-1-schnell is a 4-step model; gpt-image-1 at
 * high quality takes tens of seconds), not published figures.
 */
export const PRICES: Record<MediaProviderName, ProviderPrice> = {
  sketch: { usdPerImage: 0, secondsPerImage: 1 },
  "workers-ai": { usdPerImage: WORKERS_AI_FLUX_SCHNELL_USD, secondsPerImage: 5 },
  openai: { usdPerImage: OPENAI_GPT_IMAGE_1_HIGH_1536_USD, secondsPerImage: 45 },
};

/** Jobs the queue hands one consumer at once (max_batch_size in wrangler.toml); they render side by side. */
export const RENDERS_IN_PARALLEL = 10;

export interface BatchEstimate {
  count: number;
  costUsd: number;
  seconds: number;
}

/** The price of one image with `provider`; an unknown provider is priced like the dearest one, never as free. */
export function pricePerImage(provider: string): number {
  const p = PRICES[provider as MediaProviderName];
  return p ? p.usdPerImage : Math.max(...Object.values(PRICES).map((x) => x.usdPerImage));
}

/** Cents-exact sums: whole micro-dollars, so 0.1 + 0.2 is 0.3. */
export function roundUsd(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** The estimate the studio shows before a batch of `count` renders with `provider`. */
export function estimateBatch(provider: string, count: number): BatchEstimate {
  const n = Math.max(0, Math.floor(count));
  const p = PRICES[provider as MediaProviderName] ?? { usdPerImage: pricePerImage(provider), secondsPerImage: PRICES.openai.secondsPerImage };
  return { count: n, costUsd: roundUsd(n * p.usdPerImage), seconds: Math.ceil(n / RENDERS_IN_PARALLEL) * p.secondsPerImage };
}

/** Whether `provider` costs money per image. */
export function isPaid(provider: string): boolean {
  return pricePerImage(provider) > 0;
}

/** Dollars as people read them: "$0.25", "$0.0006", "$12.50". */
export function formatUsd(n: number): string {
  if (n === 0) return "$0";
  if (n < 0.01) return `$${Number(n.toPrecision(2))}`;
  return `$${n.toFixed(2)}`;
}

/** "about 45 s", "about 3 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds))} s`;
  return `about ${Math.round(seconds / 60)} min`;
}

/**
 * The budget rule: a paid job is blocked when its cost would take the
 * project's spend beyond the budget. `spentUsd` is the estimated cost of the
 * project's paid jobs that succeeded or are running (see projectSpendUsd in
 * worker/jobs/pipeline.ts). A null budget means no limit. Returns the reason, or null.
 */
export function overBudgetReason(budgetUsd: number | null | undefined, spentUsd: number, jobCostUsd: number): string | null {
  if (budgetUsd === null || budgetUsd === undefined || jobCostUsd <= 0) return null;
  if (roundUsd(spentUsd + jobCostUsd) <= roundUsd(budgetUsd)) return null;
  return `This render (${formatUsd(jobCostUsd)}) would go over the project's budget of ${formatUsd(budgetUsd)} (spent ${formatUsd(roundUsd(spentUsd))}). An owner can raise the budget in the project's settings, then retry.`;
}

/** The most a budget may be set to, in US dollars. */
export const MAX_BUDGET_USD = 1_000_000;

/**
 * POST /projects/:id/consent (owner only): the paid-media consent, the budget,
 * or both. `budgetUsd: null` removes the budget.
 */
export const ProjectSettingsBody = z
  .object({
    paidMedia: z.boolean().optional(),
    budgetUsd: z.number().finite().nonnegative().max(MAX_BUDGET_USD).nullable().optional(),
  })
  .strict()
  .refine((b) => b.paidMedia !== undefined || b.budgetUsd !== undefined, { message: "Send paidMedia, budgetUsd or both." });
export type ProjectSettingsBody = z.infer<typeof ProjectSettingsBody>;

/** GET /projects/:id/consent: what the project settings and the studio's batch confirmation show. */
export const ProjectSettings = z.object({
  paidMedia: z.boolean(),
  budgetUsd: z.number().nullable(),
  /** The spend the budget counts (see projectSpendUsd). */
  spentUsd: z.number(),
  /** The media provider a render gets when it names none (MEDIA_PROVIDER). */
  mediaProvider: z.string(),
});
export type ProjectSettings = z.infer<typeof ProjectSettings>;
