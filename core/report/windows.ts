/**
 * The run over time in windows (`slsim run --every 1m`, `--every phase`),
 * built from the report's bucketed series: per window the arrivals, the
 * invocations, throttles and cold starts of all functions, the largest
 * concurrency, and the cost.
 *
 * - A window is a whole number of buckets: `--every` must be a multiple of
 *   the report's bucket width, and phase boundaries must fall on bucket
 *   edges (else an InputError, exit 2, saying what would fit). The last
 *   window ends with the run and takes every bucket left.
 * - Concurrency is the largest, over the window's buckets, of the sum of the
 *   functions' per-bucket maxima: exact for one function, an upper bound of
 *   the account's when several peak at different moments of one bucket.
 * - Cost is approximate: the bill is spread over the buckets line by line,
 *   so that the windows add up to the bill. Lambda requests by invocations;
 *   duration (on-demand and on provisioned concurrency) and ephemeral
 *   storage by billed GB-s (of the runs started in the bucket); what is
 *   billed by the hour (provisioned concurrency configured, shard-hours,
 *   poller-hours) evenly over the traffic window; other service lines by
 *   arrivals. The free tier and the price tiers are spread with their lines.
 *   A line whose measure is zero everywhere is spread evenly over the traffic.
 */
import { InputError } from '../errors.js';
import type { Scenario } from '../scenario/scenario.js';
import { formatSpan, parseDuration } from '../units.js';
import type { Report } from './build-report.js';

export interface Window {
  startMs: number;
  /** Exclusive; Infinity for the last window (to the end of the run). */
  endMs: number;
  /** The phases the window covers (`--every phase`), or null. */
  label: string | null;
}

export interface WindowRow extends Window {
  arrivals: number;
  invocations: number;
  throttles: number;
  coldStarts: number;
  concurrencyMax: number;
  /** Approximate (see above); unrounded. */
  usd: number;
}

/** `--every`: a duration that is a whole number of buckets, or `phase`. */
export type Every = { kind: 'duration'; ms: number } | { kind: 'phase'; boundaries: number[]; labels: string[] };

/**
 * Reads and checks `--every` against a loaded scenario before it runs:
 * `1m`, `30s`, a number of seconds, or `phase`.
 */
export function parseEvery(text: string, scenario: Scenario): Every {
  const bucketMs = scenario.report.bucketMs;
  if (text.trim() === 'phase') return phaseWindows(scenario);
  let ms: number;
  try {
    ms = parseDuration(/^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text);
  } catch {
    throw everyError(`${text}: not a duration or "phase" (examples: --every 1m, --every 30s, --every phase)`);
  }
  if (!(ms > 0)) throw everyError(`${text}: must be more than 0`);
  if (!isMultiple(ms, bucketMs)) {
    const fits = gcd(Math.round(ms), Math.round(bucketMs));
    throw everyError(
      `${text.trim()}: not a multiple of the report's bucket width (${formatSpan(bucketMs)}): ` +
        `use ${[1, 2, 3].map((k) => formatSpan(k * bucketMs)).join(', ')}, ..., or set report.bucket to ${formatSpan(fits)} (--set report.bucket=${formatSpan(fits)})`,
    );
  }
  return { kind: 'duration', ms };
}

/** The windows of `every` over a run that ended at `endMs`. */
export function windowsOf(every: Every, endMs: number): Window[] {
  const windows: Window[] = [];
  if (every.kind === 'duration') {
    for (let start = 0; start === 0 || start < endMs; start += every.ms) windows.push({ startMs: start, endMs: start + every.ms, label: null });
  } else {
    const { boundaries, labels } = every;
    for (let i = 0; i < labels.length; i++) {
      const start = boundaries[i]!;
      if (i > 0 && start >= endMs && labels[i] === 'drain') break;
      windows.push({ startMs: start, endMs: boundaries[i + 1] ?? Infinity, label: labels[i]! });
    }
  }
  windows[windows.length - 1]!.endMs = Infinity;
  return windows;
}

/** The rows of `windows` from the report's series (buckets of report.series.bucketSeconds). */
export function tabulate(report: Report, windows: readonly Window[], trafficMs: number): WindowRow[] {
  const bucketMs = report.series.bucketSeconds * 1000;
  const all = report.series.series;
  const length = Math.max(1, ...Object.values(all).map((data) => data.length));
  const sum = (metric: string, prefix: string) => {
    const out = new Float64Array(length);
    for (const [name, data] of Object.entries(all)) {
      if (!name.startsWith(prefix) || !name.endsWith(`.${metric}`)) continue;
      data.forEach((v, i) => (out[i]! += v));
    }
    return out;
  };
  const arrivals = sum('Arrivals', 'sources.');
  const invocations = sum('Invocations', 'functions.');
  const throttles = sum('Throttles', 'functions.');
  const coldStarts = sum('ColdStarts', 'functions.');
  const concurrency = sum('ConcurrentExecutions', 'functions.');
  const usd = spreadBill(report, length, bucketMs, trafficMs, { arrivals, invocations, gbSeconds: sum('BilledGBSeconds', 'functions.') });

  return windows.map((window) => {
    const from = Math.round(window.startMs / bucketMs);
    const to = window.endMs === Infinity ? length : Math.min(length, Math.round(window.endMs / bucketMs));
    const total = (data: Float64Array) => {
      let t = 0;
      for (let i = from; i < to; i++) t += data[i]!;
      return t;
    };
    let concurrencyMax = 0;
    for (let i = from; i < to; i++) concurrencyMax = Math.max(concurrencyMax, concurrency[i]!);
    return {
      ...window,
      arrivals: Math.round(total(arrivals)),
      invocations: Math.round(total(invocations)),
      throttles: Math.round(total(throttles)),
      coldStarts: Math.round(total(coldStarts)),
      concurrencyMax,
      usd: total(usd),
    };
  });
}

/** Each line of the bill spread over the buckets by its measure (see the file comment); sums to the bill. */
function spreadBill(
  report: Report,
  length: number,
  bucketMs: number,
  trafficMs: number,
  measures: { arrivals: Float64Array; invocations: Float64Array; gbSeconds: Float64Array },
): Float64Array {
  const time = new Float64Array(length);
  for (let i = 0; i < length; i++) time[i] = Math.max(0, Math.min(bucketMs, trafficMs - i * bucketMs));
  const out = new Float64Array(length);
  for (const line of report.cost.lines) {
    if (!(line.usd > 0)) continue;
    let measure: Float64Array;
    if (/hours?$/i.test(line.unit) || line.item.startsWith('provisioned concurrency')) measure = time;
    else if (line.service === 'AWS Lambda' && line.item === 'requests') measure = measures.invocations;
    else if (line.service === 'AWS Lambda' && line.unit === 'GB-s') measure = measures.gbSeconds;
    else measure = totalOf(measures.arrivals) > 0 ? measures.arrivals : measures.invocations;
    let total = totalOf(measure);
    if (!(total > 0)) {
      measure = time;
      total = totalOf(time);
    }
    if (!(total > 0)) {
      out[0]! += line.usd;
      continue;
    }
    for (let i = 0; i < length; i++) out[i]! += (line.usd * measure[i]!) / total;
  }
  return out;
}

/**
 * `--every phase`: windows at the boundaries of the sources' load phases (all
 * sources' boundaries together, cut at `duration`), then the drain. Each
 * boundary must be on a bucket edge.
 */
function phaseWindows(scenario: Scenario): Every & { kind: 'phase' } {
  const bucketMs = scenario.report.bucketMs;
  const phased = scenario.sources.filter((s) => s.load?.mode === 'phases');
  if (phased.length === 0) throw everyError('phase: no source has load phases to make windows of; use a duration (--every 1m)');
  const cuts = new Set<number>([0]);
  for (const source of phased) {
    let t = 0;
    for (const phase of source.load!.mode === 'phases' ? source.load!.phases : []) {
      if (phase.kind !== 'burst') t += phase.durationMs;
      if (t < scenario.durationMs) cuts.add(t);
    }
  }
  cuts.add(scenario.durationMs);
  const boundaries = [...cuts].sort((a, b) => a - b);
  for (const b of boundaries) {
    if (!isMultiple(b, bucketMs) && b !== 0) {
      const fits = boundaries.reduce((g, x) => gcd(g, Math.round(x)), Math.round(bucketMs));
      throw everyError(
        `phase: a phase boundary at ${formatSpan(b)} is not on an edge of the report's ${formatSpan(bucketMs)} buckets: ` +
          `set report.bucket to ${formatSpan(fits)} (--set report.bucket=${formatSpan(fits)})`,
      );
    }
  }
  const labels = boundaries.slice(0, -1).map((start) =>
    phased
      .map((source) => {
        const label = phaseAt(source.load!, source.config, start);
        return phased.length > 1 && label !== null ? `${source.name}: ${label}` : label;
      })
      .filter((l) => l !== null)
      .join(', ') || 'after the phases',
  );
  return { kind: 'phase', boundaries, labels: [...labels, 'drain'] };
}

/** The name (or `phase N`, as written, from 1) of the phase of `load` running at `t`, or null after the last. */
function phaseAt(load: NonNullable<Scenario['sources'][number]['load']>, config: Readonly<Record<string, unknown>>, t: number): string | null {
  if (load.mode !== 'phases') return null;
  const written = ((config.load as { phases?: { name?: string }[] } | undefined)?.phases ?? []) as { name?: string }[];
  let start = 0;
  for (let i = 0; i < load.phases.length; i++) {
    const phase = load.phases[i]!;
    if (phase.kind === 'burst') continue;
    if (t < start + phase.durationMs) return written[i]?.name ?? `phase ${i + 1}`;
    start += phase.durationMs;
  }
  return null;
}

function isMultiple(ms: number, bucketMs: number): boolean {
  const k = ms / bucketMs;
  return Math.abs(k - Math.round(k)) < 1e-9 * Math.max(1, k);
}

function gcd(a: number, b: number): number {
  while (b > 0) [a, b] = [b, a % b];
  return Math.max(1, a);
}

function totalOf(data: Float64Array): number {
  let t = 0;
  for (const v of data) t += v;
  return t;
}

function everyError(detail: string): InputError {
  return new InputError('SLSIM_ERR_BAD_VALUE', `--every ${detail}`);
}
