// A project's budget (CONTRACT 7) as one condition in SQL: the statement that
// starts a paid job also checks that the project's spend, with this job's
// price, stays within its budget. Two jobs started at the same moment are
// then two statements D1 runs one after the other, and the second sees the
// first running: a budget can no longer be passed by jobs checked together.
import { type SQL, sql } from "drizzle-orm";
import { PRICES, pricePerImage } from "../domain/costs";
import { PAID_PROVIDERS } from "../domain/jobs";

/** SQL, true when the project has no budget or its spend plus `provider`'s price is within it (the rule of overBudgetReason). */
export function withinBudget(projectId: string, provider: string): SQL {
  const paid = [...PAID_PROVIDERS];
  const priceOf = sql.join(
    paid.map((p) => sql`WHEN ${p} THEN ${PRICES[p].usdPerImage}`),
    sql` `,
  );
  const spent = sql`(SELECT coalesce(sum(CASE j.provider ${priceOf} ELSE 0 END), 0) FROM jobs AS j WHERE j.project_id = ${projectId} AND j.status IN ('success', 'running') AND j.provider IN (${sql.join(
    paid.map((p) => sql`${p}`),
    sql`, `,
  )}))`;
  const budget = sql`(SELECT p.budget_usd FROM projects AS p WHERE p.id = ${projectId})`;
  return sql`(${budget} IS NULL OR round(${spent} + ${pricePerImage(provider)}, 6) <= round(${budget}, 6))`;
}
