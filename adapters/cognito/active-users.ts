/**
 * Monthly active users (MAUs), what Cognito bills (docs/cost.md). A user pool
 * counts a user once in each month in which the user signs up, signs in or
 * otherwise acts. slsim counts users from the source's successful requests,
 * as `users` says:
 *
 * - `new`: each successful request brings a new user (sign-up, admin
 *   creation, federation, confirmation, migration): one MAU each;
 * - a number N: requests come from a population of N existing users, each
 *   request's user drawn uniformly; a month's MAUs are the distinct users
 *   seen in it (30-day months of simulated time, as docs/cost.md counts them),
 *   kept in a bitset of N bits, cleared when a month begins;
 * - `none`: the source counts nobody (another source counts these users).
 *
 * Failed and refused requests count nobody: no user was created or signed in.
 */
import { MONTH_MS } from '../../core/cost/billing-math.js';
import type { Random } from '../../core/random.js';

export type UsersSetting = 'new' | 'none' | number;

export class ActiveUsers {
  /** MAUs summed over the months of the run. */
  count = 0;
  private readonly seen: Uint8Array | null;
  private month = 0;

  constructor(
    private readonly users: UsersSetting,
    private readonly random: Random,
  ) {
    this.seen = typeof users === 'number' ? new Uint8Array(Math.ceil(users / 8)) : null;
  }

  /** Successful requests counted so far (for the month projection). */
  requests = 0;

  /**
   * The MAUs a whole month of this traffic would bring: for a population of
   * N users drawn uniformly, the expected distinct users of r requests is
   * N × (1 − (1 − 1/N)^r); `new` users grow with time (null: scale as usual).
   */
  monthly(runMs: number): number | null {
    const users = this.users;
    if (typeof users !== 'number' || runMs <= 0) return null;
    const requestsPerMonth = (this.requests * MONTH_MS) / runMs;
    return users * -Math.expm1(requestsPerMonth * Math.log1p(-1 / users));
  }

  /** A request succeeded at `now`: its user is active this month. */
  active(now: number): void {
    const users = this.users;
    if (users === 'new') {
      this.count++;
      return;
    }
    if (users === 'none') return;
    this.requests++;
    const seen = this.seen!;
    const month = Math.floor(now / MONTH_MS);
    if (month !== this.month) {
      seen.fill(0);
      this.month = month;
    }
    const user = this.random.int(users);
    const bit = 1 << (user & 7);
    const byte = user >> 3;
    if ((seen[byte]! & bit) === 0) {
      seen[byte] = seen[byte]! | bit;
      this.count++;
    }
  }
}
