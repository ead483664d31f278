/**
 * The layout rules that keep the project honest: every adapter folder is
 * complete and registered; core/ never imports adapters/ or cli/; simulation
 * code never reads the wall clock or Math.random; every error code is
 * documented in docs/errors.md.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInAdapters } from '../adapters/index.js';
import { ERROR_CODES } from '../core/errors.js';

const root = join(import.meta.dirname, '..');

function files(dir: string, ext = '.ts'): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .map((f) => join(dir, f));
}

describe('adapters', () => {
  const folders = readdirSync(join(root, 'adapters')).filter((f) => statSync(join(root, 'adapters', f)).isDirectory());

  it.each(folders)('adapters/%s has index.ts, schema.json, README.md and tests, and is registered', (folder) => {
    const contents = readdirSync(join(root, 'adapters', folder));
    expect(contents).toContain('index.ts');
    expect(contents).toContain('schema.json');
    expect(contents).toContain('README.md');
    expect(contents.some((f) => f.endsWith('.test.ts'))).toBe(true);
    const adapter = builtInAdapters.find((a) => a.meta.type === folder);
    expect(adapter, `adapters/${folder} is not in adapters/index.ts`).toBeDefined();
    const schema = JSON.parse(readFileSync(join(root, 'adapters', folder, 'schema.json'), 'utf8'));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.type).toStrictEqual({ const: folder });
  });

  it('registers no adapter without a folder', () => {
    expect(builtInAdapters.map((a) => a.meta.type).sort()).toStrictEqual([...folders].sort());
  });
});

describe('core', () => {
  it('never imports from adapters/ or cli/', () => {
    for (const file of files('core')) {
      const text = readFileSync(join(root, file), 'utf8');
      expect(text, file).not.toMatch(/from '(\.\.\/)+(adapters|cli)\//);
    }
  });

  it('simulation code never reads the wall clock or Math.random', () => {
    const simulationCode = [...files('core'), ...files('adapters')].filter(
      (f) => !f.endsWith('.test.ts') && f !== join('core', 'engine', 'run-scenario.ts'),
    );
    for (const file of simulationCode) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const forbidden of [/Math\.random\(/, /Date\.now\(/, /new Date\(\)/, /performance\.now\(/, /setTimeout\(/, /setInterval\(/]) {
        expect(text, `${relative(root, join(root, file))} uses ${forbidden}`).not.toMatch(forbidden);
      }
    }
  });
});

describe('error catalogue', () => {
  const docs = readFileSync(join(root, 'docs', 'errors.md'), 'utf8');

  it('documents every code', () => {
    for (const code of Object.keys(ERROR_CODES)) expect(docs, code).toContain(code);
  });

  it('uses no code that is not in the catalogue', () => {
    const used = new Set<string>();
    for (const file of [...files('core'), ...files('adapters'), ...files('cli')]) {
      for (const match of readFileSync(join(root, file), 'utf8').matchAll(/'(SLSIM_ERR_[A-Z_]+)'/g)) used.add(match[1]!);
    }
    for (const code of used) expect(Object.keys(ERROR_CODES), code).toContain(code);
  });
});
