/**
 * Faults of third-party adapters (docs/errors.md; docs/adapters.md, "When an
 * adapter fails"): an adapter that throws in
 * `create` or in a hook, or from an event it scheduled, is reported as that
 * adapter's failure, naming its type and file, with exit code 3 — never as a
 * bug in slsim. An error thrown at run time is traced to an adapter by its
 * stack: the topmost frame in an adapter's file names the culprit, which costs
 * nothing on the hot path.
 */
import { brand } from '../errors.js';
import type { RegisteredAdapter } from './registry.js';

export class AdapterFault extends Error {
  readonly code = 'SLSIM_ERR_ADAPTER_FAULT';

  constructor(
    readonly adapterType: string,
    readonly origin: string,
    readonly where: string,
    cause: unknown,
  ) {
    super(`adapter "${adapterType}" (${origin}) failed ${where}: ${messageOf(cause)}`, { cause });
    this.name = 'AdapterFault';
  }
}

brand(AdapterFault, 'AdapterFault');

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The innermost error: SimulationFaults of the run loop wrap the adapter's own error as `cause`. */
function rootOf(error: unknown): unknown {
  let e = error;
  while (e instanceof Error && e.cause !== undefined && !(e instanceof AdapterFault)) e = e.cause;
  return e;
}

/** The loaded (third-party) adapter whose file appears first in the error's stack, if any. */
export function blameAdapter(error: unknown, adapters: readonly RegisteredAdapter[], where: string): AdapterFault | null {
  if (error instanceof AdapterFault) return error;
  const root = rootOf(error);
  const stack = root instanceof Error ? (root.stack ?? '') : '';
  let best: { index: number; adapter: RegisteredAdapter } | null = null;
  for (const adapter of adapters) {
    if (adapter.file === null) continue;
    const index = Math.min(...[adapter.file, adapter.fileUrl].map((f) => stack.indexOf(f!)).filter((i) => i >= 0));
    if (Number.isFinite(index) && (best === null || index < best.index)) best = { index, adapter };
  }
  if (best === null) return null;
  return new AdapterFault(best.adapter.adapter.meta.type, best.adapter.origin, where, root);
}

/** Runs an adapter's code; whatever it throws is that adapter's fault. */
export function asAdapter<T>(adapter: RegisteredAdapter, where: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (adapter.file === null) throw error; // built-in: a fault in slsim itself
    throw error instanceof AdapterFault ? error : new AdapterFault(adapter.adapter.meta.type, adapter.origin, where, error);
  }
}
