// The order queue's consumer, in TypeScript (slsim compiles it on load), reporting
// partial batch failures (scenarios/code-in-the-loop.yaml): an order it cannot
// read, or one it refuses, is named in batchItemFailures and comes back to the
// queue; the rest of the batch is done.
import type { SQSBatchResponse, SQSEvent } from './sqs-types.js';

interface Order {
  source: string;
  id: string;
}

function accepts(order: Order): boolean {
  // About one order in 16 is refused (say, a stock check fails); it is tried again after the visibility timeout.
  return !order.id.startsWith('0');
}

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    let order: Order;
    try {
      order = JSON.parse(record.body) as Order;
    } catch {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    if (!accepts(order)) batchItemFailures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures };
};
