/**
 * The event a user pool hands its trigger, by `triggerSource`, in the shape of
 * AWS's samples (aws/aws-lambda-go events/testdata/cognito-event-userpools-*.json,
 * copied to test/fixtures/aws-sample-events/cognito-*.json): the common fields
 * (version, triggerSource, region, userPoolId, userName, callerContext), then
 * `request` and `response`, whose contents vary by trigger. Attribute values
 * are strings, as Cognito sends them. `response` carries the fields of AWS's
 * sample for the trigger, with the values a handler that changes nothing
 * would return. Ids come from the generator, so a seed gives the same event.
 * schemas/events/cognito-event.schema.json describes every shape.
 */
import type { PayloadFacts } from '../../core/engine/adapter-contract.js';
import { uuid } from '../../core/ids.js';
import type { Random } from '../../core/random.js';
import type { TriggerSource } from './triggers.js';

/** What one event is built from. */
export interface CognitoEventFacts {
  region: string;
  accountId: string;
  userPoolId: string;
  clientId: string;
  /** The user's name in the pool: its `sub` (a UUID), as in pools that sign in by email. */
  userName: string;
  email: string;
  phoneNumber: string;
}

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const LOWER_ALPHANUMERIC = '0123456789abcdefghijklmnopqrstuvwxyz';

function drawn(random: Random, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[random.int(alphabet.length)];
  return out;
}

/** A pool id (`<region>_<9 characters>`), an app client id (26 characters), a user. */
export function drawEventFacts(facts: PayloadFacts): CognitoEventFacts {
  const { region, accountId, random } = facts;
  const userName = uuid(random);
  return {
    region,
    accountId,
    userPoolId: `${region}_${drawn(random, ALPHANUMERIC, 9)}`,
    clientId: drawn(random, LOWER_ALPHANUMERIC, 26),
    userName,
    email: `${userName.slice(0, 8)}@example.com`,
    phoneNumber: `+1206555${String(random.int(10_000)).padStart(4, '0')}`,
  };
}

/** Attributes of a user who is signing up: what the sign-up request carried. */
function newUserAttributes(f: CognitoEventFacts): Record<string, string> {
  return { email: f.email };
}

/** Attributes of a user of the pool. */
function userAttributes(f: CognitoEventFacts): Record<string, string> {
  return {
    sub: f.userName,
    'cognito:user_status': 'CONFIRMED',
    email_verified: 'true',
    email: f.email,
    phone_number_verified: 'false',
    phone_number: f.phoneNumber,
  };
}

function roleArn(f: CognitoEventFacts, name: string): string {
  return `arn:aws:iam::${f.accountId}:role/${name}`;
}

function groupConfiguration(f: CognitoEventFacts) {
  return { groupsToOverride: ['users'], iamRolesToOverride: [roleArn(f, 'users')], preferredRole: roleArn(f, 'users') };
}

/** A custom authentication flow after the password check. */
const SESSION = [{ challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: '' }];

type Parts = { request: object; response: object };

/** `request` and `response` of each trigger's event. */
const PARTS: Record<string, (f: CognitoEventFacts, source: TriggerSource, random: Random, version: string) => Parts> = {
  PreSignUp: (f) => ({
    request: { userAttributes: newUserAttributes(f), validationData: {}, clientMetadata: {} },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  }),
  PostConfirmation: (f) => ({ request: { userAttributes: userAttributes(f), clientMetadata: {} }, response: {} }),
  PreAuthentication: (f) => ({ request: { userAttributes: userAttributes(f), validationData: {} }, response: {} }),
  PostAuthentication: (f) => ({ request: { newDeviceUsed: false, userAttributes: userAttributes(f), clientMetadata: {} }, response: {} }),
  DefineAuthChallenge: (f) => ({
    request: { userAttributes: userAttributes(f), session: SESSION, clientMetadata: {} },
    response: { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false },
  }),
  CreateAuthChallenge: (f, _s, random) => ({
    request: { userAttributes: userAttributes(f), challengeName: 'CUSTOM_CHALLENGE', session: SESSION, clientMetadata: {} },
    response: { publicChallengeParameters: { email: f.email }, privateChallengeParameters: { answer: drawn(random, '0123456789', 6) }, challengeMetadata: 'CODE' },
  }),
  VerifyAuthChallengeResponse: (f, _s, random) => {
    const answer = drawn(random, '0123456789', 6);
    return {
      request: { userAttributes: userAttributes(f), privateChallengeParameters: { answer }, challengeAnswer: answer, clientMetadata: {} },
      response: { answerCorrect: false },
    };
  },
  PreTokenGeneration: (f, _s, _r, version) => (version === '2' ? tokenGenerationV2(f) : tokenGenerationV1(f)),
  UserMigration: (f, source, random) => ({
    request: {
      ...(source.name === 'UserMigration_Authentication' ? { password: drawn(random, ALPHANUMERIC, 16) } : {}),
      validationData: {},
      clientMetadata: {},
    },
    response: {
      userAttributes: { email: f.email, email_verified: 'true' },
      finalUserStatus: 'CONFIRMED',
      messageAction: 'SUPPRESS',
      desiredDeliveryMediums: ['EMAIL'],
      forceAliasCreation: false,
    },
  }),
  CustomMessage: (f, source) => ({
    request: {
      userAttributes: source.createsUser ? newUserAttributes(f) : userAttributes(f),
      codeParameter: '{####}',
      usernameParameter: '{username}',
      clientMetadata: {},
    },
    response: { smsMessage: 'Your verification code is {####}.', emailMessage: 'Your verification code is {####}.', emailSubject: 'Your verification code' },
  }),
};

function tokenGenerationV1(f: CognitoEventFacts): Parts {
  return {
    request: { userAttributes: userAttributes(f), groupConfiguration: groupConfiguration(f), clientMetadata: {} },
    response: { claimsOverrideDetails: { claimsToAddOrOverride: { tenant: 'default' }, claimsToSuppress: ['phone_number'], groupOverrideDetails: groupConfiguration(f) } },
  };
}

function tokenGenerationV2(f: CognitoEventFacts): Parts {
  const claims = { claimsToAddOrOverride: { tenant: 'default' }, claimsToSuppress: ['phone_number'] };
  return {
    request: { userAttributes: userAttributes(f), groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] }, scopes: ['aws.cognito.signin.user.admin'] },
    response: {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: claims,
        accessTokenGeneration: { ...claims, scopesToAdd: ['orders/read'], scopesToSuppress: ['aws.cognito.signin.user.admin'] },
        groupOverrideDetails: groupConfiguration(f),
      },
    },
  };
}

/** The event of `source` for the user of `f`; `version` '2' is the pre token generation event of Essentials and Plus pools. */
export function cognitoEvent(f: CognitoEventFacts, source: TriggerSource, random: Random, version: '1' | '2' = '1'): object {
  const { request, response } = PARTS[source.trigger]!(f, source, random, version);
  return {
    version,
    triggerSource: source.name,
    region: f.region,
    userPoolId: f.userPoolId,
    userName: f.userName,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: f.clientId },
    request,
    response,
  };
}

/** One event of the source's trigger, for `slsim events cognito` and handler code. */
export function cognitoSampleEvent(facts: PayloadFacts, source: TriggerSource, version: '1' | '2' = '1'): object {
  return cognitoEvent(drawEventFacts(facts), source, facts.random, version);
}
