/**
 * Built-in adapters announced by name and imported when a scenario needs them
 * (adapters/built-in.ts, core/engine/registry.ts): the registry knows every
 * type from the start, in the same order, loads only the types it is asked
 * for, and refuses a third-party adapter that claims a built-in type whether
 * or not that type is loaded yet.
 */
import { describe, expect, it } from 'vitest';
import { builtInAdapters } from '../adapters/index.js';
import { builtInAnnouncements, createRegistry } from '../adapters/built-in.js';
import type { SourceAdapter } from '../core/engine/adapter-contract.js';
import { InputError } from '../core/errors.js';

const types = builtInAdapters.map((a) => a.meta.type);

describe('announced built-in adapters', () => {
  it('are the built-in adapters, in their order, with their destination flag and module', async () => {
    expect(builtInAnnouncements.map((a) => a.type)).toStrictEqual(types);
    for (const announced of builtInAnnouncements) {
      const adapter = builtInAdapters.find((a) => a.meta.type === announced.type)!;
      expect(await announced.load()).toBe(adapter);
      expect(announced.destination, announced.type).toBe(adapter.meta.destination === true);
    }
  });

  it('are all known before any is loaded, and loaded only when asked for', async () => {
    const registry = await createRegistry([], ['sqs']);
    expect(registry.types()).toStrictEqual(types);
    expect(registry.destinationTypes()).toStrictEqual(['sqs', 'sns']);
    expect(registry.list().map((r) => r.adapter.meta.type)).toStrictEqual(['sqs']);
    expect(registry.get('sqs')).toBe(builtInAdapters.find((a) => a.meta.type === 'sqs'));
    expect(() => registry.get('kinesis')).toThrow(/announced but not loaded/);
    expect(registry.get('no-such-type')).toBeUndefined();
    await registry.ready(['kinesis', 'no-such-type']);
    expect(registry.get('kinesis')).toBe(builtInAdapters.find((a) => a.meta.type === 'kinesis'));
    expect(registry.types()).toStrictEqual(types);
  });

  it('are all loaded by default', async () => {
    const registry = await createRegistry();
    expect(registry.list().map((r) => r.adapter.meta.type)).toStrictEqual(types);
  });

  it('keep their type from a third-party adapter, loaded or not', async () => {
    const impostor = { ...builtInAdapters.find((a) => a.meta.type === 'sns')! } as SourceAdapter;
    for (const ready of [[], ['sns']]) {
      const registry = await createRegistry([], ready);
      let error: unknown;
      try {
        registry.register(impostor, './my-sns.mjs');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toBe('adapter "sns" (./my-sns.mjs): type "sns" is already provided by built-in');
    }
  });
});
