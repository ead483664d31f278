/**
 * The built-in source adapters by type, each imported only when a scenario
 * uses it: a run that uses invoke sources does not load the SQS, Kinesis or
 * cron code (docs/performance.md, "bench start-up"). adapters/index.ts lists
 * the same adapters loaded (builtInAdapters); a test checks that both agree.
 */
import type { SourceAdapter } from '../core/engine/adapter-contract.js';
import { AdapterRegistry, type AnnouncedAdapter } from '../core/engine/registry.js';

/** A built-in type: its name, whether it is a destination (its meta.destination), and its module. */
function builtIn(type: string, destination: boolean, load: () => Promise<SourceAdapter<any>>): AnnouncedAdapter {
  return { type, destination, load: load as () => Promise<SourceAdapter> };
}

export const builtInAnnouncements: readonly AnnouncedAdapter[] = [
  builtIn('invoke', false, async () => (await import('./invoke/index.js')).invokeAdapter),
  builtIn('schedule', false, async () => (await import('./schedule/index.js')).scheduleAdapter),
  builtIn('sqs', true, async () => (await import('./sqs/index.js')).sqsAdapter),
  builtIn('kinesis', false, async () => (await import('./kinesis/index.js')).kinesisAdapter),
  builtIn('s3', false, async () => (await import('./s3/index.js')).s3Adapter),
  builtIn('sns', true, async () => (await import('./sns/index.js')).snsAdapter),
  builtIn('api', false, async () => (await import('./api/index.js')).apiAdapter),
  builtIn('cognito', false, async () => (await import('./cognito/index.js')).cognitoAdapter),
];

/**
 * A registry that knows every built-in type and has loaded those `types`
 * names (every one without it), then the adapters at `adapterPaths`. The
 * others load when asked for (AdapterRegistry.ready).
 */
export async function createRegistry(adapterPaths: readonly string[] = [], types?: Iterable<string>): Promise<AdapterRegistry> {
  const registry = new AdapterRegistry();
  for (const announced of builtInAnnouncements) registry.announce(announced);
  await registry.ready(types);
  for (const path of adapterPaths) await registry.load(path);
  return registry;
}
