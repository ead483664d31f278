/**
 * Identifiers in AWS's formats (request ids, message ids, event ids) drawn from
 * the run's generator, so that payloads are the same for the same seed.
 */
import type { Random } from './random.js';

const HEX = '0123456789abcdef';

/** A version-4 UUID from the run's generator. */
export function uuid(random: Random): string {
  let out = '';
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) out += '-';
    else if (i === 14) out += '4';
    else if (i === 19) out += HEX[8 + random.int(4)];
    else out += HEX[random.int(16)];
  }
  return out;
}

/** `2026-01-05T00:00:00Z`: ISO-8601 without milliseconds, as EventBridge writes times. */
export function isoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
