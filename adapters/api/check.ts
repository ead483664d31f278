/**
 * The checks of an api source that its JSON Schema cannot express, each
 * located at the offending key (docs/adapters.md): a payload size
 * distribution that resolves; an integration timeout AWS accepts for the
 * protocol (errors); and, as warnings, what AWS allows but cannot work as
 * written: a REST timeout over 29 s (a quota increase), a stage throttle that
 * refuses everything or that the account's limit overrides, and a function
 * that may run past the integration timeout.
 */
import type { ConfigProblem, ScenarioFacts } from '../../core/engine/adapter-contract.js';
import { sizeDistributionProblem } from '../../core/scenario/config-checks.js';
import { formatDuration } from '../../core/units.js';
import type { ApiConfig } from './index.js';
import { API_GATEWAY_LIMITS, integrationTimeoutMs } from './limits.js';

export function checkApi(config: ApiConfig, facts: ScenarioFacts): ConfigProblem[] {
  const sizeProblem = sizeDistributionProblem(config.payloadSize, '/payloadSize');
  if (sizeProblem) return [sizeProblem];
  const problems = [...timeoutProblems(config), ...throttleProblems(config)];
  const timeoutMs = integrationTimeoutMs(config.protocol, config.integrationTimeout);
  const fn = facts.functions.get(config.targets[0]);
  if (fn && fn.timeoutMs > timeoutMs) {
    problems.push({
      path: config.integrationTimeout !== undefined ? '/integrationTimeout' : '/targets/0',
      severity: 'warning',
      message:
        `"${config.targets[0]}" may run up to ${formatDuration(fn.timeoutMs)} (its timeout), longer than the integration timeout ` +
        `(${formatDuration(timeoutMs)}): a run past it answers the client 504 while the function runs on and is billed`,
    });
  }
  return [...problems.filter((p) => p.severity !== 'warning'), ...problems.filter((p) => p.severity === 'warning')];
}

function timeoutProblems(config: ApiConfig): ConfigProblem[] {
  if (config.integrationTimeout === undefined) return [];
  const path = '/integrationTimeout';
  const ms = integrationTimeoutMs(config.protocol, config.integrationTimeout);
  if (ms < API_GATEWAY_LIMITS.minIntegrationTimeoutMs) return [{ path, message: 'must be at least 50ms (AWS\'s minimum integration timeout)' }];
  if (config.protocol === 'http' && ms > API_GATEWAY_LIMITS.httpMaxIntegrationTimeoutMs) {
    return [{ path, message: 'an HTTP API waits at most 30s for its integration, a limit AWS does not raise (a REST API\'s may be raised: protocol: rest)' }];
  }
  if (config.protocol === 'rest' && ms > API_GATEWAY_LIMITS.restDefaultIntegrationTimeoutMs) {
    return [{
      path,
      severity: 'warning',
      message: 'over 29s, AWS\'s default maximum: only Regional and private REST APIs may wait longer, after a quota increase that may lower the account\'s 10,000 requests/s (slsim keeps 10,000)',
    }];
  }
  return [];
}

function throttleProblems(config: ApiConfig): ConfigProblem[] {
  const throttle = config.throttle;
  if (!throttle) return [];
  const problems: ConfigProblem[] = [];
  if (throttle.burstLimit < 1) {
    problems.push({ path: '/throttle/burstLimit', severity: 'warning', message: 'a bucket of 0 tokens refuses every request (429)' });
  }
  if (throttle.rateLimit > API_GATEWAY_LIMITS.accountRatePerSecond) {
    problems.push({ path: '/throttle/rateLimit', severity: 'warning', message: 'above the account\'s 10,000 requests/s: the account\'s limit binds first' });
  }
  if (throttle.burstLimit > API_GATEWAY_LIMITS.accountBurst) {
    problems.push({ path: '/throttle/burstLimit', severity: 'warning', message: 'above the account\'s burst of 5,000: the account\'s limit binds first' });
  }
  return problems;
}
