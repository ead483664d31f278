/**
 * The S3 event types a bucket can raise (the families of S3's event
 * notifications: created, removed, restore, replication, lifecycle,
 * Intelligent-Tiering, tagging, ACL), what each one carries in its record,
 * and what it costs in requests. Notification configurations name them with
 * or without the `s3:` prefix, and with family wildcards (`ObjectCreated:*`);
 * a set of types is a bit mask over EVENT_NAMES.
 */

/** Every event type, as the record's `eventName` writes it (no `s3:` prefix). */
export const EVENT_NAMES = [
  'ObjectCreated:Put',
  'ObjectCreated:Post',
  'ObjectCreated:Copy',
  'ObjectCreated:CompleteMultipartUpload',
  'ObjectRemoved:Delete',
  'ObjectRemoved:DeleteMarkerCreated',
  'ObjectRestore:Post',
  'ObjectRestore:Completed',
  'ObjectRestore:Delete',
  'ReducedRedundancyLostObject',
  'Replication:OperationFailedReplication',
  'Replication:OperationMissedThreshold',
  'Replication:OperationReplicatedAfterThreshold',
  'Replication:OperationNotTracked',
  'LifecycleExpiration:Delete',
  'LifecycleExpiration:DeleteMarkerCreated',
  'LifecycleTransition',
  'IntelligentTiering',
  'ObjectTagging:Put',
  'ObjectTagging:Delete',
  'ObjectAcl:Put',
] as const;

export type EventName = (typeof EVENT_NAMES)[number];

/** Index of ObjectCreated:Put, the event of an object written by a function's `outputs`. */
export const PUT_EVENT = 0;
/** Index of ObjectCreated:CompleteMultipartUpload (its PUT requests depend on the object's size). */
export const MULTIPART_EVENT = 3;
/** A mask holding every event type. */
export const ALL_EVENTS = (1 << EVENT_NAMES.length) - 1;

/** The family wildcards a notification configuration may use. */
export const WILDCARDS = ['ObjectCreated:*', 'ObjectRemoved:*', 'ObjectRestore:*', 'Replication:*', 'LifecycleExpiration:*', 'ObjectTagging:*'] as const;

const INDEX = new Map<string, number>(EVENT_NAMES.map((name, i) => [name, i]));

/** The index of an event name written with or without `s3:`, or -1. */
export function eventIndex(name: string): number {
  return INDEX.get(name.startsWith('s3:') ? name.slice(3) : name) ?? -1;
}

/** The mask of one pattern (`s3:ObjectCreated:*`, `ObjectRemoved:Delete`), or 0 when it names no event type. */
export function patternMask(pattern: string): number {
  const name = pattern.startsWith('s3:') ? pattern.slice(3) : pattern;
  if (name.endsWith(':*')) {
    if (!(WILDCARDS as readonly string[]).includes(name)) return 0;
    const family = name.slice(0, -1);
    return EVENT_NAMES.reduce((mask, event, i) => (event.startsWith(family) ? mask | (1 << i) : mask), 0);
  }
  const i = INDEX.get(name);
  return i === undefined ? 0 : 1 << i;
}

/** The names a pattern may be, for "did you mean" hints. */
export const KNOWN_PATTERNS: readonly string[] = [...EVENT_NAMES, ...WILDCARDS];

/** The event names in a mask, for messages. */
export function maskNames(mask: number): string[] {
  return EVENT_NAMES.filter((_, i) => (mask & (1 << i)) !== 0);
}

/**
 * Deletions (by a request or by a lifecycle rule) carry no `size` and no
 * `eTag` in their record (aws-sam-cli's S3Delete.json); every other type
 * describes the object as it is.
 */
export function describesObject(event: number): boolean {
  return DESCRIBES_OBJECT[event] === 1;
}

/** A delete marker's record carries the marker's `versionId`. */
export function carriesVersionId(event: number): boolean {
  return EVENT_NAMES[event]!.endsWith(':DeleteMarkerCreated');
}

/** Raised by S3 itself (lifecycle, tiering, replication, restores ending), not by a caller's request. */
export function raisedByS3(event: number): boolean {
  const name = EVENT_NAMES[event]!;
  return /^(LifecycleExpiration|LifecycleTransition|IntelligentTiering|Replication|ReducedRedundancyLostObject|ObjectRestore:(Completed|Delete))/.test(name);
}

const DESCRIBES_OBJECT = Uint8Array.from(EVENT_NAMES, (name) => (name.startsWith('ObjectRemoved:') || name.startsWith('LifecycleExpiration:') ? 0 : 1));

/**
 * The record's `eventVersion` (the notification-content-structure page gives
 * 2.1 for most types, 2.2 for replication, 2.3 for lifecycle, tiering,
 * tagging and ACL; AWS's own samples say 2.0: an opaque string).
 */
export function eventVersion(event: number): string {
  const name = EVENT_NAMES[event]!;
  if (name.startsWith('Replication:')) return '2.2';
  if (/^(Lifecycle|IntelligentTiering|ObjectTagging|ObjectAcl)/.test(name)) return '2.3';
  return '2.1';
}

/** Size of a multipart upload's parts (the AWS CLI's and SDKs' default chunk). */
export const PART_BYTES = 8 * 1024 * 1024;
/** S3's largest number of parts: bigger objects use bigger parts. */
export const MAX_PARTS = 10_000;

/** Parts of a multipart upload of `bytes`. */
export function partsOf(bytes: number): number {
  return Math.min(MAX_PARTS, Math.max(1, Math.ceil(bytes / PART_BYTES)));
}

/**
 * PUT-class requests (PUT, COPY, POST, LIST: docs/cost.md `s3.putRequests`)
 * behind one event: one PutObject, POST upload, CopyObject, RestoreObject,
 * PutObjectTagging or PutObjectAcl; a multipart upload is
 * CreateMultipartUpload, one UploadPart a part and CompleteMultipartUpload.
 * Deletions are free, and what S3 does by itself is not a request.
 */
export function putRequestsOf(event: number, bytes: number): number {
  return event === MULTIPART_EVENT ? partsOf(bytes) + 2 : SINGLE_PUT[event]!;
}

/** DELETE requests behind one event: DeleteObject (with or without a marker), DeleteObjectTagging. */
export function deleteRequestsOf(event: number): number {
  return DELETE[event]!;
}

const flags = (names: readonly string[]) => Uint8Array.from(EVENT_NAMES, (name) => (names.includes(name) ? 1 : 0));
const SINGLE_PUT = flags(['ObjectCreated:Put', 'ObjectCreated:Post', 'ObjectCreated:Copy', 'ObjectRestore:Post', 'ObjectTagging:Put', 'ObjectAcl:Put']);
const DELETE = flags(['ObjectRemoved:Delete', 'ObjectRemoved:DeleteMarkerCreated', 'ObjectTagging:Delete']);

/** True for the ObjectCreated family (BytesUploaded counts their objects). */
export function createsObject(event: number): boolean {
  return event <= MULTIPART_EVENT;
}
