/**
 * The checks of an s3 source that its JSON Schema cannot express, each
 * located at the offending key: a valid bucket name, known event types,
 * distributions that resolve, targets S3 can notify (functions, standard SNS
 * topics and SQS queues), and the rule by which S3 refuses a notification
 * configuration whose items overlap. A notification that no event of the
 * bucket can match is allowed by AWS but useless: a warning.
 */
import type { ChoicesInput } from '../../core/choices.js';
import type { ConfigProblem, ScenarioFacts } from '../../core/engine/adapter-contract.js';
import { resolveDistribution } from '../../core/distributions.js';
import { InputError } from '../../core/errors.js';
import { sizeDistributionProblem } from '../../core/scenario/config-checks.js';
import { closest } from '../../core/scenario/did-you-mean.js';
import { parseDuration } from '../../core/units.js';
import { EVENT_NAMES, eventIndex, KNOWN_PATTERNS, maskNames, patternMask, PUT_EVENT } from './events.js';
import type { S3Config } from './index.js';
import { encodeKey, filterMatch, Match, UNIQUE_DIGITS } from './keys.js';
import { describeOverlap, notificationRules, overlap, type NotificationRule } from './notifications.js';

export function checkS3(config: S3Config, facts: ScenarioFacts, sourceName: string): ConfigProblem[] {
  const rules = notificationRules(config);
  const problem =
    bucketProblem(config, sourceName) ??
    eventsProblem(config.events) ??
    choicesProblem(config.keys.prefixes, '/keys/prefixes') ??
    choicesProblem(config.keys.suffixes, '/keys/suffixes') ??
    keyLengthProblem(config) ??
    sizeDistributionProblem(config.objectSize, '/objectSize') ??
    delayProblem(config) ??
    filterProblem(config) ??
    targetProblem(rules, facts) ??
    overlapProblem(rules);
  return problem ? [problem] : unreachableWarnings(config, rules);
}

/** Why `name` is not a general purpose bucket name (S3 User Guide, bucket naming rules), or null. */
export function bucketNameProblem(name: string): string | null {
  if (name.length < 3 || name.length > 63) return 'a bucket name has 3 to 63 characters';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'a bucket name has only lower-case letters, digits, dots and hyphens';
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return 'a bucket name begins and ends with a letter or a digit';
  if (name.includes('..')) return 'a bucket name has no two dots in a row';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'a bucket name is not an IP address';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name) || /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) return 'S3 reserves this prefix or suffix of bucket names';
  return null;
}

function bucketProblem(config: S3Config, sourceName: string): ConfigProblem | null {
  if (config.bucket !== undefined) {
    const why = bucketNameProblem(config.bucket);
    return why ? { path: '/bucket', message: `"${config.bucket}" is not a valid bucket name: ${why}` } : null;
  }
  const why = bucketNameProblem(sourceName);
  return why ? { path: '', message: `the bucket is named after the source, and "${sourceName}" is not a valid bucket name (${why}): give one with bucket:` } : null;
}

/** The values of a choice with their JSON pointers, and whether some share is positive. */
function choiceEntries(input: ChoicesInput, path: string): { value: string; share: number; path: string }[] {
  if (Array.isArray(input)) return (input as readonly (string | number)[]).map((value, i) => ({ value: String(value), share: 1, path: `${path}/${i}` }));
  return Object.entries(input as Readonly<Record<string, number>>).map(([value, share]) => ({ value, share, path: `${path}/${value.replace(/~/g, '~0').replace(/\//g, '~1')}` }));
}

function choicesProblem(input: ChoicesInput, path: string): ConfigProblem | null {
  return choiceEntries(input, path).some((entry) => entry.share > 0) ? null : { path, message: 'at least one share must be positive' };
}

function eventsProblem(events: ChoicesInput): ConfigProblem | null {
  for (const entry of choiceEntries(events, '/events')) {
    if (entry.value.includes('*')) return { path: entry.path, message: `"${entry.value}" is a family of event types: an event is of one type, such as ObjectCreated:Put` };
    if (eventIndex(entry.value) < 0) {
      const hint = closest(entry.value.replace(/^s3:/, ''), EVENT_NAMES);
      return { path: entry.path, message: `"${entry.value}" is not an S3 event type${hint ? ` (did you mean "${hint}"?)` : `; known: ${EVENT_NAMES.join(', ')}`}` };
    }
  }
  return choicesProblem(events, '/events');
}

/** S3 keys have at most 1,024 bytes (UTF-8). */
function keyLengthProblem(config: S3Config): ConfigProblem | null {
  const longest = (input: ChoicesInput, path: string) =>
    choiceEntries(input, path).reduce((best, entry) => (Buffer.byteLength(entry.value) > Buffer.byteLength(best.value) ? entry : best));
  const prefix = longest(config.keys.prefixes, '/keys/prefixes');
  const suffix = longest(config.keys.suffixes, '/keys/suffixes');
  const bytes = Buffer.byteLength(prefix.value) + UNIQUE_DIGITS + Buffer.byteLength(suffix.value);
  return bytes > 1024 ? { path: prefix.path, message: `keys would have ${bytes} bytes with this prefix and ${suffix.path}: S3 keys have at most 1,024` } : null;
}

function delayProblem(config: S3Config): ConfigProblem | null {
  try {
    resolveDistribution(config.notificationDelay, parseDuration);
    return null;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { path: `/notificationDelay${error.location.path ?? ''}`, message: error.detail };
  }
}

function filterProblem(config: S3Config): ConfigProblem | null {
  for (const [i, notification] of (config.notifications ?? []).entries()) {
    for (const [j, pattern] of (notification.events ?? []).entries()) {
      if (patternMask(pattern) !== 0) continue;
      const hint = closest(pattern.replace(/^s3:/, ''), KNOWN_PATTERNS);
      return { path: `/notifications/${i}/events/${j}`, message: `"${pattern}" is not an S3 event type${hint ? ` (did you mean "${hint}"?)` : ''}` };
    }
    for (const key of ['prefix', 'suffix'] as const) {
      if (notification[key]?.includes('*')) return { path: `/notifications/${i}/${key}`, message: 'S3 filters have no wildcards: a prefix or suffix is matched as written' };
    }
  }
  return null;
}

function targetProblem(rules: readonly NotificationRule[], facts: ScenarioFacts): ConfigProblem | null {
  for (const rule of rules) {
    const type = facts.sourceTypes.get(rule.target);
    if (type === undefined) continue; // a function
    const path = rule.path.startsWith('/targets') ? rule.path : `${rule.path}/target`;
    if (type !== 'sqs' && type !== 'sns') return { path, message: `S3 notifies Lambda functions, SNS topics and SQS queues: "${rule.target}" is a ${type} source` };
    if (facts.sourceConfigs.get(rule.target)?.fifo === true) {
      const what = type === 'sqs' ? 'queue' : 'topic';
      return { path, message: `"${rule.target}" is a FIFO ${what}: S3 cannot send event notifications to FIFO ${what}s; use a standard ${what}` };
    }
  }
  return null;
}

function overlapProblem(rules: readonly NotificationRule[]): ConfigProblem | null {
  for (let j = 1; j < rules.length; j++) {
    for (let i = 0; i < j; i++) {
      const [a, b] = [rules[i]!, rules[j]!];
      if (!overlap(a, b)) continue;
      return {
        path: b.path,
        message:
          `overlaps ${a.path.slice(1)} ("${a.target}"): both would get ${describeOverlap(a, b)}, and S3 refuses notification configurations that overlap. ` +
          'To send each event to several targets, notify one SNS topic (an sns source) and make them its targets; or give each a prefix or suffix of its own',
      };
    }
  }
  return null;
}

/**
 * Notifications that no event can match: functions may write objects
 * (ObjectCreated:Put) under any key, so a notification that takes Put may
 * always be reached; one that does not is reached only by the events of
 * `load`, of the types drawn from `events`, on keys drawn from `keys`.
 */
function unreachableWarnings(config: S3Config, rules: readonly NotificationRule[]): ConfigProblem[] {
  if (rules.length === 0) return config.load ? [{ path: '/load', severity: 'warning', message: 'the events of this load notify nobody: the bucket has no targets and no notifications' }] : [];
  const loadMask = config.load ? choiceEntries(config.events, '').reduce((mask, entry) => (entry.share > 0 ? mask | (1 << eventIndex(entry.value)) : mask), 0) : 0;
  const positive = (input: ChoicesInput) => choiceEntries(input, '').filter((entry) => entry.share > 0).map((entry) => encodeKey(entry.value));
  const prefixes = positive(config.keys.prefixes);
  const suffixes = positive(config.keys.suffixes);
  const warnings: ConfigProblem[] = [];
  for (const rule of rules) {
    if ((rule.mask & (1 << PUT_EVENT)) !== 0) continue;
    if ((rule.mask & loadMask) === 0) {
      const raised = maskNames(loadMask | (1 << PUT_EVENT)).join(', ');
      warnings.push({ path: rule.path, severity: 'warning', message: `matches no event of this bucket: it raises only ${raised} (functions' writes are ObjectCreated:Put)` });
    } else if (!prefixes.some((p) => suffixes.some((s) => filterMatch(p, s, rule.prefix, rule.suffix) !== Match.Never))) {
      const unencoded = [rule.prefix, rule.suffix].find((filter) => /[^A-Za-z0-9\-_./%+]/.test(filter));
      warnings.push({
        path: rule.path,
        severity: 'warning',
        message:
          `no key of keys: passes its filter (prefix "${rule.prefix}", suffix "${rule.suffix}"), and functions' writes are ObjectCreated:Put, which it does not take` +
          (unencoded === undefined ? '' : `; filters match the URL-encoded key, so write "${encodeKey(unencoded)}"`),
      });
    }
  }
  return warnings;
}
