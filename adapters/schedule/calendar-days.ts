/**
 * The calendar days on which a cron plan fires, in wall time (local midnight
 * written as UTC ms), ascending. cron-parser picks days by day-of-month,
 * month and day-of-week (including L and #); this module adds what it lacks:
 * the year field and the W nearest-weekday rule. It skips ahead instead of
 * testing day after day, so a year that never comes does not make it crawl.
 */
import { CronExpressionParser, type CronExpression } from 'cron-parser';
import type { CronPlan, NearestWeekdayRule } from './cron-fields.js';

/** cron-parser gives up (throws) after this many steps without a match: there is no next day. */
const NO_MORE_MATCHES = /loop limit exceeded/i;

export class CalendarDays {
  private readonly days: CronExpression;

  /** Days from `firstWallDay` (a wall-time midnight) onwards. Throws if cron-parser rejects the plan. */
  constructor(
    private readonly plan: CronPlan,
    firstWallDay: number,
  ) {
    // The wall clock is evaluated as UTC: no daylight-saving jumps in the calendar itself.
    this.days = CronExpressionParser.parse(plan.dayExpression, { currentDate: new Date(firstWallDay - 1), tz: 'UTC' });
  }

  /** The next matching day, or undefined when there is none. */
  next(): number | undefined {
    for (;;) {
      const day = this.nextCandidate();
      if (day === undefined) return undefined;
      const date = new Date(day);
      const year = date.getUTCFullYear();
      const years = this.plan.years;
      if (years && !years.includes(year)) {
        const nextYear = years.find((allowed) => allowed > year);
        if (nextYear === undefined) return undefined;
        this.skipTo(Date.UTC(nextYear, 0, 1));
        continue;
      }
      const rule = this.plan.nearestWeekday;
      if (rule === undefined) return day;
      const month = date.getUTCMonth();
      const target = nearestWeekdayOf(rule, year, month);
      const dayOfMonth = date.getUTCDate();
      if (target === dayOfMonth) return day;
      this.skipTo(target !== undefined && dayOfMonth < target ? Date.UTC(year, month, target) : Date.UTC(year, month + 1, 1));
    }
  }

  private nextCandidate(): number | undefined {
    try {
      return this.days.next().getTime();
    } catch (error) {
      if (error instanceof Error && NO_MORE_MATCHES.test(error.message)) return undefined;
      throw error;
    }
  }

  /** The next candidate will be `wallDay` or later (cron-parser returns times strictly after its current date). */
  private skipTo(wallDay: number): void {
    this.days.reset(new Date(wallDay - 1));
  }
}

/**
 * The day of the month (1–31) the W rule picks, or undefined when `nW` names a
 * day the month does not have. Quartz: the weekday nearest the day, never
 * leaving the month (1W on a Saturday is Monday the 3rd; LW is the last weekday).
 */
export function nearestWeekdayOf(rule: NearestWeekdayRule, year: number, month: number): number | undefined {
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = rule === 'last' ? lastDay : rule.day;
  if (day > lastDay) return undefined;
  const weekday = new Date(Date.UTC(year, month, day)).getUTCDay();
  if (weekday === 6) return day === 1 ? day + 2 : day - 1;
  if (weekday === 0) return day === lastDay ? day - 2 : day + 1;
  return day;
}
