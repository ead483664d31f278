/**
 * The six fields of an EventBridge cron expression (Minutes Hours
 * Day-of-month Month Day-of-week Year), checked against what EventBridge
 * accepts and turned into a `CronPlan`: explicit minute and hour lists, a
 * five-field cron-parser expression that selects calendar days, and the two
 * things cron-parser cannot do (the year field and the W nearest-weekday rule).
 * Everything here is about the wall clock; time zones live elsewhere.
 */

/** A field that EventBridge would reject; the message says what is allowed. */
export class CronFieldError extends Error {}

/** Which day the W rule picks in each month: nearest weekday to `day`, or the last weekday (LW). */
export type NearestWeekdayRule = { readonly day: number } | 'last';

export interface CronPlan {
  /** Ascending minutes of the hour, 0–59. */
  readonly minutes: readonly number[];
  /** Ascending hours of the day, 0–23. */
  readonly hours: readonly number[];
  /** cron-parser expression `0 0 dom month dow` matching the allowed days at midnight. */
  readonly dayExpression: string;
  /** Ascending allowed years, or undefined when every year is allowed. */
  readonly years?: readonly number[];
  /** Set when day-of-month is `nW` or `LW`: the day expression then matches every day of the month. */
  readonly nearestWeekday?: NearestWeekdayRule;
}

interface FieldSpec {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** Names accepted for the values min, min+1, …: JAN–DEC, SUN–SAT. */
  readonly names?: readonly string[];
  /** Cyclic fields accept ranges that wrap past the end (Quartz), e.g. hours 22-2. */
  readonly wraps: boolean;
  /** Quartz refuses steps larger than this. */
  readonly maxStep: number;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const MINUTES: FieldSpec = { label: 'minutes', min: 0, max: 59, wraps: true, maxStep: 59 };
const HOURS: FieldSpec = { label: 'hours', min: 0, max: 23, wraps: true, maxStep: 23 };
const DAY_OF_MONTH: FieldSpec = { label: 'day-of-month', min: 1, max: 31, wraps: true, maxStep: 31 };
const MONTH: FieldSpec = { label: 'month', min: 1, max: 12, names: MONTH_NAMES, wraps: true, maxStep: 12 };
const DAY_OF_WEEK: FieldSpec = { label: 'day-of-week', min: 1, max: 7, names: DAY_NAMES, wraps: true, maxStep: 7 };
const YEAR: FieldSpec = { label: 'year', min: 1970, max: 2199, wraps: false, maxStep: 229 };

/** Longest length of each month (February counts 29: it has one in leap years). */
const LONGEST_MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const CRON_FIELD_NAMES = 'Minutes Hours Day-of-month Month Day-of-week Year';

/** Parses the text between `cron(` and `)`. Throws CronFieldError. */
export function planCron(body: string): CronPlan {
  // Quartz reads the expression case-insensitively (mon, jan, l, w).
  const fields = body.trim().toUpperCase().split(/\s+/).filter((field) => field !== '');
  if (fields.length !== 6) {
    throw new CronFieldError(`expected 6 fields (${CRON_FIELD_NAMES}), got ${fields.length}`);
  }
  const [minuteText, hourText, domText, monthText, dowText, yearText] = fields as [string, string, string, string, string, string];
  const domIsQuestion = domText === '?';
  const dowIsQuestion = dowText === '?';
  if (!domIsQuestion && !dowIsQuestion) {
    throw new CronFieldError('day-of-month and day-of-week cannot both be set; one of them must be ?');
  }
  if (domIsQuestion && dowIsQuestion) {
    throw new CronFieldError('day-of-month and day-of-week cannot both be ?; set one of them (a value or *) and leave the other ?');
  }

  const minutes = parsePlainField(minuteText, MINUTES);
  const hours = parsePlainField(hourText, HOURS);
  const months = parsePlainField(monthText, MONTH);
  const years = yearText === '*' ? undefined : parsePlainField(yearText, YEAR);

  let domToken = '*';
  let dowToken = '*';
  let nearestWeekday: NearestWeekdayRule | undefined;
  if (!domIsQuestion) {
    const dayOfMonth = parseDayOfMonth(domText);
    domToken = dayOfMonth.token;
    nearestWeekday = dayOfMonth.nearestWeekday;
    checkDayCanOccur(dayOfMonth.earliestDay, months);
  } else {
    dowToken = parseDayOfWeek(dowText);
  }
  const monthToken = months.length === 12 ? '*' : months.join(',');
  const plan: CronPlan = { minutes, hours, dayExpression: `0 0 ${domToken} ${monthToken} ${dowToken}` };
  return { ...plan, ...(years ? { years } : {}), ...(nearestWeekday ? { nearestWeekday } : {}) };
}

interface DayOfMonthPlan {
  token: string;
  nearestWeekday?: NearestWeekdayRule;
  /** Smallest day of the month the field asks for (undefined for L and LW, which always exist). */
  earliestDay?: number;
}

function parseDayOfMonth(text: string): DayOfMonthPlan {
  if (text === 'L') return { token: 'L' };
  if (text === 'LW') return { token: '*', nearestWeekday: 'last' };
  const nearest = /^(\d+)W$/.exec(text);
  if (nearest) {
    const day = parseValue(nearest[1]!, DAY_OF_MONTH);
    return { token: '*', nearestWeekday: { day }, earliestDay: day };
  }
  if (text.includes('W')) {
    throw new CronFieldError(`day-of-month "${text}": W takes one day, as in 15W or LW; it cannot be used in a list or range`);
  }
  if (text.includes('L')) {
    throw new CronFieldError(`day-of-month "${text}": L stands alone (last day of the month) or as LW; no lists, ranges or offsets`);
  }
  if (text.includes('#')) throw new CronFieldError(`day-of-month "${text}": # is only allowed in day-of-week, as in 3#2`);
  const days = parsePlainField(text, DAY_OF_MONTH);
  return { token: days.length === 31 ? '*' : days.join(','), earliestDay: days[0]! };
}

/** Returns the cron-parser day-of-week token, where 0 = SUN (EventBridge counts 1 = SUN). */
function parseDayOfWeek(text: string): string {
  // Day names contain W (WED); look for the special characters outside them.
  const specials = text.replace(/SUN|MON|TUE|WED|THU|FRI|SAT/g, '1');
  if (specials.includes('W')) throw new CronFieldError(`day-of-week "${text}": W is only allowed in day-of-month, as in 15W`);
  if (specials.includes('/')) throw new CronFieldError(`day-of-week "${text}": / is not allowed in day-of-week; list the days instead, e.g. 2,4,6`);
  if ((specials.match(/#/g) ?? []).length > 1 || (specials.includes('#') && /[,\-L]/.test(specials))) {
    throw new CronFieldError(`day-of-week "${text}": only one # expression is allowed, on its own, as in 3#2`);
  }
  // Quartz: L alone in day-of-week means 7, every Saturday.
  if (text === 'L') return String(7 - 1);
  const lastOfMonth = /^(\w+?)L$/.exec(text);
  if (lastOfMonth) return `${parseValue(lastOfMonth[1]!, DAY_OF_WEEK) - 1}L`;
  if (specials.includes('L')) {
    throw new CronFieldError(`day-of-week "${text}": L stands alone (Saturday) or after one day, as in 6L (last Friday of the month)`);
  }
  const nth = /^(\w+)#(\w*)$/.exec(text);
  if (nth) {
    const occurrence = nth[2]!;
    if (!/^[1-5]$/.test(occurrence)) {
      throw new CronFieldError(`day-of-week "${text}": the number after # must be 1-5 (which occurrence in the month)`);
    }
    return `${parseValue(nth[1]!, DAY_OF_WEEK) - 1}#${occurrence}`;
  }
  const days = parsePlainField(text, DAY_OF_WEEK);
  return days.length === 7 ? '*' : days.map((day) => day - 1).join(',');
}

/** A field made of `*`, values, ranges and steps, joined by commas. Returns ascending values. */
function parsePlainField(text: string, spec: FieldSpec): number[] {
  if (text.includes('?')) {
    const isDayField = spec === DAY_OF_MONTH || spec === DAY_OF_WEEK;
    const rule = isDayField ? '? must stand alone' : '? is only allowed in day-of-month or day-of-week';
    throw new CronFieldError(`${spec.label} "${text}": ${rule}`);
  }
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const parts = /^(\*|[^\-/]+(?:-[^\-/]+)?)(?:\/(.*))?$/.exec(item);
    if (!parts) throw new CronFieldError(`${spec.label} "${text}" is not valid; ${allowed(spec)}`);
    const [, span, stepText] = parts as unknown as [string, string, string | undefined];
    const step = stepText === undefined ? 1 : parseStep(stepText, spec);
    let start: number;
    let end: number;
    if (span === '*') {
      [start, end] = [spec.min, spec.max];
    } else if (span.includes('-')) {
      const [from, to] = span.split('-') as [string, string];
      [start, end] = [parseValue(from, spec), parseValue(to, spec)];
      if (end < start && !spec.wraps) {
        throw new CronFieldError(`${spec.label} range "${span}" runs backwards; write the smaller value first`);
      }
    } else {
      start = parseValue(span, spec);
      end = stepText === undefined ? start : spec.max;
    }
    for (const value of walkRange(start, end, step, spec)) values.add(value);
  }
  return [...values].sort((a, b) => a - b);
}

/** Values from start to end by step; a backwards range wraps past max to min (Quartz: 22-2 = 22,23,0,1,2). */
function* walkRange(start: number, end: number, step: number, spec: FieldSpec): Generator<number> {
  const size = spec.max - spec.min + 1;
  const last = end >= start ? end : end + size;
  for (let value = start; value <= last; value += step) yield value > spec.max ? value - size : value;
}

function parseStep(text: string, spec: FieldSpec): number {
  const step = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(step >= 1 && step <= spec.maxStep)) {
    throw new CronFieldError(`${spec.label} step "/${text}" is not valid; the step must be a whole number from 1 to ${spec.maxStep}`);
  }
  return step;
}

function parseValue(text: string, spec: FieldSpec): number {
  const nameIndex = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (nameIndex >= 0) return spec.min + nameIndex;
  if (!/^\d+$/.test(text)) {
    const daySpecial = spec !== DAY_OF_MONTH && spec !== DAY_OF_WEEK && /[LW#]/.test(text);
    const hint = daySpecial ? 'L, W and # are only allowed in the day fields' : allowed(spec);
    throw new CronFieldError(`${spec.label} value "${text}" is not valid; ${hint}`);
  }
  const value = Number(text);
  if (value < spec.min || value > spec.max) {
    throw new CronFieldError(`${spec.label} value ${value} is out of range; ${allowed(spec)}`);
  }
  return value;
}

function allowed(spec: FieldSpec): string {
  const names = spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : '';
  return `allowed ${spec.min}-${spec.max}${names}`;
}

/** cron-parser refuses, and EventBridge would never fire, a day that no chosen month has (e.g. 30 in February). */
function checkDayCanOccur(earliestDay: number | undefined, months: readonly number[]): void {
  if (earliestDay === undefined) return;
  const longest = Math.max(...months.map((month) => LONGEST_MONTH_DAYS[month - 1]!));
  if (earliestDay > longest) {
    throw new CronFieldError(`day-of-month ${earliestDay} never occurs in the chosen months, so the schedule would never fire`);
  }
}
