/**
 * The scenario's routing as a directed graph, to find its loops at load.
 * Nodes are functions and sources; edges run from a source to every name it
 * holds (`targets`, and the fields its adapter declares in `meta.names`:
 * consumers, dead-letter targets, subscriptions), and from a function to its
 * `outputs` and async destinations. A cycle is a chain that can come back to
 * where it started: AWS's recursive loop detection stops such a chain at its
 * 17th invocation (docs/aws-model.md rule 22), so a loop is a warning naming
 * the cycle, not an error: some designs loop on purpose
 * (`recursiveLoop: Allow`).
 */
import type { NameField, SourceAdapter } from '../engine/adapter-contract.js';
import type { FunctionSpec } from '../lambda/function-spec.js';
import type { LocatedWarning } from './check-sources.js';
import type { SourceSpec } from './scenario.js';

interface Edge {
  to: string;
  /** Where the edge is written (a JSON pointer of the scenario). */
  pointer: string;
}

/** Warnings, one per distinct loop (at most `limit`), at the edge that closes it. */
export function routingLoops(
  sources: readonly SourceSpec[],
  functions: readonly FunctionSpec[],
  adapters: ReadonlyMap<string, SourceAdapter>,
  valuesAt: (root: unknown, path: string) => { pointer: string; value: unknown }[],
  limit = 5,
): LocatedWarning[] {
  const edges = new Map<string, Edge[]>();
  const add = (from: string, to: string, pointer: string) => {
    if (!edges.has(from)) edges.set(from, []);
    edges.get(from)!.push({ to, pointer });
  };
  for (const source of sources) {
    const adapter = adapters.get(source.name)!;
    const fields: NameField[] = [{ path: '/targets/*', kinds: ['function', 'source'] }, ...(adapter.meta.names ?? [])];
    for (const field of fields) {
      for (const { pointer, value } of valuesAt(source.config, field.path)) {
        if (typeof value === 'string') add(source.name, value, `/sources/${source.name}${pointer}`);
      }
    }
  }
  const byName = new Map(sources.map((s) => [s.name, s]));
  for (const fn of functions) {
    fn.outputs.forEach((output, i) => {
      const pointer = `/functions/${fn.name}/outputs/${i}/to`;
      const source = byName.get(output.to);
      const targetsFor = source && adapters.get(source.name)?.targetsForObject;
      if (!source || !targetsFor || (output.prefix === null && output.suffix === null)) {
        add(fn.name, output.to, pointer);
        return;
      }
      // An object written under a known key reaches only the notifications that match it.
      const key = { prefix: output.prefix ?? '', suffix: output.suffix ?? '' };
      const node = `${output.to} (${key.prefix}*${key.suffix})`;
      add(fn.name, node, pointer);
      for (const name of targetsFor(source.config, key)) add(node, name, pointer);
    });
    for (const key of ['onSuccess', 'onFailure'] as const) {
      const name = fn.async[key];
      if (name !== null) add(fn.name, name, `/functions/${fn.name}/async/${key}`);
    }
  }

  const allowed = new Set(functions.filter((f) => f.recursiveLoop === 'Allow').map((f) => f.name));
  const isFunction = new Set(functions.map((f) => f.name));
  const warnings: LocatedWarning[] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];

  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const edge of edges.get(node) ?? []) {
      const mark = state.get(edge.to);
      if (mark === 'open') {
        const cycle = stack.slice(stack.indexOf(edge.to));
        const key = [...cycle].sort().join('\u0000');
        if (!seen.has(key) && warnings.length < limit) {
          seen.add(key);
          warnings.push({ pointer: edge.pointer, message: loopMessage(cycle, isFunction, allowed) });
        }
      } else if (mark === undefined) {
        visit(edge.to);
      }
    }
    stack.pop();
    state.set(node, 'done');
  };
  // From the sources first, as traffic flows: a loop then closes at the edge written in code (an output).
  for (const node of [...sources.map((s) => s.name), ...functions.map((f) => f.name)]) {
    if (!state.has(node)) visit(node);
  }
  return warnings;
}

function loopMessage(cycle: readonly string[], isFunction: ReadonlySet<string>, allowed: ReadonlySet<string>): string {
  const path = [...cycle, cycle[0]!].join(' → ');
  const fns = cycle.filter((n) => isFunction.has(n));
  if (fns.length > 0 && fns.every((f) => allowed.has(f))) {
    return `routing loop: ${path}; every function on it has recursiveLoop: Allow, so each chain runs on until the run ends`;
  }
  return `routing loop: ${path}; Lambda's recursive loop detection stops each chain at its 17th invocation (recursiveLoop: Terminate)`;
}
