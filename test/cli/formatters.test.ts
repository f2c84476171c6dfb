import { describe, it, expect, beforeAll } from 'vitest';
import { listRules, type Finding } from '../../server/src/engine/index.js';
import github, { escapeData, escapeProperty } from '../../server/src/cli/formatters/github.js';
import json from '../../server/src/cli/formatters/json.js';
import junit, { xmlEscape } from '../../server/src/cli/formatters/junit.js';
import sarif from '../../server/src/cli/formatters/sarif.js';
import stylish from '../../server/src/cli/formatters/stylish.js';
import { mergeFix, toCliFindings, decode, keepLineEndings } from '../../server/src/cli/process-file.js';
import type { FileResult } from '../../server/src/cli/types.js';
import { defectiveLetter, ensureBuilt, foilint, workspace } from './helpers.js';

const text = 'Hello {{name}},\nsee <b> & "quotes"\n';

function finding(over: Partial<Finding>): Finding {
  return {
    ruleId: 'placeholder',
    severity: 'error',
    message: 'Fill in "{{name}}" <now>, 100% & more\nsecond line',
    start: 6,
    end: 14,
    startPos: { line: 1, column: 7 },
    endPos: { line: 1, column: 15 },
    ...over,
  };
}

function result(findings: Finding[], filePath = 'dir,1/a:b.md'): FileResult {
  return { filePath, linted: true, findings: toCliFindings(text, findings), notices: [], fixed: 0 };
}

describe('formatter details', () => {
  it('merges a multi-edit fix into one range, keeping the text between edits', () => {
    const merged = mergeFix(text, { title: 't', edits: [{ start: 16, end: 19, newText: 'See' }, { start: 0, end: 5, newText: 'Hi' }] });
    expect(merged).toEqual({ range: [0, 19], text: 'Hi {{name}},\nSee' });
    const fixed = text.slice(0, merged!.range[0]) + merged!.text + text.slice(merged!.range[1]);
    expect(fixed).toBe('Hi {{name}},\nSee <b> & "quotes"\n');
  });

  it('json: info is severity 1 and counted as a warning; suggestions carry desc and fix', () => {
    const r = result([
      finding({ severity: 'info', ruleId: 'confirm-or-deny', suggestions: [{ title: 'Use a name', edits: [{ start: 6, end: 14, newText: 'Ms Smith' }] }] }),
    ]);
    const [out] = JSON.parse(json([r], listRules()));
    expect(out.warningCount).toBe(1);
    expect(out.errorCount).toBe(0);
    expect(out.messages[0].severity).toBe(1);
    expect(out.messages[0].suggestions).toEqual([{ desc: 'Use a name', fix: { range: [6, 14], text: 'Ms Smith' } }]);
    expect(out.messages[0].fix).toBeUndefined();
  });

  it('github escapes data and properties', () => {
    expect(escapeData('100%\r\nx')).toBe('100%25%0D%0Ax');
    expect(escapeProperty('a,b:c%')).toBe('a%2Cb%3Ac%25');
    const out = github([result([finding({ severity: 'info' })])], listRules());
    expect(out).toBe('::notice file=dir%2C1/a%3Ab.md,line=1,col=7,endLine=1,endColumn=15,title=placeholder::Fill in "{{name}}" <now>, 100%25 & more%0Asecond line\n');
  });

  it('junit escapes XML', () => {
    expect(xmlEscape(`<a b="c" d='e'>&\u0001`)).toBe('&lt;a b=&quot;c&quot; d=&apos;e&apos;&gt;&amp;');
    const out = junit([result([finding({})])], listRules());
    expect(out).not.toMatch(/<now>/);
    expect(out).toContain('&lt;now&gt;');
    expect(out).toContain('classname="dir,1/a:b.md"');
  });

  it('sarif maps info to note and stylish shows "info"', () => {
    const log = JSON.parse(sarif([result([finding({ severity: 'info' })])], listRules(), { version: '9.9.9' }));
    expect(log.runs[0].results[0].level).toBe('note');
    expect(log.runs[0].tool.driver.version).toBe('9.9.9');
    const s = stylish([result([finding({ severity: 'info' })])], listRules(), { color: false });
    expect(s).toMatch(/1:7 +info +Fill in/);
    expect(s).toContain('1 problem (0 errors, 0 warnings, 1 info)');
  });

  it('decodes BOMs and refuses NUL bytes and bad UTF-8', () => {
    expect(decode(Buffer.from('\ufeffhi', 'utf8'))).toEqual({ text: 'hi', bom: true, encoding: 'utf8' });
    expect(decode(Buffer.from([0xfe, 0xff, 0, 0x68, 0, 0x69]))).toEqual({ text: 'hi', bom: true, encoding: 'utf16be' });
    expect(decode(Buffer.from([0x68, 0, 0x69]))).toHaveProperty('error', expect.stringContaining('binary'));
    expect(decode(Buffer.from([0x68, 0xc3]))).toHaveProperty('error', expect.stringContaining('UTF-8'));
    expect(keepLineEndings('a\r\nb\r\n', 'a\r\nx\ny\r\n')).toBe('a\r\nx\r\ny\r\n');
  });
});

describe('info findings end to end', () => {
  beforeAll(() => ensureBuilt());
  it('--rule id:info gives info findings that do not fail the run', () => {
    const dir = workspace({ 'bad.md': defectiveLetter() });
    const r = foilint(['--rule', 'placeholder:info', '--max-warnings', '1', 'bad.md'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/8:6 +info +/);
    const j = JSON.parse(foilint(['--rule', 'placeholder:info', '-f', 'json', 'bad.md'], { cwd: dir }).out);
    expect(j[0].messages[0]).toMatchObject({ ruleId: 'placeholder', severity: 1 });
  });
});
