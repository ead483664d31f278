/**
 * The checks of an sns source that its JSON Schema cannot express, each
 * located at the offending key (docs/adapters.md): somewhere to deliver to;
 * subscribers SNS can reach from a standard topic (functions and standard
 * queues; a FIFO queue needs a FIFO topic, which slsim does not model), each
 * endpoint subscribed once; standard dead-letter queues; message attribute
 * names and shares as SNS accepts them; AWS's size limits; and the filter
 * policies (filter-check.ts).
 */
import type { ConfigProblem, ScenarioFacts } from '../../core/engine/adapter-contract.js';
import { sizeDistributionProblem } from '../../core/scenario/config-checks.js';
import { parseSize } from '../../core/units.js';
import { filterPolicyProblems, pointerPart } from './filter-check.js';
import type { SnsConfig } from './index.js';
import { subscriptionsOf } from './subscription.js';

const MIN_MESSAGE_BYTES = 1024;
const MAX_MESSAGE_BYTES = 1024 * 1024;

/** SNS attribute names: letters, digits, `_`, `-` and `.`, at most 256, no leading, trailing or double `.`, not `AWS.`/`Amazon.`. */
function attributeNameProblem(name: string): string | null {
  if (!/^[A-Za-z0-9_.-]{1,256}$/.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
    return 'an attribute name has 1 to 256 letters, digits, _, - and ., with no leading, trailing or double "."';
  }
  if (/^(aws|amazon)\./i.test(name)) return 'attribute names starting with "AWS." or "Amazon." are reserved for AWS';
  return null;
}

export function checkSns(config: SnsConfig, facts: ScenarioFacts): ConfigProblem[] {
  const sizeProblem = sizeDistributionProblem(config.messageSize, '/messageSize');
  if (sizeProblem) return [sizeProblem];
  const maximum = parseSize(config.maximumMessageSize);
  if (!(maximum >= MIN_MESSAGE_BYTES && maximum <= MAX_MESSAGE_BYTES)) {
    return [{ path: '/maximumMessageSize', message: 'must be between 1KB and 1MB (AWS: 1,024 to 1,048,576 bytes)' }];
  }
  if (config.targets === undefined && config.subscriptions === undefined) {
    return [{ path: '', message: 'an sns source needs `targets` or `subscriptions`: whom to deliver to' }];
  }
  const problems: ConfigProblem[] = [];
  for (const [name, input] of Object.entries(config.messageAttributes)) {
    const path = `/messageAttributes/${pointerPart(name)}`;
    const nameProblem = attributeNameProblem(name);
    if (nameProblem) problems.push({ path, message: nameProblem });
    else if (!Array.isArray(input) && !Object.values(input as Readonly<Record<string, number>>).some((share) => share > 0)) problems.push({ path, message: 'at least one value needs a share above 0' });
  }
  problems.push(...endpointProblems(config, facts));
  (config.subscriptions ?? []).forEach((subscription, i) => {
    if (subscription.filterPolicy !== undefined) {
      problems.push(...filterPolicyProblems(subscription.filterPolicy, `/subscriptions/${i}/filterPolicy`, config.messageAttributes));
    }
  });
  return errorsFirst(problems);
}

/** Subscribers and dead-letter queues: functions, or standard sqs sources; each subscriber once. */
function endpointProblems(config: SnsConfig, facts: ScenarioFacts): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, string>();
  for (const { config: subscription, path } of subscriptionsOf(config)) {
    const name = subscription.target;
    const earlier = seen.get(name);
    if (earlier !== undefined) problems.push({ path, message: `"${name}" is already subscribed (${earlier}): SNS keeps one subscription per endpoint` });
    seen.set(name, path);
    const type = facts.sourceTypes.get(name);
    if (type !== undefined && type !== 'sqs') {
      problems.push({ path, message: `"${name}" is ${type === 'sns' || type === 's3' ? 'an' : 'a'} ${type} source: an SNS topic delivers to Lambda functions and SQS queues` });
    } else if (type === 'sqs' && facts.sourceConfigs.get(name)?.fifo === true) {
      problems.push({ path, message: `"${name}" is a FIFO queue: a standard topic cannot deliver to FIFO queues (only a FIFO topic can)` });
    }
  }
  (config.subscriptions ?? []).forEach((subscription, i) => {
    const dlq = subscription.deadLetterTarget;
    if (dlq !== undefined && facts.sourceConfigs.get(dlq)?.fifo === true) {
      problems.push({ path: `/subscriptions/${i}/deadLetterTarget`, message: `"${dlq}" is a FIFO queue: the dead-letter queue of a standard topic's subscription must be a standard queue` });
    }
  });
  return problems;
}

/** Core reports the first error and prints warnings: errors go first. */
function errorsFirst(problems: ConfigProblem[]): ConfigProblem[] {
  return [...problems.filter((p) => p.severity !== 'warning'), ...problems.filter((p) => p.severity === 'warning')];
}
