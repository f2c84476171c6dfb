/** foilint's command line: finds letters, lints (and fixes) them, reports, and sets the exit code.
 * The lint logic is the engine's; this file only does files, options and output. */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { listRules, type RuleMeta, type RuleSetting, type SeveritySetting } from '../engine/index.js';
import { ConfigError, loadConfigFor } from '../host/config.js';
import { packageRoot } from '../host/package-root.js';
import { embeddedRules } from '../host/rules-snapshot.js';
import { FORMAT_NAMES, countSeverities, formatters, streaming, type FormatName, type FormatContext } from './formatters/index.js';
import { displayPath, expandInputs } from './inputs.js';
import { MAX_LETTER_BYTES, configForLetter, decode, encode, keepLineEndings, lintText, processFile, startRun, tooBig, toCliFindings, writeFileAtomic } from './process-file.js';
import type { FileJob, FileResult, Notice, RunOptions } from './types.js';
import { MAIN_THREAD_LETTER_BYTES, runPool } from './pool.js';
import { runNew } from './new-command.js';
import { checkTemplates, formatTemplateTable, listTemplates } from './templates-command.js';

/** Below this many files, linting in-process is faster than starting workers. */
export const FILES_PER_WORKER = 50;

const USAGE = `Usage: foilint [options] [files | folders | globs ...]
       foilint new --template <id> --request <file> [options]   (\`foilint new --help\`)

Lints UK Freedom of Information response letters. With no inputs, lints the letters
(*.md, *.markdown, *.txt) under the current folder.

Options:
  -c, --config <file>        Use this config file instead of the nearest .foilintrc.*
      --fix                  Apply safe fixes to the files (atomically), then report what is left
  -f, --format <name>        Output format: stylish (default), json, sarif, junit, github
  -o, --output-file <file>   Write the report to this file instead of stdout
      --max-warnings <n>     Exit with code 1 when there are more than n warnings
      --rule <id:severity>   Set a rule's severity (error, warning, info, off); repeatable
      --stdin                Lint the text on stdin (with --fix, print the fixed text)
      --stdin-filename <f>   The path stdin stands for (finds its config and names it)
      --list-rules           List the rules: id, default severity, fixable, description
      --print-config <file>  Print the config that applies to this letter, as JSON
      --list-templates       List the templates a letter here may name: id, version, regime,
                             file, description (with --format json: as JSON)
      --check-templates      Check every template (bundled and the config's templatesDir); exit
                             2 on an invalid one, with file:line:column
  -q, --quiet                Report errors only
      --no-color             Do not colour the output (also: NO_COLOR set, or not a terminal)
      --color                Colour the output even when it is not a terminal
  -v, --version              Print foilint's version
  -h, --help                 Print this help
      --debug                Print stack traces and run details on stderr

Exit codes: 0 no errors (and warnings within --max-warnings); 1 errors found, or too many
warnings; 2 a usage, config or file problem, or no letters found.
`;

class UsageError extends Error {}

interface Output {
  out(s: string | Buffer): void;
  err(s: string): void;
}

/** Set when the reader of standard output has gone (`foilint letters | head`): the run goes on to
 * the end (a --fix run finishes its letters) and its exit code stands, but prints nothing more. */
let stdoutClosed = false;

const stdio: Output = {
  out: (s) => {
    if (!stdoutClosed) process.stdout.write(s);
  },
  err: (s) => void process.stderr.write(s),
};

/** A closed pipe on standard output is the reader saying "enough", not a failure to report with a
 * stack trace; any other write error still is one. */
function quietOnClosedPipe(): void {
  if (process.stdout.listenerCount('error') > 0) return;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    stdoutClosed = true;
  });
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

const SEVERITIES: SeveritySetting[] = ['error', 'warning', 'info', 'off'];

function parseRuleOverrides(values: string[] | undefined, metas: RuleMeta[]): Record<string, RuleSetting> | undefined {
  if (!values?.length) return undefined;
  const ids = new Set(metas.map((m) => m.id));
  const out: Record<string, RuleSetting> = {};
  for (const v of values) {
    const at = v.lastIndexOf(':');
    if (at <= 0) throw new UsageError(`--rule "${v}": write it as id:severity, e.g. --rule placeholder:warning`);
    const id = v.slice(0, at).trim();
    const severity = v.slice(at + 1).trim() as SeveritySetting;
    if (!ids.has(id)) throw new UsageError(`--rule "${v}": unknown rule id "${id}"; run \`foilint --list-rules\` for the ids`);
    if (!SEVERITIES.includes(severity)) throw new UsageError(`--rule "${v}": unknown severity "${severity}"; use error, warning, info or off`);
    out[id] = severity;
  }
  return out;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', short: 'c' },
        fix: { type: 'boolean' },
        format: { type: 'string', short: 'f' },
        'output-file': { type: 'string', short: 'o' },
        'max-warnings': { type: 'string' },
        rule: { type: 'string', multiple: true },
        stdin: { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        'list-rules': { type: 'boolean' },
        'print-config': { type: 'string' },
        'list-templates': { type: 'boolean' },
        'check-templates': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        'no-color': { type: 'boolean' },
        color: { type: 'boolean' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
        debug: { type: 'boolean' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0].split('. ')[0].replace(/\.$/, ''));
  }
}

function listRulesTable(metas: RuleMeta[]): string {
  const rows = [['RULE', 'SEVERITY', 'FIXABLE', 'DESCRIPTION'], ...metas.map((m) => [m.id, m.defaultSeverity, m.fixable, m.description])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join('  ')).join('\n') + '\n';
}

function summariseConfig(path: string, options: { configPath?: string; ruleOverrides?: Record<string, RuleSetting> }): string {
  const abs = resolve(path);
  const loaded = loadConfigFor(abs, options);
  const { templates, packs, ...rest } = loaded.config;
  const summary = {
    configFiles: loaded.files,
    ignored: loaded.isIgnored(abs),
    ...rest,
    templates: Object.fromEntries(
      Object.entries(templates)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([id, t]) => [id, { version: t.version, description: t.description, sections: t.sections.map((s) => s.id) }]),
    ),
    // The packs are long legal data; name them and their versions, the files hold the rest.
    packs: Object.fromEntries(Object.entries(packs).map(([id, p]) => [id, { title: p!.title, version: p!.version, effective: p!.effective, regulator: p!.regulator.id }])),
  };
  return JSON.stringify(summary, null, 2) + '\n';
}

export async function main(argv: string[], io: Output = stdio): Promise<number> {
  if (io === stdio) quietOnClosedPipe();
  // \`foilint new\` starts a letter; everything else lints. (A file named "new" is ./new.)
  if (argv[0] === 'new') return runNew(argv.slice(1), io);
  const debug = argv.includes('--debug');
  try {
    return await run(argv, io, debug);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`foilint: ${err.message}; run \`foilint --help\` for the options\n`);
    } else if (err instanceof ConfigError || (err as Error)?.name === 'ConfigError') {
      io.err(`foilint: ${(err as Error).message}\n`);
    } else {
      io.err(`foilint: internal error: ${(err as Error)?.message ?? String(err)}${debug ? '' : ' (run with --debug for details)'}\n`);
    }
    if (debug && (err as Error)?.stack) io.err(`${(err as Error).stack}\n`);
    return 2;
  }
}

async function run(argv: string[], io: Output, debug: boolean): Promise<number> {
  startRun();
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (values.version) {
    io.out(`${version()}\n`);
    return 0;
  }
  const format = (values.format ?? 'stylish') as FormatName;
  if (!FORMAT_NAMES.includes(format)) throw new UsageError(`--format "${values.format}": unknown format; use ${FORMAT_NAMES.join(', ')}`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError(`--max-warnings "${values['max-warnings']}": give a whole number of 0 or more`);
    maxWarnings = Number(values['max-warnings']);
  }
  if (values['stdin-filename'] !== undefined && !values.stdin) throw new UsageError('--stdin-filename needs --stdin');
  if (values.stdin && positionals.length) throw new UsageError('--stdin lints stdin only; drop the file arguments');
  const metas = listRules();
  const ruleOverrides = parseRuleOverrides(values.rule, metas);
  const configPath = values.config;
  if (values['list-rules']) {
    io.out(format === 'json' ? JSON.stringify(metas, null, 2) + '\n' : listRulesTable(metas));
    return 0;
  }
  if (values['list-templates']) {
    const rows = listTemplates(configPath, process.cwd());
    io.out(format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : formatTemplateTable(rows, process.cwd()));
    return 0;
  }
  if (values['check-templates']) {
    const { checked, problems } = checkTemplates(configPath, process.cwd());
    for (const p of problems) io.err(`foilint: ${p.message}\n`);
    io.out(problems.length ? `${problems.length} of ${checked} templates invalid\n` : `${checked} templates checked: all valid\n`);
    return problems.length ? 2 : 0;
  }
  if (values['print-config'] !== undefined) {
    io.out(summariseConfig(values['print-config'], { configPath, ruleOverrides }));
    return 0;
  }

  const cwd = process.cwd();
  const outputFile = values['output-file'];
  const color = !values['no-color'] && (values.color || (!process.env.NO_COLOR && !outputFile && !!process.stdout.isTTY));
  const ctx: FormatContext = { version: version(), color };
  const options: RunOptions = { fix: !!values.fix, configPath, ruleOverrides, cwd };
  const quiet = !!values.quiet;

  let ioProblem = false;
  const notice = (n: Notice) => {
    if (n.level === 'error') ioProblem = true;
    io.err(`foilint: ${n.level === 'warning' ? 'warning: ' : ''}${n.text}\n`);
  };

  const report = (results: FileResult[]) => formatters[format](results, metas, ctx);
  const writeReport = (text: string, to: (s: string) => void) => {
    if (outputFile) {
      try {
        const target = resolve(cwd, outputFile);
        // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written to as it is: renaming a
        // temp file over it would replace it (as root, /dev/null itself).
        if (isSpecialFile(target)) writeFileSync(target, text);
        else writeFileAtomic(target, text);
      } catch (err) {
        notice({ level: 'error', text: `${outputFile}: the report could not be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check the folder exists and is writable` });
      }
    } else to(text);
  };
  const exitCode = (counts: ReturnType<typeof countSeverities>) => {
    if (ioProblem) return 2;
    if (counts.errors) return 1;
    if (maxWarnings >= 0 && counts.warnings > maxWarnings) {
      io.err(`foilint: too many warnings (${counts.warnings}); the maximum allowed is ${maxWarnings}\n`);
      return 1;
    }
    return 0;
  };
  const filterQuiet = (r: FileResult) => (quiet ? { ...r, findings: r.findings.filter((f) => f.severity === 'error') } : r);

  if (values.stdin) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(0);
    } catch (err) {
      throw new UsageError(`cannot read stdin (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    const name = values['stdin-filename'];
    const abs = resolve(cwd, name ?? '<stdin>');
    const filePath = name ? displayPath(abs, cwd) : '<stdin>';
    if (bytes.length > MAX_LETTER_BYTES) {
      notice({ level: 'error', text: `${filePath}: ${tooBig(bytes.length)}` });
      if (options.fix) io.out(bytes);
      return 2;
    }
    const loaded = loadConfigFor(abs, { configPath, ruleOverrides });
    const decoded = decode(bytes);
    if ('error' in decoded) {
      notice({ level: 'error', text: `${filePath}: ${decoded.error}` });
      if (options.fix) io.out(bytes);
      return 2;
    }
    if ((name && loaded.isIgnored(abs)) || !decoded.text.trim()) {
      notice({ level: 'warning', text: name && loaded.isIgnored(abs) ? `${filePath}: ignored by the config's "ignores"; not linted` : `${filePath}: is empty; nothing to lint` });
      if (options.fix) io.out(bytes);
      const empty = countSeverities([]);
      if (!options.fix) writeReport(report([]), io.out);
      return exitCode(empty);
    }
    const out = lintText(decoded.text, abs, loaded.config, options.fix);
    let text = out.text;
    let findings = out.findings;
    if (options.fix && text !== decoded.text) {
      text = keepLineEndings(decoded.text, out.text);
      if (text !== out.text) findings = lintText(text, abs, loaded.config, false).findings;
    }
    const result = filterQuiet({ filePath, linted: true, findings: toCliFindings(text, findings), notices: [], fixed: out.fixed });
    if (options.fix) {
      io.out(encode(text, decoded));
      writeReport(report([result]), io.err);
    } else writeReport(report([result]), io.out);
    return exitCode(countSeverities([result]));
  }

  // Files, folders and globs.
  const expanded = expandInputs(positionals.length ? positionals : ['.'], cwd);
  for (const n of expanded.notices) notice(n);
  const jobs: FileJob[] = [];
  for (const f of expanded.files) {
    const loaded = configForLetter(f.absPath, { configPath, ruleOverrides });
    if (loaded.isIgnored(f.absPath)) {
      if (f.explicit) notice({ level: 'warning', text: `${displayPath(f.absPath, cwd)}: ignored by the config's "ignores"; not linted` });
      continue;
    }
    jobs.push({ index: 0, absPath: f.absPath, filePath: displayPath(f.absPath, cwd) });
  }
  jobs.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  jobs.forEach((j, i) => (j.index = i));
  if (!jobs.length) {
    notice({ level: 'error', text: 'no letters to lint; give files, folders or globs that hold letters (*.md, *.markdown, *.txt)' });
    return 2;
  }

  const stream = outputFile ? undefined : streaming[format]?.();
  const kept: FileResult[] = [];
  const counts = countSeverities([]);
  const progress = progressBar(jobs.length, io, debug);
  const emit = (raw: FileResult) => {
    for (const n of raw.notices) progress.around(() => notice(n));
    if (!raw.linted) return;
    const r = filterQuiet(raw);
    const c = countSeverities([r]);
    for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += c[k];
    if (stream) {
      const text = stream.file(r, ctx);
      if (text) progress.around(() => io.out(text));
    } else kept.push(r);
  };

  const envWorkers = process.env.FOILINT_WORKERS;
  const workerFile = join(__dirname, 'worker.js');
  let poolSize = Math.min(availableParallelism(), Math.ceil(jobs.length / FILES_PER_WORKER));
  if (jobs.length < FILES_PER_WORKER) poolSize = 0;
  if (envWorkers !== undefined && /^\d+$/.test(envWorkers)) poolSize = Math.min(Number(envWorkers), jobs.length);
  if (poolSize > 0 && !existsSync(workerFile)) poolSize = 0;
  if (debug) io.err(`foilint: debug: ${jobs.length} file(s), ${poolSize ? `${poolSize} worker(s)` : 'in-process'}; bundled rules ${embeddedRules(packageRoot()) ? 'from the copy built in' : 'read from rules/'}\n`);

  const ordered = orderedDelivery(emit, progress.tick);
  if (poolSize > 0) {
    const pool = await runPool(jobs, options, poolSize, workerFile, ordered);
    if (debug && (pool.onMainThread || pool.outOfMemory)) io.err(`foilint: debug: ${pool.onMainThread} letter(s) linted on the main thread (over ${MAIN_THREAD_LETTER_BYTES / 1024} KB, or from ${pool.outOfMemory} worker(s) out of memory)\n`);
  } else {
    for (const job of jobs) {
      ordered(job.index, processFile(job, options));
      if (progress.active) await new Promise((r) => setImmediate(r));
    }
  }
  progress.done();

  if (stream) {
    const end = stream.end(counts, ctx);
    if (end) io.out(end);
  } else {
    writeReport(report(kept), io.out);
  }
  return exitCode(counts);
}

/** Is the path something other than a regular file or a folder (a device, a pipe, a socket)? */
function isSpecialFile(path: string): boolean {
  try {
    const stats = statSync(path);
    return !stats.isFile() && !stats.isDirectory();
  } catch {
    return false;
  }
}

/** Emits results in index order, holding only those that arrive before their turn. */
function orderedDelivery(emit: (r: FileResult) => void, tick: () => void) {
  const pending = new Map<number, FileResult>();
  let next = 0;
  return (index: number, result: FileResult) => {
    tick();
    pending.set(index, result);
    while (pending.has(next)) {
      const r = pending.get(next)!;
      pending.delete(next);
      next++;
      emit(r);
    }
  };
}

/** A one-line progress bar on stderr, for large runs on a terminal outside CI. */
function progressBar(total: number, io: Output, debug: boolean) {
  const active = total >= FILES_PER_WORKER && !!process.stderr.isTTY && !process.env.CI && !debug;
  let count = 0;
  let shown = false;
  const draw = () => {
    const width = 30;
    const filled = Math.round((count / total) * width);
    io.err(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${count}/${total}`);
    shown = true;
  };
  const clear = () => {
    if (shown) io.err('\r\u001b[K');
    shown = false;
  };
  return {
    active,
    tick: () => {
      count++;
      if (active) draw();
    },
    around: (write: () => void) => {
      if (!active) return write();
      clear();
      write();
      draw();
    },
    done: () => {
      if (active) clear();
    },
  };
}
