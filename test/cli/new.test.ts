/** `foilint new` (start a response from a request), `foilint --list-templates` and
 * `foilint --check-templates`, run as a user runs them: the built CLI in a folder of files. */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, foilint, ROOT, workspace } from './helpers.js';

beforeAll(() => ensureBuilt());

const REQUEST = readFileSync(join(ROOT, 'test', 'fixtures', 'new', 'barnet-request.txt'), 'utf8');
const QUESTIONS = REQUEST.split(/\n\s*\n/).map((q) => q.trim()).filter(Boolean);

/** Each question's offsets in the text, in order of appearance. */
function positions(text: string, question: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(question); at >= 0; at = text.indexOf(question, at + 1)) out.push(at);
  return out;
}

describe('foilint new: a response started from the Barnet request', () => {
  const dir = workspace({ 'request.txt': REQUEST });
  const r = foilint(['new', '--template', 'full-disclosure', '--request', 'request.txt', '--received', '2023-03-13', '--ref', '9363280'], { cwd: dir });

  it('prints the draft on stdout and what it did on stderr, with the due date', () => {
    expect(r.code).toBe(0);
    expect(r.out.startsWith('---\ntemplate: full-disclosure\nregime: foia\n---\n')).toBe(true);
    expect(r.err).toContain('foilint new: wrote the draft to stdout from the template full-disclosure (foia): 4 request items restated, each with an answer to write\n');
    expect(r.err).toContain('foilint new: the response is due by Thursday 13 April 2023, the 20th working day after receipt on Monday 13 March 2023');
    expect(r.err).toMatch(/foilint new: 9 placeholders to fill: \{\{authority_name\}\}, \{\{letter_date\}\}, \{\{requester_name\}\}, \[ANSWER REQUIRED: question 1\],/);
  });

  it('restates every question in order: once as asked, once in the response before its answer stub', () => {
    expect(QUESTIONS).toHaveLength(4);
    const seen = QUESTIONS.map((q) => positions(r.out, q));
    for (const p of seen) expect(p).toHaveLength(2);
    const asked = seen.map((p) => p[0]);
    const restated = seen.map((p) => p[1]);
    expect([...asked].sort((a, b) => a - b)).toEqual(asked);
    expect([...restated].sort((a, b) => a - b)).toEqual(restated);
    expect(Math.max(...asked)).toBeLessThan(Math.min(...restated));
    QUESTIONS.forEach((q, i) => expect(r.out).toContain(`${q}\n\n[ANSWER REQUIRED: question ${i + 1}]\n`));
  });

  it('is reported by foilint until it is filled in, and passes once the answers are written', () => {
    writeFileSync(join(dir, 'draft.md'), r.out);
    const before = foilint(['draft.md'], { cwd: dir });
    expect(before.code).toBe(1);
    expect(before.out).toContain('[ANSWER REQUIRED: question 4]');
    const answers = ['3 CSPRs have been completed since 2020 and 1 is currently in process.', '2 CSPRs were published anonymously to protect the identities of the children.', 'All CSPRs are reported to the national panel in accordance with published guidance.', 'The National Panel have been notified of relevant incidents within 5 working days.'];
    const filled = r.out
      .replace(/\[ANSWER REQUIRED: question (\d)\]/g, (_, n) => answers[Number(n) - 1])
      .replace('{{authority_name}}', 'London Borough of Barnet')
      .replace('{{letter_date}}', '22 March 2023')
      .replace('{{requester_name}}', 'Ms Okafor')
      .replace('{{review_contact}}', 'foi@barnet.gov.uk')
      .replace('{{officer_name}}', 'Information Management Team');
    writeFileSync(join(dir, 'draft.md'), filled);
    const after = foilint(['draft.md'], { cwd: dir });
    expect(after).toMatchObject({ code: 0, out: '' });
  });
});

describe('foilint new: files and options', () => {
  it('--output writes the file and will not overwrite it without --force', () => {
    const dir = workspace({ 'request.txt': REQUEST });
    const args = ['new', '-t', 'acknowledgement', '-r', 'request.txt', '--received', '2023-03-13', '-o', 'ack.md'];
    const first = foilint(args, { cwd: dir });
    expect(first).toMatchObject({ code: 0, out: '' });
    expect(first.err).toContain('foilint new: wrote the draft to ack.md from the template acknowledgement (foia): 4 request items restated\n');
    expect(first.err).toContain('then run `foilint ack.md`');
    const ack = readFileSync(join(dir, 'ack.md'), 'utf8');
    expect(ack).toContain('You should expect a full response by 13 April 2023, which is 20 working days after we received your request.');

    writeFileSync(join(dir, 'ack.md'), 'my edits');
    const again = foilint(args, { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.err).toBe('foilint new: --output ack.md: the file exists; add --force to overwrite it, or choose another file\n');
    expect(readFileSync(join(dir, 'ack.md'), 'utf8')).toBe('my edits');
    expect(foilint([...args, '--force'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'ack.md'), 'utf8')).toBe(ack);
  });

  it('reads the request from stdin with --request -, and fills what the config knows', () => {
    const dir = workspace({ '.foilintrc.json': JSON.stringify({ authority: { name: 'Testshire Council', reviewContact: 'foi@testshire.gov.uk' } }) });
    const r = foilint(['new', '-t', 'full-disclosure', '-r', '-', '--date', '2023-03-20', '--received', '13/03/2023'], { cwd: dir, input: REQUEST });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Testshire Council\n\n20 March 2023\n/m);
    expect(r.out).toContain('addressed to: foi@testshire.gov.uk.');
    expect(r.err).not.toContain('{{review_contact}}');
  });

  it('--regime changes the rights paragraphs and warns when the template is written for another', () => {
    const dir = workspace({ 'request.txt': REQUEST });
    const r = foilint(['new', '-t', 'full-disclosure', '-r', 'request.txt', '--regime', 'eir'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toContain('regime: eir');
    expect(r.out).toContain('regulation 11 of the Environmental Information Regulations 2004');
    expect(r.err).toContain('foilint new: warning: the template full-disclosure is written for foia; check its wording fits eir');
    expect(r.err).toContain('no due date: give --received with the date the request arrived');
  });

  it.each([
    [['-t', 'full-disclosure', '-r', 'missing.txt'], 'foilint new: --request missing.txt: the file does not exist\n'],
    [['-t', 'full-dis', '-r', 'request.txt'], 'foilint new: --template "full-dis": unknown template; the templates to start from are acknowledgement, eir-response, foisa-response, full-disclosure, neither-confirm-nor-deny, not-held, partial-disclosure, section-12-refusal, section-14-refusal; run `foilint new --help` for the options\n'],
    [['-t', 'default', '-r', 'request.txt'], /^foilint new: --template "default": this template has no letter text to start from \(it only sets what a letter must contain\); the templates to start from are acknowledgement, /],
    [['-t', 'full-disclosure', '-r', 'request.txt', '--received', '2023-02-30'], 'foilint new: --received "2023-02-30": there is no such day; write a real date as YYYY-MM-DD, e.g. 2023-03-13; run `foilint new --help` for the options\n'],
    [['-t', 'full-disclosure', '-r', 'request.txt', '--received', 'last Monday'], 'foilint new: --received "last Monday": not a date; write it as YYYY-MM-DD, e.g. 2023-03-13; run `foilint new --help` for the options\n'],
    [['-t', 'full-disclosure', '-r', 'request.txt', '--received', '2023-03-13', '--date', '2023-03-01'], /--date 2023-03-01 is before --received 2023-03-13/],
    [['-r', 'request.txt'], /^foilint new: --template is required: name the template to start from \(`foilint --list-templates` lists them\)/],
    [['-t', 'full-disclosure'], /^foilint new: --request is required/],
    [['-t', 'full-disclosure', '-r', 'request.txt', '--regime', 'scotland'], /^foilint new: --regime "scotland": unknown regime; use foia, eir, foisa, eir-scotland/],
    [['-t', 'full-disclosure', '-r', 'request.txt', '--force'], /^foilint new: --force only applies with --output/],
    [['-t', 'full-disclosure', '-r', 'empty.txt'], 'foilint new: --request empty.txt: is empty; it should hold the request as the requester wrote it\n'],
    [['-t', 'full-disclosure', '-r', 'request.txt', '--bogus'], /^foilint new: Unknown option '--bogus'; run `foilint new --help` for the options/],
  ])('foilint new %j: exit 2 with a clear message', (args, message) => {
    const dir = workspace({ 'request.txt': REQUEST, 'empty.txt': '\n\n' });
    const r = foilint(['new', ...(args as string[])], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    if (typeof message === 'string') expect(r.err).toBe(message);
    else expect(r.err).toMatch(message);
  });

  it('--help prints the options; foilint --help names the new command', () => {
    const dir = workspace();
    const help = foilint(['new', '--help'], { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: foilint new --template <id> --request <file> \[options\]/);
    expect(help.out).toContain('--received <date>');
    expect(foilint(['--help'], { cwd: dir }).out).toContain('foilint new --template <id> --request <file> [options]');
  });
});

const HOUSE = `---
id: house-disclosure
version: 2.1.0
description: Our full disclosure, with a paragraph on open data.
extends: full-disclosure
sections:
  - id: further-information
    title: Further information
    after: response
    headings: [Further information]
---
Dear {{requester_name}}

Thank you for your request received on {{received_date}}, for the following information:

{{request}}

## Response

We hold the information you asked for.

{{answers}}

## Further information

Our datasets are published at https://data.testshire.gov.uk.

## Your rights

{{internal_review}}

{{complaint}}
`;

describe('foilint --list-templates and --check-templates', () => {
  it("lists the bundled templates and the authority's, with the file each comes from", () => {
    const dir = workspace({ '.foilintrc.json': '{ "templatesDir": "templates" }', 'templates/house.md': HOUSE });
    const table = foilint(['--list-templates'], { cwd: dir });
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^TEMPLATE +VERSION +REGIME +NEW +FILE +DESCRIPTION$/m);
    expect(table.out).toMatch(/^house-disclosure +2\.1\.0 +foia +yes +templates\/house\.md +Our full disclosure, with a paragraph on open data\.$/m);
    expect(table.out).toMatch(/^partial-disclosure +1\.0\.0 +foia +yes +\(bundled\) rules\/templates\/partial-disclosure\.md +Partial disclosure\./m);
    expect(table.out).toMatch(/^default +1\.0\.0 +any +no +\(bundled\) rules\/templates\/default\.yaml /m);

    const json = JSON.parse(foilint(['--list-templates', '--format', 'json'], { cwd: dir }).out) as { id: string; sections: string[]; startable: boolean; file: string; bundled: boolean }[];
    expect(json.map((t) => t.id)).toContain('house-disclosure');
    expect(json.find((t) => t.id === 'house-disclosure')).toMatchObject({ sections: ['request', 'response', 'further-information', 'rights'], startable: true, bundled: false, file: join(dir, 'templates', 'house.md') });

    // And `foilint new` starts from it.
    writeFileSync(join(dir, 'request.txt'), REQUEST);
    const r = foilint(['new', '-t', 'house-disclosure', '-r', 'request.txt'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toContain('template: house-disclosure');
    expect(r.out).toContain('## Further information');
  });

  it('--check-templates: every template valid exits 0', () => {
    const dir = workspace({ '.foilintrc.json': '{ "templatesDir": "templates" }', 'templates/house.md': HOUSE });
    expect(foilint(['--check-templates'], { cwd: dir })).toMatchObject({ code: 0, out: '11 templates checked: all valid\n', err: '' });
  });

  it('--check-templates: reports every invalid template with file:line:column and exits 2', () => {
    const dir = workspace({
      '.foilintrc.json': '{ "templatesDir": "templates" }',
      'templates/house.md': HOUSE,
      'templates/typo.md': HOUSE.replace('id: house-disclosure', 'id: typo').replace('We hold the information you asked for.', 'We hold the {{informaton}}.'),
      'templates/bad-version.yaml': 'id: bad-version\nversion: one\ndescription: x\nsections: []\n',
      'templates/no-rights.md': HOUSE.replace('id: house-disclosure', 'id: no-rights').replace(/## Your rights[^]*$/, ''),
    });
    const r = foilint(['--check-templates'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.out).toBe('3 of 14 templates invalid\n');
    const lines = r.err.trim().split('\n');
    expect(lines).toEqual([
      `foilint: ${join(dir, 'templates', 'bad-version.yaml')}:2:1: "version" must match pattern "^\\d+\\.\\d+\\.\\d+$"`,
      `foilint: ${join(dir, 'templates', 'typo.md')}:20:13: unknown field {{informaton}}; use a built-in field (reference, received_date, due_date, letter_date, response_days, request, answers, law_name, internal_review, complaint, cost_limit, cost_limit_hours, hourly_rate, fees_regulations, review_contact, authority_name, requester_name, officer_name, answer) or declare it under "fields" with a type and a description`,
      expect.stringMatching(new RegExp(`^foilint: ${join(dir, 'templates', 'no-rights.md').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1:1: its own text fails required-sections: .*"Your rights"`)),
    ]);
  });

  it('a broken template stops linting with its file:line:column, as a broken config does', () => {
    const dir = workspace({ '.foilintrc.json': '{ "templatesDir": "templates" }', 'templates/typo.md': HOUSE.replace('We hold the information you asked for.', 'We hold the {{informaton}}.'), 'letter.md': 'Hello\n' });
    const r = foilint(['letter.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(dir, 'templates', 'typo.md')}:20:13: unknown field {{informaton}}`);
  });
});
