/**
 * What an sns source reports at the end of a run (docs/report.md; CloudWatch's
 * AWS/SNS names, sizes in bytes) and what it bills (docs/cost.md): each
 * accepted publish in 64 KB chunks (`sns.publishes`), and the copies handed to
 * functions and to queues (`sns.deliveries.lambda`, `sns.deliveries.sqs`).
 * Copies sent to dead-letter queues are the queues' own requests.
 */
import type { ServiceUsage } from '../../core/cost/usage.js';
import type { SnsTopic } from './topic.js';

export function topicReport(topic: SnsTopic): Record<string, number | Record<string, number>> {
  return {
    NumberOfMessagesPublished: topic.published,
    NumberOfNotificationsDelivered: topic.delivered,
    NumberOfNotificationsFailed: topic.failed,
    NumberOfNotificationsFilteredOut: topic.filteredOut,
    NumberOfNotificationsRedrivenToDlq: topic.redrivenToDlq,
    NumberOfNotificationsFailedToRedriveToDlq: topic.failedToRedriveToDlq,
    PublishSize: { mean: topic.published > 0 ? topic.publishBytesTotal / topic.published : 0, max: topic.publishBytesMax },
  };
}

export function topicUsage(topic: SnsTopic): ServiceUsage[] {
  return [
    { priceKey: 'sns.publishes', quantity: topic.publishRequests },
    { priceKey: 'sns.deliveries.lambda', quantity: topic.deliveredToFunctions },
    { priceKey: 'sns.deliveries.sqs', quantity: topic.deliveredToQueues },
  ];
}
