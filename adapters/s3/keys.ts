/**
 * Object keys and their order. A key the bucket makes is a prefix, a unique
 * part and a suffix; the record carries it URL-encoded (a space becomes `+`,
 * `/` stays), and notification filters match that encoded form, as S3 says
 * filters must be written. The `sequencer` orders the events of one key
 * (adapters/s3/README.md): here it grows with every event of
 * the bucket, so it grows per key.
 */

/** Hex digits of a key's unique part: the bucket's event counter, zero-padded. */
export const UNIQUE_DIGITS = 12;

const UNIQUE_PAD = '0'.repeat(UNIQUE_DIGITS);
const HEX = /^[0-9a-f]*$/;

/** The unique part of the `n`-th object key of a bucket (from 0). */
export function uniquePart(n: number): string {
  const hex = n.toString(16);
  return hex.length >= UNIQUE_DIGITS ? hex : UNIQUE_PAD.slice(hex.length) + hex;
}

/**
 * A key as an S3 event record writes it: form URL encoding (space → `+`,
 * UTF-8 bytes of anything else outside letters, digits, `-`, `_`, `.` and
 * `/` as `%XX`).
 */
export function encodeKey(key: string): string {
  let out = '';
  for (const ch of key) {
    if (/[A-Za-z0-9\-_./]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The sequencer of the event numbered `n` of a bucket, raised at `epochMs`:
 * 18 upper-case hex digits, the time's milliseconds then the low 24 bits of
 * the count, so it grows with every event (up to 16 million in one ms).
 */
export function sequencer(epochMs: number, n: number): string {
  const time = Math.floor(epochMs).toString(16).toUpperCase().padStart(12, '0');
  return time + (n & 0xffffff).toString(16).toUpperCase().padStart(6, '0');
}

/** Whether a filter matches the keys of one shape: always, never, or only some (it reaches into the unique part). */
export const Match = { Never: 0, Always: 1, Some: 2 } as const;
export type Match = (typeof Match)[keyof typeof Match];

/**
 * Whether keys `prefix` + unique part + `suffix` (encoded) start with
 * `filterPrefix` and end with `filterSuffix`. A filter longer than the key's
 * own prefix (or suffix) reaches into the unique part: some keys match when
 * what it adds there could be hex digits, none otherwise.
 */
export function filterMatch(prefix: string, suffix: string, filterPrefix: string, filterSuffix: string): Match {
  const head = prefixMatch(prefix, suffix, filterPrefix);
  const tail = prefixMatch(reverse(suffix), reverse(prefix), reverse(filterSuffix));
  if (head === Match.Never || tail === Match.Never) return Match.Never;
  return head === Match.Always && tail === Match.Always ? Match.Always : Match.Some;
}

/** Does `prefix` + U + `rest` (U any UNIQUE_DIGITS hex digits) start with `filter`? */
function prefixMatch(prefix: string, rest: string, filter: string): Match {
  if (prefix.startsWith(filter)) return Match.Always;
  if (!filter.startsWith(prefix)) return Match.Never;
  const beyond = filter.slice(prefix.length);
  if (!HEX.test(beyond.slice(0, UNIQUE_DIGITS))) return Match.Never;
  return rest.startsWith(beyond.slice(UNIQUE_DIGITS)) ? Match.Some : Match.Never;
}

function reverse(text: string): string {
  return [...text].reverse().join('');
}
