/**
 * The traffic a source receives, as scenario files write it (`load:`) and as
 * the engine uses it (times in ms). Phases run one after another; together
 * they are cut at the scenario's duration. A trace file replays recorded
 * arrivals instead: one per line, `seconds since start[,payload size]`.
 */
import { InputError, withPath } from '../errors.js';
import { parseDuration, parseSize } from '../units.js';

export type PhaseInput =
  | { duration: number | string; arrivalRate: number; rampTo?: number; name?: string }
  | { duration: number | string; arrivalCount: number; name?: string }
  | { burst: number; name?: string }
  | { pause: number | string; name?: string };

export interface LoadInput {
  arrivals?: 'poisson' | 'uniform';
  phases?: PhaseInput[];
  trace?: string;
}

export type Phase =
  /** Rate from `from` to `to` events per second, linear over the phase. */
  | { kind: 'rate'; durationMs: number; from: number; to: number }
  /** `count` arrivals spread evenly over the phase. */
  | { kind: 'count'; durationMs: number; count: number }
  /** `count` arrivals at one instant. */
  | { kind: 'burst'; count: number }
  | { kind: 'pause'; durationMs: number };

export type LoadSpec =
  | { mode: 'phases'; arrivals: 'poisson' | 'uniform'; phases: Phase[] }
  /** Arrival times in ms (non-decreasing), with payload sizes in bytes or -1. */
  | { mode: 'trace'; file: string; times: number[]; sizes: number[] };

/** Converts `load:`; `readTrace` returns a trace file's text. Paths in errors are relative to `load`. */
export function resolveLoad(input: LoadInput, readTrace: (file: string) => string): LoadSpec {
  if (input.trace !== undefined) return resolveTrace(input.trace, readTrace(input.trace));
  const phases = (input.phases ?? []).map((phase, i): Phase => {
    const path = `/phases/${i}`;
    if ('burst' in phase) return { kind: 'burst', count: phase.burst };
    if ('pause' in phase) return { kind: 'pause', durationMs: withPath(`${path}/pause`, () => parseDuration(phase.pause)) };
    const durationMs = withPath(`${path}/duration`, () => parseDuration(phase.duration));
    if ('arrivalCount' in phase) return { kind: 'count', durationMs, count: phase.arrivalCount };
    return { kind: 'rate', durationMs, from: phase.arrivalRate, to: phase.rampTo ?? phase.arrivalRate };
  });
  return { mode: 'phases', arrivals: input.arrivals ?? 'poisson', phases };
}

function resolveTrace(file: string, text: string): LoadSpec {
  const times: number[] = [];
  const sizes: number[] = [];
  const lines = text.split(/\r?\n/);
  let previous = 0;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [timeField, sizeField] = line.split(',').map((f) => f.trim());
    const seconds = Number(timeField);
    if (!Number.isFinite(seconds) || seconds < 0) {
      if (times.length === 0 && index === 0 && Number.isNaN(seconds)) return; // a header line
      throw new InputError('SLSIM_ERR_BAD_VALUE', `${file}:${index + 1}: "${timeField}" is not a number of seconds`, { path: '/trace' });
    }
    const ms = seconds * 1000;
    if (ms < previous) {
      throw new InputError('SLSIM_ERR_BAD_VALUE', `${file}:${index + 1}: arrival times must not go back in time (${seconds} after ${previous / 1000})`, { path: '/trace' });
    }
    previous = ms;
    times.push(ms);
    let size = -1;
    if (sizeField !== undefined && sizeField !== '') {
      try {
        size = parseSize(/^\d+(\.\d+)?$/.test(sizeField) ? Number(sizeField) : sizeField);
      } catch {
        throw new InputError('SLSIM_ERR_BAD_VALUE', `${file}:${index + 1}: "${sizeField}" is not a size`, { path: '/trace' });
      }
    }
    sizes.push(size);
  });
  return { mode: 'trace', file, times, sizes };
}
