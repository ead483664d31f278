/**
 * The checks of a cognito source that its JSON Schema cannot express, each
 * located at the offending key (docs/adapters.md): the trigger source belongs
 * to the trigger; V2_0 events are pre token generation events of Essentials
 * and Plus pools; AWS does not raise the quotas of some categories; `users`
 * fits the trigger. Warnings: MAUs that will not be counted, and a function
 * that may run on after Cognito stopped waiting for it.
 */
import type { ConfigProblem, ScenarioFacts } from '../../core/engine/adapter-contract.js';
import { formatDuration } from '../../core/units.js';
import type { CognitoConfig } from './index.js';
import { defaultQuota, QUOTA_CATEGORIES, resolveTriggerSource, sourcesOf } from './triggers.js';
import { TRIGGER_TIMEOUT_MS } from './user-pool.js';

export function checkCognito(config: CognitoConfig, facts: ScenarioFacts): ConfigProblem[] {
  const source = resolveTriggerSource(config.trigger, config.triggerSource);
  if (source === null) {
    const events = sourcesOf(config.trigger).map((s) => s.name).join(', ');
    return [{ path: '/triggerSource', message: `"${config.triggerSource}" is not an event of the ${config.trigger} trigger (its events: ${events})` }];
  }
  const problems: ConfigProblem[] = [];
  if (config.lambdaVersion === 'V2_0') {
    if (config.trigger !== 'PreTokenGeneration') {
      problems.push({ path: '/lambdaVersion', message: `lambdaVersion applies to the PreTokenGeneration trigger only (this one is ${config.trigger})` });
    } else if (config.featurePlan === 'lite') {
      problems.push({ path: '/lambdaVersion', message: 'V2_0 pre token generation events (access-token customisation) need the essentials or plus feature plan' });
    }
  }
  const category = QUOTA_CATEGORIES[source.category];
  const awsQuota = defaultQuota(source);
  if (config.quota !== undefined && config.quota > awsQuota && !category.adjustable) {
    problems.push({ path: '/quota', message: `AWS does not raise the ${source.category} quota of ${source.operation} (${awsQuota} requests per second)` });
  }
  if (config.users === 'new' && !source.createsUser) {
    problems.push({ path: '/users', message: `${source.name} serves users who already exist: give the number of users its requests come from, or none` });
  }
  if (config.users === undefined && !source.createsUser) {
    problems.push({
      path: '',
      severity: 'warning',
      message: `monthly active users are not counted: ${source.name} serves existing users; give \`users\` (how many distinct users its requests come from) to price them`,
    });
  }
  const fn = facts.functions.get(config.targets[0]);
  if (fn !== undefined && fn.timeoutMs > TRIGGER_TIMEOUT_MS) {
    problems.push({
      path: '/targets/0',
      severity: 'warning',
      message: `Cognito waits 5s for a trigger, "${config.targets[0]}" may run ${formatDuration(fn.timeoutMs)}: runs Cognito stopped waiting for go on and are billed`,
    });
  }
  return [...problems.filter((p) => p.severity !== 'warning'), ...problems.filter((p) => p.severity === 'warning')];
}
