/**
 * The checks of a kinesis source that its JSON Schema cannot express: the
 * ranges AWS allows for duration strings, and the record size distribution.
 * A `maximumRecordAge` at or above the retention period changes nothing (the
 * records are gone by then): a warning.
 */
import type { ConfigProblem } from '../../core/engine/adapter-contract.js';
import { durationRangeProblem, sizeDistributionProblem, type DurationRange } from '../../core/scenario/config-checks.js';
import { formatDuration, parseDuration } from '../../core/units.js';
import type { KinesisConfig } from './index.js';

const S = 1000;
const DAY = 86_400 * S;

/** `[min, max]` ms of the duration keys, as AWS allows them. */
const DURATION_RANGES: DurationRange<KinesisConfig>[] = [
  ['/retentionPeriod', (c) => c.retentionPeriod, DAY, 365 * DAY],
  ['/consumer/maximumBatchingWindow', (c) => c.consumer?.maximumBatchingWindow, 0, 300 * S],
  ['/consumer/maximumRecordAge', (c) => (c.consumer?.maximumRecordAge === -1 ? undefined : c.consumer?.maximumRecordAge), 60 * S, 7 * DAY],
];

export function checkKinesis(config: KinesisConfig): ConfigProblem[] {
  const problem = durationRangeProblem(config, DURATION_RANGES) ?? sizeDistributionProblem(config.recordSize, '/recordSize');
  if (problem) return [problem];
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
