/**
 * The price tables: the shipped us-east-1 table validates against
 * schemas/pricing.schema.json and carries the published prices (pinned here as
 * literals from https://aws.amazon.com/lambda/pricing/ and the source pages it
 * cites); an unknown region or a malformed table is an InputError
 * SLSIM_ERR_PRICING.
 */
import { describe, expect, it } from 'vitest';
import { availableRegions, parsePriceTable, priceTableFor } from '../core/cost/price-table.js';
import usEast1 from '../core/cost/pricing/us-east-1.json' with { type: 'json' };
import { InputError } from '../core/errors.js';
import { validatorFor } from '../core/scenario/ajv.js';
import pricingSchema from '../schemas/pricing.schema.json' with { type: 'json' };

function copy(): any {
  return structuredClone(usEast1);
}

function pricingError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('SLSIM_ERR_PRICING');
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('the us-east-1 price table', () => {
  it('validates against its schema', () => {
    const validate = validatorFor(pricingSchema);
    expect(validate(copy()), JSON.stringify(validate.errors)).toBe(true);
    expect(priceTableFor('us-east-1').region).toBe('us-east-1');
  });

  it('is validated once and cached', () => {
    expect(priceTableFor('us-east-1')).toBe(priceTableFor('us-east-1'));
    expect(availableRegions()).toEqual(['us-east-1']);
  });

  it('carries the published Lambda prices', () => {
    const { lambda } = priceTableFor('us-east-1');
    expect(lambda.requests.usdPerMillion).toBe(0.2);
    expect(lambda.duration.x86_64).toEqual([
      { upTo: 6e9, usdPerUnit: 0.0000166667 },
      { upTo: 15e9, usdPerUnit: 0.000015 },
      { upTo: null, usdPerUnit: 0.0000133334 },
    ]);
    expect(lambda.duration.arm64).toEqual([
      { upTo: 7.5e9, usdPerUnit: 0.0000133334 },
      { upTo: 18.75e9, usdPerUnit: 0.0000120001 },
      { upTo: null, usdPerUnit: 0.0000106667 },
    ]);
    expect(lambda.freeTier).toEqual({ requestsPerMonth: 1_000_000, gbSecondsPerMonth: 400_000 });
    expect(lambda.ephemeralStorage).toEqual({ includedMb: 512, usdPerGbSecond: 0.0000000309 });
    expect(lambda.provisionedConcurrency).toEqual({
      billingIncrementSeconds: 300,
      x86_64: { configuredUsdPerGbSecond: 0.0000041667, durationUsdPerGbSecond: 0.0000097222 },
      arm64: { configuredUsdPerGbSecond: 0.0000033334, durationUsdPerGbSecond: 0.0000077778 },
    });
  });

  it('prices every item the sources report, each with a source URL', () => {
    const { services, sources } = priceTableFor('us-east-1');
    expect(sources.length).toBeGreaterThan(0);
    const keys = [
      'scheduler.invocations',
      'sqs.standard.requests',
      'sqs.fifo.requests',
      'sns.publishes',
      'sns.deliveries.lambda',
      'sns.deliveries.sqs',
      'kinesis.shardHours',
      'kinesis.putPayloadUnits',
      's3.putRequests',
      'cognito.mau.lite',
      'cognito.mau.essentials',
      'cognito.mau.plus',
    ];
    for (const key of keys) {
      expect(services[key], key).toBeDefined();
      expect(services[key]!.source).toMatch(/^https:\/\//);
    }
    expect(services['scheduler.invocations']).toMatchObject({ service: 'Amazon EventBridge Scheduler', freePerMonth: 14_000_000, tiers: [{ upTo: null, usdPerUnit: 0.000001 }] });
    expect(services['sqs.standard.requests']!.tiers.map((t) => t.usdPerUnit)).toEqual([0.0000004, 0.0000003, 0.00000024]);
    expect(services['kinesis.shardHours']!.tiers).toEqual([{ upTo: null, usdPerUnit: 0.015 }]);
    expect(services['cognito.mau.essentials']).toMatchObject({ freePerMonth: 10_000, tiers: [{ upTo: null, usdPerUnit: 0.015 }] });
  });
});

describe('the price-table schema', () => {
  it('is draft-07 and closes every object (additionalProperties: false, or a map of entries)', () => {
    expect(pricingSchema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const open: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}/${i}`));
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if (schema.type === 'object' && schema.additionalProperties !== false && typeof schema.additionalProperties !== 'object') open.push(path);
      for (const [k, v] of Object.entries(schema)) walk(v, `${path}/${k}`);
    };
    walk(pricingSchema, '');
    expect(open).toEqual([]);
  });
});

describe('errors', () => {
  it('an unknown region names the available ones', () => {
    const error = pricingError(() => priceTableFor('eu-west-9'));
    expect(error.detail).toBe('no price table for region "eu-west-9"; available: us-east-1');
    expect(error.location).toEqual({ path: '/region' });
  });

  it('a table missing a required price', () => {
    const table = copy();
    delete table.lambda.freeTier;
    expect(pricingError(() => parsePriceTable(table)).message).toMatch(/freeTier/);
  });

  it('a table with an unknown key', () => {
    const table = copy();
    table.lambda.requests.usdPerRequest = 2e-7;
    expect(pricingError(() => parsePriceTable(table)).message).toMatch(/usdPerRequest/);
  });

  it('tiers out of order, an open tier before the last, a closed last tier', () => {
    const swapped = copy();
    swapped.lambda.duration.x86_64[1].upTo = 5e9;
    expect(pricingError(() => parsePriceTable(swapped)).message).toMatch(/\/lambda\/duration\/x86_64\/1\/upTo/);
    const openEarly = copy();
    openEarly.lambda.duration.arm64[0].upTo = null;
    expect(pricingError(() => parsePriceTable(openEarly)).message).toMatch(/only the last tier/);
    const closed = copy();
    closed.services['kinesis.shardHours'].tiers[0].upTo = 1000;
    expect(pricingError(() => parsePriceTable(closed)).message).toMatch(/last tier must be open/);
  });

  it('a free pool whose entries disagree on its size', () => {
    const table = copy();
    table.services['sqs.fifo.requests'].freePerMonth = 2_000_000;
    expect(pricingError(() => parsePriceTable(table)).message).toMatch(/free pool "sqs.requests"/);
  });

  it('a malformed price key, a negative price, a table of another region', () => {
    const key = copy();
    key.services['SQS requests'] = key.services['sqs.fifo.requests'];
    expect(pricingError(() => parsePriceTable(key)).message).toMatch(/not a price key/);
    const negative = copy();
    negative.lambda.requests.usdPerMillion = -1;
    expect(pricingError(() => parsePriceTable(negative)).message).toMatch(/usdPerMillion/);
    expect(pricingError(() => parsePriceTable(copy(), 'eu-west-1')).message).toMatch(/expected "eu-west-1"/);
  });
});
