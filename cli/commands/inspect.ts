/**
 * `slsim adapters` (what is loaded) and `slsim events TYPE` (one payload of a
 * source type as AWS would send it, seeded, for handler authors and tests).
 */
import { createRegistry } from '../../adapters/index.js';
import { asAdapter } from '../../core/engine/adapter-fault.js';
import { InputError } from '../../core/errors.js';
import { Random } from '../../core/random.js';
import { closest } from '../../core/scenario/did-you-mean.js';
import { standardOutput } from '../standard-output.js';

export async function adaptersCommand(paths: string[]): Promise<number> {
  const registry = await createRegistry(paths);
  const width = Math.max(10, ...registry.types().map((type) => type.length));
  for (const { adapter, origin } of registry.list()) {
    const m = adapter.meta;
    standardOutput().write(`${m.type.padEnd(width)} ${m.version.padEnd(8)} ${m.invocation.join('/').padEnd(11)} ${m.description}${origin === 'built-in' ? '' : `  (${origin})`}\n`);
  }
  return 0;
}

export async function eventsCommand(type: string, paths: string[]): Promise<number> {
  const registry = await createRegistry(paths);
  const entry = registry.entry(type);
  const adapter = entry?.adapter;
  if (!entry || !adapter) {
    const hint = closest(type, registry.types());
    throw new InputError('SLSIM_ERR_BAD_VALUE', `unknown source type "${type}"${hint ? ` (did you mean "${hint}"?)` : ''}; loaded types: ${registry.types().join(', ')}`);
  }
  if (!adapter.samplePayload) {
    throw new InputError(
      'SLSIM_ERR_BAD_VALUE',
      type === 'invoke'
        ? 'a direct invoke carries whatever JSON its caller sends; slsim models only its size (payloadSize)'
        : `the ${type} adapter does not describe its payload`,
    );
  }
  const samplePayload = adapter.samplePayload;
  const payload = asAdapter(entry, 'in samplePayload', () =>
    samplePayload.call(adapter, {} as never, {
      region: 'us-east-1',
      accountId: '123456789012',
      sourceName: `example-${type}`,
      epochMs: Date.parse('2026-01-01T00:00:00Z'),
      random: new Random(1),
    }),
  );
  standardOutput().write(JSON.stringify(payload, null, 2) + '\n');
  return 0;
}
