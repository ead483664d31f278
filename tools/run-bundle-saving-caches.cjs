// Runs the command from its bundle as bin/slsim.cjs does, and as the process
// exits writes the V8 code cache of each bundle file it loaded, holding what
// the run compiled (bin/load-bundle.cjs). Used by tools/code-caches.mjs.
'use strict';
const { join } = require('node:path');
const { loadBundle } = require('../bin/load-bundle.cjs');

loadBundle(join(__dirname, '..', 'dist', 'bundle', 'main.cjs'), true);
