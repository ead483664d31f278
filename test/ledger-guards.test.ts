/**
 * The engine refuses a run whose source loses track of its events: settling
 * one twice, or leaving one unsettled when nothing is pending, is a bug
 * (exit 3), never a silently wrong ledger.
 */
import { describe, expect, it } from 'vitest';
import type { SourceAdapter } from '../core/engine/adapter-contract.js';
import { Outcome } from '../core/engine/adapter-contract.js';
import { SimulationFault } from '../core/errors.js';
import { run } from './helpers.js';

function sloppy(settlements: number): SourceAdapter<any> {
  return {
    meta: { type: 'sloppy', version: '0.0.0', apiVersion: 1, description: 'test double', invocation: ['async'], schema: { type: 'object', additionalProperties: false, properties: { type: { const: 'sloppy' } } } },
    create: (ctx) => ({
      start: () =>
        ctx.call(0, (now) => {
          ctx.ledger.produced();
          for (let i = 0; i < settlements; i++) ctx.ledger.settle(Outcome.Succeeded, now, now);
        }),
    }),
  };
}

const scenario = 'name: guards\nduration: 1s\nfunctions: { f: {} }\nsources: { s: { type: sloppy } }\n';

describe('ledger guards', () => {
  it('a source that settles an event twice fails the run', () => {
    expect(() => run(scenario, { extra: [sloppy(2)] })).toThrow(SimulationFault);
    expect(() => run(scenario, { extra: [sloppy(2)] })).toThrow(/source "s" settled an event more than once/);
  });

  it('a source that never settles an event fails the run when nothing is pending', () => {
    expect(() => run(scenario, { extra: [sloppy(0)] })).toThrow(/source "s" has 1 events in flight although nothing is pending/);
  });

  it('a source that settles each event once passes', () => {
    expect(run(scenario, { extra: [sloppy(1)] }).report.sources.s!.delivery).toMatchObject({ generated: 1, succeeded: 1, inFlight: 0 });
  });
});
