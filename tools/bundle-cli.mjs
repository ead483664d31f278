// Joins the command's own ES modules (dist/cli/main.js and what it imports,
// about 75 files for a plain `slsim run`) into dist/bundle/: main.js with what
// every command needs, and one chunk per part loaded only when asked for (an
// adapter type, the console summary, yargs' help, sweeps). Node then resolves,
// reads, compiles and links a handful of files instead of each module
// (start-up time, README "Development"). Packages and node: modules stay
// imports; JSON imports are inlined. Run by `npm run build` after tsc.
//
// Each module keeps its own `import.meta.url` (rewritten to the URL of its file
// in dist/), so files it finds beside itself (the yaml bundle, the precompiled
// validators, worker scripts) are found as before. Third-party adapters that
// import `slsim/dist/...` get the modules themselves: the error classes they
// may throw are recognised across the two copies (core/errors.ts, `brand`).
import { rmSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const outDir = `${dist}bundle`;

/** `import.meta.url` of the module `file`, written relative to the chunk the bundle puts it in (every chunk is in outDir). */
function ownUrl(file) {
  const path = relative(outDir, file).split(sep).join('/');
  return `new URL(${JSON.stringify(path)}, import.meta.url).href`;
}

rmSync(outDir, { recursive: true, force: true });
await build({
  input: { main: `${dist}cli/main.js` },
  platform: 'node',
  logLevel: 'warn',
  // Bare specifiers are packages or node: modules: left to Node.
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
  plugins: [
    {
      name: 'own-import-meta-url',
      transform(code, id) {
        if (!id.endsWith('.js') || !code.includes('import.meta.url')) return null;
        return { code: code.replaceAll('import.meta.url', ownUrl(id)), map: null };
      },
    },
  ],
  output: {
    dir: outDir,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    // The kernel, the model and the scenario loader in one chunk, whatever part uses them: a run reads three or four files.
    codeSplitting: { groups: [{ name: 'core', test: /[\\/]dist[\\/]core[\\/]/ }] },
  },
});
if (dirname(outDir) !== dist.replace(/[\\/]$/, '')) throw new Error(`unexpected bundle folder ${outDir}`);
