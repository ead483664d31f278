/**
 * A user pool's request-rate quota for one operation category
 * (docs/aws-model.md rule 24; README.md here): at most `perSecond` requests in
 * each simulated second [k s, (k + 1) s). A request over it is refused with
 * TooManyRequestsException before any trigger runs. AWS states its quotas in
 * requests per second and says no more; a window per whole second is the
 * plainest reading (a token bucket would let a burst of one second's requests
 * through at t = 0 and then refill continuously).
 */
export class PerSecondQuota {
  private second = -1;
  private used = 0;

  constructor(readonly perSecond: number) {}

  /** True when the request at `now` (ms) fits this second's quota, and counts it. */
  admit(now: number): boolean {
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      this.second = second;
      this.used = 0;
    }
    if (this.used >= this.perSecond) return false;
    this.used++;
    return true;
  }
}
