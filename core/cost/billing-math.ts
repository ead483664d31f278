/**
 * The arithmetic every bill shares: how many months a run covers, free
 * allowances taken off the bottom, tiered prices, and rounding.
 *
 * - A month is 30 days; a run counts as `max(1, span / 30 days)` months, and
 *   every tier boundary is multiplied by that.
 * - Free allowances are multiplied by the run's free months: `span / 30 days`
 *   with `freeTier: prorated` (a 30-minute run gets 1/1,440 of each monthly
 *   allowance), `max(1, span / 30 days)` with `true`, 0 with `false`. From a
 *   month on, prorated and true agree.
 * - Free units come off first; the tiers then apply to what is left, counted
 *   from zero (AWS's worked examples subtract the free tier, then price the rest
 *   at the first tier).
 * - Amounts stay unrounded while they are summed; rounding happens only on output.
 */
import { roundTo } from '../units.js';
import type { Tier } from './price-table.js';
import type { FreeTierSetting } from './usage.js';

export const MONTH_MS = 30 * 24 * 3600 * 1000;

/** Months a run of `spanMs` counts as for allowances and tiers (at least 1). */
export function monthsOf(spanMs: number): number {
  return Math.max(1, spanMs / MONTH_MS);
}

/** How many months of free allowances a run of `spanMs` gets under `setting`. */
export function freeMonthsOf(setting: FreeTierSetting, spanMs: number): number {
  if (setting === false) return 0;
  if (setting === true) return monthsOf(spanMs);
  return Math.max(0, spanMs) / MONTH_MS;
}

/** Price of `quantity` units under `tiers`, each boundary multiplied by `months`. */
export function priceTiered(quantity: number, tiers: readonly Tier[], months: number): number {
  let usd = 0;
  let floor = 0;
  for (const tier of tiers) {
    if (quantity <= floor) break;
    const ceiling = tier.upTo === null ? Infinity : tier.upTo * months;
    usd += (Math.min(quantity, ceiling) - floor) * tier.usdPerUnit;
    floor = ceiling;
  }
  return usd;
}

/**
 * A free allowance shared by several consumers, used up in the order they ask.
 * `take(q)` returns the part of `q` the allowance covers.
 */
export class FreeAllowance {
  constructor(private left: number) {}

  take(quantity: number): number {
    const free = Math.min(Math.max(0, quantity), this.left);
    this.left -= free;
    return free;
  }
}

/** A dollar amount to the cent. */
export function toCents(usd: number): number {
  return roundTo(usd, 2);
}
