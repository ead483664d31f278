/**
 * The api adapter's configuration, RuleTester style: valid configurations
 * load with their defaults; what AWS refuses (an HTTP API waiting over 30 s,
 * a timeout under 50 ms) and malformed keys fail at load with the file, line
 * and path a user needs (exit 2, SLSIM_ERR_BAD_VALUE); what AWS allows but
 * cannot work as written is a warning.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { load } from '../../test/helpers.js';

const scenario = (source: string) => `name: api config
duration: 1m
functions:
  orders: { timeout: 10s }
  slow: { timeout: 60s }
sources:
  web:
    type: api
${source}
    load: { phases: [ { duration: 1m, arrivalRate: 1 } ] }
`;

/** The warnings about the api source (other parts of the scenario may have their own, such as an unused function). */
const apiWarnings = (yaml: string) => load(yaml).warnings.filter((w) => w.includes('/sources/web'));

describe('api configuration', () => {
  it('fills the defaults: an HTTP API, 2 KB bodies, no stage throttle, no client retries, the timeout left to the protocol', () => {
    const { scenario: s } = load(scenario('    targets: [orders]'));
    const { load: _load, ...config } = s.sources[0]!.config;
    expect(config).toStrictEqual({ type: 'api', protocol: 'http', payloadSize: '2KB', clientRetries: { attempts: 0, backoff: '100ms' }, targets: ['orders'] });
    expect(apiWarnings(scenario('    targets: [orders]'))).toStrictEqual([]);
  });

  it.each([
    ['a REST API with a stage throttle and retries', '    protocol: rest\n    throttle: { rateLimit: 100, burstLimit: 50 }\n    clientRetries: { attempts: 2, backoff: 1s }\n    targets: [orders]'],
    ['an HTTP API waiting its maximum, 30 s', '    integrationTimeout: 30s\n    targets: [orders]'],
    ['the minimum timeout, 50 ms, and a size distribution', '    integrationTimeout: 50ms\n    payloadSize: { dist: uniform, min: 1KB, max: 20MB }\n    targets: [orders]'],
  ])('valid: %s', (_what, source) => {
    expect(() => load(scenario(source))).not.toThrow();
  });

  it('refuses an HTTP API waiting over 30 s, with the file, line and path', () => {
    let error: unknown;
    try {
      load(scenario('    integrationTimeout: 31s\n    targets: [orders]'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('SLSIM_ERR_BAD_VALUE');
    expect((error as Error).message).toMatch(/test\.yaml:9 \/sources\/web\/integrationTimeout: an HTTP API waits at most 30s for its integration, a limit AWS does not raise/);
  });

  it.each([
    ['a timeout under 50 ms', '    integrationTimeout: 10ms\n    targets: [orders]', /\/sources\/web\/integrationTimeout: must be at least 50ms/],
    ['an unknown protocol', '    protocol: websocket\n    targets: [orders]', /\/sources\/web\/protocol: must be one of: "http", "rest"/],
    ['two functions', '    targets: [orders, slow]', /\/sources\/web\/targets: must NOT have more than 1 items/],
    ['an unknown function', '    targets: [ordres]', /test\.yaml:9 \/sources\/web\/targets\/0: "ordres" is not a function of this scenario \(did you mean "orders"\?\)/],
    ['a throttle without its burst', '    throttle: { rateLimit: 100 }\n    targets: [orders]', /\/sources\/web\/throttle: missing required key "burstLimit"/],
    ['a fractional burst', '    throttle: { rateLimit: 100, burstLimit: 2.5 }\n    targets: [orders]', /\/sources\/web\/throttle\/burstLimit: must be integer/],
    ['a misspelt key', '    integrationTimout: 10s\n    targets: [orders]', /\/sources\/web\/integrationTimout: unknown key "integrationTimout"/],
    ['a size distribution that does not resolve', '    payloadSize: { dist: uniform, min: 2KB, max: 1KB }\n    targets: [orders]', /\/sources\/web\/payloadSize/],
    ['no targets', '    protocol: rest', /\/sources\/web: missing required key "targets"/],
  ])('invalid: %s', (_what, source, message) => {
    expect(() => load(scenario(source))).toThrow(message);
  });

  it('warns of a REST timeout over 29 s, a throttle the account overrides or that refuses everything, and a function that may outrun the timeout', () => {
    expect(apiWarnings(scenario('    protocol: rest\n    integrationTimeout: 45s\n    targets: [slow]'))).toStrictEqual([
      'test.yaml:10 /sources/web/integrationTimeout: over 29s, AWS\'s default maximum: only Regional and private REST APIs may wait longer, after a quota increase that may lower the account\'s 10,000 requests/s (slsim keeps 10,000)',
      'test.yaml:10 /sources/web/integrationTimeout: "slow" may run up to 1m00s (its timeout), longer than the integration timeout (45s): a run past it answers the client 504 while the function runs on and is billed',
    ]);
    expect(apiWarnings(scenario('    throttle: { rateLimit: 20000, burstLimit: 0 }\n    targets: [orders]'))).toStrictEqual([
      'test.yaml:9 /sources/web/throttle/burstLimit: a bucket of 0 tokens refuses every request (429)',
      'test.yaml:9 /sources/web/throttle/rateLimit: above the account\'s 10,000 requests/s: the account\'s limit binds first',
    ]);
    // Without integrationTimeout the warning points at the function, against the protocol's default (29 s for REST).
    expect(apiWarnings(scenario('    protocol: rest\n    targets: [slow]'))).toStrictEqual([
      'test.yaml:10 /sources/web/targets/0: "slow" may run up to 1m00s (its timeout), longer than the integration timeout (29s): a run past it answers the client 504 while the function runs on and is billed',
    ]);
    expect(apiWarnings(scenario('    protocol: rest\n    integrationTimeout: 29s\n    throttle: { rateLimit: 10000, burstLimit: 5000 }\n    targets: [orders]'))).toStrictEqual([]);
  });
});
