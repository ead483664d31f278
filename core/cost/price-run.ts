/**
 * A run's bill: the Lambda lines, then the source services' lines, with the
 * figures derived from them.
 *
 * - The run counts as `max(1, span / 30 days)` months for tier boundaries.
 *   Free allowances follow `freeTier`: by default (`prorated`) a run shorter
 *   than a month gets its share of them (span / 30 days), `true` gives it the
 *   whole month's, `false` none; a longer run gets as many months of them as
 *   it covers. A note says which.
 * - Amounts are summed unrounded. Each returned line shows its usd to 6
 *   decimals; `totalUsd` is the exact sum rounded to the cent, as AWS's worked
 *   examples print it (lines to the cent, the total from the exact values), so
 *   the rounded lines may differ from the total by a cent.
 * - `perMillionRequestsUsd`: the exact total per million Lambda requests.
 * - `monthlyUsd`: every quantity scaled to 30 days from the span the run
 *   actually covered (to its last event, the drain included: work that
 *   spills past the traffic window is part of the rate), provisioned
 *   concurrency configured all 30 days, priced again with one month's free
 *   tier (none when `freeTier: false`); a note says so.
 */
import { roundTo } from '../units.js';
import { freeMonthsOf, MONTH_MS, monthsOf, toCents } from './billing-math.js';
import { priceLambda, type LambdaBill } from './price-lambda.js';
import { priceServices } from './price-services.js';
import { priceTableFor, type PriceTable } from './price-table.js';
import type { CostLine, CostReport, FunctionCost, RunUsage } from './usage.js';

/** Decimals kept in the returned lines, function costs and quantities. */
const LINE_DECIMALS = 6;

interface Bill {
  lines: CostLine[];
  /** Months of free allowances the bill was given. */
  freeMonths: number;
  lambda: LambdaBill;
  /** Exact Σ of the lines. */
  totalUsd: number;
}

export function priceRun(usage: RunUsage, table: PriceTable = priceTableFor(usage.region)): CostReport {
  const bill = billOf(usage, table);
  const monthly = billOf(scaledToMonth(usage), table);
  const functions: Record<string, FunctionCost> = {};
  for (const [name, cost] of Object.entries(bill.lambda.functions)) {
    functions[name] = { requests: cost.requests, gbSeconds: roundTo(cost.gbSeconds, LINE_DECIMALS), usd: roundTo(cost.usd, LINE_DECIMALS) };
  }
  const requests = bill.lambda.requests;
  return {
    totalUsd: toCents(bill.totalUsd),
    lines: bill.lines.map((line) => ({ ...line, quantity: roundTo(line.quantity, LINE_DECIMALS), usd: roundTo(line.usd, LINE_DECIMALS) })),
    functions,
    perMillionRequestsUsd: requests > 0 ? roundTo((bill.totalUsd / requests) * 1e6, LINE_DECIMALS) : 0,
    monthlyUsd: toCents(monthly.totalUsd),
    notes: notesOf(usage, bill, table),
  };
}

function billOf(usage: RunUsage, table: PriceTable): Bill {
  const months = monthsOf(usage.spanMs);
  const freeMonths = freeMonthsOf(usage.freeTier, usage.spanMs);
  const lambda = priceLambda(usage.functions, table.lambda, { months, freeMonths, provisionedSpanMs: usage.provisionedSpanMs });
  const lines = [...lambda.lines, ...priceServices(usage.services, table, { months, freeMonths })];
  return { lines, freeMonths, lambda, totalUsd: lines.reduce((sum, line) => sum + line.usd, 0) };
}

/** The same traffic over 30 days: every quantity × 30 days / span. */
export function scaledToMonth(usage: RunUsage): RunUsage {
  const span = usage.runSpanMs ?? usage.spanMs;
  const k = span > 0 ? MONTH_MS / span : 0;
  return {
    ...usage,
    spanMs: MONTH_MS,
    runSpanMs: MONTH_MS,
    provisionedSpanMs: MONTH_MS,
    functions: usage.functions.map((fn) => ({
      ...fn,
      requests: fn.requests * k,
      billedMsOnDemand: fn.billedMsOnDemand * k,
      billedMsProvisioned: fn.billedMsProvisioned * k,
    })),
    services: usage.services.map((service) => ({ ...service, quantity: service.monthlyQuantity ?? service.quantity * k })),
  };
}

/**
 * What the bill assumed, in words. The span itself is not repeated (the
 * report and the summary state it once): shares and factors are.
 */
function notesOf(usage: RunUsage, bill: Bill, table: PriceTable): string[] {
  const notes: string[] = [];
  const short = usage.spanMs < MONTH_MS;
  const { requestsPerMonth, gbSecondsPerMonth } = table.lambda.freeTier;
  if (usage.freeTier === 'prorated' && short) {
    const share = bill.freeMonths;
    notes.push(
      `Free tier pro-rated: the run is ${percent(share)} of a 30-day month, so it got that share of every monthly free allowance ` +
        `(Lambda: ${count(requestsPerMonth * share)} of ${count(requestsPerMonth)} requests and ${count(gbSecondsPerMonth * share)} of ${count(gbSecondsPerMonth)} GB-s).`,
    );
  } else if (usage.freeTier === true && short) {
    notes.push('Whole free tier (pricing.freeTier: true): the run is shorter than a month but got the whole monthly free tier; a month of this traffic may pay more (see monthlyUsd).');
  }
  if (usage.spanMs > MONTH_MS) {
    const months = roundTo(monthsOf(usage.spanMs), 2);
    const what = usage.freeTier === false ? 'price-tier boundaries were' : 'monthly free allowances and price-tier boundaries were';
    notes.push(`The run is ${months} months of 30 days: ${what} multiplied by ${months}.`);
  }
  const { free } = bill.lambda;
  if (free.requests > 0 || free.gbSeconds > 0) {
    notes.push(`The Lambda free tier covered ${count(free.requests)} requests and ${count(free.gbSeconds)} GB-s of on-demand duration (x86_64 first, then arm64).`);
  }
  const span = usage.runSpanMs ?? usage.spanMs;
  if (span > 0) {
    const factor = MONTH_MS / span;
    const freeTier = usage.freeTier === false ? 'no free tier' : "one month's free tier, applied once";
    notes.push(
      `monthlyUsd assumes this traffic for 30 days: every quantity × ${count(roundTo(factor, factor < 10 ? 3 : 1))} (30 days / the simulated span), ` +
        `provisioned concurrency configured all month, ${freeTier}.`,
    );
  }
  return notes;
}

/** A share as a percentage with 3 significant digits: 1/1,440 → `0.0694%`. */
function percent(share: number): string {
  return `${Number((share * 100).toPrecision(3))}%`;
}

/** `48772.4471` → `48,772.447` (no locale data needed). */
function count(value: number): string {
  const [whole, fraction] = String(roundTo(value, 3)).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}
