/**
 * The `api` source: Amazon API Gateway in front of a function, an HTTP API
 * (`protocol: http`, payload format 2.0) or a REST API (`rest`, format 1.0)
 * whose Lambda proxy integration invokes one function synchronously
 * (docs/aws-model.md, rules 8, 17 and 23). Requests pass the stage's
 * throttle and the account's, shared by every api source of the run;
 * the client gets a 429 for a throttle, a 5XX when Lambda refuses the invoke,
 * the run fails or outlasts `integrationTimeout`, and the function's answer
 * otherwise. gateway.ts holds the model, README.md the choices.
 */
import type { SourceAdapter } from '../../core/engine/adapter-contract.js';
import type { DistributionInput } from '../../core/distributions.js';
import { checkApi } from './check.js';
import { ApiGateway } from './gateway.js';
import type { Protocol } from './limits.js';
import { apiSampleEvent } from './payload.js';
import { gatewayReport, gatewayUsage } from './report.js';
import schema from './schema.json' with { type: 'json' };
import httpEventSchema from '../../schemas/events/api-http-event.schema.json' with { type: 'json' };
import restEventSchema from '../../schemas/events/api-rest-event.schema.json' with { type: 'json' };

export interface ApiConfig {
  type: 'api';
  protocol: Protocol;
  throttle?: { rateLimit: number; burstLimit: number };
  /** Absent: 30 s for HTTP APIs, 29 s for REST APIs (AWS's defaults). */
  integrationTimeout?: number | string;
  payloadSize: DistributionInput;
  clientRetries: { attempts: number; backoff: number | string };
  targets: [string];
}

/** A schema embedded in another, without the `$id` under which the shared validator may also compile it alone. */
function embedded({ $id: _id, $schema: _schema, ...rest }: Record<string, unknown>): object {
  return rest;
}

/** The payload of either protocol: format 2.0 (HTTP APIs) or 1.0 (REST APIs). */
const eventSchema = {
  title: 'API Gateway Lambda proxy event',
  oneOf: [embedded(httpEventSchema), embedded(restEventSchema)],
};

export const apiAdapter: SourceAdapter<ApiConfig> = {
  meta: {
    type: 'api',
    version: '1.0.0',
    apiVersion: 2,
    description: 'API Gateway (HTTP or REST API) in front of a function: throttles, integration timeout, proxy events',
    schema,
    eventSchema,
    invocation: ['sync'],
    targetKinds: ['function'],
  },

  check: checkApi,

  create(ctx) {
    const gateway = new ApiGateway(ctx);
    return {
      start: () => ctx.startLoad(gateway.arrive),
      report: () => gatewayReport(gateway),
      usage: () => gatewayUsage(gateway),
    };
  },

  /** `slsim events api` passes an empty config: an HTTP API's event (format 2.0). */
  samplePayload(config, facts) {
    return apiSampleEvent(config.protocol ?? 'http', facts);
  },
};

export default apiAdapter;
