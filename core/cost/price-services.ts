/**
 * The event-source services of a bill (EventBridge Scheduler, SQS, SNS,
 * Kinesis, S3, Cognito): each quantity an adapter reports is priced by the
 * table entry of its `priceKey`.
 *
 * - Quantities of one priceKey are added up first: tiers and free allowances
 *   are per account, not per source.
 * - `freePerMonth × freeMonths` comes off first (freeMonths: billing-math.ts); entries that
 *   share a `freePool` (SQS standard and FIFO requests, Cognito Lite and
 *   Essentials MAUs) draw on one allowance, in table order.
 * - What is left is priced by the entry's tiers, boundaries × months.
 * - Lines come in table order, one per item used (quantity > 0).
 * - A priceKey the table lacks is a bug in an adapter, not a user mistake: a
 *   plain Error.
 */
import { FreeAllowance, priceTiered } from './billing-math.js';
import type { PriceTable } from './price-table.js';
import type { CostLine, ServiceUsage } from './usage.js';

export interface ServiceBillOptions {
  /** Months the run counts as: tier boundaries are multiplied by it. */
  months: number;
  /** Months of free allowances (0 without the free tier). */
  freeMonths: number;
}

/** Lines with unrounded usd. */
export function priceServices(services: readonly ServiceUsage[], table: PriceTable, options: ServiceBillOptions): CostLine[] {
  const totals = new Map<string, number>();
  for (const { priceKey, quantity } of services) {
    if (!Object.hasOwn(table.services, priceKey)) {
      const known = Object.keys(table.services).join(', ');
      throw new Error(`no price for "${priceKey}" in the ${table.region} price table (known: ${known}): an adapter reports an unknown priceKey`);
    }
    totals.set(priceKey, (totals.get(priceKey) ?? 0) + quantity);
  }

  const pools = new Map<string, FreeAllowance>();
  const allowanceOf = (freePerMonth: number, pool: string | undefined): FreeAllowance => {
    const size = freePerMonth * options.freeMonths;
    if (pool === undefined) return new FreeAllowance(size);
    let allowance = pools.get(pool);
    if (!allowance) {
      allowance = new FreeAllowance(size);
      pools.set(pool, allowance);
    }
    return allowance;
  };

  const lines: CostLine[] = [];
  for (const [key, price] of Object.entries(table.services)) {
    const quantity = totals.get(key) ?? 0;
    if (!(quantity > 0)) continue;
    const free = allowanceOf(price.freePerMonth, price.freePool).take(quantity);
    lines.push({
      service: price.service,
      item: price.item,
      quantity,
      unit: price.unit,
      usd: priceTiered(quantity - free, price.tiers, options.months),
    });
  }
  return lines;
}
