/**
 * What an api source reports at the end of a run (docs/report.md; CloudWatch's
 * AWS/ApiGateway names, which HTTP APIs shorten to 4xx and 5xx) and what it
 * bills (docs/cost.md): the requests passed to the integration, in 512 KB
 * units for HTTP APIs (`apigateway.http.requests`), one each for REST APIs
 * (`apigateway.rest.requests`). API Gateway does not charge for requests its
 * throttles refuse, nor for the 413s of oversized bodies.
 */
import type { ServiceUsage } from '../../core/cost/usage.js';
import type { ApiGateway } from './gateway.js';

export function gatewayReport(gateway: ApiGateway): Record<string, number | Record<string, number>> {
  return {
    Count: gateway.count,
    '4XXError': gateway.clientErrors,
    '5XXError': gateway.serverErrors,
    Latency: { ...gateway.latency.summary() },
  };
}

export function gatewayUsage(gateway: ApiGateway): ServiceUsage[] {
  return [{ priceKey: `apigateway.${gateway.protocol}.requests`, quantity: gateway.billedRequests }];
}
