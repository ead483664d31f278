/**
 * Wall clock ↔ instant in one IANA time zone, with EventBridge Scheduler's
 * daylight-saving rules: a local time that does not exist (spring forward) has
 * no instant and is skipped; a local time that happens twice (fall back) maps
 * to its first instant only, so it fires once.
 *
 * A "wall time" is the local date and time written as if it were UTC epoch
 * milliseconds (2026-03-08 02:30 local → Date.UTC(2026, 2, 8, 2, 30)).
 */

const DAY_MS = 86_400_000;

export class ZoneClock {
  private readonly format: Intl.DateTimeFormat;

  /** Throws RangeError when the zone is unknown. */
  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Local time minus UTC at an instant, in ms (New York in winter: −5 h). */
  offsetAt(epochMs: number): number {
    const field = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of this.format.formatToParts(epochMs)) {
      if (part.type in field) field[part.type as keyof typeof field] = Number(part.value);
    }
    const wholeSecond = Math.floor(epochMs / 1000) * 1000;
    return Date.UTC(field.year, field.month - 1, field.day, field.hour, field.minute, field.second) - wholeSecond;
  }

  wallTimeOf(epochMs: number): number {
    return epochMs + this.offsetAt(epochMs);
  }

  /**
   * The offset of every wall time of the local day starting at `wallDay`, or
   * undefined when the zone changes offset near that day. Every instant of that
   * day lies within a day either side of the wall times (offsets are under 15 h),
   * and zones never change offset twice within three days.
   */
  steadyOffsetOfDay(wallDay: number): number | undefined {
    const before = this.offsetAt(wallDay - DAY_MS);
    return before === this.offsetAt(wallDay + 2 * DAY_MS) ? before : undefined;
  }

  /** The first instant showing this wall time, or undefined if the wall time is skipped. */
  firstInstantOf(wallTime: number): number | undefined {
    const offsetBefore = this.offsetAt(wallTime - DAY_MS);
    const offsetAfter = this.offsetAt(wallTime + DAY_MS);
    // The larger offset gives the earlier instant: try it first.
    const candidates = offsetBefore >= offsetAfter ? [offsetBefore, offsetAfter] : [offsetAfter, offsetBefore];
    for (const offset of candidates) {
      const instant = wallTime - offset;
      if (this.offsetAt(instant) === offset) return instant;
    }
    return undefined;
  }
}
