/**
 * Memory changes speed (docs/aws-model.md, "Memory and CPU"): Lambda gives
 * a function CPU in proportion to its memory, one full vCPU at 1,769 MB, up
 * to 6 vCPUs at 10,240 MB. A CPU-bound handler whose run time was measured at
 * `durationAt` MB runs at another memory size in the ratio of the CPU it can
 * use there.
 *
 * Code that keeps `threads` vCPUs busy can use at most that many: its speed
 * at `m` MB is min(m / 1,769, threads) vCPUs. Single-threaded code (the
 * default) stops getting faster at 1,769 MB; more memory then only costs more.
 * INIT is not scaled: measured INITs get about two unthrottled vCPUs whatever
 * the memory (docs/aws-model.md, "Memory and CPU").
 */

/** Memory (MB) that buys one full vCPU. */
export const MB_PER_VCPU = 1769;

/**
 * The factor a handler time measured at `measuredAtMb` is multiplied by at
 * `memoryMb`, for code that keeps `threads` vCPUs busy. 1 when the two sizes
 * give the code the same CPU.
 */
export function durationScale(memoryMb: number, measuredAtMb: number, threads = 1): number {
  const cap = MB_PER_VCPU * threads;
  return Math.min(measuredAtMb, cap) / Math.min(memoryMb, cap);
}
