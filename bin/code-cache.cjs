// V8 code caches of the files the build generates (docs/performance.md,
// start-up), shared by the command's bundle loader (load-bundle.cjs), the
// loader of the yaml bundle and the validators (core/scenario/code-cache.ts)
// and the build (tools/code-caches.mjs). FILE.cache starts with one line:
// `slsim-code-cache`, the hash the file's own first line names (the build
// writes it from the rest of the file, tools/generated-file.mjs), and the
// length of V8's data, which follows; spaces pad the line to a multiple of 8
// bytes, so that V8's data lies aligned in the buffer read and V8 uses it in
// place rather than copying it. A cache is used only when both match: made
// for this build of the file, and whole (not cut short). V8 itself then
// checks its version, its flags and the text's length.
//
// Nothing checks the content of the data: hashing it at each start would load
// node:crypto or node:zlib (with Node's stream modules, 3 to 6 ms), as much as
// the caches save. V8 trusts a cache that passes those checks, so a cache file
// damaged in place (not cut short) could crash the command; building again
// (npm run build) or reinstalling mends it. A generated file is changed by
// building it again, never by hand, as its first line says.
//
// Files are read into two buffers reused from one file to the next, and each
// file's text is read with its CommonJS wrapper already around it, so that
// V8 gets one flat string and joins nothing: on small virtual machines the
// first write to fresh memory (a page fault) costs far more than copying, and
// a start that reads a fresh buffer for every file spends milliseconds on it.
'use strict';
const { closeSync, fstatSync, openSync, readSync, writeFileSync } = require('node:fs');
const { Script } = require('node:vm');

const NEWLINE = 0x0a;
/** Node's module wrapper, on the file's first line (line numbers stay the file's). The sixth argument is the command bundle's `import()` (load-bundle.cjs); the other generated files take none. */
const HEAD = '(function (exports, require, module, __filename, __dirname, __slsimImport) {';
const TAIL = '\n})';
/** V8 uses cached data in place when it lies on an 8-byte boundary. */
const ALIGN = 8;

const buffers = { text: Buffer.alloc(0), cache: Buffer.alloc(0) };

/** Reads `file` whole into the reused buffer `which`, at `offset`, leaving `room` bytes after it; returns the buffer and the file's size. */
function readInto(file, which, offset, room) {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    // Grown to the largest file read so far; a buffer left behind is freed by V8 as any other.
    if (buffers[which].length < offset + size + room) buffers[which] = Buffer.allocUnsafeSlow(offset + size + room);
    const buffer = buffers[which];
    let read = 0;
    for (let n = -1; read < size && n !== 0; read += n) n = readSync(fd, buffer, offset + read, size - read, null);
    return { buffer, size: read };
  } finally {
    closeSync(fd);
  }
}

/** The hash a generated file's first line ends with (its build). */
function hashOf(bytes) {
  const header = bytes.toString('latin1', 0, Math.max(0, bytes.indexOf(NEWLINE)));
  return header.slice(header.lastIndexOf(' ') + 1);
}

/** The first line of the cache of a file of build `hash` whose V8 data is `length` bytes long, padded to ALIGN. */
function keyOf(hash, length) {
  const line = `slsim-code-cache ${hash} ${length}`;
  return `${line.padEnd(Math.ceil((line.length + 1) / ALIGN) * ALIGN - 1)}\n`;
}

/** V8's data in FILE.cache when it was made for build `hash` of the file and is whole, else undefined. It lies in a reused buffer: valid until the next read. */
function cacheFor(file, hash) {
  let read;
  try {
    read = readInto(`${file}.cache`, 'cache', 0, 0);
  } catch {
    return undefined;
  }
  const cache = read.buffer.subarray(0, read.size);
  const end = cache.indexOf(NEWLINE) + 1;
  if (end === 0) return undefined;
  const data = cache.subarray(end);
  return cache.toString('latin1', 0, end) === keyOf(hash, data.length) ? data : undefined;
}

/**
 * Reads and compiles a generated CommonJS file, with its cache unless
 * `withCache` is false. `encoding`: 'latin1' for a file known to be pure
 * ASCII (the command's bundle), else 'utf8'. Returns the script and the
 * file's build hash (for writeCache); throws as readFileSync does when the
 * file cannot be read.
 */
function compileFile(file, encoding, withCache = true) {
  const { buffer, size } = readInto(file, 'text', HEAD.length, TAIL.length);
  buffer.write(HEAD, 0, 'latin1');
  buffer.write(TAIL, HEAD.length + size, 'latin1');
  const hash = hashOf(buffer.subarray(HEAD.length, HEAD.length + size));
  const text = buffer.toString(encoding, 0, HEAD.length + size + TAIL.length);
  return { script: new Script(text, { filename: file, cachedData: withCache ? cacheFor(file, hash) : undefined }), hash };
}

/** Writes FILE.cache for build `hash` of a file: V8's cache of `script` (compiled from it) with what it has compiled so far. */
function writeCache(file, hash, script) {
  const data = script.createCachedData();
  writeFileSync(`${file}.cache`, Buffer.concat([Buffer.from(keyOf(hash, data.length), 'latin1'), data]));
}

module.exports = { compileFile, writeCache };
