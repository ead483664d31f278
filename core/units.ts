/**
 * Durations and sizes as scenario files write them. A duration is a number of
 * seconds or a string with units (`250ms`, `30s`, `10m`, `6h`, `1d`, `1h30m`); a size
 * is a number of bytes or a string with `B`, `KB`, `MB`, `GB` (1 KB = 1024 B).
 * Inside the engine every duration is in milliseconds and every size in bytes.
 * Also how numbers are rounded for people (reports, summaries, bills).
 */
import { InputError } from './errors.js';

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const SIZE_UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

const DURATION_RE = /^\s*(?:\d+(?:\.\d+)?\s*(?:ms|s|m|h|d)\s*)+$/;
const DURATION_PART_RE = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/g;
const SIZE_RE = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)\s*$/;

/** A duration in milliseconds. Numbers are seconds. */
export function parseDuration(value: number | string): number {
  if (typeof value === 'number') {
    if (!(value >= 0) || !Number.isFinite(value)) throw badValue(`duration must be a non-negative number of seconds, got ${value}`);
    return value * 1000;
  }
  if (!DURATION_RE.test(value)) throw badValue(`"${value}" is not a duration (examples: 250ms, 30s, 10m, 1h30m, 1d, or a number of seconds)`);
  let ms = 0;
  for (const part of value.matchAll(DURATION_PART_RE)) ms += Number(part[1]) * DURATION_UNITS[part[2]!]!;
  return ms;
}

/** A size in bytes. Numbers are bytes. */
export function parseSize(value: number | string): number {
  if (typeof value === 'number') {
    if (!(value >= 0) || !Number.isFinite(value)) throw badValue(`size must be a non-negative number of bytes, got ${value}`);
    return value;
  }
  const match = SIZE_RE.exec(value);
  if (!match) throw badValue(`"${value}" is not a size (examples: 512B, 2KB, 1.5MB, 1GB, or a number of bytes)`);
  return Number(match[1]) * SIZE_UNITS[match[2]!]!;
}

/** `3725000` → `1h02m05s`; `1500` → `1.5s`; `0.4` → `0.4ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${roundTo(ms, 1)}ms`;
  if (ms < 60_000) return `${roundTo(ms / 1000, 2)}s`;
  const totalSeconds = Math.round(ms / 1000);
  const d = Math.floor(totalSeconds / 86_400);
  const h = Math.floor((totalSeconds % 86_400) / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d}d${pad(h)}h${pad(m)}m`;
  if (h > 0) return `${h}h${pad(m)}m${pad(s)}s`;
  return `${m}m${pad(s)}s`;
}

/**
 * Like formatDuration, but with no zero parts: `60000` → `1m`, `90000` →
 * `1m30s`, `3600000` → `1h`, `3660000` → `1h01m`, `0` → `0s`. For window
 * labels and spans people read at a glance.
 */
export function formatSpan(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 60_000) return formatDuration(ms);
  const totalSeconds = Math.round(ms / 1000);
  const parts: [number, string][] = [
    [Math.floor(totalSeconds / 86_400), 'd'],
    [Math.floor((totalSeconds % 86_400) / 3600), 'h'],
    [Math.floor((totalSeconds % 3600) / 60), 'm'],
    [totalSeconds % 60, 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  let last = parts.length - 1;
  while (parts[last]![0] === 0) last--;
  return parts
    .slice(first, last + 1)
    .map(([n, unit], i) => `${i === 0 ? n : String(n).padStart(2, '0')}${unit}`)
    .join('');
}

function badValue(detail: string): InputError {
  return new InputError('SLSIM_ERR_BAD_VALUE', detail);
}

/**
 * `value` rounded half away from zero to `digits` decimals. Float noise is
 * removed first (15 significant digits), so 1.005 rounds to 1.01, not 1.
 */
export function roundTo(value: number, digits: number): number {
  if (!Number.isFinite(value) || value === 0) return value === 0 ? 0 : value;
  const factor = 10 ** digits;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / factor;
}
