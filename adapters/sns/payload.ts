/**
 * What SNS hands on: the event a Lambda subscriber receives (one record per
 * invoke, capitalised keys, after aws/aws-lambda-go events/testdata/sns-event.json)
 * and the JSON notification an SQS subscriber receives as its message body
 * (raw message delivery off). Their sizes with an empty message are the
 * envelope a copy adds to the published message. Ids, signature and
 * certificate name come from the generator, so a seed gives the same payload.
 */
import { createChoice, type ChoicesInput } from '../../core/choices.js';
import type { PayloadFacts } from '../../core/engine/adapter-contract.js';
import { uuid } from '../../core/ids.js';
import { Random } from '../../core/random.js';
import { attributeType, utf8Bytes } from './attributes.js';
import type { MessageAttribute } from './filter-policy.js';

/** One notification: what both shapes are built from. */
export interface Notification {
  region: string;
  accountId: string;
  topicName: string;
  messageId: string;
  /** The id that ends the subscription's ARN. */
  subscriptionId: string;
  subject: string | null;
  message: string;
  epochMs: number;
  /** Base64 of an RSA-2048 signature (344 characters). */
  signature: string;
  /** The hex id of the signing certificate's file. */
  certificateId: string;
  messageAttributes: Readonly<Record<string, MessageAttribute>>;
}

export function topicArn(region: string, accountId: string, topicName: string): string {
  return `arn:aws:sns:${region}:${accountId}:${topicName}`;
}

function urls(n: Notification) {
  const endpoint = `https://sns.${n.region}.amazonaws.com`;
  const subscriptionArn = `${topicArn(n.region, n.accountId, n.topicName)}:${n.subscriptionId}`;
  return {
    subscriptionArn,
    signingCert: `${endpoint}/SimpleNotificationService-${n.certificateId}.pem`,
    unsubscribe: `${endpoint}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
  };
}

/** The event a Lambda subscription invokes its function with (Subject is null when the publisher gave none). */
export function snsEvent(n: Notification): object {
  const { subscriptionArn, signingCert, unsubscribe } = urls(n);
  return {
    Records: [
      {
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        EventSource: 'aws:sns',
        Sns: {
          Type: 'Notification',
          MessageId: n.messageId,
          TopicArn: topicArn(n.region, n.accountId, n.topicName),
          Subject: n.subject,
          Message: n.message,
          Timestamp: new Date(n.epochMs).toISOString(),
          SignatureVersion: '1',
          Signature: n.signature,
          SigningCertUrl: signingCert,
          UnsubscribeUrl: unsubscribe,
          MessageAttributes: n.messageAttributes,
        },
      },
    ],
  };
}

/** The body of the SQS message a queue subscription receives (Subject left out when there is none). */
export function snsQueueMessage(n: Notification): object {
  const { signingCert, unsubscribe } = urls(n);
  return {
    Type: 'Notification',
    MessageId: n.messageId,
    TopicArn: topicArn(n.region, n.accountId, n.topicName),
    ...(n.subject !== null ? { Subject: n.subject } : {}),
    Message: n.message,
    Timestamp: new Date(n.epochMs).toISOString(),
    SignatureVersion: '1',
    Signature: n.signature,
    SigningCertURL: signingCert,
    UnsubscribeURL: unsubscribe,
    MessageAttributes: n.messageAttributes,
  };
}

/** A notification's generated parts: ids, signature, certificate. */
function drawn(random: Random): Pick<Notification, 'messageId' | 'subscriptionId' | 'signature' | 'certificateId'> {
  const bytes = Buffer.alloc(256);
  for (let i = 0; i < bytes.length; i++) bytes[i] = random.int(256);
  let certificateId = '';
  for (let i = 0; i < 32; i++) certificateId += '0123456789abcdef'[random.int(16)];
  return { messageId: uuid(random), subscriptionId: uuid(random), signature: bytes.toString('base64'), certificateId };
}

/** Bytes a delivered copy adds to the message, without message attributes: to a function, and to a queue. */
export function envelopeBytes(region: string, accountId: string, topicName: string): { function: number; queue: number } {
  const empty: Notification = { region, accountId, topicName, subject: null, message: '', epochMs: 0, messageAttributes: {}, ...drawn(new Random(0)) };
  return { function: utf8Bytes(JSON.stringify(snsEvent(empty))), queue: utf8Bytes(JSON.stringify(snsQueueMessage(empty))) };
}

/**
 * A one-record event from the source's topic: one value of each configured
 * message attribute (drawn), or, without any, a `source` attribute naming the topic.
 */
export function snsSampleEvent(facts: PayloadFacts, attributes: Readonly<Record<string, ChoicesInput>> = {}): object {
  const { region, accountId, sourceName, epochMs, random } = facts;
  const messageAttributes: Record<string, MessageAttribute> = {};
  for (const [name, input] of Object.entries(attributes)) {
    const Value = createChoice(input, random).pick();
    messageAttributes[name] = { Type: attributeType(Value), Value };
  }
  if (Object.keys(messageAttributes).length === 0) messageAttributes.source = { Type: 'String', Value: sourceName };
  const parts = drawn(random);
  return snsEvent({
    region,
    accountId,
    topicName: sourceName,
    subject: `Notification from ${sourceName}`,
    message: JSON.stringify({ source: sourceName, id: uuid(random) }),
    epochMs: epochMs - 1 - random.int(50),
    messageAttributes,
    ...parts,
  });
}
