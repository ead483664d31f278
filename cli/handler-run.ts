/**
 * Running a scenario whose functions name real handler code (docs/handlers.md):
 * start the worker pool (loaded only then, to keep start-up light), load every
 * handler before anything runs (a missing export is an input error located at
 * the function's `handler:`), run with the loop awaiting the pool, and close
 * the pool whatever happens. The report says how the code ran.
 */
import { runScenario, runScenarioAsync, type RunOptions } from '../core/engine/run-scenario.js';
import type { AdapterRegistry } from '../core/engine/registry.js';
import { InputError } from '../core/errors.js';
import type { Report } from '../core/report/build-report.js';
import type { LoadedScenario } from '../core/scenario/load.js';

export interface HandlerRunArgs {
  /** `--workers`, as typed. */
  workers?: string | undefined;
  /** `--handler-logs FILE`. */
  handlerLogs?: string | undefined;
}

/** `--workers N`: a whole number from 1 to 1,024. */
export function parseWorkers(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = String(text).trim();
  const n = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || n < 1 || n > 1024) {
    throw new InputError('SLSIM_ERR_BAD_VALUE', `--workers must be a whole number from 1 to 1024, got "${text}"`);
  }
  return n;
}

export async function runWithHandlers(loaded: LoadedScenario, registry: AdapterRegistry, options: RunOptions, args: HandlerRunArgs): Promise<Report> {
  const workers = parseWorkers(args.workers);
  const withCode = loaded.scenario.functions.filter((f) => f.handler !== null);
  if (withCode.length === 0) return runScenario(loaded, registry, options);
  const [{ HandlerPool }, { HandlerLogFile }] = await Promise.all([import('../handlers/pool.js'), import('../handlers/handler-logs.js')]);
  let logs;
  if (args.handlerLogs !== undefined) {
    try {
      logs = new HandlerLogFile(args.handlerLogs, loaded.scenario.startEpochMs);
    } catch (error) {
      throw new InputError('SLSIM_ERR_FILE', `cannot write the handler logs: ${(error as Error).message}`, { file: args.handlerLogs });
    }
  }
  const { region, account } = loaded.scenario;
  const pool = new HandlerPool(loaded.scenario.functions, { workers, logs, region, accountId: account.id });
  try {
    await prepareOrRefuse(pool, loaded);
    const report = await runScenarioAsync(loaded, registry, { ...options, handlers: pool });
    const measured = withCode.filter((f) => f.handler!.durationFrom === 'measured' || f.handler!.initFrom === 'measured');
    report.engine.handlerCode = {
      functions: withCode.map((f) => f.name),
      workers: pool.workers,
      calls: pool.calls,
      logLines: pool.logLines,
      reproducible: measured.length === 0,
      ...(measured.length > 0
        ? {
            note: `not reproducible: ${measured.map((f) => f.name).join(', ')} ${measured.length === 1 ? 'takes' : 'take'} time from measurement (durationFrom or initFrom: measured)`,
          }
        : {}),
    };
    return report;
  } finally {
    await pool.close();
  }
}

/** `slsim validate`: every handler module loads and has its export (one worker, nothing run). */
export async function checkHandlers(loaded: LoadedScenario): Promise<void> {
  if (!loaded.scenario.functions.some((f) => f.handler !== null)) return;
  const { HandlerPool } = await import('../handlers/pool.js');
  const pool = new HandlerPool(loaded.scenario.functions, { workers: 1 });
  try {
    await prepareOrRefuse(pool, loaded);
  } finally {
    await pool.close();
  }
}

/** Loads every handler once; the first that cannot load is an input error at its `handler:` line. */
async function prepareOrRefuse(pool: import('../handlers/pool.js').HandlerPool, loaded: LoadedScenario): Promise<void> {
  const problems = await pool.prepare(loaded.scenario.functions);
  if (problems.length === 0) return;
  const { functionName, message } = problems[0]!;
  throw new InputError('SLSIM_ERR_HANDLER', `cannot load the handler: ${message}`, loaded.locate(`/functions/${functionName}/handler`));
}
