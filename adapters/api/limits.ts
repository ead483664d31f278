/**
 * API Gateway's published limits and status codes, as an api source applies
 * them (docs/aws-model.md, rule 23), and the integration timeout a
 * configuration comes to. README.md cites the AWS pages behind each number.
 */
import { parseDuration } from '../../core/units.js';

export type Protocol = 'http' | 'rest';

export const API_GATEWAY_LIMITS = {
  /** The account's throttle, per Region, shared by every API of the account: a token bucket. */
  accountRatePerSecond: 10_000,
  accountBurst: 5_000,
  /** A request body over this is refused with 413 before anything else (HTTP and REST APIs). */
  payloadBytes: 10 * 1024 * 1024,
  /** Integration timeout: at least 50 ms for both. */
  minIntegrationTimeoutMs: 50,
  /** HTTP APIs: 30 s at most, and 30 s by default; not adjustable. */
  httpMaxIntegrationTimeoutMs: 30_000,
  /** REST APIs: 29 s by default; Regional and private REST APIs may raise it through a quota increase. */
  restDefaultIntegrationTimeoutMs: 29_000,
  /** HTTP APIs bill each 512 KB of a request as one request. */
  httpBillingChunkBytes: 512 * 1024,
} as const;

/** What API Gateway answers, and what a Lambda proxy integration's outcomes become. */
export const Status = {
  Ok: 200,
  /** Over the 10 MB payload limit. */
  PayloadTooLarge: 413,
  /** Refused by a throttle: the stage's or the account's. */
  TooManyRequests: 429,
  /** Lambda refused the invoke (a throttle, or an event over its 6 MB): "If the Lambda API rejects the invocation request, API Gateway returns a 500". */
  InternalServerError: 500,
  /** The function ran and failed (error, timeout of the function itself). */
  BadGateway: 502,
  /** The integration timeout passed first; the function runs on. */
  GatewayTimeout: 504,
} as const;
export type Status = (typeof Status)[keyof typeof Status];

/** The integration timeout of a source in ms: the configured one, else the protocol's default (30 s HTTP, 29 s REST). */
export function integrationTimeoutMs(protocol: Protocol, configured: number | string | undefined): number {
  if (configured !== undefined) return parseDuration(configured);
  return protocol === 'http' ? API_GATEWAY_LIMITS.httpMaxIntegrationTimeoutMs : API_GATEWAY_LIMITS.restDefaultIntegrationTimeoutMs;
}

/** Billed requests for one request of `bytes`: REST counts 1, HTTP one per started 512 KB. */
export function billedUnits(protocol: Protocol, bytes: number): number {
  if (protocol === 'rest') return 1;
  return Math.max(1, Math.ceil(bytes / API_GATEWAY_LIMITS.httpBillingChunkBytes));
}

/**
 * The status a client sees when real handler code answered (docs/handlers.md):
 * the response's `statusCode`; without one, HTTP APIs (payload 2.0) infer 200
 * (https://repost.aws/knowledge-center/api-gateway-status-codes-http-api),
 * while a REST proxy integration calls the response malformed (502, "Malformed
 * Lambda proxy response"). A run without handler code (no response) answers 200.
 */
export function statusOfResponse(protocol: Protocol, response: unknown): number {
  if (response === undefined) return Status.Ok;
  const code = (response as { statusCode?: unknown } | null)?.statusCode;
  if (typeof code === 'number' && Number.isInteger(code) && code >= 100 && code <= 599) return code;
  return protocol === 'http' ? Status.Ok : Status.BadGateway;
}
