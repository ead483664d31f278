/**
 * The schedule adapter through the adapter test kit (slsim/testing), as a
 * third party would test theirs: configs that load, configs refused with the
 * message a user sees, and runs whose ledgers balance, whose payload fits the
 * Scheduled Event schema and whose report is the same for the same seed.
 */
import { describe, it } from 'vitest';
import { AdapterTester } from '../../testing/index.js';
import { scheduleAdapter } from './index.js';

new AdapterTester(scheduleAdapter, { describe, it, functions: { job: { duration: '1s' } } }).run({
  valid: [
    { expression: 'rate(5 minutes)', targets: ['job'] },
    { expression: 'rate(1 hour)', targets: ['job'] },
    { expression: 'cron(0 9 ? * MON-FRI *)', timezone: 'America/New_York', targets: ['job'] },
    { name: 'a schedule may target a queue', config: { expression: 'cron(*/15 * * * ? *)', targets: ['jobs'] }, sources: { jobs: { type: 'sqs' } } },
  ],
  invalid: [
    { config: { expression: 'rate(1 minutes)', targets: ['job'] }, errors: ['/expression: rate(1 minutes): use the singular unit when the value is 1: rate(1 minute)'] },
    { config: { expression: 'rate(5 minute)', targets: ['job'] }, errors: [/use the plural unit when the value is more than 1: rate\(5 minutes\)/] },
    { config: { expression: 'every 5 minutes', targets: ['job'] }, errors: [{ path: '/expression', message: /a schedule expression is rate\(value unit\) or cron\(/ }] },
    { config: { expression: 'rate(5 minutes)', timezone: 'Mars/Olympus', targets: ['job'] }, errors: [/^\/timezone: Mars\/Olympus: not a known IANA time zone/] },
    { config: { expression: 'rate(5 minutes)', targets: ['jbo'] }, errors: ['/targets/0: "jbo" is not a function or a source of this scenario (did you mean "job"?)'] },
    { config: { expression: 'rate(5 minutes)', targets: ['job'], every: 5 }, errors: [/^\/every: unknown key "every"/] },
    { config: { targets: ['job'] }, errors: ['missing required key "expression"'] },
  ],
  runs: [
    { name: 'a rate schedule over an hour', config: { expression: 'rate(5 minutes)', targets: ['job'] }, scenarioKeys: { duration: '1h' }, seed: 7 },
    {
      name: 'weekday mornings in New York, fanned out to a function and a queue',
      scenario: `
name: weekday mornings
start: 2026-03-02T00:00:00Z
duration: 7d
functions:
  job: { duration: 1s }
  worker: { duration: 200ms, timeout: 10s }
sources:
  mornings:
    type: schedule
    expression: cron(0 9 ? * MON-FRI *)
    timezone: America/New_York
    targets: [job, jobs]
  jobs:
    type: sqs
    visibilityTimeout: 1m
    consumer: { function: worker }
expect:
  - sources.mornings.TriggeredRules == 5
`,
    },
  ],
});
