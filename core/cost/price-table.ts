/**
 * Price tables: the list prices of one AWS Region, kept as data
 * (core/cost/pricing/<region>.json) and checked against
 * schemas/pricing.schema.json before first use. Beyond the schema, a table must
 * have its tiers in increasing order with only the last one open (`upTo: null`),
 * and entries sharing a free pool must agree on its size. A table is validated
 * once and cached; an unknown region or a malformed table is an InputError
 * (SLSIM_ERR_PRICING).
 */
import type { Architecture } from '../lambda/function-spec.js';
import { InputError } from '../errors.js';
import { validatorFor } from '../scenario/ajv.js';
import { bestProblem } from '../scenario/schema-errors.js';
import pricingSchema from '../../schemas/pricing.schema.json' with { type: 'json' };
import usEast1 from './pricing/us-east-1.json' with { type: 'json' };

/** One price band: units up to `upTo` (cumulative, per month) cost `usdPerUnit` each. */
export interface Tier {
  upTo: number | null;
  usdPerUnit: number;
}

export interface ProvisionedRates {
  configuredUsdPerGbSecond: number;
  durationUsdPerGbSecond: number;
}

export interface LambdaPrices {
  requests: { usdPerMillion: number };
  /** On-demand duration, unit GB-s. */
  duration: Record<Architecture, Tier[]>;
  provisionedConcurrency: { billingIncrementSeconds: number } & Record<Architecture, ProvisionedRates>;
  ephemeralStorage: { includedMb: number; usdPerGbSecond: number };
  freeTier: { requestsPerMonth: number; gbSecondsPerMonth: number };
}

/** A billable item of an event source, keyed by a priceKey such as `sqs.standard.requests`. */
export interface ServicePrice {
  service: string;
  item: string;
  unit: string;
  freePerMonth: number;
  /** Entries of one pool share one free allowance, used up in table order. */
  freePool?: string;
  tiers: Tier[];
  source: string;
  note?: string;
}

export interface PriceTable {
  region: string;
  currency: 'USD';
  description?: string;
  sources: string[];
  lambda: LambdaPrices;
  services: Record<string, ServicePrice>;
}

/** The tables shipped with slsim, by region (raw JSON, validated on first use). */
const SHIPPED: Record<string, unknown> = {
  'us-east-1': usEast1,
};

/** `sqs.standard.requests`, `kinesis.shardHours`: service, then item words. */
const PRICE_KEY = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/;

const cache = new Map<string, PriceTable>();

export function availableRegions(): string[] {
  return Object.keys(SHIPPED).sort();
}

/** The validated price table of `region` (validated once, then cached). */
export function priceTableFor(region: string): PriceTable {
  const cached = cache.get(region);
  if (cached) return cached;
  if (!Object.hasOwn(SHIPPED, region)) {
    throw new InputError('SLSIM_ERR_PRICING', `no price table for region "${region}"; available: ${availableRegions().join(', ')}`, { path: '/region' });
  }
  // Shipped tables are checked against the schema by the tests (test/cost-price-table.test.ts), not at every start.
  const table = parsePriceTable(SHIPPED[region], region, { shipped: true });
  cache.set(region, table);
  return table;
}

/**
 * Checks raw JSON against the price-table schema and the rules the schema
 * cannot say; returns it typed. `region`, when given, must match the table's.
 */
export function parsePriceTable(raw: unknown, region?: string, options: { shipped?: boolean } = {}): PriceTable {
  if (!options.shipped) {
    const validate = validatorFor(pricingSchema);
    if (!validate(raw)) {
      const problem = bestProblem(validate.errors ?? []);
      throw malformed(problem.path || '/', problem.message, region);
    }
  }
  const table = raw as PriceTable;
  if (region !== undefined && table.region !== region) {
    throw malformed('/region', `is "${table.region}", expected "${region}"`, region);
  }
  checkTiers(table.lambda.duration.x86_64, '/lambda/duration/x86_64', region);
  checkTiers(table.lambda.duration.arm64, '/lambda/duration/arm64', region);
  const pools = new Map<string, number>();
  for (const [key, entry] of Object.entries(table.services)) {
    const path = `/services/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (!PRICE_KEY.test(key)) throw malformed(path, `"${key}" is not a price key: dotted lower-camel words, e.g. sqs.standard.requests`, region);
    checkTiers(entry.tiers, `${path}/tiers`, region);
    if (entry.freePool === undefined) continue;
    const size = pools.get(entry.freePool);
    if (size === undefined) pools.set(entry.freePool, entry.freePerMonth);
    else if (size !== entry.freePerMonth) {
      throw malformed(`${path}/freePerMonth`, `is ${entry.freePerMonth}, but free pool "${entry.freePool}" holds ${size}`, region);
    }
  }
  return table;
}

function checkTiers(tiers: Tier[], path: string, region: string | undefined): void {
  let previous = 0;
  tiers.forEach((tier, i) => {
    const last = i === tiers.length - 1;
    if (tier.upTo === null) {
      if (!last) throw malformed(`${path}/${i}/upTo`, 'only the last tier may be open (upTo: null)', region);
      return;
    }
    if (last) throw malformed(`${path}/${i}/upTo`, 'the last tier must be open (upTo: null)', region);
    if (tier.upTo <= previous) throw malformed(`${path}/${i}/upTo`, `must be greater than the previous tier's ${previous}`, region);
    previous = tier.upTo;
  });
}

function malformed(path: string, message: string, region: string | undefined): InputError {
  const which = region === undefined ? 'price table' : `price table of ${region}`;
  return new InputError('SLSIM_ERR_PRICING', `malformed ${which}: ${path} ${message}`);
}
