/**
 * The reference workload of docs/performance.md as a scenario: one 128 MB function,
 * sync Poisson arrivals at 5,000 a second, exponential 100 ms handlers, INIT
 * 250 ms, idle timeout 10 min, as long as it takes to make `invocations`.
 * bench/reference.ts runs it in process, bench/startup.ts through the command.
 */
export function referenceYaml(invocations: number): string {
  const seconds = invocations / 5000;
  return `
name: reference workload
duration: ${seconds}s
functions:
  f:
    memory: 128
    duration: { dist: exponential, mean: 100ms }
    coldStart: { init: 250ms, idleTimeout: 10m }
sources:
  api:
    type: invoke
    targets: [f]
    load: { phases: [ { duration: ${seconds}s, arrivalRate: 5000 } ] }
`;
}
