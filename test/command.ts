/**
 * Running the built `slsim` command as a user would, for the command-line
 * tests (npm test builds first): a child process of bin/slsim.cjs, colours
 * off, with its exit code and both outputs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'slsim.cjs');
const env = { ...process.env, NO_COLOR: '1' };

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `slsim ARGS` in `cwd` (the project by default) and waits for it. */
export function slsimIn(cwd: string, args: readonly string[]): CommandResult {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `slsim ARGS` in the project folder. */
export function slsim(...args: string[]): CommandResult {
  return slsimIn(root, args);
}

/** The same, without blocking: several run side by side, as a CI matrix would. */
export function slsimAsync(...args: string[]): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
