/**
 * `slsim/testing`: the adapter test kit (docs/adapters.md, "Test it with the kit").
 *
 *   import { AdapterTester, checkAdapter } from 'slsim/testing';
 *   AdapterTester.describe = describe; AdapterTester.it = it;   // once, or pass them in the options
 *   new AdapterTester(adapter, { functions: { worker: {} } }).run({ valid: [...], invalid: [...], runs: [...] });
 *   checkAdapter(adapter, { scenario, seed: 7 });
 */
export {
  AdapterTester,
  type AdapterTesterOptions,
  type AdapterTests,
  type DescribeFunction,
  type ExpectedProblem,
  type FoundProblem,
  type InvalidCase,
  type ItFunction,
  type RunCase,
  type TestConfig,
  type ValidCase,
} from './adapter-tester.js';
export { checkAdapter, reportJson, type CheckOptions, type CheckResult, type LedgerCheck } from './check-adapter.js';
export type { ScenarioOptions } from './scenario.js';
export { Outcome, ADAPTER_API_VERSION, SUPPORTED_API_VERSIONS } from '../core/engine/adapter-contract.js';
export type {
  AdapterMeta,
  ConfigProblem,
  DeliveryCaller,
  PayloadFacts,
  RoutedMessage,
  ScenarioFacts,
  SourceAdapter,
  SourceContext,
  SourceHooks,
} from '../core/engine/adapter-contract.js';
