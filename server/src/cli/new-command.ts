/** `foilint new`: starts a response letter from a template and the request. The drafting is the
 * engine's (drafts.ts); this file reads the request, resolves the config and writes the draft. */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderDraft } from '../engine/drafts.js';
import { findDates } from '../engine/letter/dates.js';
import type { CalendarDate } from '../engine/calendar.js';
import type { Regime } from '../engine/types.js';
import { ConfigError, loadConfigFor } from '../host/config.js';
import { displayPath } from './inputs.js';
import { decode, describeIoError, writeFileAtomic } from './process-file.js';

export const NEW_USAGE = `Usage: foilint new --template <id> --request <file> [options]

Starts a response letter from a template and the request. Each item of the request is restated
in the response with [ANSWER REQUIRED: question N] after it; the dates, the reference and the
regime's rights paragraphs are filled in; the date the response is due is printed. Whatever is
left to write stays a placeholder ({{requester_name}}), which \`foilint\` reports until it is filled.

Options:
  -t, --template <id>     The template to start from (\`foilint --list-templates\` lists them)
  -r, --request <file>    The request as the requester wrote it (text or Markdown); - reads stdin
      --received <date>   When the request was received, e.g. 2023-03-13: fills {{received_date}}
                          and {{due_date}}, and prints the due date
      --ref <reference>   The request's reference: fills {{reference}}
      --date <date>       The letter's date: fills {{letter_date}} (otherwise left to fill)
      --regime <regime>   foia, eir, foisa or eir-scotland (default: the template's regime)
  -c, --config <file>     Use this config file instead of the nearest .foilintrc.* (for the
                          authority's name, review contact and templates)
  -o, --output <file>     Write the draft to this file instead of stdout
      --force             With --output: overwrite the file if it exists
  -h, --help              Print this help

Exit codes: 0 the draft was written; 2 a usage, config or file problem.
`;

const REGIMES: Regime[] = ['foia', 'eir', 'foisa', 'eir-scotland'];

/** A problem with the options (the help names them all) or with a file (the message says what to do). */
class NewUsageError extends Error {}
class NewFileError extends Error {}

interface Output {
  out(s: string): void;
  err(s: string): void;
}

/** "2023-03-13", "13/03/2023" or "13 March 2023" (the forms letters use), as a real calendar date. */
export function parseDateOption(option: string, value: string): CalendarDate {
  const text = value.trim();
  const found = findDates(text).find((d) => d.start === 0 && d.end === text.length);
  if (!found) throw new NewUsageError(`${option} "${value}": not a date; write it as YYYY-MM-DD, e.g. 2023-03-13`);
  if (!found.valid) throw new NewUsageError(`${option} "${value}": there is no such day; write a real date as YYYY-MM-DD, e.g. 2023-03-13`);
  return { year: found.year, month: found.month, day: found.day };
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        template: { type: 'string', short: 't' },
        request: { type: 'string', short: 'r' },
        received: { type: 'string' },
        ref: { type: 'string' },
        date: { type: 'string' },
        regime: { type: 'string' },
        config: { type: 'string', short: 'c' },
        output: { type: 'string', short: 'o' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    throw new NewUsageError((err as Error).message.split('\n')[0].split('. ')[0].replace(/\.$/, ''));
  }
}

function readRequest(path: string, cwd: string): string {
  let bytes: Buffer;
  try {
    bytes = path === '-' ? readFileSync(0) : readFileSync(resolve(cwd, path));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NewFileError(`--request ${path}: the file does not exist`);
    if (code === 'EISDIR') throw new NewFileError(`--request ${path}: is a folder; give the file that holds the request`);
    throw new NewFileError(`--request ${path}: cannot be read (${describeIoError(err)})`);
  }
  const decoded = decode(bytes);
  if ('error' in decoded) throw new NewFileError(`--request ${path}: ${decoded.error}`);
  if (!decoded.text.trim()) throw new NewFileError(`--request ${path}: is empty; it should hold the request as the requester wrote it`);
  return decoded.text;
}

export async function runNew(argv: string[], io: Output, cwd = process.cwd()): Promise<number> {
  try {
    return newDraft(argv, io, cwd);
  } catch (err) {
    if (err instanceof NewUsageError) io.err(`foilint new: ${err.message}; run \`foilint new --help\` for the options\n`);
    else if (err instanceof NewFileError) io.err(`foilint new: ${err.message}\n`);
    else if (err instanceof ConfigError || (err as Error)?.name === 'ConfigError') io.err(`foilint new: ${(err as Error).message}\n`);
    else io.err(`foilint new: internal error: ${(err as Error)?.message ?? String(err)}\n`);
    return 2;
  }
}

function newDraft(argv: string[], io: Output, cwd: string): number {
  const values = parse(argv);
  if (values.help) {
    io.out(NEW_USAGE);
    return 0;
  }
  if (!values.template) throw new NewUsageError('--template is required: name the template to start from (`foilint --list-templates` lists them)');
  if (!values.request) throw new NewUsageError('--request is required: give the file that holds the request (or - for stdin)');
  if (values.force && !values.output) throw new NewUsageError('--force only applies with --output');
  if (values.regime !== undefined && !REGIMES.includes(values.regime as Regime)) throw new NewUsageError(`--regime "${values.regime}": unknown regime; use ${REGIMES.join(', ')}`);
  const received = values.received !== undefined ? parseDateOption('--received', values.received) : undefined;
  const letterDate = values.date !== undefined ? parseDateOption('--date', values.date) : undefined;
  if (received && letterDate && Date.UTC(letterDate.year, letterDate.month - 1, letterDate.day) < Date.UTC(received.year, received.month - 1, received.day)) {
    throw new NewUsageError(`--date ${values.date} is before --received ${values.received}; a response cannot be dated before the request arrived`);
  }

  const output = values.output ? resolve(cwd, values.output) : undefined;
  if (output && existsSync(output) && statSync(output).isDirectory()) throw new NewFileError(`--output ${values.output}: is a folder; give a file name, e.g. ${join(values.output ?? '', 'draft.md')}`);
  if (output && existsSync(output) && !values.force) throw new NewFileError(`--output ${values.output}: the file exists; add --force to overwrite it, or choose another file`);
  // The config is the one the draft will be linted with: the output's, or the current folder's.
  const { config } = loadConfigFor(output ?? join(cwd, 'draft.md'), { configPath: values.config });
  const template = config.templates[values.template];
  const startable = Object.values(config.templates)
    .filter((t) => t.body !== undefined)
    .map((t) => t.id)
    .sort();
  if (!template) throw new NewUsageError(`--template "${values.template}": unknown template; the templates to start from are ${startable.join(', ')}`);
  if (template.body === undefined) throw new NewUsageError(`--template "${values.template}": this template has no letter text to start from (it only sets what a letter must contain); the templates to start from are ${startable.join(', ')}`);

  const regime = (values.regime as Regime | undefined) ?? template.regime ?? config.regime ?? 'foia';
  const pack = config.packs[regime];
  if (!pack) throw new NewUsageError(`--regime ${regime}: no pack for this regime is loaded`);
  const requestText = readRequest(values.request, cwd);
  const draft = renderDraft({ template, regime, pack, authority: config.authority, requestText, received, letterDate, reference: values.ref });
  if (!draft.items.length) throw new NewFileError(`--request ${values.request}: no request items found; put each question on a line or in a paragraph of its own`);

  if (output) {
    try {
      if (values.force) writeFileAtomic(output, draft.text);
      else writeFileSync(output, draft.text, { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new NewFileError(`--output ${values.output}: the file exists; add --force to overwrite it, or choose another file`);
      throw new NewFileError(`--output ${values.output}: the draft could not be written (${describeIoError(err)}); check the folder exists and is writable`);
    }
  } else io.out(draft.text);

  const where = output ? displayPath(output, cwd) : 'stdout';
  const n = draft.items.length;
  const answers = /\{\{\s*answers\s*\}\}/.test(template.body);
  const notes = [`wrote the draft to ${where} from the template ${template.id} (${regime}): ${n} request item${n === 1 ? '' : 's'} restated${answers ? `, each with an answer to write` : ''}`];
  if (values.regime && template.regime && values.regime !== template.regime) {
    notes.push(`warning: the template ${template.id} is written for ${template.regime}; check its wording fits ${regime} (foilint reports wording of another regime)`);
  }
  if (draft.due) notes.push(`the response is due by ${draft.due.sentence}`);
  else if (received) notes.push(`no due date: ${values.received} is outside the years the bank-holiday table covers`);
  else notes.push('no due date: give --received with the date the request arrived');
  const left = [...new Set(draft.unfilled)];
  if (left.length) notes.push(`${left.length} placeholder${left.length === 1 ? '' : 's'} to fill: ${left.join(', ')}; then run \`foilint ${output ? displayPath(output, cwd) : '<draft>'}\``);
  io.err(notes.map((s) => `foilint new: ${s}\n`).join(''));
  return 0;
}
