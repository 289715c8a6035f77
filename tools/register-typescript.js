'use strict';
// `node -r ./tools/register-typescript.js app.ts`: runs Drydock's TypeScript sources with @swc/core,
// compiled with the options Jest uses (tools/swc-options.js) and kept on disk by content hash, so a
// process compiles only what changed since any earlier process did. npm start and the launcher start
// every Drydock process with it (five per cluster; the test suites start about a hundred clusters).
// It replaces @swc-node/register there, which loads TypeScript's compiler to read tsconfig.json
// (0.45 s of CPU per process) and, with its cache key and inline source maps, cost each API server
// start about 1.4 s more CPU than this does. node_modules are left to Node, as before.
const { transformSync } = require('@swc/core');
const { addHook } = require('pirates');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const swcOptions = require('./swc-options');

const options = { ...swcOptions, sourceMaps: 'inline' };
const salt = `${require('@swc/core/package.json').version}\0${JSON.stringify(options)}\0`;
const cacheDir = path.join(os.tmpdir(), `drydock-typescript-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);
fs.mkdirSync(cacheDir, { recursive: true });

function compile(source, filename) {
  const cached = path.join(cacheDir, `${createHash('sha1').update(salt).update(filename).update('\0').update(source).digest('hex')}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not compiled yet
  }
  const { code } = transformSync(source, { ...options, filename });
  // Written beside its final name and renamed into place: concurrent processes never read half a file.
  const partial = `${cached}.${process.pid}.partial`;
  try {
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, cached);
  } catch {
    fs.rmSync(partial, { force: true });
  }
  return code;
}

addHook(compile, { exts: ['.ts'], ignoreNodeModules: true });
