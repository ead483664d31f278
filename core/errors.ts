/**
 * The error catalogue. Two families, kept apart because they mean different
 * things to a user and get different exit codes:
 *
 * - `InputError` (exit 2): the scenario, a flag or a referenced file is wrong.
 *   It names the file, the line and the JSON path of the bad value, and its
 *   message is one line meant to be printed as is.
 * - `SimulationFault` (exit 3): the simulator itself broke (a bug, or an
 *   adapter that violated the contract).
 *
 * Every error has a stable `code`; docs/errors.md lists them all and a test
 * checks that the two agree.
 */

export const ERROR_CODES = {
  SLSIM_ERR_FILE: 'a file cannot be read',
  SLSIM_ERR_PARSE: 'the scenario is not valid YAML or JSON',
  SLSIM_ERR_SCHEMA: 'a value breaks the scenario schema',
  SLSIM_ERR_UNKNOWN_NAME: 'a name refers to no function or source',
  SLSIM_ERR_BAD_VALUE: 'a value is well-formed but not allowed (bad cron, bad time zone, limits)',
  SLSIM_ERR_SET: 'a --set override is malformed',
  SLSIM_ERR_TOO_BIG: 'the scenario implies more events than --max-events allows',
  SLSIM_ERR_EXPECT: 'an expect line is malformed or names no report field',
  SLSIM_ERR_ADAPTER: 'a source adapter is malformed or of another API version',
  SLSIM_ERR_ADAPTER_FAULT: 'a third-party source adapter threw while the scenario was built or run',
  SLSIM_ERR_PRICING: 'no price table for the region, or a malformed one',
  SLSIM_ERR_HANDLER: 'handler code cannot be loaded: no such file or export, or the module throws while it loads',
  SLSIM_ERR_INTERNAL: 'the simulation failed: a bug',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Where in an input file a bad value sits. */
export interface InputLocation {
  file?: string;
  line?: number;
  /** JSON pointer of the value, e.g. `/functions/resize/memory`. */
  path?: string;
}

/**
 * `instanceof` by brand, for the error classes that cross from one copy of
 * slsim's modules to another: the command runs from its bundle
 * (dist/bundle/, README "Development"), while a third-party adapter that
 * imports `slsim/dist/core/units.js` gets the modules themselves, and their
 * InputError must still be exit code 2. The brand is a registered symbol on
 * the class's prototype; subclasses keep the usual prototype test.
 */
export function brand(cls: abstract new (...args: never[]) => Error, name: string): void {
  const mark = Symbol.for(`slsim.${name}`);
  Object.defineProperty(cls.prototype, mark, { value: true });
  Object.defineProperty(cls, Symbol.hasInstance, {
    value(this: unknown, value: unknown): boolean {
      if (this !== cls) return Function.prototype[Symbol.hasInstance].call(this, value);
      return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[mark] === true;
    },
  });
}

/** A mistake in what the user gave us: printed as one line, exit code 2. */
export class InputError extends Error {
  readonly code: ErrorCode;
  readonly location: InputLocation;
  readonly detail: string;

  constructor(code: ErrorCode, detail: string, location: InputLocation = {}, options?: { cause?: unknown }) {
    super(formatInputMessage(detail, location), options);
    this.name = 'InputError';
    this.code = code;
    this.detail = detail;
    this.location = location;
  }

  /** The same error, placed in a file (keeps line and path already known). */
  at(location: InputLocation): InputError {
    return new InputError(this.code, this.detail, { ...location, ...stripUndefined(this.location) }, { cause: this.cause });
  }
}

/** The simulator broke: exit code 3. */
export class SimulationFault extends Error {
  readonly code: ErrorCode = 'SLSIM_ERR_INTERNAL';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SimulationFault';
  }
}

brand(InputError, 'InputError');
brand(SimulationFault, 'SimulationFault');

/** Runs `f`, prefixing the JSON path of any InputError it throws with `path`. */
export function withPath<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof InputError) {
      throw new InputError(error.code, error.detail, { ...error.location, path: path + (error.location.path ?? '') }, { cause: error.cause });
    }
    throw error;
  }
}

/**
 * `scenario.yaml:14 /functions/resize/memory: must be <= 10240`. Always one
 * line: control characters a user typed (a key, a --set) are shown escaped.
 */
export function formatInputMessage(detail: string, location: InputLocation): string {
  let where = location.file ?? '';
  if (location.file && location.line) where += `:${location.line}`;
  if (location.path) where += (where ? ' ' : '') + location.path;
  return oneLine(where ? `${where}: ${detail}` : detail);
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function stripUndefined(location: InputLocation): InputLocation {
  const out: InputLocation = {};
  if (location.file !== undefined) out.file = location.file;
  if (location.line !== undefined) out.line = location.line;
  if (location.path !== undefined) out.path = location.path;
  return out;
}
