/**
 * The invoke adapter's configuration, RuleTester style: valid configurations
 * load with their defaults, invalid ones fail with the message and path a user
 * needs. Its runtime behaviour is proven in test/lambda-*.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { load } from '../../test/helpers.js';

const scenario = (source: string) => `
name: invoke config
duration: 1m
functions: { f: {}, g: {} }
sources:
  api: ${source}
`;

describe('invoke configuration', () => {
  it.each([
    ['{ type: invoke, targets: [f], load: { phases: [ { burst: 1 } ] } }', { mode: 'sync', payloadSize: '1KB', clientRetries: { attempts: 0, backoff: '100ms' } }],
    ['{ type: invoke, mode: async, targets: [f], payloadSize: { dist: uniform, min: 1KB, max: 300KB }, load: { trace: ../test/fixtures/arrivals.csv } }', { mode: 'async' }],
  ])('valid: %s', (source, expected) => {
    const { scenario: s } = load(scenario(source), { file: 'adapters/x.yaml' });
    expect(s.sources[0]!.config).toMatchObject(expected);
  });

  it.each([
    ['{ type: invoke, targets: [f, g], load: { phases: [ { burst: 1 } ] } }', /\/sources\/api\/targets: must NOT have more than 1 items/],
    ['{ type: invoke, targets: [f] }', /\/sources\/api: missing required key "load"/],
    ['{ type: invoke, targets: [f], mode: event, load: { phases: [ { burst: 1 } ] } }', /\/sources\/api\/mode: must be one of: "sync", "async"/],
    ['{ type: invoke, targets: [f], retries: 2, load: { phases: [ { burst: 1 } ] } }', /\/sources\/api\/retries: unknown key "retries"/],
    ['{ type: invoke, targets: [f], payloadSize: 2 kilobytes, load: { phases: [ { burst: 1 } ] } }', /\/sources\/api\/payloadSize: must be a size/],
    ['{ type: invoke, mode: async, targets: [f], clientRetries: { attempts: 2 }, load: { phases: [ { burst: 1 } ] } }', /\/sources\/api\/clientRetries: clientRetries apply to sync invocations only/],
  ])('invalid: %s', (source, message) => {
    expect(() => load(scenario(source))).toThrow(message);
  });
});
