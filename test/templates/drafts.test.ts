/** Starting a response from a request (engine/drafts.ts): the request is split by the letter
 * model's own splitter, each item is restated with an answer stub, the fields foilint knows are
 * filled from the options, the pack and the config, and the due date is counted on the regime's
 * calendar. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildLetter, lint, parseMarkdown } from '../../server/src/engine/index.js';
import { chooseTemplate } from '../../server/src/engine/index.js';
import { checkTemplateBody, costLimitFor, renderDraft, responseDueDate, splitRequest } from '../../server/src/engine/drafts.js';
import type { TemplateSpec } from '../../server/src/engine/types.js';
import { defaultConfig } from '../../server/src/host/config.js';

const ROOT = join(__dirname, '..', '..');
const config = defaultConfig();
const BARNET_REQUEST = readFileSync(join(ROOT, 'test', 'fixtures', 'new', 'barnet-request.txt'), 'utf8');
const BARNET_LETTER = readFileSync(join(ROOT, 'examples', 'barnet', 'barnet-cspr-2023.md'), 'utf8');

function letterOf(text: string) {
  const tree = parseMarkdown(text);
  const fm = /^---\ntemplate: ([\w-]+)/.exec(text)?.[1];
  return buildLetter(text, tree, config, chooseTemplate(text, config, fm).template);
}

function draft(id: string, requestText: string, extra: Partial<Parameters<typeof renderDraft>[0]> = {}) {
  const template = config.templates[id];
  const regime = extra.regime ?? template.regime ?? 'foia';
  return renderDraft({ template, regime, pack: config.packs[regime]!, authority: {}, requestText, ...extra });
}

describe('splitRequest: the letter model splits the request', () => {
  it('finds the Barnet request items that the letter model finds in the Barnet letter itself', () => {
    const fromLetter = letterOf(BARNET_LETTER).request.items.map((i) => i.text);
    expect(fromLetter).toHaveLength(4);
    expect(splitRequest(BARNET_REQUEST).items.map((i) => i.text)).toEqual(fromLetter);
  });

  it("leaves out the requester's greeting, their own lead-in and their sign-off", () => {
    const request = 'Dear FOI team,\n\nUnder the Freedom of Information Act, please send me:\n\n1. How many potholes did the council repair in 2022?\n2. What did those repairs cost, broken down by:\n   - ward\n   - contractor\n\nThank you,\nJane Smith\n';
    const { items, source } = splitRequest(request);
    expect(items.map((i) => [i.label, i.text])).toEqual([
      ['1', 'How many potholes did the council repair in 2022?'],
      ['2', 'What did those repairs cost, broken down by:\nward\ncontractor'],
    ]);
    // The restatement keeps the requester's own numbering and sub-list.
    expect(source).toEqual(['1. How many potholes did the council repair in 2022?', '2. What did those repairs cost, broken down by:\n   - ward\n   - contractor']);
  });

  it('reads Windows line ends and a byte-order mark', () => {
    expect(splitRequest(`\uFEFF${BARNET_REQUEST.replace(/\n/g, '\r\n')}`).items.map((i) => i.text)).toEqual(splitRequest(BARNET_REQUEST).items.map((i) => i.text));
  });

  it('finds nothing in a request with no words', () => {
    expect(splitRequest('\n\n  \n').items).toEqual([]);
  });
});

describe('renderDraft: a draft from the Barnet request', () => {
  const d = draft('full-disclosure', BARNET_REQUEST, { received: { year: 2023, month: 3, day: 13 }, reference: '9363280' });
  const questions = splitRequest(BARNET_REQUEST).items.map((i) => i.text);

  it('names its template and regime in front matter, and fills the dates, reference, law and rights', () => {
    expect(d.text.startsWith('---\ntemplate: full-disclosure\nregime: foia\n---\n\n')).toBe(true);
    expect(d.text).toContain('Our ref: 9363280');
    expect(d.text).toContain('Thank you for your request received on 13 March 2023, for the following information:');
    expect(d.text).toContain('We have processed this request under the Freedom of Information Act 2000.');
    expect(d.text).toContain(config.packs.foia!.wording.complaint);
    expect(d.text).toContain(config.packs.foia!.wording.internalReview);
  });

  it('restates every question in order in the request and in the response, each followed by its answer stub', () => {
    const letter = letterOf(d.text);
    expect(letter.request.items.map((i) => i.text)).toEqual(questions);
    expect(letter.request.mode).toBe('restated');
    expect([...letter.request.answers.values()].map((a) => [a.item.index, a.restatement?.text, a.text])).toEqual(questions.map((q, i) => [i + 1, q, `[ANSWER REQUIRED: question ${i + 1}]`]));
  });

  it('says what is left to fill, in order', () => {
    expect(d.unfilled).toEqual(['{{authority_name}}', '{{letter_date}}', '{{requester_name}}', ...questions.map((_, i) => `[ANSWER REQUIRED: question ${i + 1}]`), '{{review_contact}}', '{{officer_name}}']);
  });

  it('passes every rule once the placeholders are filled in', () => {
    const answers = ['3 CSPRs have been completed since 2020 and 1 is in process.', 'Two were published; the Child L CSPR is at https://thebarnetscp.org.uk/.', 'All CSPRs are reported to the national panel.', 'The panel is notified within 5 working days.'];
    const filled = d.text
      .replace(/\[ANSWER REQUIRED: question (\d)\]/g, (_, n) => answers[Number(n) - 1])
      .replace('{{authority_name}}', 'London Borough of Barnet')
      .replace('{{letter_date}}', '22 March 2023')
      .replace('{{requester_name}}', 'Ms Okafor')
      .replace('{{review_contact}}', 'foi@barnet.gov.uk')
      .replace('{{officer_name}}', 'Information Management Team');
    expect(lint(filled, { config }).findings.map((f) => `${f.startPos.line}:${f.ruleId} ${f.message}`)).toEqual([]);
  });

  it('counts the due date on the regime calendar (FOIA skips St Patrick’s Day and Easter Monday)', () => {
    expect(d.due?.due).toEqual({ year: 2023, month: 4, day: 13 });
    expect(d.due?.sentence).toBe("Thursday 13 April 2023, the 20th working day after receipt on Monday 13 March 2023 (St Patrick's Day (Northern Ireland), Good Friday and Easter Monday (England and Wales, Northern Ireland) do not count; FOIA s.10(1))");
  });
});

describe('renderDraft: what the pack and the config fill', () => {
  it('a FOISA draft counts Scottish holidays only, and gives the review under section 20 and the SIC', () => {
    const d = draft('foisa-response', BARNET_REQUEST, { received: { year: 2023, month: 3, day: 13 } });
    expect(d.due?.due).toEqual({ year: 2023, month: 4, day: 11 });
    expect(d.text).toContain('regime: foisa');
    expect(d.text).toContain('Freedom of Information (Scotland) Act 2002');
    expect(d.text).toContain('Kinburn Castle');
    expect(d.text).not.toContain('Wycliffe House');
  });

  it('an EIR draft gives the representations under regulation 11 and the ICO under regulation 18', () => {
    const d = draft('eir-response', BARNET_REQUEST);
    expect(d.text).toContain('regulation 11 of the Environmental Information Regulations 2004');
    expect(d.text).toContain('regulation 18');
    expect(d.due).toBeUndefined();
    expect(d.text).toContain('received on {{received_date}}');
  });

  it("fills the review contact from the config's authority", () => {
    const template = config.templates['full-disclosure'];
    const d = renderDraft({ template, regime: 'foia', pack: config.packs.foia!, authority: { name: 'Testshire Council', reviewContact: 'foi@testshire.gov.uk' }, requestText: BARNET_REQUEST });
    expect(d.text).toContain('should be addressed to: foi@testshire.gov.uk.');
    expect(d.text).toMatch(/^Testshire Council$/m);
    expect(d.unfilled).not.toContain('{{review_contact}}');
  });

  it('fills the cost limit that applies: £450 and 18 hours, or £600 and 24 hours for central government; £600 at £15 (40 hours) under FOISA', () => {
    const s12 = config.templates['section-12-refusal'];
    const other = renderDraft({ template: s12, regime: 'foia', pack: config.packs.foia!, authority: {}, requestText: BARNET_REQUEST }).text;
    expect(other).toContain('The appropriate limit for this authority is £450, which represents 18 hours of work at £25 per hour, as set by the Freedom of Information and Data Protection (Appropriate Limit and Fees) Regulations 2004.');
    const central = renderDraft({ template: s12, regime: 'foia', pack: config.packs.foia!, authority: { centralGovernment: true }, requestText: BARNET_REQUEST }).text;
    expect(central).toContain('is £600, which represents 24 hours of work at £25 per hour');
    expect(costLimitFor(config.packs.foisa!, {})).toMatchObject({ amount: 600, hours: 40, hourlyRate: 15 });
    expect(costLimitFor(config.packs.eir!, {})).toBeUndefined();
  });

  it('a date the holiday table does not cover gives no due date rather than a guess', () => {
    expect(responseDueDate({ year: 2099, month: 1, day: 5 }, config.packs.foia!)).toBeUndefined();
  });

  it('a template without letter text cannot start a draft', () => {
    expect(() => draft('default', BARNET_REQUEST)).toThrow(/has no letter text/);
  });
});

describe('checkTemplateBody: what a template may write', () => {
  const base: TemplateSpec = { id: 't', version: '1.0.0', description: 'd', sections: [{ id: 'request', title: 'Your request', headings: [] }], body: '' };
  const problems = (body: string, extra: Partial<TemplateSpec> = {}) => checkTemplateBody({ ...base, ...extra, body }).map((p) => p.message);

  it('accepts built-in fields and declared ones', () => {
    expect(problems('Dear {{requester_name}}\n\n{{answers}}\n\n{{x}}\n', { fields: { x: { type: 'text', description: 'x' } } })).toEqual([]);
  });

  it('reports unknown fields, names that are not names, paragraph fields in sentences, unused and redeclared fields', () => {
    expect(problems('{{recieved_date}} and {{Big Name}}\n\nSee {{answers}}\n', { fields: { unused: { type: 'text', description: 'u' }, reference: { type: 'text', description: 'r' } } })).toEqual([
      'the field "reference" is built in; remove it from "fields" (it is the request\'s reference (foilint new --ref))',
      expect.stringMatching(/^unknown field \{\{recieved_date\}\}; use a built-in field \(reference, received_date, /),
      '"{{Big Name}}" is not a field name; write {{name}} with lower-case letters, digits and underscores',
      '{{answers}} is a paragraph field: put it on a line of its own',
      'the field "unused" is declared but the template\'s text never uses {{unused}}; use it or remove it',
    ]);
  });

  it('reports a section placed after one the template does not have', () => {
    expect(checkTemplateBody({ ...base, sections: [...base.sections, { id: 'x', title: 'X', headings: [], after: 'nope' }] }).map((p) => p.message)).toEqual(['section "x" is placed after "nope", which is not a section of the template (request, x)']);
  });
});
