/**
 * What an sqs source reports at the end of a run (docs/report.md, CloudWatch's
 * AWS/SQS names; ages in ms) and what it bills: SQS requests per 64 KB chunk,
 * empty receives of idle pollers included, and the provisioned pollers of a
 * mapping in provisioned mode (per second, one minute at least).
 */
import type { ServiceUsage } from '../../core/cost/usage.js';
import type { SqsSource } from './index.js';

const HOUR_MS = 3_600_000;
const MINIMUM_BILLED_MS = 60_000;

/** The span the run covered: at least the traffic window. */
function spanMs(source: SqsSource): number {
  return Math.max(source.ctx.scenario.durationMs, source.ctx.now());
}

export function queueReport(source: SqsSource): Record<string, number | Record<string, number>> {
  const { queue, mapping } = source;
  const end = spanMs(source);
  const report: Record<string, number | Record<string, number>> = {
    NumberOfMessagesSent: source.sent,
    NumberOfMessagesReceived: queue.received,
    NumberOfMessagesDeleted: queue.deleted,
    NumberOfMessagesMovedToDLQ: queue.movedToDlq,
    NumberOfMessagesExpired: queue.expired,
    NumberOfEmptyReceives: mapping ? mapping.emptyReceives(end) : 0,
    ApproximateNumberOfMessagesVisible: { max: queue.visible.max, mean: queue.visible.mean(end) },
    ApproximateNumberOfMessagesNotVisible: { max: queue.notVisible.max, mean: queue.notVisible.mean(end) },
    ApproximateAgeOfOldestMessage: { max: Math.max(queue.oldestAgeMs, queue.headAge(source.ctx.now())) },
  };
  if (mapping) {
    report.ConcurrentBatches = { max: mapping.concurrentBatches.max, mean: mapping.concurrentBatches.mean(end) };
    report.ThrottledBatches = mapping.throttledBatches;
    report.FailedBatches = mapping.failedBatches;
    if (source.ctx.config.consumer?.provisionedPollers) report.Pollers = { max: mapping.pollers.max, mean: mapping.pollers.mean(end) };
  }
  return report;
}

export function queueUsage(source: SqsSource): ServiceUsage[] {
  const { mapping } = source;
  const end = spanMs(source);
  const requests = source.sendRequests + (mapping ? mapping.receiveRequests + mapping.deleteRequests + mapping.emptyReceives(end) : 0);
  const usage: ServiceUsage[] = [{ priceKey: source.ctx.config.fifo ? 'sqs.fifo.requests' : 'sqs.standard.requests', quantity: requests }];
  if (mapping && source.ctx.config.consumer?.provisionedPollers) {
    const pollerMs = mapping.pollers.mean(end) * end;
    usage.push({ priceKey: 'lambda.sqsProvisionedPollers', quantity: Math.max(pollerMs, MINIMUM_BILLED_MS * mapping.pollers.max) / HOUR_MS });
  }
  return usage;
}
