/**
 * slsim's own version, from its package.json: two folders up from dist/cli/
 * (the build), one from cli/ (the tests read the sources). Read by
 * `--version`, answered without loading yargs (main.ts), and by yargs' help.
 */
import { existsSync, readFileSync } from 'node:fs';

export function packageVersion(): string {
  const manifest = [new URL('../../package.json', import.meta.url), new URL('../package.json', import.meta.url)].find((url) => existsSync(url))!;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
