/**
 * The `schedule` source: an EventBridge schedule (docs/aws-model.md rule 11).
 * Every fire time of its rate() or cron() expression in [start, start +
 * duration), evaluated in its time zone on the simulated clock, is one
 * asynchronous invoke of each target carrying the Scheduled Event payload.
 * Fire times are produced lazily, one pending event at a time.
 */
import type { DeliveryCaller, Router, SourceAdapter, SourceContext } from '../../core/engine/adapter-contract.js';
import type { Outcome } from '../../core/engine/adapter-contract.js';
import { InputError } from '../../core/errors.js';
import { isoSeconds, uuid } from '../../core/ids.js';
import { parseScheduleExpression } from './expression.js';
import schema from './schema.json' with { type: 'json' };
import eventSchema from '../../schemas/events/scheduled-event.schema.json' with { type: 'json' };

export interface ScheduleConfig {
  type: 'schedule';
  expression: string;
  timezone: string;
  targets: string[];
}

/** Size of a Scheduled Event payload (bytes), for request billing and limits. */
const SCHEDULED_EVENT_BYTES = 360;

class ScheduleSource implements DeliveryCaller {
  fires = 0;
  private nextFire: IteratorResult<number>;

  constructor(
    private readonly ctx: SourceContext<ScheduleConfig>,
    private readonly router: Router,
    private readonly fireTimes: Iterator<number>,
  ) {
    this.nextFire = fireTimes.next();
  }

  start(): void {
    this.scheduleNext();
  }

  fire(now: number): void {
    this.fires++;
    this.ctx.ledger.produced();
    this.router.deliver(this, undefined, now, SCHEDULED_EVENT_BYTES);
    this.nextFire = this.fireTimes.next();
    this.scheduleNext();
  }

  settle(outcome: Outcome, _tag: unknown, producedAt: number, now: number): void {
    this.ctx.ledger.settle(outcome, producedAt, now);
  }

  private scheduleNext(): void {
    if (this.nextFire.done) return;
    this.ctx.at(this.nextFire.value - this.ctx.scenario.startEpochMs, this);
  }
}

export const scheduleAdapter: SourceAdapter<ScheduleConfig> = {
  meta: {
    type: 'schedule',
    version: '1.0.0',
    apiVersion: 2,
    description: 'EventBridge schedule: rate() or cron() in a time zone, async invokes with the Scheduled Event payload',
    schema,
    eventSchema,
    invocation: ['async'],
    targetKinds: ['function', 'source'],
  },

  check(config) {
    try {
      parseScheduleExpression(config.expression, config.timezone);
      return [];
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return [{ path: error.location.path ?? '/expression', message: error.detail }];
    }
  },

  create(ctx) {
    const { expression, timezone, targets } = ctx.config;
    const { startEpochMs, durationMs } = ctx.scenario;
    const fireTimes = parseScheduleExpression(expression, timezone).firesBetween(startEpochMs, startEpochMs + durationMs);
    const source = new ScheduleSource(ctx, ctx.router(targets), fireTimes);
    return {
      start: () => source.start(),
      report: () => ({ TriggeredRules: source.fires, Invocations: source.fires * targets.length }),
      usage: () => [{ priceKey: 'scheduler.invocations', quantity: source.fires * targets.length }],
    };
  },

  samplePayload(_config, facts) {
    return {
      version: '0',
      id: uuid(facts.random),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: facts.accountId,
      time: isoSeconds(facts.epochMs),
      region: facts.region,
      resources: [`arn:aws:events:${facts.region}:${facts.accountId}:rule/${facts.sourceName}`],
      detail: {},
    };
  },
};

export default scheduleAdapter;
