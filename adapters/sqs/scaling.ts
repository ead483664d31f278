/**
 * How many batches an SQS event source mapping may run at once, over time
 * (docs/aws-model.md rules 14, 19, 20; docs in adapters/sqs/README.md).
 *
 * - Standard mode: 5 concurrent batches at first; while messages wait with
 *   every batch slot busy, 5 more each second (300 a minute), up to 1,250 or
 *   `maximumConcurrency`; with no message waiting, 5 fewer each second, back
 *   to 5.
 * - Provisioned mode: `minimum` pollers of 10 batches each from t = 0; while
 *   messages wait, 1,000 more a minute spread evenly (1,000/60 a second), up to
 *   10 × `maximum`; back down the same way to 10 × `minimum`.
 * - Backing off (rule 20, the rule chosen): each throttled batch, and each
 *   batch that fails as a whole, takes one batch off the limit, not below 2.
 *   Partial batch responses do not back the mapping off.
 */

export interface ScalingSettings {
  provisioned: { minimum: number; maximum: number } | null;
  maximumConcurrency: number | null;
}

/** AWS's ceiling of concurrent batches of one standard-mode mapping. */
export const STANDARD_MAX_BATCHES = 1250;
export const STANDARD_START_BATCHES = 5;
export const STANDARD_STEP_PER_SECOND = 5;
export const PROVISIONED_STEP_PER_SECOND = 1000 / 60;
export const BATCHES_PER_POLLER = 10;
export const BACKOFF_FLOOR = 2;

export class PollerScaling {
  /** Concurrent batches allowed now (fractional while ramping; whole batches are used). */
  allowed: number;
  readonly base: number;
  readonly cap: number;
  readonly stepPerSecond: number;

  constructor(settings: ScalingSettings) {
    if (settings.provisioned) {
      this.base = BATCHES_PER_POLLER * settings.provisioned.minimum;
      this.cap = BATCHES_PER_POLLER * settings.provisioned.maximum;
      this.stepPerSecond = PROVISIONED_STEP_PER_SECOND;
    } else {
      this.cap = Math.min(STANDARD_MAX_BATCHES, settings.maximumConcurrency ?? Infinity);
      this.base = Math.min(STANDARD_START_BATCHES, this.cap);
      this.stepPerSecond = STANDARD_STEP_PER_SECOND;
    }
    this.allowed = this.base;
  }

  /** Whole batches that may run at once. */
  get limit(): number {
    return Math.floor(this.allowed + 1e-9);
  }

  /** One second passed: grow while messages wait with every slot busy, else shrink toward the base. True while not settled. */
  tick(backlogged: boolean): boolean {
    if (backlogged) this.allowed = Math.min(this.cap, this.allowed + this.stepPerSecond);
    else if (this.allowed > this.base) this.allowed = Math.max(this.base, this.allowed - this.stepPerSecond);
    else if (this.allowed < this.base) this.allowed = Math.min(this.base, this.allowed + this.stepPerSecond);
    return backlogged ? this.allowed < this.cap : this.allowed !== this.base;
  }

  /** A throttle or a failed batch: one batch less, not below the floor. */
  backOff(): void {
    this.allowed = Math.max(Math.min(BACKOFF_FLOOR, this.allowed), this.allowed - 1);
  }

  /** Pollers at this limit (provisioned mode): 10 batches each. */
  pollers(minimum: number): number {
    return Math.max(minimum, Math.ceil(this.allowed / BATCHES_PER_POLLER));
  }
}
