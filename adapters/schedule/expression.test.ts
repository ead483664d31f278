/**
 * EventBridge schedule expressions against outside truth: AWS's documented
 * cron examples, Quartz's L / W / # rules and the DST behaviour of EventBridge
 * Scheduler. Every expected fire time below was worked out by hand from a
 * calendar and checked with `date -d` (2026-01-01 is a Thursday; US clocks
 * change on 2026-03-08 and 2026-11-01, EU clocks on 2026-03-29 and 2026-10-25).
 * Times are written `YYYY-MM-DD HH:MM` and always mean UTC.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { parseScheduleExpression } from './expression.js';

/** `2026-01-01 10:00` (always UTC) as epoch ms. */
function utc(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}

/** Epoch ms as `2026-01-01 10:00` in UTC; seconds would show if a fire were off the minute. */
function show(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('T', ' ').replace(':00.000Z', '');
}

/** Fire times of `expression` in [from, to), written in UTC. */
function fires(expression: string, from: string, to: string, timezone = 'UTC'): string[] {
  return [...parseScheduleExpression(expression, timezone).firesBetween(utc(from), utc(to))].map(show);
}

function thrownBy(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError, nothing was thrown');
}

describe('AWS documented cron examples (UTC)', () => {
  // [expression, from, to, every fire in [from, to)]
  const examples: Array<[string, string, string, string[]]> = [
    ['cron(0 10 * * ? *)', '2026-01-01 00:00', '2026-01-04 00:00', ['2026-01-01 10:00', '2026-01-02 10:00', '2026-01-03 10:00']],
    ['cron(15 12 * * ? *)', '2026-01-01 00:00', '2026-01-03 00:00', ['2026-01-01 12:15', '2026-01-02 12:15']],
    // Thursday 1st, Friday 2nd, then Monday 5th to Friday 9th
    ['cron(0 18 ? * MON-FRI *)', '2026-01-01 00:00', '2026-01-10 00:00', [
      '2026-01-01 18:00', '2026-01-02 18:00', '2026-01-05 18:00', '2026-01-06 18:00', '2026-01-07 18:00', '2026-01-08 18:00',
      '2026-01-09 18:00',
    ]],
    ['cron(0 8 1 * ? *)', '2026-01-01 00:00', '2026-04-01 00:00', ['2026-01-01 08:00', '2026-02-01 08:00', '2026-03-01 08:00']],
    ['cron(0/15 * * * ? *)', '2026-01-01 00:00', '2026-01-01 01:00', ['2026-01-01 00:00', '2026-01-01 00:15', '2026-01-01 00:30', '2026-01-01 00:45']],
    // Friday night, nothing at the weekend, then Monday morning
    ['cron(0/10 * ? * MON-FRI *)', '2026-01-02 23:30', '2026-01-05 00:30', [
      '2026-01-02 23:30', '2026-01-02 23:40', '2026-01-02 23:50', '2026-01-05 00:00', '2026-01-05 00:10', '2026-01-05 00:20',
    ]],
    // First Mondays
    ['cron(0 9 ? * 2#1 *)', '2026-01-01 00:00', '2026-07-01 00:00', [
      '2026-01-05 09:00', '2026-02-02 09:00', '2026-03-02 09:00', '2026-04-06 09:00', '2026-05-04 09:00', '2026-06-01 09:00',
    ]],
  ];

  it.each(examples)('%s', (expression, from, to, expected) => {
    expect(fires(expression, from, to)).toEqual(expected);
  });

  it('cron(0/5 8-17 ? * MON-FRI *): every 5 minutes from 08:00 to 17:55 on weekdays', () => {
    const times = fires('cron(0/5 8-17 ? * MON-FRI *)', '2026-01-03 00:00', '2026-01-06 00:00');
    expect(times).toHaveLength(10 * 12); // Saturday and Sunday fire nothing; Monday 10 hours × 12
    expect([times[0], times[1], times.at(-1)]).toEqual(['2026-01-05 08:00', '2026-01-05 08:05', '2026-01-05 17:55']);
  });
});

describe('cron fields', () => {
  it('numeric day-of-week counts 1 = SUN: 2,4,6 is Monday, Wednesday, Friday', () => {
    // Friday, Monday, Wednesday, Friday
    expect(fires('cron(0 12 ? * 2,4,6 *)', '2026-01-01 00:00', '2026-01-10 00:00')).toEqual([
      '2026-01-02 12:00', '2026-01-05 12:00', '2026-01-07 12:00', '2026-01-09 12:00',
    ]);
  });

  it('names are case-insensitive, and JUL / WED are names, not L and W', () => {
    expect(fires('cron(0 12 ? jul Wed 2026)', '2026-01-01 00:00', '2027-01-01 00:00')).toEqual([
      '2026-07-01 12:00', '2026-07-08 12:00', '2026-07-15 12:00', '2026-07-22 12:00', '2026-07-29 12:00',
    ]);
  });

  it('1/10 in minutes is 1, 11, 21, …, 51', () => {
    expect(fires('cron(1/10 0 * * ? *)', '2026-01-01 00:00', '2026-01-02 00:00')).toEqual([
      '2026-01-01 00:01', '2026-01-01 00:11', '2026-01-01 00:21', '2026-01-01 00:31', '2026-01-01 00:41', '2026-01-01 00:51',
    ]);
  });

  it('steps in hours: 30 1/4 is 01:30, 05:30, …, 21:30; 0 0/6 is every 6 hours', () => {
    expect(fires('cron(30 1/4 * * ? *)', '2026-01-01 00:00', '2026-01-02 00:00')).toEqual([
      '2026-01-01 01:30', '2026-01-01 05:30', '2026-01-01 09:30', '2026-01-01 13:30', '2026-01-01 17:30', '2026-01-01 21:30',
    ]);
    expect(fires('cron(0 0/6 * * ? *)', '2026-01-01 00:00', '2026-01-02 00:00')).toEqual([
      '2026-01-01 00:00', '2026-01-01 06:00', '2026-01-01 12:00', '2026-01-01 18:00',
    ]);
  });

  it('a range that wraps past the end of its field (Quartz): hours 22-2, months NOV-FEB', () => {
    expect(fires('cron(0 22-2 * * ? *)', '2026-01-01 00:00', '2026-01-02 00:00')).toEqual([
      '2026-01-01 00:00', '2026-01-01 01:00', '2026-01-01 02:00', '2026-01-01 22:00', '2026-01-01 23:00',
    ]);
    expect(fires('cron(0 0 1 NOV-FEB ? *)', '2026-01-01 00:00', '2027-01-01 00:00')).toEqual([
      '2026-01-01 00:00', '2026-02-01 00:00', '2026-11-01 00:00', '2026-12-01 00:00',
    ]);
  });

  it('L in day-of-month is the last day, 29 in February of the leap year 2028', () => {
    expect(fires('cron(0 0 L * ? *)', '2028-01-01 00:00', '2028-05-01 00:00')).toEqual([
      '2028-01-31 00:00', '2028-02-29 00:00', '2028-03-31 00:00', '2028-04-30 00:00',
    ]);
    expect(fires('cron(0 0 L 2 ? *)', '2026-01-01 00:00', '2027-01-01 00:00')).toEqual(['2026-02-28 00:00']);
  });

  it('6L is the last Friday of the month (FRIL too)', () => {
    const lastFridays = [
      '2026-01-30 00:00', '2026-02-27 00:00', '2026-03-27 00:00', '2026-04-24 00:00', '2026-05-29 00:00', '2026-06-26 00:00',
    ];
    expect(fires('cron(0 0 ? * 6L *)', '2026-01-01 00:00', '2026-07-01 00:00')).toEqual(lastFridays);
    expect(fires('cron(0 0 ? * FRIL *)', '2026-01-01 00:00', '2026-07-01 00:00')).toEqual(lastFridays);
  });

  it('L alone in day-of-week is every Saturday', () => {
    expect(fires('cron(0 0 ? * L *)', '2026-01-01 00:00', '2026-02-01 00:00')).toEqual([
      '2026-01-03 00:00', '2026-01-10 00:00', '2026-01-17 00:00', '2026-01-24 00:00', '2026-01-31 00:00',
    ]);
  });

  it('MON#2 is the second Monday; 3#2 the second Tuesday', () => {
    expect(fires('cron(0 0 ? * MON#2 *)', '2026-01-01 00:00', '2026-03-01 00:00')).toEqual(['2026-01-12 00:00', '2026-02-09 00:00']);
    expect(fires('cron(0 0 ? * 3#2 *)', '2026-01-01 00:00', '2026-03-01 00:00')).toEqual(['2026-01-13 00:00', '2026-02-10 00:00']);
  });

  it('15W is the weekday nearest the 15th: Saturday → Friday 14th, Sunday → Monday 16th', () => {
    // The 15th is a Sunday in February, March and November, a Saturday in August.
    expect(fires('cron(0 0 15W * ? *)', '2026-01-01 00:00', '2027-01-01 00:00')).toEqual([
      '2026-01-15 00:00', '2026-02-16 00:00', '2026-03-16 00:00', '2026-04-15 00:00', '2026-05-15 00:00', '2026-06-15 00:00',
      '2026-07-15 00:00', '2026-08-14 00:00', '2026-09-15 00:00', '2026-10-15 00:00', '2026-11-16 00:00', '2026-12-15 00:00',
    ]);
  });

  it('1W never leaves the month: Saturday 1st → Monday 3rd, Sunday 1st → Monday 2nd', () => {
    // 1 August is a Saturday (not Friday 31 July), 1 November a Sunday.
    expect(fires('cron(0 0 1W * ? *)', '2026-07-02 00:00', '2026-12-01 00:00')).toEqual([
      '2026-08-03 00:00', '2026-09-01 00:00', '2026-10-01 00:00', '2026-11-02 00:00',
    ]);
  });

  it('LW is the last weekday; 31W in a month whose 31st is a Sunday is Friday 29th, and skips 30-day months', () => {
    // Last days: Sat 31 Jan, Sat 28 Feb, Tue 31 Mar, Thu 30 Apr, Sun 31 May.
    expect(fires('cron(0 0 LW * ? *)', '2026-01-01 00:00', '2026-06-01 00:00')).toEqual([
      '2026-01-30 00:00', '2026-02-27 00:00', '2026-03-31 00:00', '2026-04-30 00:00', '2026-05-29 00:00',
    ]);
    expect(fires('cron(0 0 31W * ? *)', '2026-04-01 00:00', '2026-06-01 00:00')).toEqual(['2026-05-29 00:00']);
  });

  it('the year field filters fire times: a value, a list, a stepped range', () => {
    expect(fires('cron(0 0 1 1 ? 2027)', '2026-01-01 00:00', '2031-01-01 00:00')).toEqual(['2027-01-01 00:00']);
    expect(fires('cron(0 0 1 1 ? 2027,2029)', '2026-01-01 00:00', '2031-01-01 00:00')).toEqual(['2027-01-01 00:00', '2029-01-01 00:00']);
    expect(fires('cron(0 0 1 1 ? 2026-2030/2)', '2026-01-01 00:00', '2031-01-01 00:00')).toEqual([
      '2026-01-01 00:00', '2028-01-01 00:00', '2030-01-01 00:00',
    ]);
  });
});

describe('time zones', () => {
  it('Europe/Berlin without a clock change: 09:00 is 08:00 UTC in winter, 07:00 UTC in summer', () => {
    expect(fires('cron(0 9 15 * ? *)', '2026-01-01 00:00', '2026-02-01 00:00', 'Europe/Berlin')).toEqual(['2026-01-15 08:00']);
    expect(fires('cron(0 9 15 * ? *)', '2026-07-01 00:00', '2026-08-01 00:00', 'Europe/Berlin')).toEqual(['2026-07-15 07:00']);
  });

  it('Europe/Berlin: 02:30 does not exist on 2026-03-29 and happens twice on 2026-10-25', () => {
    expect(fires('cron(30 2 * * ? *)', '2026-03-28 00:00', '2026-03-31 00:00', 'Europe/Berlin')).toEqual(['2026-03-28 01:30', '2026-03-30 00:30']);
    // On the 25th only the first 02:30 (CEST, 00:30 UTC) fires, not 02:30 CET.
    expect(fires('cron(30 2 * * ? *)', '2026-10-24 00:00', '2026-10-27 00:00', 'Europe/Berlin')).toEqual([
      '2026-10-24 00:30', '2026-10-25 00:30', '2026-10-26 01:30',
    ]);
  });

  it('America/New_York spring forward (2026-03-08): 01:30 fires, 02:30 does not exist and is skipped', () => {
    expect(fires('cron(30 1 * * ? *)', '2026-03-07 00:00', '2026-03-10 00:00', 'America/New_York')).toEqual([
      '2026-03-07 06:30', '2026-03-08 06:30', '2026-03-09 05:30',
    ]);
    expect(fires('cron(30 2 * * ? *)', '2026-03-07 00:00', '2026-03-10 00:00', 'America/New_York')).toEqual(['2026-03-07 07:30', '2026-03-09 06:30']);
  });

  it('America/New_York fall back (2026-11-01): the repeated 01:30 fires once, 02:30 once', () => {
    // On 1 November 01:30 EDT (05:30 UTC) fires; 01:30 EST an hour later does not.
    expect(fires('cron(30 1 * * ? *)', '2026-10-31 00:00', '2026-11-03 00:00', 'America/New_York')).toEqual([
      '2026-10-31 05:30', '2026-11-01 05:30', '2026-11-02 06:30',
    ]);
    expect(fires('cron(30 2 * * ? *)', '2026-10-31 00:00', '2026-11-03 00:00', 'America/New_York')).toEqual([
      '2026-10-31 06:30', '2026-11-01 07:30', '2026-11-02 07:30',
    ]);
  });

  it('every 30 minutes across the New York clock changes: the lost hour is absent, the repeated hour fires once', () => {
    // 01:00, 01:30 EST, then 03:00, 03:30 EDT.
    expect(fires('cron(0/30 * * * ? *)', '2026-03-08 06:00', '2026-03-08 08:00', 'America/New_York')).toEqual([
      '2026-03-08 06:00', '2026-03-08 06:30', '2026-03-08 07:00', '2026-03-08 07:30',
    ]);
    // 00:00, 00:30, 01:00, 01:30 EDT; 01:00 and 01:30 EST already fired, so next is 02:00 EST.
    expect(fires('cron(0/30 * * * ? *)', '2026-11-01 04:00', '2026-11-01 08:00', 'America/New_York')).toEqual([
      '2026-11-01 04:00', '2026-11-01 04:30', '2026-11-01 05:00', '2026-11-01 05:30', '2026-11-01 07:00', '2026-11-01 07:30',
    ]);
  });

  it('every minute for 30 days across the New York fall back loses the 60 repeated minutes', () => {
    expect(fires('cron(* * * * ? *)', '2026-10-15 00:00', '2026-11-14 00:00', 'America/New_York')).toHaveLength(30 * 1440 - 60);
  });
});

describe('rate()', () => {
  it('fires at the window start, whatever its time, then every period, for each unit', () => {
    const from = '2026-01-01 00:00';
    expect(fires('rate(1 minute)', from, '2026-01-01 00:03')).toEqual(['2026-01-01 00:00', '2026-01-01 00:01', '2026-01-01 00:02']);
    expect(fires('rate(5 minutes)', from, '2026-01-01 00:12')).toEqual(['2026-01-01 00:00', '2026-01-01 00:05', '2026-01-01 00:10']);
    expect(fires('rate(1 hour)', from, '2026-01-01 02:01')).toEqual(['2026-01-01 00:00', '2026-01-01 01:00', '2026-01-01 02:00']);
    expect(fires('rate(2 hours)', from, '2026-01-01 05:00')).toEqual(['2026-01-01 00:00', '2026-01-01 02:00', '2026-01-01 04:00']);
    expect(fires('rate(3 days)', from, '2026-01-08 00:00')).toEqual(['2026-01-01 00:00', '2026-01-04 00:00', '2026-01-07 00:00']);
    // The run start, not a round time.
    expect(fires('rate(1 hour)', '2026-01-01 00:07', '2026-01-01 02:00')).toEqual(['2026-01-01 00:07', '2026-01-01 01:07']);
  });

  it('rate(1 day) is 24 hours even across a clock change in its time zone', () => {
    expect(fires('rate(1 day)', '2026-03-07 12:00', '2026-03-10 00:00', 'America/New_York')).toEqual([
      '2026-03-07 12:00', '2026-03-08 12:00', '2026-03-09 12:00',
    ]);
  });
});

describe('the window [from, to)', () => {
  it('includes a fire exactly at from, excludes one exactly at to; an empty window fires nothing', () => {
    expect(fires('cron(0 10 * * ? *)', '2026-01-01 10:00', '2026-01-03 10:00')).toEqual(['2026-01-01 10:00', '2026-01-02 10:00']);
    expect(fires('rate(1 hour)', '2026-01-01 00:00', '2026-01-01 02:00')).toEqual(['2026-01-01 00:00', '2026-01-01 01:00']);
    // An empty window fires nothing.
    expect(fires('cron(* * * * ? *)', '2026-01-01 00:00', '2026-01-01 00:00')).toEqual([]);
    expect(fires('rate(1 minute)', '2026-01-01 00:00', '2026-01-01 00:00')).toEqual([]);
  });

  it('yields lazily: the first fire of a century-long window comes at once', () => {
    const schedule = parseScheduleExpression('cron(* * * * ? *)', 'UTC');
    const times = schedule.firesBetween(utc('2026-01-01 00:00'), utc('2126-01-01 00:00'));
    expect(show(times.next().value as number)).toBe('2026-01-01 00:00');
    expect(show(times.next().value as number)).toBe('2026-01-01 00:01');
  });

  it('a month of cron(* * * * ? *) is 43,200 fires in well under a second', () => {
    const started = performance.now();
    expect(fires('cron(* * * * ? *)', '2026-01-01 00:00', '2026-01-31 00:00')).toHaveLength(43_200);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('years outside the year field, or a day that rarely comes, do not make iteration crawl', () => {
    const started = performance.now();
    expect(fires('cron(* * * * ? 2199)', '2026-01-01 00:00', '2027-01-01 00:00')).toHaveLength(0);
    expect(fires('cron(* * * * ? 2020-2025)', '2026-01-01 00:00', '2126-01-01 00:00')).toHaveLength(0);
    expect(fires('cron(0 0 29 2 ? *)', '2026-01-01 00:00', '2029-01-01 00:00')).toEqual(['2028-02-29 00:00']);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('invalid expressions', () => {
  const cases: Array<[string, RegExp]> = [
    ['every 5 minutes', /every 5 minutes: a schedule expression is rate\(value unit\) or cron\(Minutes Hours/],
    ['rate(1 minutes)', /rate\(1 minutes\): use the singular unit when the value is 1: rate\(1 minute\)$/],
    ['rate(1 hours)', /use the singular unit when the value is 1: rate\(1 hour\)$/],
    ['rate(5 minute)', /rate\(5 minute\): use the plural unit when the value is more than 1: rate\(5 minutes\)$/],
    ['rate(2 day)', /use the plural unit .*: rate\(2 days\)$/],
    ['rate(0 minutes)', /the value "0" must be a whole number of at least 1/],
    ['rate(1.5 hours)', /the value "1.5" must be a whole number of at least 1/],
    ['rate(-5 minutes)', /the value "-5" must be a whole number of at least 1/],
    ['rate(5 seconds)', /the unit "seconds" is not valid; use minute\(s\), hour\(s\) or day\(s\)/],
    ['rate(5)', /write rate\(value unit\), e\.g\. rate\(5 minutes\)/],
    ['cron(0 10 * * ?)', /expected 6 fields \(Minutes Hours Day-of-month Month Day-of-week Year\), got 5/],
    ['cron(0 0 10 * * ? *)', /expected 6 fields .*, got 7/],
    ['cron(0 10 * * * *)', /cron\(0 10 \* \* \* \*\): day-of-month and day-of-week cannot both be set; one of them must be \?$/],
    ['cron(0 10 1 * MON *)', /day-of-month and day-of-week cannot both be set; one of them must be \?/],
    ['cron(0 10 ? * ? *)', /day-of-month and day-of-week cannot both be \?/],
    ['cron(60 10 * * ? *)', /minutes value 60 is out of range; allowed 0-59/],
    ['cron(0 24 * * ? *)', /hours value 24 is out of range; allowed 0-23/],
    ['cron(0 0 32 * ? *)', /day-of-month value 32 is out of range; allowed 1-31/],
    ['cron(0 0 0 * ? *)', /day-of-month value 0 is out of range; allowed 1-31/],
    ['cron(0 0 1 13 ? *)', /month value 13 is out of range; allowed 1-12 or JAN-DEC/],
    ['cron(0 0 1 JANUARY ? *)', /month value "JANUARY" is not valid; allowed 1-12 or JAN-DEC/],
    ['cron(0 0 ? * 8 *)', /day-of-week value 8 is out of range; allowed 1-7 or SUN-SAT/],
    ['cron(0 0 ? * 0 *)', /day-of-week value 0 is out of range; allowed 1-7 or SUN-SAT/],
    ['cron(0 0 1 1 ? 1969)', /year value 1969 is out of range; allowed 1970-2199/],
    ['cron(0 0 1 1 ? 2200)', /year value 2200 is out of range; allowed 1970-2199/],
    ['cron(0 0 1 1 ? 2030-2027)', /year range "2030-2027" runs backwards; write the smaller value first/],
    ['cron(x 0 * * ? *)', /minutes value "X" is not valid; allowed 0-59/],
    ['cron(0/0 * * * ? *)', /minutes step "\/0" is not valid; the step must be a whole number from 1 to 59/],
    ['cron(0/60 * * * ? *)', /minutes step "\/60" is not valid/],
    ['cron(? 0 * * ? *)', /minutes "\?": \? is only allowed in day-of-month or day-of-week/],
    ['cron(L 0 * * ? *)', /minutes value "L" is not valid; L, W and # are only allowed in the day fields/],
    ['cron(0 0 ? * 2#1,4#3 *)', /day-of-week "2#1,4#3": only one # expression is allowed, on its own/],
    ['cron(0 0 ? * 2#6 *)', /the number after # must be 1-5/],
    ['cron(0 0 ? * 2W *)', /W is only allowed in day-of-month/],
    ['cron(0 0 ? * 2/2 *)', /\/ is not allowed in day-of-week; list the days instead/],
    ['cron(0 0 ? * 2L,4 *)', /L stands alone \(Saturday\) or after one day, as in 6L/],
    ['cron(0 0 1W,15W * ? *)', /W takes one day, as in 15W or LW/],
    ['cron(0 0 1-15W * ? *)', /W takes one day/],
    ['cron(0 0 L-3 * ? *)', /L stands alone \(last day of the month\) or as LW/],
    ['cron(0 0 2#1 * ? *)', /# is only allowed in day-of-week/],
    ['cron(0 0 30 2 ? *)', /day-of-month 30 never occurs in the chosen months, so the schedule would never fire/],
  ];

  it.each(cases)('%s', (expression, message) => {
    const error = thrownBy(() => parseScheduleExpression(expression, 'UTC'));
    expect(error.code).toBe('SLSIM_ERR_BAD_VALUE');
    expect(error.location.path).toBe('/expression');
    expect(error.detail).toMatch(message);
    expect(error.detail).not.toContain('\n');
  });

  it('an unknown time zone is reported at /timezone', () => {
    const error = thrownBy(() => parseScheduleExpression('rate(5 minutes)', 'Mars/Olympus'));
    expect(error.code).toBe('SLSIM_ERR_BAD_VALUE');
    expect(error.location.path).toBe('/timezone');
    expect(error.detail).toMatch(/^Mars\/Olympus: not a known IANA time zone; use a name such as UTC/);
  });
});
