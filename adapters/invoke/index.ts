/**
 * The `invoke` source: direct invocations of one function, as the SDK, the
 * CLI, API Gateway or an ALB make them (docs/aws-model.md rules 8 and 10).
 *
 * - sync (RequestResponse): a 429 throttle goes back to the caller, who
 *   retries `clientRetries.attempts` times after backoff, 2×backoff, 4×backoff…;
 *   still refused, the request is `rejected`. A run that fails (error,
 *   timeout) is also `rejected`: the caller received the error and Lambda
 *   never retries a synchronous call.
 * - async (Event): accepted at once onto the function's internal queue; the
 *   platform retries and gives up as rule 7 says.
 * Payloads over the limits (6 MB sync, 1 MB async) are refused (`rejected`).
 */
import type {
  DeliveryCaller,
  FunctionHandle,
  InvocationCaller,
  Router,
  SourceAdapter,
  SourceContext,
} from '../../core/engine/adapter-contract.js';
import { Outcome } from '../../core/engine/adapter-contract.js';
import { resolveDistribution, type DistributionInput, type Sampler } from '../../core/distributions.js';
import { LAMBDA_LIMITS } from '../../core/lambda/function-spec.js';
import { parseDuration, parseSize } from '../../core/units.js';
import { sizeDistributionProblem, sizeLimitWarning } from '../../core/scenario/config-checks.js';
import { ClientRetries } from './client-retries.js';
import schema from './schema.json' with { type: 'json' };

export interface InvokeConfig {
  type: 'invoke';
  mode: 'sync' | 'async';
  targets: [string];
  payloadSize: DistributionInput;
  clientRetries: { attempts: number; backoff: number | string };
}

class SyncInvokeSource implements InvocationCaller {
  private readonly retries: ClientRetries | null;

  constructor(
    private readonly ctx: SourceContext<InvokeConfig>,
    private readonly fn: FunctionHandle,
    private readonly payload: Sampler,
    attempts: number,
    backoffMs: number,
  ) {
    this.retries = attempts > 0 ? new ClientRetries(ctx, fn, this, attempts, backoffMs) : null;
  }

  arrive = (now: number, traceSize: number): void => {
    this.ctx.ledger.produced();
    const size = traceSize >= 0 ? traceSize : this.payload.sample();
    if (size > LAMBDA_LIMITS.syncPayloadBytes) {
      this.ctx.ledger.settle(Outcome.Rejected, now, now);
      return;
    }
    if (this.fn.invokeSync(this, undefined, now)) return;
    if (this.retries !== null) this.retries.refused(now, now);
    else this.ctx.ledger.settle(Outcome.Rejected, now, now);
  };

  invocationEnded(ok: boolean, _tag: unknown, producedAt: number, now: number): void {
    this.ctx.ledger.settle(ok ? Outcome.Succeeded : Outcome.Rejected, producedAt, now);
  }
}

class AsyncInvokeSource implements DeliveryCaller {
  constructor(
    private readonly ctx: SourceContext<InvokeConfig>,
    private readonly router: Router,
    private readonly payload: Sampler,
  ) {}

  arrive = (now: number, traceSize: number): void => {
    this.ctx.ledger.produced();
    this.router.deliver(this, undefined, now, traceSize >= 0 ? traceSize : this.payload.sample());
  };

  settle(outcome: Outcome, _tag: unknown, producedAt: number, now: number): void {
    this.ctx.ledger.settle(outcome, producedAt, now);
  }
}

export const invokeAdapter: SourceAdapter<InvokeConfig> = {
  meta: {
    type: 'invoke',
    version: '1.0.0',
    apiVersion: 2,
    description: 'direct invocations (SDK, CLI, API Gateway, ALB), sync or async',
    schema,
    invocation: ['sync', 'async'],
    targetKinds: ['function'],
  },

  check(config) {
    const problem = sizeDistributionProblem(config.payloadSize, '/payloadSize');
    if (problem) return [problem];
    if (config.mode === 'async' && config.clientRetries.attempts > 0) {
      return [{ path: '/clientRetries', message: 'clientRetries apply to sync invocations only (an async invoke is never refused with a 429)' }];
    }
    const sync = config.mode !== 'async';
    const payload = sizeLimitWarning(
      config.payloadSize,
      '/payloadSize',
      sync ? LAMBDA_LIMITS.syncPayloadBytes : LAMBDA_LIMITS.asyncPayloadBytes,
      sync ? 'sync request' : 'async event',
    );
    return payload ? [payload] : [];
  },

  /**
   * A direct invoke carries whatever JSON its caller sends (only its size is
   * modelled): the sample is the Lambda console's default test event, the
   * "hello-world" template.
   */
  samplePayload() {
    return { key1: 'value1', key2: 'value2', key3: 'value3' };
  },

  create(ctx) {
    const config = ctx.config;
    const payload = ctx.sampler(resolveDistribution(config.payloadSize, parseSize));
    if (config.mode === 'async') {
      const source = new AsyncInvokeSource(ctx, ctx.router(config.targets), payload);
      return { start: () => ctx.startLoad(source.arrive) };
    }
    const fn = ctx.fn(config.targets[0]);
    const backoffMs = parseDuration(config.clientRetries.backoff);
    const source = new SyncInvokeSource(ctx, fn, payload, config.clientRetries.attempts, backoffMs);
    return { start: () => ctx.startLoad(source.arrive) };
  },
};

export default invokeAdapter;
