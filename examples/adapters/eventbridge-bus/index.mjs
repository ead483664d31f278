// An slsim source adapter written as a third party would write one, from
// docs/adapters.md alone: an Amazon EventBridge event bus. Events are put on
// the bus (by its own `load`, by functions' `outputs`, by other sources, or as
// a function's async destination); each goes to every target of every rule
// whose event pattern matches it. A target that cannot be reached is retried
// with backoff, up to the rule's retry policy (185 attempts or 24 hours by
// default), then sent to the rule's dead-letter queue, or dropped.
//
//   npx slsim run scenario.yaml --adapter examples/adapters/eventbridge-bus
//   npx slsim events eventbridge-bus --adapter examples/adapters/eventbridge-bus
import schema from './schema.json' with { type: 'json' };
import eventSchema from './event.schema.json' with { type: 'json' };

// Final states of an event (docs/adapters.md, "The delivery ledger").
const Outcome = { Succeeded: 0, Failed: 1, Dropped: 2, Rejected: 3 };
// When copies of one event end differently, the worse wins: dropped > rejected > failed > succeeded.
const SEVERITY = [0, 1, 3, 2];
const worse = (a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a);

/** Nobody upstream to tell: events of the bus's own load, and copies sent to a dead-letter queue. */
const NOBODY = { settle() {} };

/** PutEvents refuses an entry over 256 KB. */
export const MAX_EVENT_BYTES = 256 * 1024;
/** Retry backoff: 1 s, doubling, capped at 8 minutes, each delay jittered to 50–100 %. */
const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 8 * 60 * 1000;

/** True when `event` matches an EventBridge event pattern (exact values, prefix, suffix, anything-but, exists). */
export function matches(pattern, event) {
  for (const [key, rule] of Object.entries(pattern)) {
    const value = event === null || typeof event !== 'object' ? undefined : event[key];
    if (Array.isArray(rule)) {
      if (!rule.some((matcher) => matchesValue(matcher, value))) return false;
    } else if (value === null || typeof value !== 'object' || !matches(rule, value)) {
      return false;
    }
  }
  return true;
}

function matchesValue(matcher, value) {
  if (matcher !== null && typeof matcher === 'object') {
    if ('exists' in matcher) return matcher.exists === (value !== undefined);
    if (value === undefined) return false;
    if (Array.isArray(value)) return value.some((v) => matchesValue(matcher, v));
    if ('prefix' in matcher) return typeof value === 'string' && value.startsWith(matcher.prefix);
    if ('suffix' in matcher) return typeof value === 'string' && value.endsWith(matcher.suffix);
    if ('anything-but' in matcher) return ![matcher['anything-but']].flat().includes(value);
    return false;
  }
  return Array.isArray(value) ? value.includes(matcher) : value === matcher;
}

/** The event kinds of a config, defaults filled (`slsim events` passes an empty config). */
function kindsOf(config) {
  return config.events ?? schema.properties.events.default;
}

/** What a rule's pattern sees of an event of this kind. */
function eventFields(kind, scenario) {
  return { source: kind.source, 'detail-type': kind['detail-type'], account: scenario.accountId, region: scenario.region, detail: kind.detail ?? {} };
}

/** One event on the bus, while copies of it are on their way. Reused (a pool), never allocated per event. */
class BusEvent {
  producedAt = 0;
  receivedAt = 0;
  bytes = 0;
  chain = 0;
  caller = NOBODY;
  tag = undefined;
  copies = 0;
  worst = Outcome.Succeeded;
}

/** One copy of an event for one target of one rule: the caller the target settles, and its retry timer. */
class Copy {
  constructor(bus) {
    this.bus = bus;
    this.event = null;
    this.delivery = null;
    this.attempts = 0;
    this.retry = bus.ctx.timer((now) => bus.attempt(this, now)); // one timer per pooled copy, made once
  }

  settle(outcome, _tag, _producedAt, now) {
    this.bus.copyEnded(this, outcome, now);
  }
}

class Bus {
  constructor(ctx) {
    this.ctx = ctx;
    const config = ctx.config;
    this.errorRate = config.deliveryErrorRate;
    this.rules = config.rules.map((rule) => ({
      name: rule.name,
      targets: rule.targets.map((name) => ctx.target(name)), // resolved once
      deadLetter: rule.deadLetterTarget ? ctx.target(rule.deadLetterTarget) : null,
      maxAttempts: 1 + rule.retryPolicy.maximumRetryAttempts,
      maxAgeMs: rule.retryPolicy.maximumEventAgeInSeconds * 1000,
      triggered: 0,
    }));
    // The patterns are matched once per kind of event, here; an event then costs one draw.
    const kinds = kindsOf(config);
    this.kinds = kinds.map((kind) => {
      const fields = eventFields(kind, ctx.scenario);
      const rules = this.rules.filter((_rule, i) => matches(config.rules[i].pattern, fields));
      return { rules, deliveries: rules.flatMap((rule) => rule.targets.map((target) => ({ rule, target }))) };
    });
    const total = kinds.reduce((sum, kind) => sum + kind.share, 0);
    let running = 0;
    this.cumulative = kinds.map((kind) => (running += kind.share / total));
    this.freeEvents = [];
    this.freeCopies = [];
    this.counts = { put: 0, rejected: 0, matched: 0, invocations: 0, attempts: 0, retries: 0, failed: 0, toDlq: 0 };
    this.matchedSeries = ctx.series('MatchedEvents', 'sum');
    this.invocationSeries = ctx.series('Invocations', 'sum');
  }

  /** PutEvents: one event enters the bus (and the bus's ledger). */
  put(now, producedAt, bytes, caller, tag, chain) {
    const { ctx, counts } = this;
    ctx.ledger.produced();
    counts.put++;
    if (bytes > MAX_EVENT_BYTES) {
      counts.rejected++;
      ctx.ledger.settle(Outcome.Rejected, producedAt, now);
      caller.settle(Outcome.Rejected, tag, producedAt, now);
      return;
    }
    const kind = this.kinds[this.pick()];
    if (kind.deliveries.length === 0) {
      // No rule matched: EventBridge took the event, and that is all.
      ctx.ledger.settle(Outcome.Succeeded, producedAt, now);
      caller.settle(Outcome.Succeeded, tag, producedAt, now);
      return;
    }
    counts.matched++;
    this.matchedSeries.record(now, 1);
    for (const rule of kind.rules) rule.triggered++;
    const event = this.freeEvents.pop() ?? new BusEvent();
    event.producedAt = producedAt;
    event.receivedAt = now;
    event.bytes = bytes;
    event.chain = chain;
    event.caller = caller;
    event.tag = tag;
    event.copies = kind.deliveries.length;
    event.worst = Outcome.Succeeded;
    for (const delivery of kind.deliveries) {
      const copy = this.freeCopies.pop() ?? new Copy(this);
      copy.event = event;
      copy.delivery = delivery;
      copy.attempts = 0;
      counts.invocations++;
      this.attempt(copy, now);
    }
  }

  /** One attempt to hand a copy to its target; a failed attempt is retried or given up. */
  attempt(copy, now) {
    const { ctx, counts } = this;
    copy.attempts++;
    counts.attempts++;
    if (copy.attempts > 1) counts.retries++;
    this.invocationSeries.record(now, 1);
    if (this.errorRate > 0 && ctx.random.next() < this.errorRate) return this.attemptFailed(copy, now, true);
    const event = copy.event;
    // The target settles the copy through copy.settle, once: at once or later (a function's async retries).
    if (!copy.delivery.target.deliver(copy, undefined, event.producedAt, event.bytes, event.chain)) this.attemptFailed(copy, now, false);
  }

  attemptFailed(copy, now, retriable) {
    const rule = copy.delivery.rule;
    const event = copy.event;
    if (retriable && copy.attempts < rule.maxAttempts) {
      const next = now + this.backoff(copy.attempts);
      if (next - event.receivedAt <= rule.maxAgeMs) return copy.retry.arm(next);
    }
    this.counts.failed++;
    if (rule.deadLetter === null) return this.copyEnded(copy, Outcome.Dropped, now);
    this.counts.toDlq++;
    rule.deadLetter.deliver(NOBODY, undefined, event.producedAt, event.bytes, event.chain);
    this.copyEnded(copy, Outcome.Failed, now);
  }

  /** A copy's final state; the event settles, once, when its last copy has. */
  copyEnded(copy, outcome, now) {
    const event = copy.event;
    copy.event = null;
    copy.delivery = null;
    this.freeCopies.push(copy);
    event.worst = worse(event.worst, outcome);
    if (--event.copies > 0) return;
    this.ctx.ledger.settle(event.worst, event.producedAt, now);
    event.caller.settle(event.worst, event.tag, event.producedAt, now);
    event.caller = NOBODY;
    event.tag = undefined;
    this.freeEvents.push(event);
  }

  backoff(attempts) {
    const base = Math.min(FIRST_BACKOFF_MS * 2 ** (attempts - 1), MAX_BACKOFF_MS);
    return base / 2 + (this.ctx.random.next() * base) / 2;
  }

  pick() {
    const cumulative = this.cumulative;
    if (cumulative.length === 1) return 0;
    const u = this.ctx.random.next();
    let i = 0;
    while (i < cumulative.length - 1 && u >= cumulative[i]) i++;
    return i;
  }

  report() {
    const c = this.counts;
    return {
      PutEventsFailedEntries: c.rejected,
      MatchedEvents: c.matched,
      TriggeredRules: Object.fromEntries(this.rules.map((rule) => [rule.name, rule.triggered])),
      Invocations: c.invocations,
      InvocationAttempts: c.attempts,
      RetryInvocationAttempts: c.retries,
      FailedInvocations: c.failed,
      InvocationsSentToDlq: c.toDlq,
    };
  }
}

/** A random (version 4) UUID drawn from the run's generator: the same seed, the same id. */
function uuid(random) {
  const hex = '0123456789abcdef';
  let out = '';
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) out += '-';
    else if (i === 14) out += '4';
    else if (i === 19) out += hex[8 + random.int(4)];
    else out += hex[random.int(16)];
  }
  return out;
}

/** @type {import('slsim/testing').SourceAdapter} */
const eventBridgeBus = {
  meta: {
    type: 'eventbridge-bus',
    version: '0.1.0',
    apiVersion: 2,
    description: 'EventBridge event bus: rules with event patterns, async targets, retries with backoff, dead-letter queues',
    invocation: ['async'],
    accepts: true, // functions' outputs and other sources may put events on the bus
    destination: true, // a function's async onSuccess/onFailure may name the bus
    schema,
    eventSchema,
    names: [
      { path: '/rules/*/targets/*', kinds: ['function', 'source'] },
      { path: '/rules/*/deadLetterTarget', kinds: ['source'], sourceTypes: ['sqs'] },
    ],
  },

  check(config, facts) {
    const problems = [];
    const seen = new Set();
    const kinds = kindsOf(config).map((kind) => eventFields(kind, facts));
    config.rules.forEach((rule, i) => {
      if (seen.has(rule.name)) problems.push({ path: `/rules/${i}/name`, message: `two rules are named "${rule.name}": rule names are unique on a bus` });
      seen.add(rule.name);
      const dlq = rule.deadLetterTarget && facts.sourceConfigs.get(rule.deadLetterTarget);
      if (dlq && dlq.fifo === true) {
        problems.push({ path: `/rules/${i}/deadLetterTarget`, message: `EventBridge sends dead letters to standard queues only ("${rule.deadLetterTarget}" is FIFO)` });
      }
      if (!kinds.some((fields) => matches(rule.pattern, fields))) {
        problems.push({ path: `/rules/${i}/pattern`, severity: 'warning', message: `matches none of the events this bus carries: rule "${rule.name}" never fires` });
      }
    });
    return problems;
  },

  create(ctx) {
    const bus = new Bus(ctx);
    const eventSize = ctx.config.eventSize;
    return {
      start: () => ctx.startLoad((now, size) => bus.put(now, now, size >= 0 ? size : eventSize, NOBODY, undefined, 0)),
      receive: (message) => bus.put(ctx.now(), message.producedAt, message.sizeBytes, message.caller, message.tag, message.chain),
      report: () => bus.report(),
    };
  },

  samplePayload(config, facts) {
    const kind = kindsOf(config)[0];
    return {
      version: '0',
      id: uuid(facts.random),
      'detail-type': kind['detail-type'],
      source: kind.source,
      account: facts.accountId,
      time: new Date(Math.floor(facts.epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      region: facts.region,
      resources: [],
      detail: kind.detail ?? {},
    };
  },
};

export default eventBridgeBus;
