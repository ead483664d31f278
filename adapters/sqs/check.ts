/**
 * The checks of an sqs source that its JSON Schema cannot express (the limits
 * on duration strings, and the rules AWS applies when a mapping is created),
 * each located at the offending key. A visibility timeout under six times the
 * function's timeout is allowed by AWS but risky: a warning.
 */
import type { ConfigProblem, ScenarioFacts } from '../../core/engine/adapter-contract.js';
import { durationRangeProblem, sizeDistributionProblem, type DurationRange } from '../../core/scenario/config-checks.js';
import { formatDuration, parseDuration } from '../../core/units.js';
import type { SqsConfig } from './index.js';

const S = 1000;

/** `[min, max]` ms of the duration keys, as AWS allows them. */
const DURATION_RANGES: DurationRange<SqsConfig>[] = [
  ['/visibilityTimeout', (c) => c.visibilityTimeout, 0, 12 * 3600 * S],
  ['/retentionPeriod', (c) => c.retentionPeriod, 60 * S, 14 * 86_400 * S],
  ['/deliveryDelay', (c) => c.deliveryDelay, 0, 15 * 60 * S],
  ['/consumer/maximumBatchingWindow', (c) => c.consumer?.maximumBatchingWindow, 0, 300 * S],
];

export function checkSqs(config: SqsConfig, facts: ScenarioFacts): ConfigProblem[] {
  const problem = durationRangeProblem(config, DURATION_RANGES) ?? sizeDistributionProblem(config.messageSize, '/messageSize');
  if (problem) return [problem];
  if (!config.fifo && config.messageGroups !== 1) return [{ path: '/messageGroups', message: 'message groups are for FIFO queues (fifo: true)' }];
  const dlq = config.redrive?.deadLetterTarget;
  if (dlq !== undefined) {
    const other = facts.sourceConfigs.get(dlq);
    if (other && (other.fifo === true) !== config.fifo) {
      return [{ path: '/redrive/deadLetterTarget', message: `the dead-letter queue of a ${config.fifo ? 'FIFO' : 'standard'} queue must be ${config.fifo ? 'FIFO' : 'standard'} too ("${dlq}" is not)` }];
    }
  }
  return config.consumer ? checkConsumer(config, facts) : [];
}

function checkConsumer(config: SqsConfig, facts: ScenarioFacts): ConfigProblem[] {
  const consumer = config.consumer!;
  const windowMs = parseDuration(consumer.maximumBatchingWindow);
  if (config.fifo && consumer.batchSize > 10) return [{ path: '/consumer/batchSize', message: 'a FIFO queue delivers at most 10 messages a batch' }];
  if (config.fifo && windowMs > 0) return [{ path: '/consumer/maximumBatchingWindow', message: 'FIFO queues have no batching window' }];
  if (consumer.batchSize > 10 && windowMs < 1000) {
    return [{ path: '/consumer/maximumBatchingWindow', message: `a batchSize over 10 (${consumer.batchSize}) needs a maximumBatchingWindow of at least 1s` }];
  }
  const pollers = consumer.provisionedPollers;
  if (pollers && consumer.maximumConcurrency !== undefined) {
    return [{ path: '/consumer/maximumConcurrency', message: 'maximumConcurrency cannot be combined with provisionedPollers (provisioned mode)' }];
  }
  if (pollers && pollers.minimum > pollers.maximum) return [{ path: '/consumer/provisionedPollers/minimum', message: `must be at most maximum (${pollers.maximum})` }];
  const fn = facts.functions.get(consumer.function);
  if (!fn) return [];
  const visibilityMs = parseDuration(config.visibilityTimeout);
  if (fn.timeoutMs > visibilityMs) {
    return [
      {
        path: '/visibilityTimeout',
        message: `AWS refuses a mapping whose function timeout (${formatDuration(fn.timeoutMs)}, "${consumer.function}") exceeds the queue's visibility timeout (${formatDuration(visibilityMs)})`,
      },
    ];
  }
  if (visibilityMs < 6 * fn.timeoutMs) {
    return [
      {
        path: '/visibilityTimeout',
        severity: 'warning',
        message: `${formatDuration(visibilityMs)} is under 6 × the timeout of "${consumer.function}" (${formatDuration(6 * fn.timeoutMs)}), as AWS advises: throttled batches may return to the queue before they run`,
      },
    ];
  }
  return [];
}
