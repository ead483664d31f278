/**
 * The `cognito` source: an Amazon Cognito user pool whose Lambda trigger
 * (PreSignUp, PostAuthentication, PreTokenGeneration, ...) runs on every user
 * request of `load` (docs/aws-model.md rules 16 and 24). Each request passes
 * the pool's per-second quota for its operation, then waits for the trigger, a
 * synchronous invoke with Cognito's 5 s limit and 3 attempts. Each request
 * ends once in the source's delivery ledger (docs/report.md): `succeeded`, or
 * `rejected` when refused by the quota or failed after 3 attempts. The pool's
 * monthly active users are billed by its feature plan (docs/cost.md).
 * user-pool.ts holds the model, triggers.ts the triggers, README.md the choices.
 */
import type { SourceAdapter } from '../../core/engine/adapter-contract.js';
import type { UsersSetting } from './active-users.js';
import { checkCognito } from './check.js';
import { cognitoSampleEvent } from './payload.js';
import { userPoolReport, userPoolUsage } from './report.js';
import schema from './schema.json' with { type: 'json' };
import eventSchema from '../../schemas/events/cognito-event.schema.json' with { type: 'json' };
import { resolveTriggerSource, sourcesOf, type TriggerName } from './triggers.js';
import { UserPool } from './user-pool.js';

export interface CognitoConfig {
  type: 'cognito';
  trigger: TriggerName;
  /** One of the trigger's `<Trigger>_<Event>` values; the trigger's first when left out. */
  triggerSource?: string;
  /** PreTokenGeneration only: the event version. */
  lambdaVersion: 'V1_0' | 'V2_0';
  /** Requests per second of the operation's category; AWS's default when left out. */
  quota?: number;
  featurePlan: 'lite' | 'essentials' | 'plus';
  /** How requests map to monthly active users; `new` or none by the trigger when left out. */
  users?: UsersSetting;
  targets: [string];
}

export const cognitoAdapter: SourceAdapter<CognitoConfig> = {
  meta: {
    type: 'cognito',
    version: '1.0.0',
    apiVersion: 2,
    description: 'Cognito user pool triggers: per-second quotas, sync invokes with a 5 s limit and 3 attempts, MAU pricing',
    schema,
    eventSchema,
    invocation: ['sync'],
    targetKinds: ['function'],
  },

  check: checkCognito,

  create(ctx) {
    const pool = new UserPool(ctx);
    return {
      start: () => ctx.startLoad(pool.arrive),
      report: () => userPoolReport(pool),
      usage: () => userPoolUsage(pool),
    };
  },

  // `slsim events cognito` passes an empty config: a PreSignUp_SignUp event.
  samplePayload(config, facts) {
    const trigger = config.trigger ?? 'PreSignUp';
    const source = resolveTriggerSource(trigger, config.triggerSource) ?? sourcesOf(trigger)[0]!;
    return cognitoSampleEvent(facts, source, config.lambdaVersion === 'V2_0' ? '2' : '1');
  },
};

export default cognitoAdapter;
