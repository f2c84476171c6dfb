/** server/src/engine/prefilter.ts skips scanning a letter for a pack pattern when the letter holds
 * none of the pattern's literal words. It must never skip a letter the pattern matches. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mayMatch, requiredLiterals } from '../server/src/engine/prefilter.js';
import { loadPacks } from '../server/src/host/packs.js';

/** Every pattern in the bundled packs and regulators (what the rules compile with 'giu'). */
function packPatterns(): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'pattern' || k === 'unless' || k === 'when') && typeof x === 'string') out.add(x);
        else walk(x);
      }
    }
  };
  walk(loadPacks(join(process.cwd(), 'rules', 'packs')));
  return [...out];
}

describe('requiredLiterals', () => {
  it('finds the words every match must contain', () => {
    expect(requiredLiterals(String.raw`\bWycliff(?!e)\s+House\b`)).toEqual(['wycliff']);
    expect(requiredLiterals(String.raw`\b[\w.+-]+@ico\.gov\.uk\b`)).toEqual(['@ico.gov.uk']);
    expect(requiredLiterals(String.raw`(?:(?<=www\.)|(?<![\w@.-]))ico\.org\.uk/concerns\b/?`)).toEqual(['ico.org.uk/concerns']);
    // One word for each top-level alternative; an optional group requires nothing.
    expect(requiredLiterals(String.raw`\bKinburn\s+Castle\b|(?<![\w.@-])(?:www\.)?foi\.scot\b`)).toEqual(['kinburn', 'foi.scot']);
    // A mandatory group stands for its alternatives.
    expect(requiredLiterals(String.raw`\b(?:Wilmslow|Cheshire)\s+SK9`)).toEqual(['wilmslow', 'cheshire']);
  });

  it('gives up where a word could be left out or is too short', () => {
    expect(requiredLiterals(String.raw`colou?r`)).toEqual(['colo']);
    expect(requiredLiterals(String.raw`ab?`)).toBeNull();
    expect(requiredLiterals(String.raw`\d+\s*days|weeks`)).toEqual(['days', 'weeks']);
    expect(requiredLiterals(String.raw`\d+\s*(?:d|w)`)).toBeNull();
    expect(requiredLiterals(String.raw`(?:two|2) months`)).toEqual([' months']);
    expect(requiredLiterals(String.raw`a(?:bc)*d`)).toBeNull();
    expect(requiredLiterals(String.raw`[Ss]ection`)).toEqual(['ection']);
  });
});

describe('mayMatch', () => {
  it('folds the letters that case-insensitive Unicode patterns fold to ASCII', () => {
    expect(mayMatch('\u212Ainburn Castle', /\bkinburn\b/giu)).toBe(true);
    expect(mayMatch('Ca\u017Ftle', /castle/giu)).toBe(true);
    expect(mayMatch('Wycliffe House', /\bKinburn\b/giu)).toBe(false);
  });

  it('never says no to a letter a pack pattern matches', () => {
    const patterns = packPatterns();
    expect(patterns.length).toBeGreaterThan(20);
    let matched = 0;
    for (const source of patterns) {
      const re = new RegExp(source, 'giu');
      // Letters made of the pattern's own words, in any case, with any spacing.
      const words = source.replace(/\\[bBsSdDwW]/g, ' ').replace(/\\(.)/g, '$1').match(/[A-Za-z0-9@./'’-]+/g) ?? ['x'];
      const piece = fc.oneof(fc.constantFrom(...words), fc.constantFrom(' ', '  ', '\n', ', ', '. ', '(', ')', 'www.', '0', '9'));
      const cased = fc.tuple(fc.array(piece, { maxLength: 12 }), fc.constantFrom('lower', 'upper', 'as is')).map(([parts, c]) => {
        const s = parts.join('');
        return c === 'lower' ? s.toLowerCase() : c === 'upper' ? s.toUpperCase() : s;
      });
      fc.assert(
        fc.property(cased, (text) => {
          re.lastIndex = 0;
          if (!re.test(text)) return;
          matched++;
          expect(mayMatch(text, re)).toBe(true);
        }),
        { numRuns: 300 },
      );
    }
    // The letters did match the patterns often enough for the check to mean something.
    expect(matched).toBeGreaterThan(patterns.length * 5);
  });
});
