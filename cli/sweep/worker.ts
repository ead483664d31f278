/**
 * A piscina worker of `slsim sweep`: runs one point of the grid with the
 * compiled engine (dist/) and returns its summary. Errors come back as plain
 * data (classes do not cross threads), to be raised again on the main thread.
 */
import { performance } from 'node:perf_hooks';
import { createRegistry } from '../../adapters/index.js';
import { AdapterFault } from '../../core/engine/adapter-fault.js';
import type { AdapterRegistry } from '../../core/engine/registry.js';
import { runScenario } from '../../core/engine/run-scenario.js';
import { InputError, type ErrorCode, type InputLocation } from '../../core/errors.js';
import { loadScenario } from '../../core/scenario/load.js';
import { loadScenarioAdapters } from '../scenario-adapters.js';
import { summarisePoint, type PointSummary } from './point.js';

export interface PointTask {
  file: string;
  /** The point's `--set` strings. */
  set: string[];
  seed?: number | undefined;
  maxEvents?: number | undefined;
  adapters: string[];
}

export type PointOutcome =
  | { ok: true; summary: PointSummary; wallSeconds: number }
  | { ok: false; kind: 'input'; code: ErrorCode; detail: string; location: InputLocation }
  | { ok: false; kind: 'adapter'; adapterType: string; origin: string; where: string; cause: string }
  | { ok: false; kind: 'internal'; message: string; stack: string | undefined };

/** One registry per worker and adapter list (adapters loaded by path are imported once). */
let registry: { key: string; value: Promise<AdapterRegistry> } | null = null;

export default async function runPoint(task: PointTask): Promise<PointOutcome> {
  try {
    const key = JSON.stringify([task.file, task.adapters]);
    if (registry === null || registry.key !== key) registry = { key, value: registryFor(task) };
    const adapters = await registry.value;
    const started = performance.now();
    const loaded = loadScenario(task.file, adapters, { set: task.set, seed: task.seed, maxEvents: task.maxEvents });
    const report = runScenario(loaded, adapters);
    return { ok: true, summary: summarisePoint(report), wallSeconds: (performance.now() - started) / 1000 };
  } catch (error) {
    return outcomeOf(error);
  }
}

/** The built-in adapters, those loaded by path (--adapter) and those the scenario names (adapters:). */
async function registryFor(task: PointTask): Promise<AdapterRegistry> {
  const value = await createRegistry(task.adapters);
  await loadScenarioAdapters(task.file, value);
  return value;
}

function outcomeOf(error: unknown): PointOutcome {
  if (error instanceof InputError) return { ok: false, kind: 'input', code: error.code, detail: error.detail, location: { ...error.location } };
  if (error instanceof AdapterFault) {
    const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
    return { ok: false, kind: 'adapter', adapterType: error.adapterType, origin: error.origin, where: error.where, cause };
  }
  return { ok: false, kind: 'internal', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined };
}

/** The error a failed point stands for, raised again on the main thread. */
export function errorOf(outcome: Exclude<PointOutcome, { ok: true }>): Error {
  switch (outcome.kind) {
    case 'input':
      return new InputError(outcome.code, outcome.detail, outcome.location);
    case 'adapter':
      return new AdapterFault(outcome.adapterType, outcome.origin, outcome.where, new Error(outcome.cause));
    case 'internal': {
      const error = new Error(outcome.message);
      if (outcome.stack !== undefined) error.stack = outcome.stack;
      return error;
    }
  }
}
