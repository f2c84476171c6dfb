/** Any input, no crash: `lint` and `fixAll` return findings for every text, never throw, never
 * report `internal-error` (a rule that threw), and take time in proportion to the text. */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fixAll, lint, type Finding, type LintReport } from '../../server/src/engine/index.js';
import { defaultConfig } from '../../server/src/host/config.js';
import { exampleLetters, letterLike } from './support/letters.js';

const config = defaultConfig();

/** The findings of one text, checked for shape: offsets inside the text, positions that agree. */
function lintChecked(text: string): LintReport {
  const report = lint(text, { config });
  expect(Array.isArray(report.findings)).toBe(true);
  const internal = report.findings.filter((f) => f.ruleId === 'internal-error');
  expect(internal.map((f) => f.message), 'a rule threw').toEqual([]);
  for (const f of report.findings) checkFinding(text, f);
  return report;
}

function checkFinding(text: string, f: Finding): void {
  expect(f.start).toBeGreaterThanOrEqual(0);
  expect(f.end).toBeGreaterThanOrEqual(f.start);
  expect(f.end).toBeLessThanOrEqual(text.length);
  expect(f.startPos.line).toBeGreaterThanOrEqual(1);
  expect(f.startPos.column).toBeGreaterThanOrEqual(1);
  expect(typeof f.message).toBe('string');
  expect(f.message.length).toBeGreaterThan(0);
  for (const fix of [f.fix, ...(f.suggestions ?? [])]) {
    for (const e of fix?.edits ?? []) {
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(e.end).toBeLessThanOrEqual(text.length);
      expect(e.start).toBeLessThanOrEqual(e.end);
    }
  }
}

function fixAllChecked(text: string): void {
  const r = fixAll(text, { config });
  expect(r.report.findings.filter((f) => f.ruleId === 'internal-error').map((f) => f.message)).toEqual([]);
  for (const f of r.report.findings) checkFinding(r.text, f);
}

/** Code units of every kind: any UTF-16 unit (lone surrogates included), controls, NUL. */
const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\u0000', '\ud800', '\udfff', '\ufeff', '\u2028', '\u2029', '\r', '\n', '\r\n', '\t', '\u00a0', '\u200b', '\u202e'),
);

describe('random text never makes lint or fix-all throw', () => {
  it('any UTF-16 code units, control characters, NUL, lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyUnit, maxLength: 400 }), (text) => {
        lintChecked(text);
      }),
      { numRuns: 300 },
    );
  });

  it('any Unicode text (full code points) with Markdown punctuation', () => {
    const unit = fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('#', '>', '- ', '1. ', '|', '*', '_', '`', '[', ']', '(', ')', '<', '>', '!', '\n', '\n\n', '---', '===', '<!--', '-->', '{{', '}}'));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 120 }), (parts) => {
        lintChecked(parts.join(''));
      }),
      { numRuns: 300 },
    );
  });

  it('letter-like text: real fragments (rights, citations, dates, deadlines, ICO details, questions) in random order', () => {
    fc.assert(
      fc.property(letterLike(), (text) => {
        lintChecked(text);
        fixAllChecked(text);
      }),
      { numRuns: 250 },
    );
  });

  it('the example letters cut at random points and with random bytes spliced in', () => {
    const letters = exampleLetters();
    fc.assert(
      fc.property(fc.nat({ max: letters.length - 1 }), fc.nat(), fc.nat(), fc.string({ unit: anyUnit, maxLength: 20 }), (which, a, b, junk) => {
        const text = letters[which].text;
        const i = a % (text.length + 1);
        const j = b % (text.length + 1);
        lintChecked(text.slice(0, Math.min(i, j)) + junk + text.slice(Math.max(i, j)));
      }),
      { numRuns: 150 },
    );
  });
});

/** Time per KB on big and hostile texts, against the rate on real letters. Before the fixes in
 * server/src/engine/parse.ts and micromark-edits.ts several of these took from 10 s to minutes
 * (quadratic or worse); a factor of 20 over the real-letter rate leaves room for a busy machine and
 * still fails any such regression by far. The figures are printed. */
const FACTOR = 20;
const rows: string[] = [];
let baselineMsPerKb = 0;

function timeLint(text: string): { ms: number; report: LintReport } {
  const start = performance.now();
  const report = lint(text, { config });
  return { ms: performance.now() - start, report };
}

/** The start of a letter whose request has one item, which the hostile text then carries on. */
const ASKED = 'Dear Sir,\n\nYou asked for the following information:\n\n1. How many?\n\n';

describe('time grows in proportion to the text', () => {
  const BIG: [string, () => string][] = [
    ['1 MB single line of words', () => 'section 40(2) within 20 days Your rights '.repeat(26000).slice(0, 1 << 20)],
    ['1 MB single line of spaces', () => ' '.repeat(1 << 20) + 'x'],
    ['256 KB single line, one letter repeated', () => 'a'.repeat(1 << 18)],
    ['256 KB single line of punctuation', () => '*_[](){}<>!`~|#.,:;-'.repeat(13108)],
    ['10,000-deep nested list on one line', () => '- '.repeat(10000) + 'x'],
    ['10,000-deep nested ordered list', () => '1. '.repeat(10000) + 'x'],
    ['10,000-deep nested blockquote', () => '> '.repeat(10000) + 'x'],
    ['10,000 ">" then text', () => '>'.repeat(10000) + ' x'],
    ['10,000 levels of list and quote mixed', () => '- > '.repeat(10000) + 'x'],
    ['500-deep list by indentation (250 KB)', () => Array.from({ length: 500 }, (_, i) => ' '.repeat(2 * i) + '- item').join('\n')],
    ['20,000 ATX headings', () => Array.from({ length: 20000 }, (_, i) => `# Heading ${i}`).join('\n')],
    ['20,000 setext headings', () => Array.from({ length: 20000 }, (_, i) => `Heading ${i}\n---`).join('\n')],
    ['10,000 known headings (Response, Your rights)', () => Array.from({ length: 10000 }, (_, i) => ['Response', 'Your rights', 'Request', 'Background'][i % 4]).join('\n\n')],
    ['5,000 numbered questions with answers', () => Array.from({ length: 5000 }, (_, i) => `${i + 1}. How many libraries opened in ${2000 + (i % 24)}?\n\nResponse: ${i} libraries, section 40(2) applies.`).join('\n\n')],
    ['10,000-line paragraph', () => 'Council & partners received your request on 1 May 2024 and\n'.repeat(10000)],
    ['HTML: 10,000 nested divs', () => '<div>\n'.repeat(10000) + 'x\n' + '</div>\n'.repeat(10000)],
    ['HTML: 20,000 inline tags and comments', () => 'a <b>c</b> <!-- d --> '.repeat(20000)],
    ['table with 10,000 rows', () => '| Question | Answer |\n|---|---|\n' + '| How many? | 4 |\n'.repeat(10000)],
    ['table 2,000 columns wide', () => '|' + ' a |'.repeat(2000) + '\n|' + '---|'.repeat(2000) + '\n|' + ' x |'.repeat(2000)],
    ['emphasis and links: 20,000 in one paragraph', () => '*a* _b_ **c** [d](e) '.repeat(20000)],
    ['unclosed brackets and emphasis', () => '[a *b _c '.repeat(30000)],
    // question-answered's "no answer" pattern was exponential on runs it could split (180 characters took seconds).
    ['an answer of 100 KB of drafting marks (*XXX*)', () => `Thank you for your request received on 1 May 2024, for the following information:\n\n1. How many?\n\nResponse\n\n1. How many?\n\n*${'*XXX*'.repeat(20000)}}\n`],
    // A request item's text was joined onto one line with a pattern that tried every space of a run
    // (13 s), and the review-outcome pattern ran on over blank lines from every line start (10 s).
    ['a request item holding 200 KB of spaces', () => `${ASKED}x${' '.repeat(200000)}x\n`],
    ['a request item over 100,000 lines of one space', () => `${ASKED}x${' \n'.repeat(100000)}x\n`],
    // Found by repeating short pieces after a question (each took 1-2 s on 100 KB and grew with the square):
    // spaces after a citation split every way by two runs of spaces side by side in a pattern,
    ['a citation followed by 200 KB of spaces', () => `${ASKED}section 40(2) ${' '.repeat(200000)}x\n`],
    ['a list of citations followed by 200 KB of spaces', () => `${ASKED}sections 40, ${' '.repeat(200000)}x\n`],
    // a sentence looked for over every line of its paragraph, for each of its citations,
    ['a paragraph of 20,000 short lines, each citing a section', () => `${ASKED}${'1“\nsection '.repeat(20000)}\n`],
    // and a pattern's words looked for in the whole letter again for each citation.
    ['14,000 citations in one sentence', () => `${ASKED}${'section 1/SK9 '.repeat(14000)}\n`],
    // A table row's pipes were spaced with a pattern that tried every space of a run (18 s).
    ['a table row holding 200 KB of spaces', () => `| a | b |\n|---|---|\n| x ${' '.repeat(200000)} y | z |\n`],
    ['the example letters joined 20 times (480 KB)', () => exampleLetters().map((l) => l.text).join('\n\n').repeat(20)],
  ];

  it('the rate on real letters (the baseline)', () => {
    const text = exampleLetters()
      .map((l) => l.text)
      .join('\n\n');
    timeLint(text);
    const runs = [0, 1, 2].map(() => timeLint(text).ms);
    baselineMsPerKb = Math.min(...runs) / (text.length / 1024);
    rows.push(`baseline: ${exampleLetters().length} example letters (${(text.length / 1024).toFixed(0)} KB): ${baselineMsPerKb.toFixed(2)} ms/KB`);
    expect(baselineMsPerKb).toBeGreaterThan(0);
  });

  for (const [name, make] of BIG) {
    it(name, () => {
      const text = make();
      const kb = text.length / 1024;
      const { ms, report } = timeLint(text);
      expect(report.findings.filter((f) => f.ruleId === 'internal-error').map((f) => f.message)).toEqual([]);
      const rate = ms / Math.max(kb, 1);
      rows.push(`${name.padEnd(46)} ${kb.toFixed(0).padStart(6)} KB ${ms.toFixed(0).padStart(6)} ms ${rate.toFixed(2).padStart(6)} ms/KB  (${(rate / baselineMsPerKb).toFixed(1)}x)`);
      // Small texts are dominated by fixed costs: hold them to the rate of a 100 KB letter.
      expect(ms).toBeLessThan(FACTOR * baselineMsPerKb * Math.max(kb, 100));
    });
  }

  afterAll(() => {
    console.log(['Lint time on big and hostile texts:', ...rows].join('\n'));
  });
});
