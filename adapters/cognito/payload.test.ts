/**
 * The events a user pool hands its trigger: AWS's samples (aws/aws-lambda-go
 * events/testdata/cognito-event-userpools-*.json, copied to
 * test/fixtures/aws-sample-events/) validate against the schema; the event
 * generated for every trigger source validates and carries every field path
 * of its trigger's sample with the same JSON type; string attribute values;
 * the same event for the same seed; `slsim events cognito` prints it.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random.js';
import { validatorFor } from '../../core/scenario/ajv.js';
import eventSchema from '../../schemas/events/cognito-event.schema.json' with { type: 'json' };
import createAuthChallenge from '../../test/fixtures/aws-sample-events/cognito-create-auth-challenge.json' with { type: 'json' };
import customMessage from '../../test/fixtures/aws-sample-events/cognito-custommessage.json' with { type: 'json' };
import defineAuthChallenge from '../../test/fixtures/aws-sample-events/cognito-define-auth-challenge.json' with { type: 'json' };
import migrateUser from '../../test/fixtures/aws-sample-events/cognito-migrateuser.json' with { type: 'json' };
import postAuthentication from '../../test/fixtures/aws-sample-events/cognito-postauthentication.json' with { type: 'json' };
import postConfirmation from '../../test/fixtures/aws-sample-events/cognito-postconfirmation.json' with { type: 'json' };
import preAuthentication from '../../test/fixtures/aws-sample-events/cognito-preauthentication.json' with { type: 'json' };
import preSignUp from '../../test/fixtures/aws-sample-events/cognito-presignup.json' with { type: 'json' };
import preTokenGenerationV2 from '../../test/fixtures/aws-sample-events/cognito-pretokengen-v2.json' with { type: 'json' };
import preTokenGeneration from '../../test/fixtures/aws-sample-events/cognito-pretokengen.json' with { type: 'json' };
import verifyAuthChallenge from '../../test/fixtures/aws-sample-events/cognito-verify-auth-challenge.json' with { type: 'json' };
import { fieldTypes } from '../../test/payload-shape.js';
import { cognitoAdapter } from './index.js';
import { cognitoSampleEvent } from './payload.js';
import { TRIGGER_SOURCES, type TriggerName } from './triggers.js';

const validate = validatorFor(eventSchema);
const facts = (seed: number) => ({ region: 'eu-west-1', accountId: '123456789012', sourceName: 'signups', epochMs: Date.parse('2026-01-05T10:00:00Z'), random: new Random(seed) });

/** AWS's sample of each trigger (the version 1 events; PreTokenGeneration's version 2 apart). */
const SAMPLES: Record<TriggerName, object> = {
  PreSignUp: preSignUp,
  PostConfirmation: postConfirmation,
  PreAuthentication: preAuthentication,
  PostAuthentication: postAuthentication,
  DefineAuthChallenge: defineAuthChallenge,
  CreateAuthChallenge: createAuthChallenge,
  VerifyAuthChallengeResponse: verifyAuthChallenge,
  PreTokenGeneration: preTokenGeneration,
  UserMigration: migrateUser,
  CustomMessage: customMessage,
};

/** Maps whose keys are the pool's or the app's (attributes, metadata, claims, challenge parameters): keys read as `*`. */
const MAPS = /\/(userAttributes|validationData|clientMetadata|claimsToAddOrOverride|publicChallengeParameters|privateChallengeParameters)\/[^/]+/g;
const shape = (event: unknown) => new Map([...fieldTypes(event)].map(([path, type]) => [path.replace(MAPS, '/$1/*'), type]));

function expectShapeOf(sample: object, event: object): void {
  const generated = shape(event);
  for (const [path, type] of shape(sample)) expect(generated.get(path), path).toBe(type);
}

describe('Cognito event schema', () => {
  it.each([...Object.entries(SAMPLES), ['PreTokenGeneration V2_0', preTokenGenerationV2]])("accepts AWS's %s sample", (_trigger, sample) => {
    expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a boolean attribute value, an unknown trigger source, a version 2 sign-up, or a pre sign-up event without its response', () => {
    const boolean = structuredClone(preSignUp) as { request: { userAttributes: Record<string, unknown> } };
    boolean.request.userAttributes.email_verified = true;
    expect(validate(boolean)).toBe(false);
    expect(validate({ ...preSignUp, triggerSource: 'PreSignUp_Signup' })).toBe(false);
    expect(validate({ ...preSignUp, version: '2' })).toBe(false);
    expect(validate({ ...preSignUp, response: {} })).toBe(false);
    expect(validate({ ...postConfirmation, response: { emailMessage: 'hi' } })).toBe(false);
  });
});

describe('generated Cognito events', () => {
  it.each(TRIGGER_SOURCES.map((s) => [s.name, s] as const))('%s validates and has the fields of its trigger\'s sample', (_name, source) => {
    const event = cognitoSampleEvent(facts(1), source) as { triggerSource: string; version: string };
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    expect(event.triggerSource).toBe(source.name);
    expect(event.version).toBe('1');
    const sample = SAMPLES[source.trigger];
    if (source.name !== 'UserMigration_ForgotPassword') expectShapeOf(sample, event);
  });

  it.each(TRIGGER_SOURCES.filter((s) => s.trigger === 'PreTokenGeneration').map((s) => [s.name, s] as const))('%s as a V2_0 event has the fields of the version 2 sample', (_name, source) => {
    const event = cognitoSampleEvent(facts(1), source, '2');
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    expectShapeOf(preTokenGenerationV2, event);
  });

  it('names the pool, the client and the user as Cognito does, attribute values strings', () => {
    const event = cognitoSampleEvent(facts(2), TRIGGER_SOURCES.find((s) => s.name === 'PostAuthentication_Authentication')!) as {
      region: string;
      userPoolId: string;
      userName: string;
      callerContext: { clientId: string };
      request: { userAttributes: Record<string, unknown> };
    };
    expect(event.region).toBe('eu-west-1');
    expect(event.userPoolId).toMatch(/^eu-west-1_[0-9A-Za-z]{9}$/);
    expect(event.callerContext.clientId).toMatch(/^[0-9a-z]{26}$/);
    expect(event.request.userAttributes.sub).toBe(event.userName);
    for (const value of Object.values(event.request.userAttributes)) expect(typeof value).toBe('string');
  });

  it('is the same for the same seed, different for another', () => {
    const source = TRIGGER_SOURCES[0]!;
    expect(cognitoSampleEvent(facts(5), source)).toStrictEqual(cognitoSampleEvent(facts(5), source));
    expect(cognitoSampleEvent(facts(6), source)).not.toStrictEqual(cognitoSampleEvent(facts(5), source));
  });

  it('is what `slsim events cognito` prints: a PreSignUp_SignUp event for an empty config', () => {
    const event = cognitoAdapter.samplePayload!({} as never, facts(1));
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    expect(event).toStrictEqual(cognitoSampleEvent(facts(1), TRIGGER_SOURCES[0]!));
    expect((event as { triggerSource: string }).triggerSource).toBe('PreSignUp_SignUp');
  });

  it("follows the source's trigger, event and version", () => {
    const config = { trigger: 'PreTokenGeneration', triggerSource: 'TokenGeneration_RefreshTokens', lambdaVersion: 'V2_0' } as never;
    const event = cognitoAdapter.samplePayload!(config, facts(1)) as { triggerSource: string; version: string };
    expect([event.triggerSource, event.version]).toStrictEqual(['TokenGeneration_RefreshTokens', '2']);
  });
});
