/**
 * The SQS event a Lambda event source mapping hands to a function: one record
 * per message, in AWS's shape (aws/aws-lambda-go events/testdata/sqs-event.json),
 * with attribute values as strings, a real MD5 of the body and of the message
 * attributes (SQS's algorithm), and ids drawn from the run's generator.
 */
import { createHash } from 'node:crypto';
import { uuid } from '../../core/ids.js';
import type { Random } from '../../core/random.js';

/** A message attribute as sent: `String`/`Number` types carry stringValue, `Binary` binaryValue (base64). */
export interface SqsMessageAttribute {
  dataType: string;
  stringValue?: string;
  binaryValue?: string;
}

export interface SqsRecordFacts {
  messageId: string;
  body: string;
  sentEpochMs: number;
  firstReceiveEpochMs: number;
  receiveCount: number;
  messageGroupId?: string;
  sequenceNumber?: string;
  messageDeduplicationId?: string;
  /** Attributes the producer sent with the message (none when absent). */
  messageAttributes?: Readonly<Record<string, SqsMessageAttribute>>;
}

/** What a sample payload is built from (the engine's payload facts). */
export interface SqsSampleFacts {
  region: string;
  accountId: string;
  sourceName: string;
  epochMs: number;
  random: Random;
}

function md5Hex(data: string | Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

/** An opaque receipt handle, the same for the same message and receive. */
export function receiptHandle(messageId: string, receiveCount: number): string {
  const parts: Buffer[] = [];
  for (let i = 0; i < 4; i++) parts.push(createHash('sha256').update(`${messageId}:${receiveCount}:${i}`).digest());
  return `AQEB${Buffer.concat(parts).toString('base64')}`;
}

/**
 * MD5 of the message attributes as SQS computes it: for each attribute in
 * name order, the name, the data type (each as a 4-byte big-endian length then
 * UTF-8 bytes), a transport byte (1 string, 2 binary), then the value likewise.
 */
export function md5OfMessageAttributes(attributes: Readonly<Record<string, SqsMessageAttribute>>): string {
  const hash = createHash('md5');
  const field = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length).update(bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const attribute = attributes[name]!;
    field(Buffer.from(name, 'utf8'));
    field(Buffer.from(attribute.dataType, 'utf8'));
    if (attribute.binaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      field(Buffer.from(attribute.binaryValue, 'base64'));
    } else {
      hash.update(Buffer.from([1]));
      field(Buffer.from(attribute.stringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}

/** The principal id SQS reports as the sender: an IAM user id of the account. */
function senderId(accountId: string): string {
  const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const digest = createHash('sha256').update(`sender:${accountId}`).digest();
  let id = 'AIDA';
  for (let i = 0; i < 17; i++) id += base32[digest[i]! % 32];
  return id;
}

function lambdaMessageAttributes(attributes: Readonly<Record<string, SqsMessageAttribute>>): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    out[name] = {
      ...(attribute.binaryValue !== undefined ? { binaryValue: attribute.binaryValue } : { stringValue: attribute.stringValue ?? '' }),
      stringListValues: [],
      binaryListValues: [],
      dataType: attribute.dataType,
    };
  }
  return out;
}

/** The event Lambda receives for a batch of messages from one queue. */
export function sqsEvent(queueName: string, region: string, accountId: string, records: readonly SqsRecordFacts[]): object {
  const eventSourceARN = `arn:aws:sqs:${region}:${accountId}:${queueName}`;
  const sender = senderId(accountId);
  return {
    Records: records.map((r) => {
      const attributes: Record<string, string> = {
        ApproximateReceiveCount: String(r.receiveCount),
        SentTimestamp: String(Math.floor(r.sentEpochMs)),
        SenderId: sender,
        ApproximateFirstReceiveTimestamp: String(Math.floor(r.firstReceiveEpochMs)),
      };
      if (r.sequenceNumber !== undefined) attributes.SequenceNumber = r.sequenceNumber;
      if (r.messageGroupId !== undefined) attributes.MessageGroupId = r.messageGroupId;
      if (r.messageDeduplicationId !== undefined) attributes.MessageDeduplicationId = r.messageDeduplicationId;
      const messageAttributes = r.messageAttributes ?? {};
      const hasAttributes = Object.keys(messageAttributes).length > 0;
      return {
        messageId: r.messageId,
        receiptHandle: receiptHandle(r.messageId, r.receiveCount),
        body: r.body,
        attributes,
        messageAttributes: lambdaMessageAttributes(messageAttributes),
        md5OfBody: md5Hex(Buffer.from(r.body, 'utf8')),
        // AWS leaves md5OfMessageAttributes out of a record whose message has no attributes.
        ...(hasAttributes ? { md5OfMessageAttributes: md5OfMessageAttributes(messageAttributes) } : {}),
        eventSource: 'aws:sqs',
        eventSourceARN,
        awsRegion: region,
      };
    }),
  };
}

/** A 20-digit FIFO sequence number from the run's generator. */
function fifoSequenceNumber(random: Random): string {
  let digits = String(1 + random.int(9));
  for (let i = 1; i < 20; i++) digits += String(random.int(10));
  return digits;
}

/** A one-message event from the source's queue (`<name>.fifo` when fifo), with one message attribute. */
export function sqsSampleEvent(facts: SqsSampleFacts, fifo = false): object {
  const { region, accountId, sourceName, epochMs, random } = facts;
  const messageId = uuid(random);
  const body = JSON.stringify({ source: sourceName, id: uuid(random) });
  const queueName = fifo && !sourceName.endsWith('.fifo') ? `${sourceName}.fifo` : sourceName;
  const record: SqsRecordFacts = {
    messageId,
    body,
    sentEpochMs: epochMs - 1 - random.int(50),
    firstReceiveEpochMs: epochMs,
    receiveCount: 1,
    messageAttributes: { source: { dataType: 'String', stringValue: sourceName } },
    ...(fifo
      ? {
          messageGroupId: 'default',
          sequenceNumber: fifoSequenceNumber(random),
          // Content-based deduplication: the SHA-256 of the body.
          messageDeduplicationId: createHash('sha256').update(body).digest('hex'),
        }
      : {}),
  };
  return sqsEvent(queueName, region, accountId, [record]);
}
