/**
 * The event a Lambda proxy integration hands the function: payload format 2.0
 * for HTTP APIs and 1.0 for REST APIs, with AWS's field names and types
 * (docs/aws-model.md; the samples in test/fixtures/aws-sample-events/api-*.json
 * come from AWS's developer guide and aws/aws-lambda-go events/testdata).
 *
 * The request modelled is a POST of a small JSON body to a `{proxy+}` route,
 * from a client without an authorizer, mutual TLS or stage variables. Ids and
 * addresses come from the generator, so a seed gives the same event; the API's
 * id comes from the source's name, so every event of a source has the same.
 */
import type { PayloadFacts } from '../../core/engine/adapter-contract.js';
import { uuid } from '../../core/ids.js';
import { Random } from '../../core/random.js';
import type { Protocol } from './limits.js';

const USER_AGENT = 'curl/8.5.0';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
const REQUEST_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-';

/** One request: what both formats are built from. */
export interface ProxyRequest {
  region: string;
  accountId: string;
  apiId: string;
  epochMs: number;
  /** The path after the stage, e.g. `/items/1f0e…`. */
  path: string;
  sourceName: string;
  sourceIp: string;
  cookie: string;
  traceId: string;
  /** API Gateway's request id in its short form (`LV7fzho-PHcEJPw=`). */
  shortRequestId: string;
  requestUuid: string;
  resourceId: string;
  body: string;
}

/** `21/Apr/2020:15:08:21 +0000`, the time format of `requestContext.time` and `requestTime`. */
export function requestTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** A 10-character API id drawn from the source's account, Region and name: the same for every event of the source. */
export function apiIdOf(accountId: string, region: string, sourceName: string): string {
  let hash = 0x811c9dc5;
  let id = '';
  for (let round = 0; id.length < 10; round++) {
    for (const ch of `${round}:${accountId}:${region}:${sourceName}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    id += ALPHANUMERIC[hash % 36];
  }
  return id;
}

function draw(random: Random, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[random.int(alphabet.length)];
  return out;
}

function headers(r: ProxyRequest, lowerCase: boolean): Record<string, string> {
  const entries: [string, string][] = [
    ['Accept', 'application/json'],
    ['Content-Length', String(Buffer.byteLength(r.body))],
    ['Content-Type', 'application/json'],
    ['Cookie', r.cookie],
    ['Host', `${r.apiId}.execute-api.${r.region}.amazonaws.com`],
    ['User-Agent', USER_AGENT],
    ['X-Amzn-Trace-Id', r.traceId],
    ['X-Forwarded-For', r.sourceIp],
    ['X-Forwarded-Port', '443'],
    ['X-Forwarded-Proto', 'https'],
  ];
  // Format 2.0 lower-cases header names and moves cookies to `cookies`.
  if (lowerCase) return Object.fromEntries(entries.filter(([name]) => name !== 'Cookie').map(([name, value]) => [name.toLowerCase(), value]));
  return Object.fromEntries(entries);
}

/** Payload format 2.0: what an HTTP API sends. */
export function httpApiEvent(r: ProxyRequest): object {
  const routeKey = 'ANY /{proxy+}';
  return {
    version: '2.0',
    routeKey,
    rawPath: r.path,
    rawQueryString: `source=${encodeURIComponent(r.sourceName)}`,
    cookies: [r.cookie],
    headers: headers(r, true),
    queryStringParameters: { source: r.sourceName },
    requestContext: {
      accountId: r.accountId,
      apiId: r.apiId,
      domainName: `${r.apiId}.execute-api.${r.region}.amazonaws.com`,
      domainPrefix: r.apiId,
      http: { method: 'POST', path: r.path, protocol: 'HTTP/1.1', sourceIp: r.sourceIp, userAgent: USER_AGENT },
      requestId: r.shortRequestId,
      routeKey,
      stage: '$default',
      time: requestTime(r.epochMs),
      timeEpoch: r.epochMs,
    },
    body: r.body,
    pathParameters: { proxy: r.path.slice(1) },
    isBase64Encoded: false,
  };
}

/** Payload format 1.0: what a REST API sends (stage `prod`; null where the request has nothing). */
export function restApiEvent(r: ProxyRequest): object {
  const stage = 'prod';
  const sent = headers(r, false);
  return {
    resource: '/{proxy+}',
    path: r.path,
    httpMethod: 'POST',
    headers: sent,
    multiValueHeaders: Object.fromEntries(Object.entries(sent).map(([name, value]) => [name, [value]])),
    queryStringParameters: { source: r.sourceName },
    multiValueQueryStringParameters: { source: [r.sourceName] },
    requestContext: {
      accountId: r.accountId,
      apiId: r.apiId,
      domainName: `${r.apiId}.execute-api.${r.region}.amazonaws.com`,
      domainPrefix: r.apiId,
      extendedRequestId: r.shortRequestId,
      httpMethod: 'POST',
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: r.sourceIp,
        user: null,
        userAgent: USER_AGENT,
        userArn: null,
        clientCert: null,
      },
      path: `/${stage}${r.path}`,
      protocol: 'HTTP/1.1',
      requestId: r.requestUuid,
      requestTime: requestTime(r.epochMs),
      requestTimeEpoch: r.epochMs,
      resourceId: r.resourceId,
      resourcePath: '/{proxy+}',
      stage,
    },
    pathParameters: { proxy: r.path.slice(1) },
    stageVariables: null,
    body: r.body,
    isBase64Encoded: false,
  };
}

/** A request from the source, its body `body` (a small JSON document when left out). */
export function proxyRequest(facts: PayloadFacts, body?: string): ProxyRequest {
  const { region, accountId, sourceName, epochMs, random } = facts;
  const itemId = uuid(random);
  const ip = `198.51.100.${1 + random.int(254)}`;
  const seconds = Math.floor(epochMs / 1000).toString(16).padStart(8, '0');
  return {
    region,
    accountId,
    apiId: apiIdOf(accountId, region, sourceName),
    epochMs,
    path: `/items/${itemId}`,
    sourceName,
    sourceIp: ip,
    cookie: `session=${draw(random, '0123456789abcdef', 32)}`,
    traceId: `Root=1-${seconds}-${draw(random, '0123456789abcdef', 24)}`,
    shortRequestId: `${draw(random, REQUEST_ID_CHARS, 15)}=`,
    requestUuid: uuid(random),
    resourceId: draw(random, ALPHANUMERIC, 6),
    body: body ?? JSON.stringify({ source: sourceName, id: itemId }),
  };
}

export function proxyEvent(protocol: Protocol, request: ProxyRequest): object {
  return protocol === 'http' ? httpApiEvent(request) : restApiEvent(request);
}

/** One event of the source as its function receives it. */
export function apiSampleEvent(protocol: Protocol, facts: PayloadFacts): object {
  return proxyEvent(protocol, proxyRequest(facts));
}

/** Bytes the event adds around the request body: what a body may not leave to Lambda's 6 MB. */
export function envelopeBytes(protocol: Protocol, region: string, accountId: string, sourceName: string): number {
  const facts = { region, accountId, sourceName, epochMs: Date.UTC(2026, 0, 1), random: new Random(0) };
  return Buffer.byteLength(JSON.stringify(proxyEvent(protocol, proxyRequest(facts, ''))));
}
