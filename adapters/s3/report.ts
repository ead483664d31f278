/**
 * What an s3 source reports at the end of a run (docs/report.md: CloudWatch's
 * S3 request-metric names where S3 has one; the notification delay in ms) and
 * what it bills: PUT-class requests at `s3.putRequests` (docs/cost.md).
 * Deletions are free and event notifications are not charged.
 */
import type { ServiceUsage } from '../../core/cost/usage.js';
import type { S3Bucket } from './bucket.js';

export function bucketReport(bucket: S3Bucket): Record<string, number | Record<string, number>> {
  const delays = bucket.delays;
  return {
    ObjectEvents: bucket.objectEvents,
    ObjectsWritten: bucket.objectsWritten,
    PutRequests: bucket.putRequests,
    DeleteRequests: bucket.deleteRequests,
    BytesUploaded: bucket.bytesUploaded,
    EventNotifications: bucket.notificationsSent,
    NotificationsFilteredOut: bucket.filteredOut,
    NotificationDelay: { mean: delays.mean, p50: delays.percentile(0.5), p99: delays.percentile(0.99), max: delays.max },
  };
}

export function bucketUsage(bucket: S3Bucket): ServiceUsage[] {
  return [{ priceKey: 's3.putRequests', quantity: bucket.putRequests }];
}
