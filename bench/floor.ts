/**
 * The speed floor of a JavaScript discrete-event loop: Poisson arrivals into
 * an unlimited pool with exponential holding times, a binary heap of
 * completion times and a counter, nothing else. slsim's engine is measured as
 * a ratio to this loop on the same machine, which cancels the machine's speed.
 */
export function runFloor(invocations: number, ratePerSecond = 5000, meanSeconds = 0.1): number {
  let s = 0x9e3779b9 >>> 0;
  const rnd = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
  const exp = (mean: number) => -mean * Math.log(rnd());
  const heap = new Float64Array(1 << 20);
  let n = 0;
  const push = (t: number) => {
    let i = n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p]! <= t) break;
      heap[i] = heap[p]!;
      i = p;
    }
    heap[i] = t;
  };
  const pop = () => {
    const top = heap[0]!;
    const last = heap[--n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && heap[c + 1]! < heap[c]!) c++;
      if (heap[c]! >= last) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = last;
    return top;
  };
  let now = 0;
  let next = exp(1 / ratePerSecond);
  let busy = 0;
  for (let k = 0; k < invocations; ) {
    if (n > 0 && heap[0]! <= next) {
      now = pop();
      busy--;
    } else {
      now = next;
      busy++;
      push(now + exp(meanSeconds));
      next = now + exp(1 / ratePerSecond);
      k++;
    }
  }
  return busy + now * 0;
}
