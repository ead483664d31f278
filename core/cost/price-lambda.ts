/**
 * The AWS Lambda part of a bill, for all the functions of one account.
 *
 * - GB-s = memory MB / 1024 × billed ms / 1000 (billed ms: each run rounded up
 *   to 1 ms, on-demand INIT included, summed by the engine).
 * - Free allowances: the monthly ones × `freeMonths` (pro-rated for a run
 *   shorter than a month by default, billing-math.ts).
 * - Requests: every billed request (async payload units included) at the
 *   request price, after the free requests. Requests of functions with
 *   provisioned concurrency share the free requests too (AWS's PC example 1).
 * - On-demand duration: priced by the tiers of its architecture (monthly, per
 *   account, per architecture), after the free GB-s. The one free allowance
 *   covers x86_64 first, then arm64 (AWS does not say; x86 first is the order
 *   that helps most, as x86 GB-s cost more).
 * - Provisioned concurrency: configured GB-s = PC × GB × configured time
 *   rounded up to the billing increment (5 min), plus GB-s of runs on PC
 *   environments, each at its own rate. No free tier, no tiers.
 * - Ephemeral storage: storage above the included 512 MB, in GB, × seconds of
 *   all runs (on-demand and PC). No free tier.
 * - Each function gets its share of every line it contributes to, in
 *   proportion to its quantity, so the functions add up to the Lambda bill.
 */
import type { Architecture } from '../lambda/function-spec.js';
import { FreeAllowance, priceTiered } from './billing-math.js';
import type { LambdaPrices } from './price-table.js';
import type { CostLine, FunctionCost, FunctionUsage } from './usage.js';

export const LAMBDA_SERVICE = 'AWS Lambda';

/** In this order the free GB-s are used up, and the lines are listed. */
const ARCHITECTURES: readonly Architecture[] = ['x86_64', 'arm64'];

export interface LambdaBillOptions {
  /** Months the run counts as (tier boundaries are multiplied by it). */
  months: number;
  /** Months of free allowances the run gets (0 without the free tier; see freeMonthsOf). */
  freeMonths: number;
  /** How long provisioned concurrency was configured, ms (before rounding up). */
  provisionedSpanMs: number;
}

export interface LambdaBill {
  /** Unrounded usd. */
  lines: CostLine[];
  /** Unrounded usd, by function name. */
  functions: Record<string, FunctionCost>;
  requests: number;
  /** What the free tier covered. */
  free: { requests: number; gbSeconds: number };
}

/** What one function puts into the lines, in their units. */
interface FunctionQuantities {
  usage: FunctionUsage;
  requests: number;
  onDemandGbS: number;
  provisionedConfiguredGbS: number;
  provisionedDurationGbS: number;
  storageGbS: number;
}

export function priceLambda(functions: readonly FunctionUsage[], prices: LambdaPrices, options: LambdaBillOptions): LambdaBill {
  const { months, freeMonths } = options;
  const configuredSeconds = roundUpTo(options.provisionedSpanMs, prices.provisionedConcurrency.billingIncrementSeconds * 1000) / 1000;
  const quantities = functions.map((usage) => quantitiesOf(usage, prices, configuredSeconds));

  const lines: CostLine[] = [];
  const shares: { line: CostLine; parts: number[] }[] = [];
  const add = (item: string, unit: string, parts: number[], price: (quantity: number) => number): void => {
    const quantity = parts.reduce((sum, q) => sum + q, 0);
    if (!(quantity > 0)) return;
    const line: CostLine = { service: LAMBDA_SERVICE, item, quantity, unit, usd: price(quantity) };
    lines.push(line);
    shares.push({ line, parts });
  };
  const per = (pick: (q: FunctionQuantities) => number) => quantities.map(pick);
  const ofArch = (architecture: Architecture, pick: (q: FunctionQuantities) => number) =>
    per((q) => (q.usage.architecture === architecture ? pick(q) : 0));

  const free = { requests: 0, gbSeconds: 0 };
  const freeRequests = new FreeAllowance(prices.freeTier.requestsPerMonth * freeMonths);
  add('requests', 'requests', per((q) => q.requests), (quantity) => {
    free.requests = freeRequests.take(quantity);
    return ((quantity - free.requests) * prices.requests.usdPerMillion) / 1e6;
  });

  const freeGbS = new FreeAllowance(prices.freeTier.gbSecondsPerMonth * freeMonths);
  for (const architecture of ARCHITECTURES) {
    add(`duration (${architecture})`, 'GB-s', ofArch(architecture, (q) => q.onDemandGbS), (quantity) => {
      const covered = freeGbS.take(quantity);
      free.gbSeconds += covered;
      return priceTiered(quantity - covered, prices.duration[architecture], months);
    });
  }

  for (const architecture of ARCHITECTURES) {
    const rates = prices.provisionedConcurrency[architecture];
    add(`provisioned concurrency (${architecture})`, 'GB-s', ofArch(architecture, (q) => q.provisionedConfiguredGbS), (quantity) => quantity * rates.configuredUsdPerGbSecond);
    add(`duration on provisioned concurrency (${architecture})`, 'GB-s', ofArch(architecture, (q) => q.provisionedDurationGbS), (quantity) => quantity * rates.durationUsdPerGbSecond);
  }

  add('ephemeral storage', 'GB-s', per((q) => q.storageGbS), (quantity) => quantity * prices.ephemeralStorage.usdPerGbSecond);

  const costs: Record<string, FunctionCost> = {};
  quantities.forEach((q) => {
    costs[q.usage.name] = { requests: q.requests, gbSeconds: q.onDemandGbS + q.provisionedDurationGbS, usd: 0 };
  });
  for (const { line, parts } of shares) {
    parts.forEach((part, i) => {
      if (part > 0) costs[quantities[i]!.usage.name]!.usd += (line.usd * part) / line.quantity;
    });
  }

  const requests = quantities.reduce((sum, q) => sum + q.requests, 0);
  return { lines, functions: costs, requests, free };
}

function quantitiesOf(usage: FunctionUsage, prices: LambdaPrices, configuredSeconds: number): FunctionQuantities {
  const gb = usage.memoryMb / 1024;
  const extraStorageGb = Math.max(0, usage.ephemeralStorageMb - prices.ephemeralStorage.includedMb) / 1024;
  const runSeconds = (usage.billedMsOnDemand + usage.billedMsProvisioned) / 1000;
  return {
    usage,
    requests: usage.requests,
    onDemandGbS: (gb * usage.billedMsOnDemand) / 1000,
    provisionedConfiguredGbS: usage.provisionedConcurrency > 0 ? usage.provisionedConcurrency * gb * configuredSeconds : 0,
    provisionedDurationGbS: (gb * usage.billedMsProvisioned) / 1000,
    storageGbS: extraStorageGb * runSeconds,
  };
}

/** `ms` rounded up to a multiple of `incrementMs` (exact multiples stay). */
export function roundUpTo(ms: number, incrementMs: number): number {
  if (ms <= 0) return 0;
  return Math.ceil(ms / incrementMs - 1e-9) * incrementMs;
}
