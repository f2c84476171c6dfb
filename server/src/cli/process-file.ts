/** Reads, decodes, lints and (with --fix) fixes and writes back one file. Used in-process and by
 * the workers alike, so both give the same results. */
import { appendFileSync, chmodSync, closeSync, fsyncSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fixAll, lint, type Finding, type Fix, type ResolvedConfig } from '../engine/index.js';
import { loadConfigFor, type LoadedConfig } from '../host/config.js';
import type { CliFinding, FileJob, FileResult, RangeFix, RunOptions } from './types.js';

export type Encoding = 'utf8' | 'utf16le' | 'utf16be';

export interface Decoded {
  text: string;
  bom: boolean;
  encoding: Encoding;
}

/** Decodes a letter's bytes, or says (as `error`) why they are not a text letter. */
export function decode(bytes: Uint8Array): Decoded | { error: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2), 'utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2), 'utf16be');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (body.includes(0)) return { error: 'looks like a binary file (it has NUL bytes); foilint lints text letters (.md, .markdown, .txt)' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), bom, encoding: 'utf8' };
  } catch {
    return { error: 'is not valid UTF-8 text; save it as UTF-8 and lint it again' };
  }
}

function decodeWith(label: string, body: Uint8Array, encoding: Encoding): Decoded | { error: string } {
  try {
    return { text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body), bom: true, encoding };
  } catch {
    return { error: `starts with a ${encoding === 'utf16le' ? 'UTF-16LE' : 'UTF-16BE'} byte-order mark but is not valid UTF-16; save it as UTF-8` };
  }
}

/** Encodes text back the way it was read. */
export function encode(text: string, decoded: Pick<Decoded, 'bom' | 'encoding'>): Buffer {
  if (decoded.encoding === 'utf8') return Buffer.from((decoded.bom ? '\ufeff' : '') + text, 'utf8');
  const le = Buffer.from('\ufeff' + text, 'utf16le');
  if (decoded.encoding === 'utf16be') le.swap16();
  return le;
}

/** Gives text the line endings of the original when fixes brought in the other kind. */
export function keepLineEndings(original: string, fixed: string): string {
  const crlf = (original.match(/\r\n/g) ?? []).length;
  const lf = (original.match(/\n/g) ?? []).length - crlf;
  if (crlf > lf) return fixed.replace(/\r?\n/g, '\r\n');
  if (lf > 0 && crlf === 0) return fixed.replace(/\r\n/g, '\n');
  return fixed;
}

/** A fix's edits as one range, with the text between them kept (ESLint reports one range). */
export function mergeFix(text: string, fix: Fix): RangeFix | undefined {
  const edits = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  if (!edits.length) return undefined;
  let out = '';
  let at = edits[0].start;
  for (const e of edits) {
    if (e.start > at) out += text.slice(at, e.start);
    out += e.newText;
    at = Math.max(at, e.end);
  }
  return { range: [edits[0].start, at], text: out };
}

export function toCliFindings(text: string, findings: Finding[]): CliFinding[] {
  return findings.map((f) => {
    const c: CliFinding = { ...f };
    if (f.fix) c.rangeFix = mergeFix(text, f.fix);
    if (f.suggestions?.length) {
      c.rangeSuggestions = f.suggestions.flatMap((s) => {
        const m = mergeFix(text, s);
        return m ? [{ desc: s.title, fix: m }] : [];
      });
    }
    return c;
  });
}

/** Says what an fs error means for the user, in one clause. */
export function describeIoError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder; check the path';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied); check the file\'s permissions';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ELOOP':
      return 'is a symbolic link that loops; fix or remove the link';
    default:
      return `cannot be read (${code ?? (err as Error)?.message ?? String(err)})`;
  }
}

/** Is this path a symbolic link whose target is missing? */
export function isBrokenSymlink(path: string): boolean {
  try {
    if (!lstatSync(path).isSymbolicLink()) return false;
  } catch {
    return false;
  }
  try {
    statSync(path);
    return false;
  } catch {
    return true;
  }
}

/** Writes a file atomically: a temp file in the same folder, then rename over the target. */
export function writeFileAtomic(target: string, data: string | Buffer, mode?: number): void {
  let real = target;
  try {
    real = realpathSync(target);
  } catch {
    // a new file: write it where it was named
  }
  const tmp = join(dirname(real), `.${basename(real)}.foilint-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', mode ?? 0o666);
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, real);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing left to clean
    }
    throw err;
  }
}

/** The largest letter foilint lints. Real letters are under 1 MB. A MB of prose takes about 0.8 s
 * and 100 MB of memory to lint, but a MB of Markdown table about 4 s and 450 MB (measured: 9 MB of
 * prose, 7.7 s and 1.0 GB; 10 MB of table, 39 s and 4.6 GB, past the heap of a Node on a machine
 * of 8 GB or less, so a crash). At 2 MB the worst letter stays under a gigabyte. A file over the
 * limit gets one error line and the run goes on. */
export const MAX_LETTER_BYTES = 2 * 1024 * 1024;

export function tooBig(bytes: number): string {
  return `is ${(bytes / (1024 * 1024)).toFixed(1)} MB, over foilint's limit of ${MAX_LETTER_BYTES / (1024 * 1024)} MB for one letter; check it is a letter (letters are rarely over 1 MB)`;
}

/** Test hook: runs between reading a file and writing its fixes (to provoke the "changed on disk" refusal). */
const beforeWriteHook = process.env.FOILINT_TEST_BEFORE_WRITE;

function unchanged(absPath: string, before: Stats, bytes: Buffer): boolean {
  try {
    const now = statSync(absPath);
    if (now.mtimeMs !== before.mtimeMs || now.size !== before.size) return false;
    return readFileSync(absPath).equals(bytes);
  } catch {
    return false;
  }
}

/** Configs already resolved in this run, by folder: finding a letter's config walks up the
 * folders (four file checks a level), and a run lints many letters per folder. */
const configByFolder = new Map<string, LoadedConfig>();

/** The config for a letter, looked up once per folder and run (config files do not change during
 * a run). */
export function configForLetter(absPath: string, opts: Pick<RunOptions, 'configPath' | 'ruleOverrides'>): LoadedConfig {
  const key = `${dirname(absPath)}\0${opts.configPath ?? ''}\0${JSON.stringify(opts.ruleOverrides ?? {})}`;
  let loaded = configByFolder.get(key);
  if (!loaded) configByFolder.set(key, (loaded = loadConfigFor(absPath, { configPath: opts.configPath, ruleOverrides: opts.ruleOverrides })));
  return loaded;
}

/** Forgets the configs of the last run (a new run may follow config changes in the same process). */
export function startRun(): void {
  configByFolder.clear();
}

/** Lints (and with opts.fix, fixes) text already decoded. */
export function lintText(text: string, path: string | undefined, config: ResolvedConfig, doFix: boolean): { text: string; findings: Finding[]; fixed: number } {
  if (!doFix) return { text, findings: lint(text, { path, config }).findings, fixed: 0 };
  const r = fixAll(text, { path, config });
  return { text: r.text, findings: r.report.findings, fixed: r.fixed };
}

export function processFile(job: FileJob, opts: RunOptions): FileResult {
  const result: FileResult = { filePath: job.filePath, linted: false, findings: [], notices: [], fixed: 0 };
  const fail = (text: string, level: 'error' | 'warning' = 'error') => {
    result.notices.push({ level, text: `${job.filePath}: ${text}` });
    return result;
  };
  if (isBrokenSymlink(job.absPath)) return fail('is a broken symbolic link (its target is missing); fix or remove the link');
  let stats: Stats;
  let bytes: Buffer;
  try {
    stats = statSync(job.absPath);
    if (stats.isDirectory()) return fail('is a folder, not a file');
    // A pipe or a device (/dev/zero) would block or never end: lint regular files only.
    if (!stats.isFile()) return fail('is not a regular file (a pipe, socket or device); foilint lints letter files');
    if (stats.size > MAX_LETTER_BYTES) return fail(tooBig(stats.size));
    bytes = readFileSync(job.absPath);
  } catch (err) {
    return fail(describeIoError(err));
  }
  if (bytes.length === 0) return fail('is empty; nothing to lint', 'warning');
  const decoded = decode(bytes);
  if ('error' in decoded) return fail(decoded.error);
  if (!decoded.text.trim()) return fail('has only white space; nothing to lint', 'warning');
  const { config } = configForLetter(job.absPath, opts);
  const out = lintText(decoded.text, job.absPath, config, opts.fix);
  result.linted = true;
  result.fixed = out.fixed;
  let finalText = out.text;
  if (opts.fix && out.text !== decoded.text) {
    finalText = keepLineEndings(decoded.text, out.text);
    if (beforeWriteHook) {
      appendFileSync(job.absPath, beforeWriteHook);
    }
    if (!unchanged(job.absPath, stats, bytes)) {
      result.notices.push({ level: 'error', text: `${job.filePath}: changed on disk while foilint was fixing it; fixes not written, run foilint --fix again` });
      result.findings = toCliFindings(decoded.text, lint(decoded.text, { path: job.absPath, config }).findings);
      result.fixed = 0;
      return result;
    }
    try {
      writeFileAtomic(job.absPath, encode(finalText, decoded), stats.mode & 0o7777);
    } catch (err) {
      result.notices.push({ level: 'error', text: `${job.filePath}: fixes could not be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); the file is unchanged` });
      result.findings = toCliFindings(decoded.text, lint(decoded.text, { path: job.absPath, config }).findings);
      result.fixed = 0;
      return result;
    }
    if (finalText !== out.text) {
      // Line endings were restored: report positions of the text as written.
      result.findings = toCliFindings(finalText, lint(finalText, { path: job.absPath, config }).findings);
      return result;
    }
  }
  result.findings = toCliFindings(finalText, out.findings);
  return result;
}
