import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../server/src/engine/index.js';
import { diffEdits } from '../../server/src/lsp/edits.js';

describe('diffEdits: the fix-all result as small edits', () => {
  it('one edit per changed phrase, words between changes kept', () => {
    const before = 'a review within two months by writing. We will reply within 20 days. Telephone: 01625 545 745.\n';
    const after = 'a review within 40 working days by writing. We will reply within 20 working days. Telephone: 0303 123 1113.\n';
    const edits = diffEdits(before, after);
    expect(edits.map((e) => [before.slice(e.start, e.end), e.newText])).toEqual([
      ['two months', '40 working days'],
      ['', 'working '],
      ['01625 545 745', '0303 123 1113'],
    ]);
  });

  it('applied with the engine, the edits always give the new text, and never split a CRLF or a surrogate pair', () => {
    const piece = fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '\r', '📮', 'word', '.');
    const text = fc.array(piece, { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const edits = diffEdits(before, after);
        expect(applyFixes(before, [{ title: 'diff', edits }]).text).toBe(after);
        for (const e of edits) {
          for (const at of [e.start, e.end]) {
            const c = before.charCodeAt(at);
            const p = before.charCodeAt(at - 1);
            expect(c >= 0xdc00 && c <= 0xdfff && p >= 0xd800 && p <= 0xdbff).toBe(false);
            expect(c === 10 && p === 13).toBe(false);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
