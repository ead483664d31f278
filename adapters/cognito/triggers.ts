/**
 * Cognito's user-pool triggers as data: each trigger, the `triggerSource`
 * values it is invoked with (the user pool operation that fires it), the API
 * operation the user's request calls, that operation's request-rate category
 * and AWS's default quota for it, and whether the request brings a new user
 * into the pool (a new monthly active user). The rest of the adapter reads
 * this table; nothing else names a trigger.
 *
 * Categories and default quotas: the Amazon Cognito developer guide, "Quotas"
 * (README.md here lists them and the readings slsim made). RespondToAuthChallenge
 * has its own quota, three times UserAuthentication's.
 */

export const TRIGGERS = [
  'PreSignUp',
  'PostConfirmation',
  'PreAuthentication',
  'PostAuthentication',
  'DefineAuthChallenge',
  'CreateAuthChallenge',
  'VerifyAuthChallengeResponse',
  'PreTokenGeneration',
  'UserMigration',
  'CustomMessage',
] as const;
export type TriggerName = (typeof TRIGGERS)[number];

export type QuotaCategoryName = 'UserCreation' | 'UserAuthentication' | 'UserFederation' | 'UserAccountRecovery' | 'UserUpdate';

export interface QuotaCategory {
  /** AWS's default, requests per second, per account and Region. */
  defaultPerSecond: number;
  /** Whether AWS raises it on request. */
  adjustable: boolean;
}

export const QUOTA_CATEGORIES: Readonly<Record<QuotaCategoryName, QuotaCategory>> = {
  UserCreation: { defaultPerSecond: 50, adjustable: true },
  UserAuthentication: { defaultPerSecond: 120, adjustable: true },
  UserFederation: { defaultPerSecond: 25, adjustable: true },
  UserAccountRecovery: { defaultPerSecond: 30, adjustable: false },
  UserUpdate: { defaultPerSecond: 25, adjustable: false },
};

/** RespondToAuthChallenge and AdminRespondToAuthChallenge: a quota of 3 × UserAuthentication's. */
const RESPOND_TO_CHALLENGE_FACTOR = 3;

export interface TriggerSource {
  /** `<Trigger>_<Event>`, as the event's `triggerSource` says. */
  readonly name: string;
  readonly trigger: TriggerName;
  /** The API operation of the user's request (managed login for hosted and federated sign-in). */
  readonly operation: string;
  readonly category: QuotaCategoryName;
  /** The operation's quota in units of its category's (3 for RespondToAuthChallenge). */
  readonly quotaFactor: number;
  /** The request creates (or migrates) a user: each success is one new monthly active user. */
  readonly createsUser: boolean;
}

function source(name: string, operation: string, category: QuotaCategoryName, createsUser = false): TriggerSource {
  const trigger = name.startsWith('TokenGeneration_') ? 'PreTokenGeneration' : (name.slice(0, name.indexOf('_')) as TriggerName);
  const quotaFactor = operation === 'RespondToAuthChallenge' ? RESPOND_TO_CHALLENGE_FACTOR : 1;
  return { name, trigger, operation, category, quotaFactor, createsUser };
}

/** Every trigger source; the first of each trigger is its default. */
export const TRIGGER_SOURCES: readonly TriggerSource[] = [
  source('PreSignUp_SignUp', 'SignUp', 'UserCreation', true),
  source('PreSignUp_AdminCreateUser', 'AdminCreateUser', 'UserCreation', true),
  source('PreSignUp_ExternalProvider', 'federated sign-in (managed login)', 'UserFederation', true),
  source('PostConfirmation_ConfirmSignUp', 'ConfirmSignUp', 'UserCreation', true),
  source('PostConfirmation_ConfirmForgotPassword', 'ConfirmForgotPassword', 'UserAccountRecovery'),
  source('PreAuthentication_Authentication', 'InitiateAuth', 'UserAuthentication'),
  source('PostAuthentication_Authentication', 'InitiateAuth', 'UserAuthentication'),
  source('DefineAuthChallenge_Authentication', 'InitiateAuth', 'UserAuthentication'),
  source('CreateAuthChallenge_Authentication', 'InitiateAuth', 'UserAuthentication'),
  source('VerifyAuthChallengeResponse_Authentication', 'RespondToAuthChallenge', 'UserAuthentication'),
  source('TokenGeneration_Authentication', 'InitiateAuth', 'UserAuthentication'),
  source('TokenGeneration_HostedAuth', 'sign-in (managed login)', 'UserAuthentication'),
  source('TokenGeneration_NewPasswordChallenge', 'RespondToAuthChallenge', 'UserAuthentication'),
  source('TokenGeneration_AuthenticateDevice', 'RespondToAuthChallenge', 'UserAuthentication'),
  source('TokenGeneration_RefreshTokens', 'InitiateAuth', 'UserAuthentication'),
  source('UserMigration_Authentication', 'InitiateAuth', 'UserAuthentication', true),
  source('UserMigration_ForgotPassword', 'ForgotPassword', 'UserAccountRecovery', true),
  source('CustomMessage_SignUp', 'SignUp', 'UserCreation', true),
  source('CustomMessage_AdminCreateUser', 'AdminCreateUser', 'UserCreation', true),
  source('CustomMessage_ResendCode', 'ResendConfirmationCode', 'UserAccountRecovery'),
  source('CustomMessage_ForgotPassword', 'ForgotPassword', 'UserAccountRecovery'),
  source('CustomMessage_UpdateUserAttribute', 'UpdateUserAttributes', 'UserUpdate'),
  source('CustomMessage_VerifyUserAttribute', 'GetUserAttributeVerificationCode', 'UserUpdate'),
  source('CustomMessage_Authentication', 'InitiateAuth', 'UserAuthentication'),
];

const BY_NAME = new Map(TRIGGER_SOURCES.map((s) => [s.name, s]));

/** The trigger sources of one trigger, its default first. */
export function sourcesOf(trigger: TriggerName): TriggerSource[] {
  return TRIGGER_SOURCES.filter((s) => s.trigger === trigger);
}

/** The configured trigger source, or the trigger's default; null when `name` is not one of the trigger's. */
export function resolveTriggerSource(trigger: TriggerName, name: string | undefined): TriggerSource | null {
  if (name === undefined) return sourcesOf(trigger)[0]!;
  const found = BY_NAME.get(name);
  return found !== undefined && found.trigger === trigger ? found : null;
}

/** AWS's default quota of the source's operation, requests per second. */
export function defaultQuota(source: TriggerSource): number {
  return QUOTA_CATEGORIES[source.category].defaultPerSecond * source.quotaFactor;
}
