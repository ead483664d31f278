/**
 * The S3 event a notification hands to its target: one record, in AWS's
 * shape (aws-lambda-go events/testdata/s3-event.json; deletions without size
 * and eTag, as aws-sam-cli's S3Delete.json), the same JSON a function, an SNS
 * topic or an SQS queue receives. Ids come from a generator, so the same seed
 * gives the same event. A run builds no JSON per event: `NotificationSizer`
 * gives each notification's byte size from a few lengths.
 */
import { createHash } from 'node:crypto';
import type { Random } from '../../core/random.js';
import { carriesVersionId, describesObject, EVENT_NAMES, eventVersion, MULTIPART_EVENT, raisedByS3 } from './events.js';

/** Who owns the bucket and who writes to it: the same for every event of a source. */
export interface BucketIdentity {
  region: string;
  bucket: string;
  /** The bucket owner's canonical-style id. */
  ownerId: string;
  /** The IAM principal whose requests raise events. */
  principalId: string;
  sourceIp: string;
}

/** Ids S3 gives each event: drawn, never meaningful. */
export interface EventIds {
  requestId: string;
  hostId: string;
  /** 32 hex digits: the object's MD5. */
  eTag: string;
  versionId: string;
}

/** What one record says. */
export interface ObjectEventFacts {
  event: number;
  epochMs: number;
  configurationId: string;
  /** The key as the record writes it (URL-encoded). */
  encodedKey: string;
  /** Object bytes (left out of deletion records). */
  size: number;
  /** Parts of a multipart upload (its eTag ends in `-parts`), else 0. */
  parts: number;
  sequencer: string;
  ids: EventIds;
}

const HEX = '0123456789abcdef';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VERSION_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._';

function drawn(random: Random, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[random.int(alphabet.length)];
  return out;
}

/** Fresh ids for one event, in S3's formats. */
export function drawIds(random: Random): EventIds {
  return {
    requestId: drawn(random, HEX, 16).toUpperCase(),
    hostId: drawn(random, BASE64, 64),
    eTag: drawn(random, HEX, 32),
    versionId: drawn(random, VERSION_CHARS, 32),
  };
}

/** The identity of a source's bucket, derived from the account and the source's name. */
export function bucketIdentity(region: string, accountId: string, sourceName: string, bucket: string): BucketIdentity {
  const digest = createHash('sha256').update(`${accountId}:${sourceName}`).digest();
  let owner = 'A';
  let user = 'AWS:AIDA';
  for (let i = 0; i < 13; i++) owner += BASE32[digest[i]! % 26];
  for (let i = 0; i < 17; i++) user += BASE32[digest[13 + i]! % 32];
  return { region, bucket, ownerId: owner, principalId: user, sourceIp: `198.51.100.${1 + (digest[31]! % 254)}` };
}

/** The ARN partition of a Region. */
export function partition(region: string): string {
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/** The event (one record) for one object event, in AWS's field order. */
export function s3Event(identity: BucketIdentity, facts: ObjectEventFacts): { Records: object[] } {
  const { event, ids } = facts;
  const byS3 = raisedByS3(event);
  const object: Record<string, string | number> = { key: facts.encodedKey };
  if (describesObject(event)) {
    object.size = facts.size;
    object.eTag = facts.parts > 0 ? `${ids.eTag}-${facts.parts}` : ids.eTag;
  }
  if (carriesVersionId(event)) object.versionId = ids.versionId;
  object.sequencer = facts.sequencer;
  return {
    Records: [
      {
        eventVersion: eventVersion(event),
        eventSource: 'aws:s3',
        awsRegion: identity.region,
        eventTime: new Date(facts.epochMs).toISOString(),
        eventName: EVENT_NAMES[event],
        userIdentity: { principalId: byS3 ? 's3.amazonaws.com' : identity.principalId },
        requestParameters: { sourceIPAddress: byS3 ? 's3.amazonaws.com' : identity.sourceIp },
        responseElements: { 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: facts.configurationId,
          bucket: {
            name: identity.bucket,
            ownerIdentity: { principalId: identity.ownerId },
            arn: `arn:${partition(identity.region)}:s3:::${identity.bucket}`,
          },
          object,
        },
      },
    ],
  };
}

/** Decimal digits of a whole number ≥ 0. */
export function digits(n: number): number {
  let d = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    d++;
  }
  return d;
}

const PLACEHOLDER_IDS: EventIds = { requestId: '0'.repeat(16), hostId: '0'.repeat(64), eTag: '0'.repeat(32), versionId: '0'.repeat(32) };

/**
 * The byte size of a notification, from the lengths that vary between
 * events (key, size, parts); the rest is measured once per event type and
 * configuration, on an event built with an empty key. Ids, times and
 * sequencers have fixed lengths.
 */
export class NotificationSizer {
  private readonly base: Int32Array;

  constructor(identity: BucketIdentity, configurationIds: readonly string[]) {
    this.base = new Int32Array(EVENT_NAMES.length * Math.max(1, configurationIds.length));
    configurationIds.forEach((configurationId, r) => {
      for (let e = 0; e < EVENT_NAMES.length; e++) {
        const json = JSON.stringify(
          s3Event(identity, { event: e, epochMs: 0, configurationId, encodedKey: '', size: 0, parts: 0, sequencer: '0'.repeat(18), ids: PLACEHOLDER_IDS }),
        );
        this.base[r * EVENT_NAMES.length + e] = Buffer.byteLength(json) - (describesObject(e) ? 1 : 0);
      }
    });
  }

  /** Bytes of the notification of event type `event` to rule `rule`, for a key of `keyLength` (encoded, ASCII). */
  bytes(event: number, rule: number, keyLength: number, size: number, parts: number): number {
    let bytes = this.base[rule * EVENT_NAMES.length + event]! + keyLength;
    if (describesObject(event)) bytes += digits(size) + (event === MULTIPART_EVENT ? 1 + digits(parts) : 0);
    return bytes;
  }
}
