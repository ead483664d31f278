/**
 * A bucket's notification configuration: one rule per `targets` entry (every
 * event type, every key) and per `notifications` item (its event types, key
 * prefix and suffix). S3 refuses two rules that one event could match (the
 * same event type, filters one key can pass both), so each event goes to at
 * most one target; this module finds such overlaps and, for a shape of key,
 * which rule each event type goes to.
 */
import { ALL_EVENTS, EVENT_NAMES, maskNames, patternMask } from './events.js';
import { encodeKey, filterMatch, Match, uniquePart } from './keys.js';

export interface NotificationConfig {
  id?: string;
  target: string;
  events?: readonly string[];
  prefix?: string;
  suffix?: string;
}

/** One rule of the configuration. */
export interface NotificationRule {
  /** The record's `configurationId`. */
  id: string;
  target: string;
  /** Event types, a mask over EVENT_NAMES. */
  mask: number;
  prefix: string;
  suffix: string;
  /** JSON pointer of the rule in the source's config. */
  path: string;
}

/** The rules of a config: `targets` first, then `notifications`. */
export function notificationRules(config: { targets?: readonly string[]; notifications?: readonly NotificationConfig[] }): NotificationRule[] {
  const fromTargets = (config.targets ?? []).map((target, i) => ({ id: target, target, mask: ALL_EVENTS, prefix: '', suffix: '', path: `/targets/${i}` }));
  const fromNotifications = (config.notifications ?? []).map((n, i) => ({
    id: n.id ?? n.target,
    target: n.target,
    mask: n.events === undefined ? ALL_EVENTS : n.events.reduce((mask, pattern) => mask | patternMask(pattern), 0),
    prefix: n.prefix ?? '',
    suffix: n.suffix ?? '',
    path: `/notifications/${i}`,
  }));
  return [...fromTargets, ...fromNotifications];
}

/** Two rules overlap when one event of one key could match both. */
export function overlap(a: NotificationRule, b: NotificationRule): boolean {
  const compatible = (x: string, y: string, starts: boolean) => (starts ? x.startsWith(y) || y.startsWith(x) : x.endsWith(y) || y.endsWith(x));
  return (a.mask & b.mask) !== 0 && compatible(a.prefix, b.prefix, true) && compatible(a.suffix, b.suffix, false);
}

/** Words for an overlap: the shared event types and a key both rules take. */
export function describeOverlap(a: NotificationRule, b: NotificationRule): string {
  const shared = maskNames(a.mask & b.mask);
  const events = shared.length === EVENT_NAMES.length ? 'every event type' : shared.length > 3 ? `${shared.slice(0, 3).join(', ')}, …` : shared.join(', ');
  const prefix = a.prefix.length >= b.prefix.length ? a.prefix : b.prefix;
  const suffix = a.suffix.length >= b.suffix.length ? a.suffix : b.suffix;
  return `${events} of a key such as "${prefix}…${suffix}"`;
}

/** Routing for event type `e`: a rule's index, none, or decided per key. */
export const NO_RULE = -1;
export const PER_KEY = -2;

/**
 * Keys made of one (encoded) prefix and suffix around the unique part, and
 * where each event type of such a key goes. Built once per prefix × suffix of
 * `keys`, and once per prefix/suffix pair that functions write.
 */
export class KeyShape {
  /** Length of an encoded key of this shape. */
  readonly keyLength: number;
  /** Per event type: a rule index, NO_RULE, or PER_KEY (a filter reaches into the unique part). */
  readonly routes: Int16Array;

  private readonly encodedPrefix: string;
  private readonly encodedSuffix: string;

  constructor(
    readonly prefix: string,
    readonly suffix: string,
    private readonly rules: readonly NotificationRule[],
  ) {
    this.encodedPrefix = encodeKey(prefix);
    this.encodedSuffix = encodeKey(suffix);
    this.keyLength = this.encodedPrefix.length + uniquePart(0).length + this.encodedSuffix.length;
    this.routes = new Int16Array(EVENT_NAMES.length).fill(NO_RULE);
    rules.forEach((rule, r) => {
      const match = filterMatch(this.encodedPrefix, this.encodedSuffix, rule.prefix, rule.suffix);
      if (match === Match.Never) return;
      for (let e = 0; e < EVENT_NAMES.length; e++) {
        if ((rule.mask & (1 << e)) === 0 || this.routes[e]! >= 0) continue;
        this.routes[e] = match === Match.Always ? r : PER_KEY;
      }
    });
  }

  /** The key of the bucket's `n`-th event, as the record writes it. */
  encodedKey(n: number): string {
    return this.encodedPrefix + uniquePart(n) + this.encodedSuffix;
  }

  /** For a PER_KEY route: the rule the `n`-th event's key matches, or NO_RULE. */
  routeOf(event: number, n: number): number {
    const key = this.encodedKey(n);
    const rules = this.rules;
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r]!;
      if ((rule.mask & (1 << event)) !== 0 && key.startsWith(rule.prefix) && key.endsWith(rule.suffix)) return r;
    }
    return NO_RULE;
  }
}
