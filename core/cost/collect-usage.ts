/**
 * Reads what a run used off the engine's counters, in the units AWS bills
 * (requests, billed milliseconds per environment kind, service quantities the
 * sources report). Works on an engine that has not run too (all zeros).
 */
import type { Engine } from '../engine/engine.js';
import type { RunUsage } from './usage.js';

export function collectUsage(engine: Engine): RunUsage {
  const { scenario } = engine;
  return {
    region: scenario.region,
    spanMs: scenario.durationMs,
    runSpanMs: engine.outcome?.endMs ?? scenario.durationMs,
    provisionedSpanMs: scenario.durationMs,
    freeTier: scenario.pricing.freeTier,
    functions: [...engine.platform.functions.values()].map((fn) => ({
      name: fn.name,
      architecture: fn.spec.architecture,
      memoryMb: fn.spec.memoryMb,
      ephemeralStorageMb: fn.spec.ephemeralStorageMb,
      provisionedConcurrency: fn.spec.provisionedConcurrency,
      requests: fn.invocations + fn.extraRequests,
      billedMsOnDemand: fn.billedMsOnDemand,
      billedMsProvisioned: fn.billedMsProvisioned,
    })),
    services: [...engine.sources.values()].flatMap((runtime) => runtime.usage()),
  };
}
