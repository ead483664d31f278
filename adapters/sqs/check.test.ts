/**
 * What AWS refuses when a mapping is created, refused at load with file, line
 * and path (exit 2), and what it only advises against, as a warning.
 */
import { describe, expect, it } from 'vitest';
import { load } from '../../test/helpers.js';

const scenario = (queue: string, extra = '') => `name: checks
duration: 1m
functions:
  worker: { timeout: 30s }
sources:
  jobs:
    type: sqs
${queue}
${extra}`;

describe('sqs input errors', () => {
  it.each([
    ['a function timeout over the visibility timeout', '    visibilityTimeout: 20s\n    consumer: { function: worker }', /test\.yaml:8 \/sources\/jobs\/visibilityTimeout: AWS refuses a mapping whose function timeout \(30s, "worker"\) exceeds the queue's visibility timeout \(20s\)/],
    ['a FIFO batch over 10', '    fifo: true\n    visibilityTimeout: 5m\n    consumer: { function: worker, batchSize: 11 }', /\/sources\/jobs\/consumer\/batchSize: a FIFO queue delivers at most 10 messages a batch/],
    ['a batch over 10 without a window', '    visibilityTimeout: 5m\n    consumer: { function: worker, batchSize: 100 }', /\/consumer\/maximumBatchingWindow: a batchSize over 10 \(100\) needs a maximumBatchingWindow of at least 1s/],
    ['maximumConcurrency in provisioned mode', '    visibilityTimeout: 5m\n    consumer: { function: worker, maximumConcurrency: 10, provisionedPollers: { minimum: 2, maximum: 5 } }', /\/consumer\/maximumConcurrency: maximumConcurrency cannot be combined with provisionedPollers/],
    ['a consumer that is not a function', '    visibilityTimeout: 5m\n    consumer: { function: wroker }', /test\.yaml:9 \/sources\/jobs\/consumer\/function: "wroker" is not a function of this scenario \(did you mean "worker"\?\)/],
    ['a dead-letter target that is not a queue', '    redrive: { deadLetterTarget: worker }', /test\.yaml:8 \/sources\/jobs\/redrive\/deadLetterTarget: an sqs source cannot name a function \("worker"\) here/],
    ['a FIFO queue with a standard DLQ', '    fifo: true\n    redrive: { deadLetterTarget: dlq }', /\/redrive\/deadLetterTarget: the dead-letter queue of a FIFO queue must be FIFO too \("dlq" is not\)/, '  dlq: { type: sqs }'],
    ['a retention over 14 days', '    retentionPeriod: 15d', /\/sources\/jobs\/retentionPeriod: must be between 1m00s and 14d/],
    ['a message size over the distribution rules', '    messageSize: { dist: uniform, min: 2KB, max: 1KB }', /\/sources\/jobs\/messageSize/],
  ])('%s', (_what, queue, message, extra = '') => {
    expect(() => load(scenario(queue, extra))).toThrow(message);
  });

  it('warns when the visibility timeout is under 6 × the function timeout', () => {
    const loaded = load(scenario('    visibilityTimeout: 60s\n    consumer: { function: worker }'));
    expect(loaded.warnings).toStrictEqual([
      'test.yaml:8 /sources/jobs/visibilityTimeout: 1m00s is under 6 × the timeout of "worker" (3m00s), as AWS advises: throttled batches may return to the queue before they run',
    ]);
    expect(load(scenario('    visibilityTimeout: 3m\n    consumer: { function: worker }')).warnings).toStrictEqual([]);
  });
});
