// Costs known before paying (issue 12, item 8): the price table, the batch
// estimate the studio shows, and the budget rule the pipeline applies.
import { describe, expect, it } from "vitest";
import {
  estimateBatch,
  formatDuration,
  formatUsd,
  isPaid,
  OPENAI_GPT_IMAGE_1_HIGH_1536_USD,
  overBudgetReason,
  PRICES,
  pricePerImage,
  ProjectSettingsBody,
  WORKERS_AI_FLUX_SCHNELL_USD,
} from "../../worker/domain/costs";
import { MediaProviderName, PAID_PROVIDERS } from "../../worker/domain/jobs";

describe("price table", () => {
  it("prices the offline sketch at nothing", () => {
    expect(pricePerImage("sketch")).toBe(0);
    expect(isPaid("sketch")).toBe(false);
    expect(estimateBatch("sketch", 12)).toEqual({ count: 12, costUsd: 0, seconds: 2 });
  });

  it("counts every provider but the offline sketch as paid, and charges each paid one for every image", () => {
    expect([...PAID_PROVIDERS].sort()).toEqual(MediaProviderName.options.filter((p) => p !== "sketch").sort());
    for (const p of PAID_PROVIDERS) {
      expect(isPaid(p), p).toBe(true);
      expect(estimateBatch(p, 10).costUsd, p).toBeCloseTo(10 * PRICES[p].usdPerImage, 6);
      expect(estimateBatch(p, 10).costUsd, p).toBeGreaterThan(estimateBatch(p, 1).costUsd);
    }
  });

  it("prices gpt-image-1 at 1536x1024 high quality and flux-1-schnell from its tile and step rates", () => {
    expect(pricePerImage("openai")).toBe(OPENAI_GPT_IMAGE_1_HIGH_1536_USD);
    expect(OPENAI_GPT_IMAGE_1_HIGH_1536_USD).toBe(0.25);
    // 4 tiles × $0.0000528 + 4 steps × $0.0001056
    expect(WORKERS_AI_FLUX_SCHNELL_USD).toBeCloseTo(0.0006336, 10);
  });

  it("never prices an unknown provider as free", () => {
    expect(pricePerImage("mystery")).toBe(0.25);
    expect(isPaid("mystery")).toBe(true);
  });
});

describe("estimateBatch", () => {
  it("estimates nothing for an empty batch", () => {
    expect(estimateBatch("openai", 0)).toEqual({ count: 0, costUsd: 0, seconds: 0 });
    expect(estimateBatch("openai", -3)).toEqual({ count: 0, costUsd: 0, seconds: 0 });
  });

  it("multiplies the price by the count without float noise", () => {
    expect(estimateBatch("openai", 3).costUsd).toBe(0.75);
    expect(estimateBatch("workers-ai", 10).costUsd).toBe(0.006336);
  });

  it("counts time in rounds of renders that run side by side", () => {
    expect(estimateBatch("openai", 1).seconds).toBe(45);
    expect(estimateBatch("openai", 10).seconds).toBe(45);
    expect(estimateBatch("openai", 11).seconds).toBe(90);
  });
});

describe("overBudgetReason", () => {
  it("never blocks without a budget or for a free render", () => {
    expect(overBudgetReason(null, 100, 0.25)).toBeNull();
    expect(overBudgetReason(undefined, 100, 0.25)).toBeNull();
    expect(overBudgetReason(0, 100, 0)).toBeNull();
  });

  it("lets a render through that lands exactly on the budget", () => {
    expect(overBudgetReason(0.5, 0.25, 0.25)).toBeNull();
    expect(overBudgetReason(0.3, 0.1 + 0.1, 0.1)).toBeNull();
  });

  it("blocks a render that would take the spend beyond the budget, naming the budget and the spend", () => {
    expect(overBudgetReason(0.05, 0, 0.25)).toBe(
      "This render ($0.25) would go over the project's budget of $0.05 (spent $0). An owner can raise the budget in the project's settings, then retry.",
    );
    expect(overBudgetReason(1, 0.75, 0.25)).toBeNull();
    expect(overBudgetReason(1, 1, 0.25)).toContain("over the project's budget of $1.00 (spent $1.00)");
  });

  it("blocks every paid render under a zero budget", () => {
    expect(overBudgetReason(0, 0, WORKERS_AI_FLUX_SCHNELL_USD)).toContain("over the project's budget of $0 (spent $0)");
  });
});

describe("formatting", () => {
  it("shows dollars to the cent, and small amounts to two significant digits", () => {
    expect(formatUsd(0)).toBe("$0");
    expect(formatUsd(0.25)).toBe("$0.25");
    expect(formatUsd(12.5)).toBe("$12.50");
    expect(formatUsd(0.006336)).toBe("$0.0063");
  });

  it("shows seconds under a minute and a half, minutes above", () => {
    expect(formatDuration(0)).toBe("about 1 s");
    expect(formatDuration(45)).toBe("about 45 s");
    expect(formatDuration(450)).toBe("about 8 min");
  });
});

describe("project settings body", () => {
  it("takes the consent, the budget, both, or a null budget to remove it", () => {
    expect(ProjectSettingsBody.safeParse({ paidMedia: true }).success).toBe(true);
    expect(ProjectSettingsBody.safeParse({ budgetUsd: 0.05 }).success).toBe(true);
    expect(ProjectSettingsBody.safeParse({ budgetUsd: null, paidMedia: false }).success).toBe(true);
  });

  it("refuses an empty body, a negative budget, a budget as text and unknown fields", () => {
    expect(ProjectSettingsBody.safeParse({}).success).toBe(false);
    expect(ProjectSettingsBody.safeParse({ budgetUsd: -1 }).success).toBe(false);
    expect(ProjectSettingsBody.safeParse({ budgetUsd: "5" }).success).toBe(false);
    expect(ProjectSettingsBody.safeParse({ budgetUsd: 5, spentUsd: 0 }).success).toBe(false);
  });
});
