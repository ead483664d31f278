/**
 * What a subscription filter policy (scope MessageAttributes) lets through, as
 * AWS documents it: the keys of a policy are ANDed, the values of one key
 * ORed; a key names a message attribute, and a message without that attribute
 * does not match it unless the key asks `{ exists: false }`. `$or` (an array
 * of two or more policies) splits a policy into alternatives, each with the
 * other keys. Values: an exact string (String attributes), an exact number
 * (Number attributes, compared with five decimals), and the operators
 * `anything-but`, `prefix`, `suffix`, `equals-ignore-case`, `numeric`,
 * `exists` and `cidr` (IPv4). check.ts refuses malformed policies, so the
 * matching here may trust their shape.
 */

/** A message attribute as SNS hands it on: a data type and the value as a string. */
export interface MessageAttribute {
  readonly Type: 'String' | 'Number';
  readonly Value: string;
}

export type FilterPolicy = Readonly<Record<string, unknown>>;

/** One alternative of a policy: attribute name → its values (ORed); the names are ANDed. */
export type PolicyBranch = Readonly<Record<string, readonly unknown[]>>;

/** The operators a match expression may use. */
export const OPERATORS = ['anything-but', 'cidr', 'equals-ignore-case', 'exists', 'numeric', 'prefix', 'suffix'] as const;

/** True when `$or` holds an array of two or more objects: only then is it the OR operator, else an attribute name (AWS). */
export function isOrOperator(value: unknown): value is readonly Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 1 && value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
}

/** The alternatives of a policy: one without `$or`; with it, one per `$or` item, each merged with the other keys. */
export function policyBranches(policy: FilterPolicy): PolicyBranch[] {
  let branches: Record<string, readonly unknown[]>[] = [{}];
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or' && isOrOperator(value)) {
      branches = branches.flatMap((branch) => value.flatMap((alternative) => policyBranches(alternative).map((b) => ({ ...branch, ...b }))));
    } else {
      branches = branches.map((branch) => ({ ...branch, [key]: value as readonly unknown[] }));
    }
  }
  return branches;
}

export function policyMatches(policy: FilterPolicy, attributes: Readonly<Record<string, MessageAttribute>>): boolean {
  return policyBranches(policy).some((branch) =>
    Object.entries(branch).every(([name, values]) => keyMatches(values, Object.hasOwn(attributes, name) ? attributes[name] : undefined)),
  );
}

/** One key of a policy against the message's attribute of that name (undefined when it has none). */
export function keyMatches(values: readonly unknown[], attribute: MessageAttribute | undefined): boolean {
  return values.some((value) => valueMatches(value, attribute));
}

function valueMatches(value: unknown, attribute: MessageAttribute | undefined): boolean {
  if (value === null || typeof value !== 'object') return attribute !== undefined && equals(value, attribute);
  const [operator, operand] = Object.entries(value)[0] ?? [];
  if (operator === 'exists') return (attribute !== undefined) === operand;
  if (attribute === undefined) return false;
  const text = attribute.Type === 'String' ? attribute.Value : null;
  switch (operator) {
    case 'prefix':
      return text !== null && text.startsWith(operand as string);
    case 'suffix':
      return text !== null && text.endsWith(operand as string);
    case 'equals-ignore-case':
      return text !== null && text.toLowerCase() === (operand as string).toLowerCase();
    case 'anything-but':
      return !anyOf(operand, attribute);
    case 'numeric':
      return attribute.Type === 'Number' && inRange(operand as readonly unknown[], Number(attribute.Value));
    case 'cidr':
      return text !== null && inIpv4Range(text, operand as string);
    default:
      return false;
  }
}

/** An exact value: a string equals a String attribute's value, a number a Number attribute's; true, false and null equal nothing. */
function equals(value: unknown, attribute: MessageAttribute): boolean {
  if (typeof value === 'string') return attribute.Type === 'String' && attribute.Value === value;
  if (typeof value === 'number') return attribute.Type === 'Number' && fiveDecimals(Number(attribute.Value)) === fiveDecimals(value);
  return false;
}

/** What `anything-but` excludes: a value, a list of values, or `{ prefix }` / `{ suffix }` of String attributes. */
function anyOf(excluded: unknown, attribute: MessageAttribute): boolean {
  if (Array.isArray(excluded)) return excluded.some((v) => equals(v, attribute));
  if (excluded !== null && typeof excluded === 'object') {
    const [operator, operand] = Object.entries(excluded)[0] ?? [];
    if (attribute.Type !== 'String') return false;
    if (operator === 'prefix') return attribute.Value.startsWith(operand as string);
    if (operator === 'suffix') return attribute.Value.endsWith(operand as string);
    return false;
  }
  return equals(excluded, attribute);
}

/** SNS compares numbers with five digits after the decimal point. */
function fiveDecimals(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

/** `[op, n]` or `[>|>=, low, <|<=, high]`: every comparison must hold. */
function inRange(terms: readonly unknown[], x: number): boolean {
  if (!Number.isFinite(x)) return false;
  const value = fiveDecimals(x);
  for (let i = 0; i + 1 < terms.length; i += 2) {
    const bound = fiveDecimals(terms[i + 1] as number);
    const holds =
      terms[i] === '=' ? value === bound
      : terms[i] === '<' ? value < bound
      : terms[i] === '<=' ? value <= bound
      : terms[i] === '>' ? value > bound
      : terms[i] === '>=' ? value >= bound
      : false;
    if (!holds) return false;
  }
  return true;
}

/** An IPv4 address as an unsigned 32-bit number, or -1. */
export function ipv4(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4) return -1;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return -1;
    n = n * 256 + Number(part);
  }
  return n;
}

function inIpv4Range(address: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const ip = ipv4(address);
  const network = ipv4(base ?? '');
  if (ip < 0 || network < 0) return false;
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ip / size) === Math.floor(network / size);
}
