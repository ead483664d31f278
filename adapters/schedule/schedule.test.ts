/**
 * The schedule source in a run: fires on the exact minutes EventBridge would,
 * in the scenario's time zone and window, each an async invoke of every
 * target; its payload has the Scheduled Event's shape (AWS's sample).
 */
import { describe, expect, it } from 'vitest';
import { validatorFor } from '../../core/scenario/ajv.js';
import { Random } from '../../core/random.js';
import eventSchema from '../../schemas/events/scheduled-event.schema.json' with { type: 'json' };
import awsSample from '../../test/fixtures/aws-sample-events/schedule.json' with { type: 'json' };
import { load, run } from '../../test/helpers.js';
import { fieldTypes } from '../../test/payload-shape.js';
import { scheduleAdapter } from './index.js';

const epoch = (iso: string) => Date.parse(iso);

describe('schedule source in a run', () => {
  it('fires a weekday cron on the exact minutes, in its time zone, as async invokes', () => {
    // 2026-03-02 is a Monday. Weekdays 09:00 in New York (UTC-5 until 8 March) over one week.
    const { report, starts } = run(
      `
name: weekday job
start: 2026-03-02T00:00:00Z
duration: 7d
functions:
  job: { duration: 1s }
sources:
  weekday-9am:
    type: schedule
    expression: cron(0 9 ? * MON-FRI *)
    timezone: America/New_York
    targets: [job]
`,
      { trace: true },
    );
    const start = epoch('2026-03-02T00:00:00Z');
    expect(starts.map((s) => new Date(start + s.t).toISOString())).toStrictEqual([
      '2026-03-02T14:00:00.000Z',
      '2026-03-03T14:00:00.000Z',
      '2026-03-04T14:00:00.000Z',
      '2026-03-05T14:00:00.000Z',
      '2026-03-06T14:00:00.000Z',
    ]);
    expect(report.functions.job!.AsyncEventsReceived).toBe(5);
    expect(report.sources['weekday-9am']).toMatchObject({ TriggeredRules: 5, Invocations: 5, delivery: { generated: 5, succeeded: 5 } });
  });

  it('fires rate() from the start, within [start, start + duration), to every target', () => {
    const { report } = run(`
name: rate
duration: 1h
functions:
  a: { duration: 1s }
  b: { duration: 1s }
sources:
  tick: { type: schedule, expression: rate(5 minutes), targets: [a, b] }
`);
    // 0, 5, …, 55 minutes: 12 fires; the fire at 60 minutes is outside the window.
    expect(report.sources.tick).toMatchObject({ TriggeredRules: 12, Invocations: 24, delivery: { generated: 12, succeeded: 12 } });
    expect(report.functions.a!.Invocations).toBe(12);
    expect(report.functions.b!.Invocations).toBe(12);
  });

  it('a fan-out fire succeeds only when every target succeeded', () => {
    const { report } = run(`
name: half failing
duration: 10m
functions:
  ok: { duration: 1s }
  broken: { duration: 1s, errorRate: 1, async: { maximumRetryAttempts: 0 } }
sources:
  tick: { type: schedule, expression: rate(1 minute), targets: [ok, broken] }
`);
    expect(report.sources.tick!.delivery).toMatchObject({ generated: 10, succeeded: 0, dropped: 10 });
  });

  it.each([
    ['rate(1 minutes)', /\/sources\/tick\/expression: .*rate\(1 minute\)/],
    ['cron(0 10 * * * *)', /\/sources\/tick\/expression: .*\?/],
    ['every day', /\/sources\/tick\/expression: /],
  ])('refuses %s at load with its path', (expression, message) => {
    expect(() => load(`
name: bad
duration: 1h
functions: { f: {} }
sources:
  tick: { type: schedule, expression: "${expression}", targets: [f] }
`)).toThrow(message);
  });

  it('refuses an unknown time zone', () => {
    expect(() => load(`
name: bad zone
duration: 1h
functions: { f: {} }
sources:
  tick: { type: schedule, expression: rate(1 hour), timezone: Mars/Olympus, targets: [f] }
`)).toThrow(/test\.yaml:6 \/sources\/tick\/timezone: .*Mars\/Olympus/);
  });
});

describe('Scheduled Event payload', () => {
  const payload = scheduleAdapter.samplePayload!(
    { type: 'schedule', expression: 'rate(1 hour)', timezone: 'UTC', targets: ['f'] },
    { region: 'eu-west-1', accountId: '210987654321', sourceName: 'nightly', epochMs: epoch('2026-01-05T02:00:00.250Z'), random: new Random(1) },
  ) as Record<string, unknown>;

  it('validates against the Scheduled Event schema, as does AWS sample event', () => {
    const validate = validatorFor(eventSchema);
    expect(validate(payload), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(awsSample), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has every field of AWS sample with the same JSON type', () => {
    const mine = fieldTypes(payload);
    for (const [path, type] of fieldTypes(awsSample)) expect(mine.get(path), path).toBe(type);
  });

  it('names the rule and the time as EventBridge does', () => {
    expect(payload).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '210987654321',
      region: 'eu-west-1',
      time: '2026-01-05T02:00:00Z',
      resources: ['arn:aws:events:eu-west-1:210987654321:rule/nightly'],
      detail: {},
    });
  });
});
