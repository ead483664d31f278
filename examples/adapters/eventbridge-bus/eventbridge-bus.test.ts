/**
 * The eventbridge-bus adapter, tested with the adapter test kit as its author
 * would: configs that load (with the warnings they give), configs refused
 * with the message a user sees, and harness runs (ledgers balance, the sample
 * event fits event.schema.json, the same seed gives the same report).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AdapterTester, checkAdapter } from 'slsim/testing';
import bus, { matches } from './index.mjs';

const here = (file: string) => new URL(file, import.meta.url).pathname;
const placed = { source: 'shop.orders', 'detail-type': 'OrderPlaced', detail: { total: 120, channel: 'web' } };
const toFulfil = { name: 'fulfil', pattern: { 'detail-type': ['OrderPlaced'] }, targets: ['fulfil'] };

new AdapterTester(bus, {
  describe,
  it,
  sourceName: 'orders',
  functions: { fulfil: { duration: '100ms' }, notify: { duration: '20ms' } },
  sources: { dlq: { type: 'sqs' }, 'fifo-dlq': { type: 'sqs', fifo: true } },
}).run({
  valid: [
    { rules: [toFulfil], events: [placed] },
    { rules: [{ ...toFulfil, targets: ['fulfil', 'notify', 'dlq'], deadLetterTarget: 'dlq', retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 600 } }], events: [placed] },
    { rules: [{ name: 'web', pattern: { source: [{ prefix: 'shop.' }], detail: { channel: ['web'], total: [{ exists: true }] } }, targets: ['notify'] }], events: [placed] },
    {
      name: 'a rule that matches none of the events: a warning',
      config: { rules: [toFulfil, { name: 'refunds', pattern: { 'detail-type': ['RefundIssued'] }, targets: ['notify'] }], events: [placed] },
      warnings: [{ path: '/rules/1/pattern', message: 'matches none of the events this bus carries: rule "refunds" never fires' }],
    },
  ],
  invalid: [
    { name: 'no rules', config: { events: [placed] }, errors: ['missing required key "rules"'] },
    { name: 'a target that does not exist', config: { rules: [{ ...toFulfil, targets: ['fulfill'] }] }, errors: ['/rules/0/targets/0: "fulfill" is not a function or a source of this scenario (did you mean "fulfil"?)'] },
    { name: 'a function as dead-letter queue', config: { rules: [{ ...toFulfil, deadLetterTarget: 'notify' }] }, errors: [/^\/rules\/0\/deadLetterTarget: an eventbridge-bus source cannot name a function \("notify"\) here/] },
    { name: 'a FIFO dead-letter queue', config: { rules: [{ ...toFulfil, deadLetterTarget: 'fifo-dlq' }], events: [placed] }, errors: ['/rules/0/deadLetterTarget: EventBridge sends dead letters to standard queues only ("fifo-dlq" is FIFO)'] },
    {
      name: 'two rules of the same name, and a FIFO dead-letter queue: every error of check, in order',
      config: { rules: [toFulfil, { ...toFulfil, deadLetterTarget: 'fifo-dlq' }], events: [placed] },
      errors: [/^\/rules\/1\/name: two rules are named "fulfil"/, /^\/rules\/1\/deadLetterTarget: EventBridge sends dead letters to standard queues only/],
    },
    { name: 'more than 185 retries', config: { rules: [{ ...toFulfil, retryPolicy: { maximumRetryAttempts: 200 } }] }, errors: [{ path: '/rules/0/retryPolicy/maximumRetryAttempts', message: 'must be <= 185' }] },
    { name: 'six targets on a rule', config: { rules: [{ ...toFulfil, targets: ['fulfil', 'notify', 'dlq', 'a', 'b', 'c'] }] }, errors: [/^\/rules\/0\/targets: must NOT have more than 5 items/] },
    { name: 'an empty pattern', config: { rules: [{ ...toFulfil, pattern: {} }] }, errors: [/^\/rules\/0\/pattern: must have at least 1 entry/] },
    { name: 'a misspelt key', config: { rules: [toFulfil], event: [placed] }, errors: [/^\/event: unknown key "event" \(did you mean "events"\?\)/] },
  ],
  runs: [
    { name: 'the example scenario', file: here('scenario.yaml') },
    {
      name: 'flaky targets: retries, then the dead-letter queue',
      config: {
        events: [placed, { source: 'shop.orders', 'detail-type': 'OrderCancelled', share: 0.5 }],
        deliveryErrorRate: 0.6,
        rules: [{ ...toFulfil, deadLetterTarget: 'dlq', retryPolicy: { maximumRetryAttempts: 2 } }, { name: 'all', pattern: { source: ['shop.orders'] }, targets: ['notify'] }],
        load: { phases: [{ duration: '1m', arrivalRate: 10 }] },
      },
      scenarioKeys: { expect: ['sources.orders.RetryInvocationAttempts > 0', 'sources.orders.InvocationsSentToDlq > 0', 'sources.dlq.delivery.generated > 0'] },
      seed: 5,
    },
  ],
});

describe('eventbridge-bus in a run', () => {
  it('delivers each event to every target of every matching rule, and settles it once', () => {
    const { report } = checkAdapter(bus, {
      scenario: `
name: fan-out
duration: 1m
functions:
  fulfil: { duration: 100ms }
  notify: { duration: 20ms }
sources:
  orders:
    type: eventbridge-bus
    events:
      - { source: shop.orders, detail-type: OrderPlaced, share: 3 }
      - { source: shop.payments, detail-type: PaymentFailed, share: 1 }
    rules:
      - { name: placed, pattern: { detail-type: [OrderPlaced] }, targets: [fulfil, notify] }
      - { name: orders, pattern: { source: [shop.orders] }, targets: [notify] }
    load: { phases: [ { duration: 1m, arrivalRate: 20 } ] }
`,
    });
    const orders = report.sources.orders!;
    const placed = (orders.TriggeredRules as Record<string, number>).placed!;
    expect(orders.TriggeredRules).toStrictEqual({ placed, orders: placed });
    expect(orders.MatchedEvents).toBe(placed);
    expect(orders.Invocations).toBe(3 * placed);
    expect(report.functions.fulfil!.Invocations).toBe(placed);
    expect(report.functions.notify!.Invocations).toBe(2 * placed);
    expect(orders.delivery).toMatchObject({ generated: orders.delivery.succeeded, inFlight: 0 });
    expect(placed / orders.delivery.generated).toBeGreaterThan(0.65);
    expect(placed / orders.delivery.generated).toBeLessThan(0.85);
  });

  it('gives up after the retry policy and sends the copy to the dead-letter queue', () => {
    const { report } = checkAdapter(bus, {
      sourceName: 'orders',
      functions: { fulfil: {} },
      sources: { dlq: { type: 'sqs' } },
      config: { deliveryErrorRate: 1, events: [placed], rules: [{ ...toFulfil, deadLetterTarget: 'dlq', retryPolicy: { maximumRetryAttempts: 3 } }], load: { phases: [{ duration: '10s', arrivalRate: 5 }] } },
    });
    const orders = report.sources.orders!;
    const events = orders.delivery.generated;
    expect(orders).toMatchObject({ InvocationAttempts: 4 * events, RetryInvocationAttempts: 3 * events, FailedInvocations: events, InvocationsSentToDlq: events });
    expect(orders.delivery).toMatchObject({ failed: events, succeeded: 0 });
    expect(report.sources.dlq!.delivery.generated).toBe(events);
    expect(report.functions.fulfil!.Invocations).toBe(0);
  });

  it('refuses an event over 256 KB', () => {
    const { report } = checkAdapter(bus, { config: { eventSize: 300 * 1024, rules: [toFulfil], events: [placed], load: { phases: [{ duration: '10s', arrivalRate: 2 }] } }, functions: { fulfil: {} } });
    expect(report.sources.source!.delivery).toMatchObject({ rejected: report.sources.source!.delivery.generated, succeeded: 0 });
    expect(report.sources.source!.PutEventsFailedEntries).toBe(report.sources.source!.delivery.generated);
  });

  it('matches event patterns as EventBridge does', () => {
    const event = { source: 'shop.orders', 'detail-type': 'OrderPlaced', detail: { total: 120, tags: ['gift', 'express'] } };
    expect(matches({ source: ['shop.orders'] }, event)).toBe(true);
    expect(matches({ source: ['shop.payments', 'shop.orders'], 'detail-type': ['OrderPlaced'] }, event)).toBe(true);
    expect(matches({ source: ['shop.orders'], 'detail-type': ['OrderCancelled'] }, event)).toBe(false);
    expect(matches({ source: [{ prefix: 'shop.' }] }, event)).toBe(true);
    expect(matches({ 'detail-type': [{ suffix: 'Placed' }] }, event)).toBe(true);
    expect(matches({ source: [{ 'anything-but': ['shop.orders'] }] }, event)).toBe(false);
    expect(matches({ source: [{ 'anything-but': 'shop.payments' }] }, event)).toBe(true);
    expect(matches({ detail: { total: [120] } }, event)).toBe(true);
    expect(matches({ detail: { tags: ['express'] } }, event)).toBe(true);
    expect(matches({ detail: { coupon: [{ exists: false }] } }, event)).toBe(true);
    expect(matches({ detail: { coupon: [{ exists: true }] } }, event)).toBe(false);
    expect(matches({ detail: { coupon: ['SAVE10'] } }, event)).toBe(false);
  });

  it('ships a sample event that is its own sample payload and fits its event schema', () => {
    const sample = JSON.parse(readFileSync(here('sample-event.json'), 'utf8'));
    const { payload } = checkAdapter(bus, { config: { rules: [toFulfil], events: [placed], load: { phases: [{ duration: '10s', arrivalRate: 1 }] } }, functions: { fulfil: {} } });
    expect(Object.keys(sample).sort()).toStrictEqual(Object.keys(payload as object).sort());
  });
});
