/** Turns the command line's files, folders and globs into the sorted list of letters to lint. */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { describeIoError, isBrokenSymlink } from './process-file.js';
import type { Notice } from './types.js';

export const LETTER_GLOBS = ['**/*.md', '**/*.markdown', '**/*.txt'];
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

export interface Expanded {
  /** Absolute paths, with the input that named each explicitly marked. */
  files: { absPath: string; explicit: boolean }[];
  notices: Notice[];
}

const inIgnoredFolder = (abs: string) => abs.split(sep).some((part) => part === 'node_modules' || part === '.git');

export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel === '' ? '.' : rel;
}

const LETTER_EXT = /\.(md|markdown|txt)$/i;

/** Symbolic links named like letters whose target is missing, under a folder (not following links). */
function brokenLetterLinks(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isSymbolicLink() && LETTER_EXT.test(e.name) && isBrokenSymlink(p)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function expandInputs(inputs: string[], cwd: string): Expanded {
  const files = new Map<string, boolean>();
  const notices: Notice[] = [];
  const add = (abs: string, explicit: boolean) => files.set(abs, (files.get(abs) ?? false) || explicit);
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    let exists = true;
    try {
      lstatSync(abs);
    } catch (err) {
      exists = false;
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && (err as NodeJS.ErrnoException).code !== 'ENOTDIR') {
        notices.push({ level: 'error', text: `${input}: ${describeIoError(err)}` });
        continue;
      }
    }
    if (exists) {
      if (isBrokenSymlink(abs)) {
        notices.push({ level: 'error', text: `${input}: is a broken symbolic link (its target is missing); fix or remove the link` });
        continue;
      }
      let isDir: boolean;
      try {
        isDir = statSync(abs).isDirectory();
      } catch (err) {
        notices.push({ level: 'error', text: `${input}: ${describeIoError(err)}` });
        continue;
      }
      if (!isDir) {
        add(abs, true);
        continue;
      }
      let found: string[];
      try {
        found = globSync(LETTER_GLOBS, { cwd: abs, absolute: true, dot: true, ignore: ALWAYS_IGNORED, onlyFiles: true, followSymbolicLinks: true });
      } catch (err) {
        notices.push({ level: 'error', text: `${input}: ${describeIoError(err)}` });
        continue;
      }
      found = found.map((f) => resolve(f)).filter((f) => !inIgnoredFolder(relative(abs, f)));
      // The glob skips links whose target is missing; find them so they get their own message.
      found.push(...brokenLetterLinks(abs));
      if (!found.length) {
        notices.push({ level: 'error', text: `${input}: folder has no letters (*.md, *.markdown, *.txt); give a folder or files that hold letters` });
        continue;
      }
      for (const f of found) add(f, false);
      continue;
    }
    if (isDynamicPattern(input)) {
      const found = globSync([input], { cwd, absolute: true, dot: true, ignore: ALWAYS_IGNORED, onlyFiles: true, followSymbolicLinks: true })
        .map((f) => resolve(f))
        .filter((f) => !inIgnoredFolder(relative(cwd, f)));
      if (!found.length) {
        notices.push({ level: 'error', text: `${input}: no files match this pattern; check the pattern (quote it so the shell does not expand it)` });
        continue;
      }
      for (const f of found) add(f, false);
      continue;
    }
    notices.push({ level: 'error', text: `${input}: no such file or folder; check the path` });
  }
  return { files: [...files].map(([absPath, explicit]) => ({ absPath, explicit })), notices };
}
