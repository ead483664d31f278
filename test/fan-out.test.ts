/**
 * Event routing end to end (docs/aws-model.md rules 12, 13, 22): S3 → SNS →
 * (SQS → resize, audit with a filter policy, index), and a function that writes
 * back to the bucket it is notified by. Every object reaches every subscriber
 * whose filter it passes, every hop's ledger adds up, and latency runs from the
 * upload to the last handling.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../core/report/build-report.js';
import { run } from './helpers.js';

const root = join(import.meta.dirname, '..');
const scenario = (file: string) => readFileSync(join(root, 'scenarios', file), 'utf8');

function balanced(report: Report): void {
  for (const [name, source] of Object.entries(report.sources)) {
    const d = source.delivery;
    expect(d.succeeded + d.failed + d.dropped + d.rejected + d.inFlight, name).toBe(d.generated);
  }
}

describe('S3 → SNS → SQS and functions', () => {
  const { report } = run(scenario('upload-fan-out.yaml'));
  const uploads = report.sources.uploads!;
  const topic = report.sources['uploads-topic']!;

  it('every object becomes one notification, one publish, and one copy per subscriber it passes', () => {
    const objects = uploads.delivery.generated;
    expect(objects).toBeGreaterThan(100_000); // 60 a second for 30 minutes
    expect(topic.NumberOfMessagesPublished).toBe(objects);
    expect(report.sources['thumbs-queue']!.NumberOfMessagesSent).toBe(objects);
    expect(report.functions.index!.AsyncEventsReceived).toBe(objects);
    // audit only takes deletions: the filtered-out count is exactly the rest.
    const audited = report.functions.audit!.AsyncEventsReceived;
    expect(topic.NumberOfNotificationsFilteredOut).toBe(objects - audited);
    // eventType is deleted with share 0.2: Binomial(n, 0.2), ±5 sd.
    const sd = Math.sqrt(objects * 0.2 * 0.8);
    expect(Math.abs(audited - 0.2 * objects)).toBeLessThan(5 * sd);
    expect(topic.NumberOfNotificationsDelivered).toBe(2 * objects + audited);
  });

  it('every hop settles what it received, and the upload is handled when its last copy is', () => {
    balanced(report);
    for (const name of ['uploads', 'uploads-topic', 'thumbs-queue']) {
      expect(report.sources[name]!.delivery, name).toMatchObject({ succeeded: uploads.delivery.generated, inFlight: 0 });
    }
    // The slowest copy (a batch behind a 2 s window, after the notification delay) sets the upload's latency.
    expect(uploads.EndToEndLatency.p50).toBeGreaterThan(report.sources['thumbs-queue']!.EndToEndLatency.p50! - 1e-9);
    expect(uploads.EndToEndLatency.p50).toBeGreaterThan(1000);
  });
});

describe('the thumbnail pipeline', () => {
  it('writes three thumbnails per upload outside the notified prefix: no loop, every PUT billed', () => {
    const { report } = run(scenario('thumbnail-pipeline.yaml'));
    const photos = report.sources.photos!;
    const uploads = photos.delivery.generated;
    expect(report.functions.resize!.Invocations).toBe(uploads);
    expect(photos.ObjectsWritten).toBe(3 * uploads);
    expect(photos.NotificationsFilteredOut).toBe(3 * uploads);
    expect(report.functions.resize!.RecursiveInvocationsDropped).toBe(0);
    const put = report.cost.lines.find((l) => l.service === 'Amazon S3')!;
    expect(put.quantity).toBe(4 * uploads);
    expect(put.usd).toBeCloseTo((4 * uploads * 0.005) / 1000, 2);
  });

  it('written back under the notified prefix, each chain is stopped at its 17th invocation', () => {
    const { report } = run(scenario('thumbnail-pipeline.yaml'), {
      set: ['functions.resize.outputs.0.prefix=uploads/', 'functions.resize.outputs.0.count=1', 'duration=5m', 'functions.resize.timeout=5m'],
    });
    const resize = report.functions.resize!;
    const chains = resize.RecursiveInvocationsDropped;
    expect(chains).toBeGreaterThan(100);
    expect(resize.Invocations).toBe(16 * chains);
    expect(report.sources.photos!.delivery).toMatchObject({ dropped: chains, succeeded: 16 * chains });
  });
});
