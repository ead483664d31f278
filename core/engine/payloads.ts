/**
 * Payloads for real handler code (docs/handlers.md): each run of a function
 * with `handler:` gets the event its invoking source's service would deliver,
 * built by that source's adapter (`samplePayload`) from a random stream of its
 * own, so that running code changes none of the model's draws. A batch of N
 * records gets N records (`Records`), each with its own identifier, which is
 * what a partial batch response names.
 */
import type { InvocationRecordFacts } from '../lambda/function-spec.js';
import type { BuiltPayload, PayloadSource } from '../lambda/handler-calls.js';
import { awsRequestIdOf } from '../ids.js';
import type { Random } from '../random.js';
import type { PayloadFacts, SourceAdapter } from './adapter-contract.js';

interface PayloadOrigin {
  adapter: SourceAdapter;
  config: Readonly<Record<string, unknown>>;
  region: string;
  accountId: string;
  sourceName: string;
  random: Random;
  /** Epoch ms of the current simulated time. */
  epochMs(): number;
  /** Runs the adapter's code, blaming the adapter if it throws. */
  guard<T>(what: string, f: () => T): T;
}

export function sourcePayloads(origin: PayloadOrigin): PayloadSource {
  const { adapter, config } = origin;
  const sample = adapter.samplePayload;
  const one = (): unknown => {
    if (!sample) return {};
    const facts: PayloadFacts = {
      region: origin.region,
      accountId: origin.accountId,
      sourceName: origin.sourceName,
      epochMs: origin.epochMs(),
      random: origin.random,
    };
    return origin.guard('in samplePayload', () => sample.call(adapter, config, facts));
  };
  return {
    build(records: number): BuiltPayload {
      const event = one();
      const list = recordsOf(event);
      if (list === null) return { event, recordIds: null };
      for (let i = 1; i < records; i++) {
        const more = recordsOf(one());
        if (more !== null && more.length > 0) list.push(more[0]);
      }
      return { event, recordIds: list.map(recordId) };
    },
  };
}

function recordsOf(event: unknown): unknown[] | null {
  const records = (event as { Records?: unknown } | null)?.Records;
  return Array.isArray(records) ? records : null;
}

/** The identifier `batchItemFailures` uses: SQS messageId, Kinesis and DynamoDB sequence numbers. */
function recordId(record: unknown): string {
  const r = record as { messageId?: string; kinesis?: { sequenceNumber?: string }; dynamodb?: { SequenceNumber?: string }; eventID?: string };
  return r.messageId ?? r.kinesis?.sequenceNumber ?? r.dynamodb?.SequenceNumber ?? r.eventID ?? '';
}

/**
 * Lambda's invocation record of an async event, for a destination (onSuccess,
 * onFailure) that runs handler code (docs/handlers.md): `functionArn` names
 * the function the event was for. Without a request id (that function runs no
 * code) the record has an id of its own. A record of an event that never ran
 * has no response; one after a failed run has the error and `functionError`.
 */
export function invocationRecords(functionArn: string, epochMs: () => number, requestSalt: number): (facts: InvocationRecordFacts) => unknown {
  let madeUp = 0;
  return (facts) => {
    const record: Record<string, unknown> = {
      version: '1.0',
      timestamp: new Date(epochMs()).toISOString(),
      requestContext: {
        requestId: facts.requestId ?? awsRequestIdOf(requestSalt, madeUp++),
        functionArn: `${functionArn}:$LATEST`,
        condition: facts.condition,
        approximateInvokeCount: facts.approximateInvokeCount,
      },
      requestPayload: facts.requestPayload,
    };
    if (facts.approximateInvokeCount > 0) {
      const failed = facts.condition !== 'Success';
      record.responseContext = { statusCode: 200, executedVersion: '$LATEST', ...(failed ? { functionError: 'Unhandled' } : {}) };
      record.responsePayload = facts.responsePayload;
    }
    return record;
  };
}
