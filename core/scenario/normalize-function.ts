/**
 * A function's schema-valid configuration → the engine's FunctionSpec:
 * durations to ms, distributions resolved, and the limits JSON Schema cannot
 * express on unit strings (timeout ≤ 900 s, event age 60 s..6 h).
 */
import { resolveDistribution, scaleDistribution, type DistributionInput } from '../distributions.js';
import { InputError, withPath } from '../errors.js';
import { durationScale } from '../lambda/cpu-share.js';
import type { CountSpec, FunctionSpec, HandlerSpec, OutputSpec } from '../lambda/function-spec.js';
import { parseDuration, parseSize } from '../units.js';

interface FunctionInput {
  memory: number;
  architecture: 'x86_64' | 'arm64';
  timeout: number | string;
  ephemeralStorage: number;
  reservedConcurrency?: number;
  provisionedConcurrency: number;
  duration: DistributionInput;
  recordDuration?: DistributionInput;
  /** CPU-bound handler: `duration` and `recordDuration` were measured at this memory size (MB). */
  durationAt?: number;
  /** With durationAt: vCPUs the handler's code keeps busy (default 1). */
  cpuThreads?: number;
  errorRate: number;
  coldStart: { init: DistributionInput; idleTimeout: number | string };
  async: { maximumRetryAttempts: number; maximumEventAge: number | string; onSuccess?: string; onFailure?: string };
  recursiveLoop: 'Terminate' | 'Allow';
  outputs: OutputInput[];
  handler?: string;
  durationFrom: 'model' | 'measured';
  durationScale: number;
  initFrom: 'model' | 'measured';
}

interface OutputInput {
  to: string;
  count: number | { dist: 'poisson'; mean: number } | { dist: 'uniform'; min: number; max: number };
  size: DistributionInput;
  prefix?: string;
  suffix?: string;
}

const MAX_TIMEOUT_MS = 900_000;
const MIN_EVENT_AGE_MS = 60_000;
const MAX_EVENT_AGE_MS = 21_600_000;

export function normalizeFunction(
  name: string,
  input: FunctionInput,
  readSamples: (file: string) => number[],
  /** Resolves `handler:` relative to the scenario (handler-path.ts). */
  resolveHandler: (written: string) => { modulePath: string; exportName: string },
): FunctionSpec {
  const base = `/functions/${name}`;
  const timeoutMs = withPath(`${base}/timeout`, () => parseDuration(input.timeout));
  if (!(timeoutMs > 0) || timeoutMs > MAX_TIMEOUT_MS) {
    throw new InputError('SLSIM_ERR_BAD_VALUE', 'must be more than 0 and at most 900s (15 minutes)', { path: `${base}/timeout` });
  }
  const maximumEventAgeMs = withPath(`${base}/async/maximumEventAge`, () => parseDuration(input.async.maximumEventAge));
  if (maximumEventAgeMs < MIN_EVENT_AGE_MS || maximumEventAgeMs > MAX_EVENT_AGE_MS) {
    throw new InputError('SLSIM_ERR_BAD_VALUE', 'must be between 60s and 6h', { path: `${base}/async/maximumEventAge` });
  }
  const idleTimeoutMs = withPath(`${base}/coldStart/idleTimeout`, () => parseDuration(input.coldStart.idleTimeout));
  if (!(idleTimeoutMs > 0)) {
    throw new InputError('SLSIM_ERR_BAD_VALUE', 'must be more than 0', { path: `${base}/coldStart/idleTimeout` });
  }
  if (input.cpuThreads !== undefined && input.durationAt === undefined) {
    throw new InputError('SLSIM_ERR_BAD_VALUE', 'cpuThreads needs durationAt: the memory size (MB) the duration was measured at', { path: `${base}/cpuThreads` });
  }
  if (input.handler === undefined && (input.durationFrom === 'measured' || input.initFrom === 'measured')) {
    const key = input.durationFrom === 'measured' ? 'durationFrom' : 'initFrom';
    throw new InputError('SLSIM_ERR_BAD_VALUE', `${key}: measured needs handler: the code whose time is measured`, { path: `${base}/${key}` });
  }
  if (input.durationScale !== 1 && input.durationFrom !== 'measured') {
    throw new InputError('SLSIM_ERR_BAD_VALUE', 'durationScale applies to durationFrom: measured only', { path: `${base}/durationScale` });
  }
  // CPU-bound handlers run slower or faster at this memory than where they were measured (core/lambda/cpu-share.ts).
  const scale = input.durationAt === undefined ? 1 : durationScale(input.memory, input.durationAt, input.cpuThreads ?? 1);
  return {
    name,
    memoryMb: input.memory,
    architecture: input.architecture,
    timeoutMs,
    ephemeralStorageMb: input.ephemeralStorage,
    reservedConcurrency: input.reservedConcurrency ?? null,
    provisionedConcurrency: input.provisionedConcurrency,
    duration: scaleDistribution(withPath(`${base}/duration`, () => resolveDistribution(input.duration, parseDuration, readSamples)), scale),
    recordDuration:
      input.recordDuration === undefined
        ? null
        : scaleDistribution(withPath(`${base}/recordDuration`, () => resolveDistribution(input.recordDuration!, parseDuration, readSamples)), scale),
    errorRate: input.errorRate,
    init: withPath(`${base}/coldStart/init`, () => resolveDistribution(input.coldStart.init, parseDuration, readSamples)),
    idleTimeoutMs,
    async: {
      maximumRetryAttempts: input.async.maximumRetryAttempts,
      maximumEventAgeMs,
      onSuccess: input.async.onSuccess ?? null,
      onFailure: input.async.onFailure ?? null,
    },
    recursiveLoop: input.recursiveLoop,
    outputs: input.outputs.map((output, i) => normalizeOutput(output, `${base}/outputs/${i}`, readSamples)),
    handler: input.handler === undefined ? null : handlerSpec(input, withPath(`${base}/handler`, () => resolveHandler(input.handler!))),
  };
}

function handlerSpec(input: FunctionInput, resolved: { modulePath: string; exportName: string }): HandlerSpec {
  return {
    written: input.handler!,
    ...resolved,
    durationFrom: input.durationFrom,
    scale: input.durationScale,
    initFrom: input.initFrom,
  };
}

function normalizeOutput(input: OutputInput, path: string, readSamples: (file: string) => number[]): OutputSpec {
  const count: CountSpec = typeof input.count === 'number' ? { dist: 'constant', value: input.count } : input.count;
  if (count.dist === 'uniform' && count.max < count.min) {
    throw new InputError('SLSIM_ERR_BAD_VALUE', 'must be at least min', { path: `${path}/count/max` });
  }
  return {
    to: input.to,
    count,
    sizeBytes: withPath(`${path}/size`, () => resolveDistribution(input.size, parseSize, readSamples)),
    prefix: input.prefix ?? null,
    suffix: input.suffix ?? null,
  };
}
