import { describe, it, expect } from 'vitest';
import { applyFixes, fixAll, lint } from '../server/src/engine/index.js';
import { defaultConfig } from '../server/src/host/config.js';

describe('applyFixes', () => {
  const text = 'Dear Sir,\nThe answer is TBC.\nYours';

  it('applies non-overlapping fixes and leaves the rest byte for byte', () => {
    const r = applyFixes(text, [
      { title: 'a', edits: [{ start: 0, end: 4, newText: 'Hello' }] },
      { title: 'b', edits: [{ start: 24, end: 27, newText: '42' }] },
    ]);
    expect(r.text).toBe('Hello Sir,\nThe answer is 42.\nYours');
    expect(r.applied).toHaveLength(2);
  });

  it('skips a fix that overlaps one already taken, whole (all its edits or none)', () => {
    const r = applyFixes(text, [
      { title: 'a', edits: [{ start: 0, end: 8, newText: 'Dear Madam' }] },
      { title: 'b', edits: [{ start: 5, end: 8, newText: 'X' }, { start: 24, end: 27, newText: '42' }] },
    ]);
    expect(r.text).toBe('Dear Madam,\nThe answer is TBC.\nYours');
    expect(r.skipped.map((f) => f.title)).toEqual(['b']);
  });

  it('refuses edits outside the text', () => {
    const r = applyFixes(text, [{ title: 'bad', edits: [{ start: 30, end: 99, newText: '' }] }]);
    expect(r.text).toBe(text);
    expect(r.skipped).toHaveLength(1);
  });

  it('keeps two insertions at one point apart (the second waits for the next pass)', () => {
    const r = applyFixes('ab', [
      { title: '1', edits: [{ start: 1, end: 1, newText: 'X' }] },
      { title: '2', edits: [{ start: 1, end: 1, newText: 'Y' }] },
    ]);
    expect(r.text).toBe('aXb');
  });
});

describe('fixAll', () => {
  const config = defaultConfig();
  const letter = [
    '12 May 2024',
    'Our ref: FOI-88',
    '',
    'Thank you for your request received on 15 April 2024, for the following information:',
    '',
    'How many libraries are open on Sundays?',
    '',
    'Response',
    '',
    'We hold the information.',
    '',
    'How many libraries are open on Sunday?',
    '',
    'Four libraries.',
    '',
    '<!-- foilint-disable-next-block placeholder -->',
    '',
    'Your rights',
    '',
    'You may request an internal review within 40 working days.',
    '',
  ];

  it('fixes until stable; nothing fixable is left; a second run changes nothing', () => {
    const text = letter.join('\n');
    const once = fixAll(text, { config });
    expect(once.fixed).toBeGreaterThanOrEqual(2);
    expect(once.text).toContain('How many libraries are open on Sundays?\n\nFour libraries.');
    expect(once.text).not.toContain('foilint-disable');
    expect(once.report.findings.filter((f) => f.fix)).toEqual([]);
    expect(fixAll(once.text, { config }).text).toBe(once.text);
  });

  it('keeps CRLF line endings', () => {
    const text = letter.join('\r\n');
    const out = fixAll(text, { config }).text;
    expect(out).toContain('Sundays?\r\n\r\nFour');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('a suggestion is never applied by fix-all', () => {
    const text = letter.slice(0, 16).join('\n'); // no rights section: required-sections has only a suggestion
    const before = lint(text, { config }).findings.find((f) => f.ruleId === 'required-sections');
    expect(before?.suggestions?.length).toBe(1);
    expect(before?.fix).toBeUndefined();
    expect(fixAll(text, { config }).text).not.toContain('Your rights');
  });
});

describe('rule failures never crash the engine', () => {
  it('lints odd input', () => {
    const config = defaultConfig();
    for (const text of ['', '\u0000\u0000', '# \n#\n', '>'.repeat(500), '1. '.repeat(200), '\uFEFFDear Sir', '\uD800 lone surrogate', '| a |\n|---|\n| b |']) {
      expect(() => lint(text, { config })).not.toThrow();
    }
  });
});

describe('inline directives', () => {
  const config = defaultConfig();
  const body = (middle: string) => `12 May 2024\nOur ref: FOI-1\n\n${middle}\n`;
  it('enabling one rule inside a blanket disable brings back only that rule', () => {
    const text = body('<!-- foilint-disable -->\n\nDear {{name}}, TBC\n\n<!-- foilint-enable placeholder -->\n\nSigned {{officer}}');
    const placeholders = lint(text, { config }).findings.filter((f) => f.ruleId === 'placeholder');
    expect(placeholders.map((f) => f.message)).toEqual([expect.stringContaining('{{officer}}')]);
  });
  it('disable-line and disable-file', () => {
    const text = body('Dear {{name}} <!-- foilint-disable-line placeholder -->\n\nSigned {{officer}}');
    expect(lint(text, { config }).findings.filter((f) => f.ruleId === 'placeholder')).toHaveLength(1);
    const all = body('<!-- foilint-disable-file placeholder -->\n\nDear {{name}}\n\nSigned {{officer}}');
    expect(lint(all, { config }).findings.filter((f) => f.ruleId === 'placeholder')).toHaveLength(0);
  });
  it('two unused comments on the last two lines: fixes that do not overlap, and fix-all takes both', () => {
    // Found by fixes.test.ts: the last line's removal took the line break the line before it took too.
    const text = 'Dear Sir,\n<!-- foilint-disable-line placeholder -->\n<!-- foilint-disable-line placeholder --> ';
    const edits = lint(text, { config }).findings.filter((f) => f.ruleId === 'directives').map((f) => f.fix!.edits[0]);
    expect(edits.map((e) => [e.start, e.end])).toEqual([[10, 52], [52, 94]]);
    expect(fixAll(text, { config }).text).toBe('Dear Sir,\n');
  });
  it('config can switch off the engine rules', () => {
    const text = '---\ntemplate: nope\n---\nDear Sir';
    expect(lint(text, { config }).findings.some((f) => f.ruleId === 'config-problem')).toBe(true);
    expect(lint(text, { config: { ...config, rules: { 'config-problem': 'off' } } }).findings.some((f) => f.ruleId === 'config-problem')).toBe(false);
  });
});
