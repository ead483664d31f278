/**
 * The cognito adapter's configuration, RuleTester style: valid configurations
 * load with their defaults; what the schema or AWS refuses fails at load with
 * the file, line and path a user needs (exit 2); what cannot be priced or
 * wastes money is a warning.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { load } from '../../test/helpers.js';

const LOAD = 'load: { phases: [ { duration: 1m, arrivalRate: 1 } ] }';
/** Warnings about the source (the scenario's unused function has its own). */
const sourceWarnings = (warnings: readonly string[]) => warnings.filter((w) => w.includes('/sources/signups'));
const scenario = (source: string) => `name: cognito config
duration: 1m
functions:
  check: {}
  slow: { timeout: 30s }
sources:
  signups: ${source}
`;

describe('cognito configuration', () => {
  it.each([
    [`{ type: cognito, targets: [check], ${LOAD} }`, { trigger: 'PreSignUp', lambdaVersion: 'V1_0', featurePlan: 'essentials' }],
    [`{ type: cognito, trigger: PreTokenGeneration, lambdaVersion: V2_0, featurePlan: plus, users: 5000, targets: [check], ${LOAD} }`, { lambdaVersion: 'V2_0', users: 5000 }],
    [`{ type: cognito, trigger: CustomMessage, triggerSource: CustomMessage_ForgotPassword, quota: 20, users: none, targets: [check], ${LOAD} }`, { quota: 20, users: 'none' }],
    [`{ type: cognito, trigger: PreAuthentication, quota: 500, users: 100000, targets: [check], ${LOAD} }`, { quota: 500 }],
  ])('valid: %s', (source, expected) => {
    const loaded = load(scenario(source));
    expect(loaded.scenario.sources[0]!.config).toMatchObject(expected);
    expect(sourceWarnings(loaded.warnings)).toStrictEqual([]);
  });

  it('leaves quota and users to the trigger when not given (AWS defaults, README.md)', () => {
    const config = load(scenario(`{ type: cognito, targets: [check], ${LOAD} }`)).scenario.sources[0]!.config;
    expect(config).not.toHaveProperty('quota');
    expect(config).not.toHaveProperty('users');
  });
});

describe('cognito input errors', () => {
  it('refuses an event of another trigger, naming the path and line', () => {
    let error: unknown;
    try {
      load(scenario(`{ type: cognito, triggerSource: PostConfirmation_ConfirmSignUp, targets: [check], ${LOAD} }`));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('SLSIM_ERR_BAD_VALUE');
    expect((error as Error).message).toBe(
      'test.yaml:7 /sources/signups/triggerSource: "PostConfirmation_ConfirmSignUp" is not an event of the PreSignUp trigger (its events: PreSignUp_SignUp, PreSignUp_AdminCreateUser, PreSignUp_ExternalProvider)',
    );
  });

  it.each([
    ['two functions', `{ type: cognito, targets: [check, slow], ${LOAD} }`, /\/sources\/signups\/targets: must NOT have more than 1 items/],
    ['no load', '{ type: cognito, targets: [check] }', /\/sources\/signups: missing required key "load"/],
    ['an unknown key', `{ type: cognito, quotas: 3, targets: [check], ${LOAD} }`, /\/sources\/signups\/quotas: unknown key "quotas" \(did you mean "quota"\?\)/],
    ['an unknown function', `{ type: cognito, targets: [chek], ${LOAD} }`, /\/sources\/signups\/targets\/0: "chek" is not a function of this scenario \(did you mean "check"\?\)/],
    ['an unknown trigger', `{ type: cognito, trigger: PreSignup, targets: [check], ${LOAD} }`, /\/sources\/signups\/trigger: must be one of: "PreSignUp", "PostConfirmation"/],
    ['an unknown trigger source', `{ type: cognito, triggerSource: PreSignUp_Signup, targets: [check], ${LOAD} }`, /\/sources\/signups\/triggerSource: must be one of: "PreSignUp_SignUp"/],
    ['an unknown feature plan', `{ type: cognito, featurePlan: pro, targets: [check], ${LOAD} }`, /\/sources\/signups\/featurePlan: must be one of: "lite", "essentials", "plus"/],
    ['a quota of 0', `{ type: cognito, quota: 0, targets: [check], ${LOAD} }`, /\/sources\/signups\/quota: must be >= 1/],
    ['no users', `{ type: cognito, users: 0, targets: [check], ${LOAD} }`, /\/sources\/signups\/users: must be new, none, or a number of users from 1 to 100,000,000/],
    ['users as a word', `{ type: cognito, users: many, targets: [check], ${LOAD} }`, /\/sources\/signups\/users: must be new, none, or a number/],
    ['V2_0 events of another trigger', `{ type: cognito, lambdaVersion: V2_0, targets: [check], ${LOAD} }`, /\/sources\/signups\/lambdaVersion: lambdaVersion applies to the PreTokenGeneration trigger only \(this one is PreSignUp\)/],
    ['V2_0 events on the Lite plan', `{ type: cognito, trigger: PreTokenGeneration, lambdaVersion: V2_0, featurePlan: lite, users: 10, targets: [check], ${LOAD} }`, /\/lambdaVersion: V2_0 pre token generation events \(access-token customisation\) need the essentials or plus feature plan/],
    ['a raised quota AWS does not raise', `{ type: cognito, trigger: CustomMessage, triggerSource: CustomMessage_ForgotPassword, quota: 31, users: 10, targets: [check], ${LOAD} }`, /\/sources\/signups\/quota: AWS does not raise the UserAccountRecovery quota of ForgotPassword \(30 requests per second\)/],
    ['new users from sign-ins', `{ type: cognito, trigger: PostAuthentication, users: new, targets: [check], ${LOAD} }`, /\/sources\/signups\/users: PostAuthentication_Authentication serves users who already exist: give the number of users its requests come from, or none/],
  ])('%s', (_what, source, message) => {
    expect(() => load(scenario(source))).toThrow(message);
  });
});

describe('cognito warnings', () => {
  it('warns that sign-ins without `users` count no monthly active users', () => {
    const loaded = load(scenario(`{ type: cognito, trigger: PreAuthentication, targets: [check], ${LOAD} }`));
    expect(sourceWarnings(loaded.warnings)).toStrictEqual([
      'test.yaml:7 /sources/signups: monthly active users are not counted: PreAuthentication_Authentication serves existing users; give `users` (how many distinct users its requests come from) to price them',
    ]);
  });

  it('warns when the function may run past the 5 s Cognito waits', () => {
    const loaded = load(scenario(`{ type: cognito, targets: [slow], ${LOAD} }`));
    expect(sourceWarnings(loaded.warnings)).toStrictEqual([
      'test.yaml:7 /sources/signups/targets/0: Cognito waits 5s for a trigger, "slow" may run 30s: runs Cognito stopped waiting for go on and are billed',
    ]);
  });
});
