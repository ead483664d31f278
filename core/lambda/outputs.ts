/**
 * A function's `outputs` (docs/scenario-format.md, "Routing through code:
 * `outputs`"): what each successful run sends on, per record handled, to an
 * sqs, sns or s3 source. This is how a design's chains through code are
 * written (S3 → resize → SQS → index). Each message
 * keeps the time its chain began (end-to-end latency) and carries the chain's
 * invocation count on (recursive loop detection, docs/aws-model.md rule 22).
 *
 * The engine builds one FunctionOutput per `outputs` item, with a `send` that
 * hands a message to the target source; the function calls `emit` when a run
 * ends well. Nothing here knows which AWS service is on the other end.
 */
import { createSampler, type Sampler } from '../distributions.js';
import type { Random } from '../random.js';
import type { CountSpec, OutputSpec } from './function-spec.js';

/** What the engine does with one output message. */
export type OutputSend = (producedAt: number, sizeBytes: number, chain: number) => void;

export class FunctionOutput {
  private readonly count: CountSampler;
  private readonly size: Sampler;
  /** Messages sent, for tests and tools. */
  sent = 0;

  constructor(
    readonly spec: OutputSpec,
    random: Random,
    private readonly send: OutputSend,
  ) {
    this.count = countSampler(spec.count, random);
    this.size = createSampler(spec.sizeBytes, random);
  }

  /** A run that handled `records` records ended well: send this output's messages. */
  emit(records: number, producedAt: number, chain: number): void {
    let messages = 0;
    for (let i = 0; i < records; i++) messages += this.count();
    for (let i = 0; i < messages; i++) this.send(producedAt, Math.max(0, Math.round(this.size.sample())), chain);
    this.sent += messages;
  }
}

type CountSampler = () => number;

/** One draw of a message count (a whole number ≥ 0). */
export function countSampler(spec: CountSpec, random: Random): CountSampler {
  switch (spec.dist) {
    case 'constant': {
      const whole = Math.floor(spec.value);
      const fraction = spec.value - whole;
      if (fraction === 0) return () => whole;
      return () => whole + (random.next() < fraction ? 1 : 0);
    }
    case 'uniform': {
      const { min, max } = spec;
      return () => min + random.int(max - min + 1);
    }
    case 'poisson':
      return poissonSampler(spec.mean, random);
  }
}

/** Knuth's product method below a mean of 30, a rounded normal above (error well under 1%). */
function poissonSampler(mean: number, random: Random): CountSampler {
  if (mean <= 0) return () => 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    return () => {
      let k = 0;
      let product = random.next();
      while (product > limit) {
        k++;
        product *= random.next();
      }
      return k;
    };
  }
  const sd = Math.sqrt(mean);
  return () => Math.max(0, Math.round(mean + sd * random.normal()));
}
