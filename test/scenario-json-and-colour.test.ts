/**
 * Scenarios may be JSON as well as YAML (errors still name the line), and
 * colour follows NO_COLOR, FORCE_COLOR and whether the stream is a terminal.
 */
import { describe, expect, it } from 'vitest';
import { colourEnabled } from '../cli/colour.js';
import { load, run } from './helpers.js';

describe('JSON scenarios', () => {
  const json = (memory: number) => `{
  "name": "json scenario",
  "duration": "1m",
  "functions": {
    "f": { "memory": ${memory} }
  },
  "sources": {
    "api": { "type": "invoke", "targets": ["f"], "load": { "phases": [ { "burst": 3 } ] } }
  }
}`;

  it('runs a JSON scenario', () => {
    expect(run(json(256), {}).report.functions.f!.Invocations).toBe(3);
  });

  it('names the line of a bad value in JSON', () => {
    expect(() => load(json(99999), { file: 'scenario.json' })).toThrow('scenario.json:5 /functions/f/memory: must be <= 10240');
  });
});

describe('colour', () => {
  const tty = { isTTY: true } as NodeJS.WriteStream;
  const pipe = { isTTY: false } as NodeJS.WriteStream;

  it('is on for a terminal and off for a pipe by default', () => {
    expect(colourEnabled(tty, {})).toBe(true);
    expect(colourEnabled(pipe, {})).toBe(false);
  });

  it('NO_COLOR turns it off, FORCE_COLOR on (NO_COLOR wins), TERM=dumb off', () => {
    expect(colourEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourEnabled(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(colourEnabled(pipe, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    expect(colourEnabled(tty, { TERM: 'dumb' })).toBe(false);
  });
});
