/**
 * Identifiers in AWS's formats (request ids, message ids, event ids) drawn from
 * the run's generator, so that payloads are the same for the same seed; and
 * those of real handler code (docs/handlers.md), mixed from numbers so that
 * the worker that runs the code formats the same ones.
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

/** A version-4 UUID mixed from (salt, n): distinct for distinct n, the same on both sides of the worker boundary. */
export function awsRequestIdOf(salt: number, n: number): string {
  let out = '';
  let x = (salt ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0;
  let y = (Math.imul(n, 0x85ebca6b) + salt) >>> 0;
  for (let word = 0; word < 4; word++) {
    x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
    x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
    x = (x ^ (x >>> 16) ^ y) >>> 0;
    y = Math.imul(y ^ (y >>> 13), 0xc2b2ae35) >>> 0;
    for (let i = 0; i < 8; i++) out += HEX[(x >>> (28 - 4 * i)) & 15];
  }
  // Version 4, variant 10xx, dashes at 8-4-4-4-12.
  const variant = HEX[8 + (parseInt(out[16]!, 16) & 3)];
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-4${out.slice(13, 16)}-${variant}${out.slice(17, 20)}-${out.slice(20, 32)}`;
}

/** `2026/01/05/[$LATEST]` and 32 hex digits, one per execution environment, as Lambda names log streams. */
export function logStreamNameOf(logDate: string, environmentId: number): string {
  let x = (environmentId + 1) * 0x9e3779b1;
  let out = '';
  for (let i = 0; i < 4; i++) {
    x = Math.imul(x ^ (x >>> 15), 0x85ebca6b) >>> 0;
    out += x.toString(16).padStart(8, '0');
  }
  return `${logDate}/[$LATEST]${out}`;
}
