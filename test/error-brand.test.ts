/**
 * The error classes are recognised across two copies of slsim's modules (core/errors.ts,
 * `brand`): the command runs from its bundle (dist/bundle/), while a third-party adapter
 * that imports `slsim/dist/core/units.js` loads the modules themselves. Here the other
 * copy is the built dist/ (npm test builds first) beside these TypeScript sources.
 */
import { describe, expect, it } from 'vitest';
import { AdapterFault } from '../core/engine/adapter-fault.js';
import { InputError, SimulationFault } from '../core/errors.js';

const distErrors = (await import(new URL('../dist/core/errors.js', import.meta.url).href)) as typeof import('../core/errors.js');
const distUnits = (await import(new URL('../dist/core/units.js', import.meta.url).href)) as typeof import('../core/units.js');
const distFault = (await import(new URL('../dist/core/engine/adapter-fault.js', import.meta.url).href)) as typeof import('../core/engine/adapter-fault.js');

function thrownBy(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe('error classes across two copies of the modules', () => {
  it('are two copies here, or the test proves nothing', () => {
    expect(distErrors.InputError).not.toBe(InputError);
  });

  it('an InputError of the other copy is an InputError here, and the other way round', () => {
    const other = thrownBy(() => distUnits.parseDuration('ten parsecs'));
    expect(other).toBeInstanceOf(InputError);
    expect(other instanceof InputError && other.code).toBe('SLSIM_ERR_BAD_VALUE');
    expect(new InputError('SLSIM_ERR_SET', 'x')).toBeInstanceOf(distErrors.InputError);
    expect(new distErrors.SimulationFault('x')).toBeInstanceOf(SimulationFault);
    expect(new distFault.AdapterFault('t', 'f', 'in create', new Error('x'))).toBeInstanceOf(AdapterFault);
  });

  it('keeps the families apart: nothing else passes for them', () => {
    expect(new distErrors.SimulationFault('x')).not.toBeInstanceOf(InputError);
    expect(new distErrors.InputError('SLSIM_ERR_SET', 'x')).not.toBeInstanceOf(SimulationFault);
    expect(new Error('x')).not.toBeInstanceOf(InputError);
    expect(Object.assign(new Error('x'), { name: 'InputError', code: 'SLSIM_ERR_SET' })).not.toBeInstanceOf(InputError);
    for (const value of [null, undefined, 0, 'InputError', {}]) expect(value instanceof InputError).toBe(false);
    expect(new InputError('SLSIM_ERR_SET', 'x')).toBeInstanceOf(Error);
  });

  it('a subclass is still tested by its prototype', () => {
    class Narrower extends InputError {}
    expect(new Narrower('SLSIM_ERR_SET', 'x')).toBeInstanceOf(Narrower);
    expect(new Narrower('SLSIM_ERR_SET', 'x')).toBeInstanceOf(InputError);
    expect(new InputError('SLSIM_ERR_SET', 'x')).not.toBeInstanceOf(Narrower);
  });
});
