/**
 * Amazon EventBridge schedule expressions, rate() and cron(), evaluated on the
 * simulated clock in an IANA time zone: the fire times (epoch ms) inside a
 * window, produced lazily. Never reads the wall clock.
 *
 * - rate(value unit): fires at the window start (a rate schedule starts when it
 *   is created, i.e. when the run starts), then every period; days are 24 h.
 * - cron(Minutes Hours Day-of-month Month Day-of-week Year): minute precision,
 *   evaluated on the local wall clock; a local time skipped by spring forward
 *   does not fire, one repeated by fall back fires once (its first instant).
 */
import { InputError } from '../../core/errors.js';
import { CalendarDays } from './calendar-days.js';
import { CRON_FIELD_NAMES, CronFieldError, planCron, type CronPlan } from './cron-fields.js';
import { ZoneClock } from './zone-clock.js';

export interface ParsedSchedule {
  readonly expression: string;
  readonly timezone: string;
  /** Fire times (epoch ms), ascending, in [fromEpochMs, toEpochMs). Lazy: a generator. */
  firesBetween(fromEpochMs: number, toEpochMs: number): Generator<number>;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const RATE_UNIT_MS: Record<string, number> = { minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS };

/** Parses and checks an expression; throws InputError (SLSIM_ERR_BAD_VALUE) naming what is wrong. */
export function parseScheduleExpression(expression: string, timezone: string): ParsedSchedule {
  const zone = openTimeZone(timezone);
  const rate = /^rate\((.*)\)$/s.exec(expression);
  if (rate) {
    const periodMs = parseRatePeriod(expression, rate[1]!);
    return { expression, timezone, firesBetween: (from, to) => rateFires(periodMs, from, to) };
  }
  const cron = /^cron\((.*)\)$/s.exec(expression);
  if (cron) {
    const plan = parseCronPlan(expression, cron[1]!);
    return { expression, timezone, firesBetween: (from, to) => cronFires(plan, zone, from, to) };
  }
  throw badExpression(expression, `a schedule expression is rate(value unit) or cron(${CRON_FIELD_NAMES})`);
}

function badExpression(expression: string, reason: string): InputError {
  return new InputError('SLSIM_ERR_BAD_VALUE', `${expression}: ${reason}`, { path: '/expression' });
}

function openTimeZone(timezone: string): ZoneClock {
  try {
    if (typeof timezone !== 'string' || timezone === '') throw new RangeError('no time zone');
    return new ZoneClock(timezone);
  } catch (error) {
    const reason = `${String(timezone)}: not a known IANA time zone; use a name such as UTC, Europe/Berlin or America/New_York`;
    throw new InputError('SLSIM_ERR_BAD_VALUE', reason, { path: '/timezone' }, { cause: error });
  }
}

function parseRatePeriod(expression: string, body: string): number {
  const parts = /^\s*(\S+)\s+(\S+)\s*$/.exec(body);
  if (!parts) throw badExpression(expression, 'write rate(value unit), e.g. rate(5 minutes)');
  const [, valueText, unit] = parts as unknown as [string, string, string];
  const value = /^\d+$/.test(valueText) ? Number(valueText) : NaN;
  if (!(value >= 1 && Number.isSafeInteger(value))) {
    throw badExpression(expression, `the value "${valueText}" must be a whole number of at least 1`);
  }
  const singular = unit.endsWith('s') ? unit.slice(0, -1) : unit;
  const unitMs = RATE_UNIT_MS[singular];
  if (unitMs === undefined) {
    throw badExpression(expression, `the unit "${unit}" is not valid; use minute(s), hour(s) or day(s)`);
  }
  // AWS rejects rate(1 minutes) and rate(5 minute).
  if (value === 1 && unit !== singular) {
    throw badExpression(expression, `use the singular unit when the value is 1: rate(1 ${singular})`);
  }
  if (value > 1 && unit === singular) {
    throw badExpression(expression, `use the plural unit when the value is more than 1: rate(${value} ${singular}s)`);
  }
  return value * unitMs;
}

function* rateFires(periodMs: number, fromEpochMs: number, toEpochMs: number): Generator<number> {
  for (let fire = fromEpochMs; fire < toEpochMs; fire += periodMs) yield fire;
}

function parseCronPlan(expression: string, body: string): CronPlan {
  try {
    const plan = planCron(body);
    // Let cron-parser see the day expression now, so a plan it cannot evaluate fails at check time.
    new CalendarDays(plan, 0);
    return plan;
  } catch (error) {
    if (error instanceof CronFieldError) throw badExpression(expression, error.message);
    if (error instanceof Error) throw badExpression(expression, `cannot be evaluated: ${error.message}`);
    throw error;
  }
}

/**
 * Walks the matching local days and, within each, the hour × minute grid in
 * order; each local time maps to its first instant. That mapping only moves
 * forward in time, so the first instant at or past the window end stops the walk.
 */
function* cronFires(plan: CronPlan, zone: ZoneClock, fromEpochMs: number, toEpochMs: number): Generator<number> {
  if (!(fromEpochMs < toEpochMs)) return;
  const firstWallDay = startOfDay(zone.wallTimeOf(fromEpochMs));
  // Past this wall time no fire can land before the window end (offsets stay within a day).
  const lastWallDay = zone.wallTimeOf(toEpochMs) + 2 * DAY_MS;
  const days = new CalendarDays(plan, firstWallDay);
  for (let day = days.next(); day !== undefined && day <= lastWallDay; day = days.next()) {
    const steadyOffset = zone.steadyOffsetOfDay(day);
    for (const hour of plan.hours) {
      for (const minute of plan.minutes) {
        const wallTime = day + hour * HOUR_MS + minute * MINUTE_MS;
        const fire = steadyOffset === undefined ? zone.firstInstantOf(wallTime) : wallTime - steadyOffset;
        if (fire === undefined || fire < fromEpochMs) continue;
        if (fire >= toEpochMs) return;
        yield fire;
      }
    }
  }
}

function startOfDay(wallTime: number): number {
  return Math.floor(wallTime / DAY_MS) * DAY_MS;
}
