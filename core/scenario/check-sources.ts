/**
 * The sources of a scenario against their adapters: each source's type must
 * be a loaded adapter, its configuration must pass that adapter's schema
 * (defaults filled), every name it refers to must exist and be of a kind it
 * may refer to, and the adapter's own `check` must find nothing wrong.
 * A function's `async.onFailure` must name an sqs or sns source.
 */
import type { ScenarioFacts, SourceAdapter } from '../engine/adapter-contract.js';
import type { AdapterRegistry } from '../engine/registry.js';
import { InputError } from '../errors.js';
import type { FunctionSpec } from '../lambda/function-spec.js';
import { validatorFor } from './ajv.js';
import { closest } from './did-you-mean.js';
import type { SourceSpec } from './scenario.js';
import { schemaError } from './schema-errors.js';

/** Source types a failed async event may be sent to (aws-rules.md rule 7). */
const FAILURE_DESTINATION_TYPES = ['sqs', 'sns'];

/** What an adapter's check may know of the scenario besides its names. */
export type BaseFacts = Omit<ScenarioFacts, 'functionNames' | 'sourceTypes'>;

export function checkSources(
  sources: SourceSpec[],
  functions: readonly FunctionSpec[],
  registry: AdapterRegistry,
  base: BaseFacts,
): void {
  const functionNames = functions.map((f) => f.name);
  const sourceTypes = new Map(sources.map((s) => [s.name, s.type]));
  const adapters = new Map<string, SourceAdapter>();

  for (const source of sources) {
    const adapter = registry.get(source.type);
    if (!adapter) {
      const hint = closest(source.type, registry.types());
      throw new InputError(
        'SLSIM_ERR_SCHEMA',
        `unknown source type "${source.type}"${hint ? ` (did you mean "${hint}"?)` : ''}; loaded types: ${registry.types().join(', ')}`,
        { path: `/sources/${source.name}/type` },
      );
    }
    adapters.set(source.name, adapter);
    const validate = validatorFor(adapter.meta.schema);
    if (!validate(source.config)) throw schemaError(validate.errors!, `/sources/${source.name}`);
  }

  for (const source of sources) {
    const adapter = adapters.get(source.name)!;
    const kinds = adapter.meta.targetKinds ?? ['function'];
    const targets = (source.config.targets as string[] | undefined) ?? [];
    targets.forEach((target, i) => {
      const path = `/sources/${source.name}/targets/${i}`;
      const targetType = sourceTypes.get(target);
      if (functionNames.includes(target)) {
        if (!kinds.includes('function')) throw new InputError('SLSIM_ERR_BAD_VALUE', `a ${source.type} source cannot target a function ("${target}")`, { path });
        return;
      }
      if (targetType !== undefined) {
        const accepts = adapters.get(target)!.meta.accepts === true;
        if (!accepts || !kinds.includes('source')) {
          throw new InputError('SLSIM_ERR_BAD_VALUE', `"${target}" is a ${targetType} source, which a ${source.type} source cannot send events to`, { path });
        }
        if (target === source.name) throw new InputError('SLSIM_ERR_BAD_VALUE', 'a source cannot target itself', { path });
        return;
      }
      throw unknownName(target, [...functionNames, ...sourceTypes.keys()], path);
    });
  }

  for (const fn of functions) {
    const destination = fn.async.onFailure;
    if (destination === null) continue;
    const path = `/functions/${fn.name}/async/onFailure`;
    const type = sourceTypes.get(destination);
    if (type === undefined) {
      const candidates = [...sourceTypes].filter(([, t]) => FAILURE_DESTINATION_TYPES.includes(t)).map(([n]) => n);
      throw unknownName(destination, candidates, path, 'an sqs or sns source');
    }
    if (!FAILURE_DESTINATION_TYPES.includes(type)) {
      throw new InputError('SLSIM_ERR_BAD_VALUE', `"${destination}" is a ${type} source; onFailure must name an sqs or sns source`, { path });
    }
  }

  const facts: ScenarioFacts = { ...base, functionNames, sourceTypes };
  for (const source of sources) {
    const adapter = adapters.get(source.name)!;
    const problems = adapter.check?.(source.config, facts) ?? [];
    if (problems.length > 0) {
      throw new InputError('SLSIM_ERR_BAD_VALUE', problems[0]!.message, { path: `/sources/${source.name}${problems[0]!.path}` });
    }
  }
}

function unknownName(name: string, candidates: readonly string[], path: string, what = 'a function or a source'): InputError {
  const hint = closest(name, candidates);
  return new InputError(
    'SLSIM_ERR_UNKNOWN_NAME',
    `"${name}" is not ${what} of this scenario${hint ? ` (did you mean "${hint}"?)` : candidates.length ? ` (known: ${candidates.join(', ')})` : ''}`,
    { path },
  );
}
