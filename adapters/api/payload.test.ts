/**
 * The proxy events as the function receives them: AWS's samples (the API
 * Gateway developer guide's and aws/aws-lambda-go's, in
 * test/fixtures/aws-sample-events/) validate against the schemas; generated
 * events validate and carry every field of the guide's sample with its JSON
 * type, except what a request without an authorizer, mutual TLS or stage
 * variables does not have; format 2.0 for HTTP APIs and 1.0 for REST APIs;
 * the same for the same seed. `slsim events api` prints the 2.0 event.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random.js';
import { validatorFor } from '../../core/scenario/ajv.js';
import httpSchema from '../../schemas/events/api-http-event.schema.json' with { type: 'json' };
import restSchema from '../../schemas/events/api-rest-event.schema.json' with { type: 'json' };
import httpSample from '../../test/fixtures/aws-sample-events/api-http.json' with { type: 'json' };
import httpGoSample from '../../test/fixtures/aws-sample-events/api-http-lambda-go.json' with { type: 'json' };
import restSample from '../../test/fixtures/aws-sample-events/api-rest.json' with { type: 'json' };
import restGoSample from '../../test/fixtures/aws-sample-events/api-rest-lambda-go.json' with { type: 'json' };
import { fieldTypes } from '../../test/payload-shape.js';
import { apiAdapter } from './index.js';
import { apiSampleEvent, envelopeBytes, proxyEvent, proxyRequest, requestTime } from './payload.js';

const validateHttp = validatorFor(httpSchema);
const validateRest = validatorFor(restSchema);
const facts = (seed: number) => ({
  region: 'eu-west-1',
  accountId: '123456789012',
  sourceName: 'web',
  epochMs: Date.parse('2026-01-05T10:00:00.123Z'),
  random: new Random(seed),
});

/** Names inside maps are the request's own: they become `*`. */
const MAPS = /^(\/(?:headers|multiValueHeaders|queryStringParameters|multiValueQueryStringParameters|pathParameters|stageVariables))\/[^/]+/;
/** What a request without an authorizer, mutual TLS or stage variables does not carry. */
const NOT_MODELLED = /^\/(?:requestContext\/(?:authorizer|authentication|identity\/clientCert)|stageVariables)(?:\/|$)/;

function shape(event: unknown): Map<string, string> {
  return new Map([...fieldTypes(event)].map(([path, type]) => [path.replace(MAPS, '$1/*'), type]));
}

/** Every field of AWS's sample is in the generated event with its JSON type; where the sample has null (nothing there), any type. */
function expectSampleShape(generated: unknown, sample: unknown): void {
  const fields = shape(generated);
  for (const [path, type] of shape(sample)) {
    if (NOT_MODELLED.test(path)) continue;
    expect(fields.has(path), `${path} is missing`).toBe(true);
    if (type !== 'null') expect(fields.get(path), path).toBe(type);
  }
}

describe('the event schemas', () => {
  it("accept AWS's samples: the developer guide's and aws-lambda-go's, for each format", () => {
    for (const sample of [httpSample, httpGoSample]) expect(validateHttp(sample), JSON.stringify(validateHttp.errors)).toBe(true);
    for (const sample of [restSample, restGoSample]) expect(validateRest(sample), JSON.stringify(validateRest.errors)).toBe(true);
  });

  it('tell the formats apart: a 1.0 event is not a 2.0 event, nor the other way round', () => {
    expect(validateHttp(restSample)).toBe(false);
    expect(validateRest(httpSample)).toBe(false);
  });

  it('refuse what AWS never sends: upper-case header names or multi-value maps in 2.0, a 1.0 event without them, a time as a string', () => {
    const upper = structuredClone(httpGoSample) as Record<string, any>;
    upper.headers['Content-Length'] = '0';
    expect(validateHttp(upper)).toBe(false);
    const multi = structuredClone(httpSample) as Record<string, any>;
    multi.multiValueHeaders = { header1: ['value1'] };
    expect(validateHttp(multi)).toBe(false);
    const single = structuredClone(restSample) as Record<string, any>;
    delete single.multiValueHeaders;
    expect(validateRest(single)).toBe(false);
    const time = structuredClone(httpSample) as Record<string, any>;
    time.requestContext.timeEpoch = '1583348638390';
    expect(validateHttp(time)).toBe(false);
  });
});

describe('generated events', () => {
  it('HTTP API: validate against the 2.0 schema and carry every field of the samples with its type', () => {
    const event = apiSampleEvent('http', facts(1));
    expect(validateHttp(event), JSON.stringify(validateHttp.errors)).toBe(true);
    expectSampleShape(event, httpSample);
    expectSampleShape(event, httpGoSample);
  });

  it('REST API: validate against the 1.0 schema and carry every field of the guide\'s sample with its type', () => {
    const event = apiSampleEvent('rest', facts(1));
    expect(validateRest(event), JSON.stringify(validateRest.errors)).toBe(true);
    expectSampleShape(event, restSample);
  });

  it('hold one request of the source: its API id, account, time, body and route, in each format\'s spelling', () => {
    const http = apiSampleEvent('http', facts(2)) as Record<string, any>;
    const rest = apiSampleEvent('rest', facts(2)) as Record<string, any>;
    const apiId = http.requestContext.apiId as string;
    expect(apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(apiSampleEvent('http', facts(3))).toMatchObject({ requestContext: { apiId } }); // one API per source
    expect(http.requestContext).toMatchObject({ accountId: '123456789012', domainName: `${apiId}.execute-api.eu-west-1.amazonaws.com`, stage: '$default', timeEpoch: Date.parse('2026-01-05T10:00:00.123Z'), time: '05/Jan/2026:10:00:00 +0000' });
    expect(http.headers['content-length']).toBe(String(Buffer.byteLength(http.body)));
    expect(http.headers.cookie).toBeUndefined(); // 2.0 moves cookies to `cookies`
    expect(http.cookies).toHaveLength(1);
    expect(JSON.parse(http.body)).toMatchObject({ source: 'web' });
    expect(http.rawPath).toBe(`/${http.pathParameters.proxy}`);
    expect(rest.headers.Cookie).toBe(http.cookies[0]);
    expect(rest.multiValueHeaders.Host).toStrictEqual([rest.headers.Host]);
    expect(rest.requestContext).toMatchObject({ apiId, path: `/prod${rest.path}`, requestTime: '05/Jan/2026:10:00:00 +0000', resourcePath: '/{proxy+}' });
    expect(rest.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(rest.stageVariables).toBeNull();
  });

  it('are the same for the same seed, different for another', () => {
    expect(apiSampleEvent('rest', facts(5))).toStrictEqual(apiSampleEvent('rest', facts(5)));
    expect((apiSampleEvent('http', facts(6)) as any).requestContext.requestId).not.toBe((apiSampleEvent('http', facts(5)) as any).requestContext.requestId);
  });

  it('is what `slsim events api` prints (an empty config): the HTTP API event; a REST config gives the 1.0 event', () => {
    const event = apiAdapter.samplePayload!({} as never, facts(1));
    expect(event).toStrictEqual(apiSampleEvent('http', facts(1)));
    expect(apiAdapter.samplePayload!({ protocol: 'rest' } as never, facts(1))).toStrictEqual(apiSampleEvent('rest', facts(1)));
    const either = validatorFor(apiAdapter.meta.eventSchema!);
    expect(either(event)).toBe(true);
    expect(either(apiSampleEvent('rest', facts(1)))).toBe(true);
    expect(either({ ...(event as object), version: '3.0' })).toBe(false);
  });
});

describe('the envelope', () => {
  it('grows byte for byte with the body, in each format', () => {
    for (const protocol of ['http', 'rest'] as const) {
      const envelope = envelopeBytes(protocol, 'us-east-1', '123456789012', 'web');
      const request = proxyRequest({ region: 'us-east-1', accountId: '123456789012', sourceName: 'web', epochMs: Date.UTC(2026, 0, 1), random: new Random(0) }, 'x'.repeat(5000));
      // The body once, and Content-Length grown from "0" to "5000": 3 more bytes (twice in 1.0: headers and multiValueHeaders).
      const contentLength = protocol === 'http' ? 3 : 6;
      expect(Buffer.byteLength(JSON.stringify(proxyEvent(protocol, request))), protocol).toBe(envelope + 5000 + contentLength);
      expect(envelope).toBeGreaterThan(600);
      expect(envelope).toBeLessThan(2500);
    }
  });

  it('writes times as API Gateway does', () => {
    expect(requestTime(Date.parse('2020-04-21T15:08:21.067Z'))).toBe('21/Apr/2020:15:08:21 +0000');
  });
});
