/**
 * The checks of a kinesis source that its JSON Schema cannot express: the
 * ranges AWS allows for duration strings, and the record size distribution.
 * A `maximumRecordAge` at or above the retention period changes nothing (the
 * records are gone by then): a warning.
 */
import type { ConfigProblem } from '../../core/engine/adapter-contract.js';
import { resolveDistribution } from '../../core/distributions.js';
import { InputError } from '../../core/errors.js';
import { formatDuration, parseDuration, parseSize } from '../../core/units.js';
import type { KinesisConfig } from './index.js';

const S = 1000;
const DAY = 86_400 * S;

/** `[min, max]` ms of the duration keys, as AWS allows them. */
const DURATION_RANGES: [string, (c: KinesisConfig) => number | string | undefined, number, number][] = [
  ['/retentionPeriod', (c) => c.retentionPeriod, DAY, 365 * DAY],
  ['/consumer/maximumBatchingWindow', (c) => c.consumer?.maximumBatchingWindow, 0, 300 * S],
  ['/consumer/maximumRecordAge', (c) => (c.consumer?.maximumRecordAge === -1 ? undefined : c.consumer?.maximumRecordAge), 60 * S, 7 * DAY],
];

export function checkKinesis(config: KinesisConfig): ConfigProblem[] {
  for (const [path, read, min, max] of DURATION_RANGES) {
    const value = read(config);
    if (value === undefined) continue;
    const ms = parseDuration(value);
    if (!(ms >= min && ms <= max)) return [{ path, message: `must be between ${formatDuration(min)} and ${formatDuration(max)}` }];
  }
  try {
    resolveDistribution(config.recordSize, parseSize);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return [{ path: `/recordSize${error.location.path ?? ''}`, message: error.detail }];
  }
  const age = config.consumer?.maximumRecordAge;
  if (age !== undefined && age !== -1) {
    const retentionMs = parseDuration(config.retentionPeriod);
    if (parseDuration(age) >= retentionMs) {
      return [
        {
          path: '/consumer/maximumRecordAge',
          severity: 'warning',
          message: `${formatDuration(parseDuration(age))} is not under the retention period (${formatDuration(retentionMs)}): records expire from the stream first, so it has no effect`,
        },
      ];
    }
  }
  return [];
}
