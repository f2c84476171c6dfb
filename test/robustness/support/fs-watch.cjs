// Preloaded into the foilint CLI by the robustness tests (node --require). Logs every call that
// can change the file system, as JSON lines, to $FOILINT_FS_LOG, and injects faults on request:
//   FOILINT_FAIL_RENAME=1        renameSync throws EACCES (a write that cannot complete)
//   FOILINT_UNREADABLE=<name>    reading a file of that base name throws EACCES (as chmod 000 does
//                                for a user other than root)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { threadId } = require('node:worker_threads');

const logFile = process.env.FOILINT_FS_LOG;
const original = {};
const WRITE_FLAGS = /[wa+]/;

// Node's fs calls itself (appendFileSync → writeFileSync → openSync): log the outermost call only.
let depth = 0;
function outermost(fn) {
  depth++;
  try {
    return fn(depth === 1);
  } finally {
    depth--;
  }
}

function log(op, args) {
  if (!logFile) return;
  depth++;
  const entry = { op, thread: threadId, args: args.map((a) => (typeof a === 'string' || typeof a === 'number' ? a : Buffer.isBuffer(a) ? `<${a.length} bytes>` : a && typeof a === 'object' ? JSON.stringify(a).slice(0, 80) : String(a))) };
  try {
    original.appendFileSync(logFile, JSON.stringify(entry) + '\n');
  } finally {
    depth--;
  }
}

const WRITERS = ['writeFileSync', 'appendFileSync', 'renameSync', 'unlinkSync', 'rmSync', 'rmdirSync', 'mkdirSync', 'mkdtempSync', 'copyFileSync', 'cpSync', 'chmodSync', 'chownSync', 'symlinkSync', 'linkSync', 'truncateSync', 'utimesSync', 'writeFile', 'appendFile', 'rename', 'unlink', 'rm', 'mkdir', 'copyFile', 'chmod', 'symlink', 'truncate', 'utimes', 'createWriteStream'];
for (const name of WRITERS) {
  if (typeof fs[name] !== 'function') continue;
  original[name] = fs[name];
  fs[name] = function (...args) {
    return outermost((outer) => {
      if (outer) log(name, args);
      if (name === 'renameSync' && process.env.FOILINT_FAIL_RENAME) {
        const err = new Error(`EACCES: permission denied, rename '${args[0]}' -> '${args[1]}'`);
        err.code = 'EACCES';
        throw err;
      }
      return original[name].apply(this, args);
    });
  };
}
for (const name of ['openSync', 'open']) {
  original[name] = fs[name];
  fs[name] = function (file, flags, ...rest) {
    return outermost((outer) => {
      if (outer && typeof flags === 'string' && WRITE_FLAGS.test(flags)) log(name, [file, flags]);
      else if (outer && typeof flags === 'number' && flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT)) log(name, [file, flags]);
      return original[name].call(this, file, flags, ...rest);
    });
  };
}
const unreadable = process.env.FOILINT_UNREADABLE;
if (unreadable) {
  const readFileSync = fs.readFileSync;
  fs.readFileSync = function (file, ...rest) {
    if (typeof file === 'string' && path.basename(file) === unreadable) {
      const err = new Error(`EACCES: permission denied, open '${file}'`);
      err.code = 'EACCES';
      throw err;
    }
    return readFileSync.call(this, file, ...rest);
  };
}
for (const name of ['writeFile', 'appendFile', 'rename', 'unlink', 'rm', 'mkdir', 'open']) {
  if (!fs.promises[name]) continue;
  const orig = fs.promises[name];
  fs.promises[name] = function (...args) {
    if (name !== 'open' || (typeof args[1] === 'string' && WRITE_FLAGS.test(args[1]))) log(`promises.${name}`, args);
    return orig.apply(this, args);
  };
}
