/**
 * What AWS refuses when a mapping is created, refused at load with file, line
 * and path (exit 2), and what it only advises against, as a warning. The
 * tables go through the adapter test kit (slsim/testing), as a third party's
 * would; so do harness runs: ledgers balance at every hop, the SQS event fits
 * its schema, and the same seed gives the same report.
 */
import { describe, expect, it } from 'vitest';
import { load } from '../../test/helpers.js';
import { AdapterTester } from '../../testing/index.js';
import { sqsAdapter } from './index.js';

const consumer = { function: 'worker' };
const phases = (arrivalRate: number, duration = '1m') => ({ phases: [{ duration, arrivalRate }] });

new AdapterTester(sqsAdapter, { describe, it, sourceName: 'jobs', functions: { worker: { timeout: '30s' } } }).run({
  valid: [
    {},
    { visibilityTimeout: '3m', consumer },
    { fifo: true, messageGroups: 4, visibilityTimeout: '3m', consumer: { function: 'worker', batchSize: 10 } },
    { visibilityTimeout: '5m', consumer: { function: 'worker', batchSize: 100, maximumBatchingWindow: '1s' } },
    { name: 'a standard queue redriven to a standard queue', config: { redrive: { deadLetterTarget: 'dlq' } }, sources: { dlq: { type: 'sqs' } } },
    {
      name: 'a visibility timeout under 6 × the function timeout: a warning',
      config: { visibilityTimeout: '60s', consumer },
      warnings: [
        '/visibilityTimeout: 1m00s is under 6 × the timeout of "worker" (3m00s), as AWS advises: throttled batches may return to the queue before they run',
      ],
    },
  ],
  invalid: [
    {
      name: 'a function timeout over the visibility timeout',
      config: { visibilityTimeout: '20s', consumer },
      errors: [{ path: '/visibilityTimeout', message: /^AWS refuses a mapping whose function timeout \(30s, "worker"\) exceeds the queue's visibility timeout \(20s\)/ }],
    },
    { name: 'a FIFO batch over 10', config: { fifo: true, visibilityTimeout: '5m', consumer: { function: 'worker', batchSize: 11 } }, errors: [/^\/consumer\/batchSize: a FIFO queue delivers at most 10 messages a batch/] },
    { name: 'a batch over 10 without a window', config: { visibilityTimeout: '5m', consumer: { function: 'worker', batchSize: 100 } }, errors: [/^\/consumer\/maximumBatchingWindow: a batchSize over 10 \(100\) needs a maximumBatchingWindow of at least 1s/] },
    {
      name: 'maximumConcurrency in provisioned mode',
      config: { visibilityTimeout: '5m', consumer: { function: 'worker', maximumConcurrency: 10, provisionedPollers: { minimum: 2, maximum: 5 } } },
      errors: [/^\/consumer\/maximumConcurrency: maximumConcurrency cannot be combined with provisionedPollers/],
    },
    { name: 'a consumer that is not a function', config: { visibilityTimeout: '5m', consumer: { function: 'wroker' } }, errors: ['/consumer/function: "wroker" is not a function of this scenario (did you mean "worker"?)'] },
    { name: 'a dead-letter target that is not a queue', config: { redrive: { deadLetterTarget: 'worker' } }, errors: ['an sqs source cannot name a function ("worker") here'] },
    {
      name: 'a FIFO queue with a standard DLQ',
      config: { fifo: true, redrive: { deadLetterTarget: 'dlq' } },
      sources: { dlq: { type: 'sqs' } },
      errors: [/^\/redrive\/deadLetterTarget: the dead-letter queue of a FIFO queue must be FIFO too \("dlq" is not\)/],
    },
    { name: 'a retention over 14 days', config: { retentionPeriod: '15d' }, errors: [/^\/retentionPeriod: must be between 1m00s and 14d/] },
    { name: 'a message size over the distribution rules', config: { messageSize: { dist: 'uniform', min: '2KB', max: '1KB' } }, errors: [/^\/messageSize/] },
    { name: 'a misspelt key', config: { visibiltyTimeout: '5m' }, errors: ['/visibiltyTimeout: unknown key "visibiltyTimeout" (did you mean "visibilityTimeout"?)'] },
  ],
  runs: [
    { name: 'a consumed queue', config: { visibilityTimeout: '3m', consumer, load: phases(20) }, seed: 3 },
    { name: 'a queue nothing consumes holds its messages at rest', config: { load: phases(5) } },
    {
      name: 'poison messages redriven to a dead-letter queue, a FIFO queue with groups',
      scenario: {
        name: 'redrive',
        duration: '2m',
        functions: { worker: { duration: '100ms', timeout: '5s', errorRate: 0.1 } },
        sources: {
          jobs: {
            type: 'sqs',
            visibilityTimeout: '30s',
            poisonRate: 0.05,
            redrive: { maxReceiveCount: 2, deadLetterTarget: 'jobs-dlq' },
            consumer: { function: 'worker', batchSize: 5, reportBatchItemFailures: true },
            load: phases(10, '2m'),
          },
          'jobs-dlq': { type: 'sqs' },
          orders: { type: 'sqs', fifo: true, messageGroups: 8, visibilityTimeout: '30s', consumer: { function: 'worker', batchSize: 10 }, load: phases(10, '2m') },
        },
        expect: ['sources.jobs-dlq.delivery.generated > 0'],
      },
    },
  ],
});

describe('sqs input errors, located', () => {
  it('name the file, the line and the path', () => {
    const scenario = 'name: checks\nduration: 1m\nfunctions:\n  worker: { timeout: 30s }\nsources:\n  jobs:\n    type: sqs\n    visibilityTimeout: 20s\n    consumer: { function: wroker }\n';
    expect(() => load(scenario)).toThrow(/^test\.yaml:9 \/sources\/jobs\/consumer\/function: "wroker" is not a function of this scenario/);
    expect(() => load(scenario.replace('wroker', 'worker'))).toThrow(/^test\.yaml:8 \/sources\/jobs\/visibilityTimeout: AWS refuses a mapping/);
  });
});
