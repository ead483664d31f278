/**
 * The sources of a scenario against their adapters: each source's type must
 * be a loaded adapter, its configuration must pass that adapter's schema
 * (defaults filled), every name it holds (`targets`, and the fields its
 * adapter declares in `meta.names`) must exist and be of a kind it may name,
 * and the adapter's own `check` must find no error (its warnings are
 * returned). A function's `async.onSuccess`/`onFailure` must name a function
 * or a source whose adapter declares itself a destination (docs/aws-model.md
 * rule 18); its `outputs` must name sources that accept events. Loops in the
 * routing are returned as warnings (routing-graph.ts).
 */
import type { NameField, ScenarioFacts, SourceAdapter } from '../engine/adapter-contract.js';
import { asAdapter } from '../engine/adapter-fault.js';
import type { AdapterRegistry } from '../engine/registry.js';
import { InputError } from '../errors.js';
import type { FunctionSpec } from '../lambda/function-spec.js';
import { validatorFor } from './ajv.js';
import { closest } from './did-you-mean.js';
import { routingLoops } from './routing-graph.js';
import type { SourceSpec } from './scenario.js';
import { schemaError } from './schema-errors.js';

/** What an adapter's check may know of the scenario besides its names. */
export type BaseFacts = Omit<ScenarioFacts, 'functionNames' | 'sourceTypes' | 'functions' | 'sourceConfigs'>;

/** A warning at a JSON pointer of the scenario. */
export interface LocatedWarning {
  pointer: string;
  message: string;
}

/** `targets` as a name field: every item, functions or sources as the adapter's targetKinds say. */
function targetsField(adapter: SourceAdapter): NameField {
  return { path: '/targets/*', kinds: adapter.meta.targetKinds ?? ['function'] };
}

export function checkSources(
  sources: SourceSpec[],
  functions: readonly FunctionSpec[],
  registry: AdapterRegistry,
  base: BaseFacts,
): LocatedWarning[] {
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

  const checkName = (name: string, field: NameField, path: string, owner: string): void => {
    if (functionNames.includes(name)) {
      if (!field.kinds.includes('function')) throw new InputError('SLSIM_ERR_BAD_VALUE', `${owner} cannot name a function ("${name}") here`, { path });
      return;
    }
    const type = sourceTypes.get(name);
    if (type === undefined) {
      const fits = (source: string) => (field.sourceTypes ?? [sourceTypes.get(source)!]).includes(sourceTypes.get(source)!) && (field.destination !== true || adapters.get(source)!.meta.destination === true);
      const candidates = [...(field.kinds.includes('function') ? functionNames : []), ...(field.kinds.includes('source') ? [...sourceTypes.keys()].filter(fits) : [])];
      throw unknownName(name, candidates, path, describeField(field, registry));
    }
    const meta = adapters.get(name)!.meta;
    const refused =
      !field.kinds.includes('source') ||
      (field.sourceTypes !== undefined && !field.sourceTypes.includes(type)) ||
      (field.destination === true ? meta.destination !== true : meta.accepts !== true);
    if (refused) throw new InputError('SLSIM_ERR_BAD_VALUE', `"${name}" is ${article(type)} ${type} source, which ${owner} cannot send events to here`, { path });
    if (path.startsWith(`/sources/${name}/`)) throw new InputError('SLSIM_ERR_BAD_VALUE', 'a source cannot send events to itself', { path });
  };

  for (const source of sources) {
    const adapter = adapters.get(source.name)!;
    for (const field of [targetsField(adapter), ...(adapter.meta.names ?? [])]) {
      for (const { pointer, value } of valuesAt(source.config, field.path)) {
        if (typeof value === 'string') checkName(value, field, `/sources/${source.name}${pointer}`, `${article(source.type)} ${source.type} source`);
      }
    }
  }

  const destinationField: NameField = { path: '', kinds: ['function', 'source'], destination: true };
  for (const fn of functions) {
    for (const key of ['onSuccess', 'onFailure'] as const) {
      const name = fn.async[key];
      if (name === null) continue;
      const path = `/functions/${fn.name}/async/${key}`;
      if (name === fn.name) throw new InputError('SLSIM_ERR_BAD_VALUE', `a function cannot be its own ${key} destination`, { path });
      checkName(name, destinationField, path, `${key}`);
    }
  }

  const outputField: NameField = { path: '', kinds: ['source'] };
  for (const fn of functions) {
    fn.outputs.forEach((output, i) => {
      const path = `/functions/${fn.name}/outputs/${i}/to`;
      checkName(output.to, outputField, path, `function "${fn.name}"`);
      const type = sourceTypes.get(output.to);
      if ((output.prefix !== null || output.suffix !== null) && type !== 's3') {
        throw new InputError('SLSIM_ERR_BAD_VALUE', `prefix and suffix name an object's key: "${output.to}" is ${article(type!)} ${type} source, not an s3 bucket`, {
          path: `/functions/${fn.name}/outputs/${i}/${output.prefix !== null ? 'prefix' : 'suffix'}`,
        });
      }
    });
  }

  const facts: ScenarioFacts = {
    ...base,
    functionNames,
    sourceTypes,
    functions: new Map(functions.map((f) => [f.name, { timeoutMs: f.timeoutMs, memoryMb: f.memoryMb, reservedConcurrency: f.reservedConcurrency }])),
    sourceConfigs: new Map(sources.map((s) => [s.name, s.config])),
  };
  const warnings: LocatedWarning[] = routingLoops(sources, functions, adapters, valuesAt);
  for (const source of sources) {
    const adapter = adapters.get(source.name)!;
    const check = adapter.check;
    if (!check) continue;
    // A third-party adapter's check that throws is that adapter's fault, not slsim's.
    for (const problem of asAdapter(registry.entry(source.type)!, 'in check', () => check.call(adapter, source.config, facts, source.name)) ?? []) {
      const pointer = `/sources/${source.name}${problem.path}`;
      if (problem.severity === 'warning') warnings.push({ pointer, message: problem.message });
      else throw new InputError('SLSIM_ERR_BAD_VALUE', problem.message, { path: pointer });
    }
  }
  return warnings;
}

/** The values at a JSON pointer in which `*` stands for every item (array) or member (object). */
export function valuesAt(root: unknown, path: string): { pointer: string; value: unknown }[] {
  let found = [{ pointer: '', value: root }];
  for (const part of path.split('/').slice(1)) {
    const next: { pointer: string; value: unknown }[] = [];
    for (const { pointer, value } of found) {
      if (value === null || typeof value !== 'object') continue;
      const entries = part === '*' ? Object.entries(value) : Object.hasOwn(value, part) ? [[part, (value as Record<string, unknown>)[part]] as const] : [];
      for (const [key, child] of entries) next.push({ pointer: `${pointer}/${key}`, value: child });
    }
    found = next;
  }
  return found;
}

/** What a name field may hold, in words: "a function or an sqs or sns source". */
function describeField(field: NameField, registry: AdapterRegistry): string {
  const types = field.sourceTypes ?? (field.destination ? registry.destinationTypes() : []);
  const source = types.length > 0 ? `${article(types[0]!)} ${types.join(' or ')} source` : 'a source';
  if (!field.kinds.includes('source')) return 'a function';
  return field.kinds.includes('function') ? `a function or ${source}` : source;
}

function unknownName(name: string, candidates: readonly string[], path: string, what: string): InputError {
  const hint = closest(name, candidates);
  return new InputError(
    'SLSIM_ERR_UNKNOWN_NAME',
    `"${name}" is not ${what} of this scenario${hint ? ` (did you mean "${hint}"?)` : candidates.length ? ` (known: ${candidates.join(', ')})` : ''}`,
    { path },
  );
}

/** "an" before a vowel sound as these names are read: an sqs, an sns, an s3, an invoke; a schedule, a kinesis. */
function article(word: string): string {
  return /^([aeiou]|s3|sqs|sns)/.test(word) ? 'an' : 'a';
}
