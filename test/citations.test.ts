import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildLetter, chooseTemplate, parseMarkdown } from '../server/src/engine/index.js';
import { defaultConfig } from '../server/src/host/config.js';
import {
  calledAnExemption,
  citationsOf,
  citedRegime,
  counterpartOf,
  normaliseProvision,
  reliedOn,
  resolveProvision,
  sentenceAround,
  type Citation,
} from '../server/src/engine/letter/citations.js';

const config = defaultConfig();
const packs = config.packs;
function model(text: string) {
  return buildLetter(text, parseMarkdown(text), config, chooseTemplate(text, config).template);
}
/** The citations of a text as "word provision [act]" strings, easy to read in a failure. */
function cites(text: string): string[] {
  return citationsOf(model(text)).map((c) => `${c.word} ${c.provision}${c.act ? ` [${c.act.kind}]` : ''}`);
}
function first(text: string): Citation {
  return citationsOf(model(text))[0];
}

describe('finding citations', () => {
  it('reads the forms letters use for sections', () => {
    expect(cites('Names were redacted under section 40(2), s.40(2), s40(2), S.43(2) and s. 43(2).')).toEqual([
      'section 40(2)',
      'section 40(2)',
      'section 40(2)',
      'section 43(2)',
      'section 43(2)',
    ]);
    expect(cites('SECTION 12 applies; Section 43 (2) also applies.')).toEqual(['section 12', 'section 43(2)']);
  });

  it('reads regulations, with and without the full word', () => {
    expect(cites('The exceptions at regulation 12(5)(e), reg. 12(4)(b), reg 12(4)(c) and Regulation 13 apply.')).toEqual([
      'regulation 12(5)(e)',
      'regulation 12(4)(b)',
      'regulation 12(4)(c)',
      'regulation 13',
    ]);
  });

  it('normalises spaces and paragraph letters, and keeps what was written', () => {
    const c = first('It is withheld under Regulation 12 (5) (E).');
    expect(c.raw).toBe('12 (5) (E)');
    expect(c.provision).toBe('12(5)(e)');
    expect(c.wordText).toBe('Regulation');
    expect(normaliseProvision('40 (3A) (a)')).toBe('40(3A)(a)');
  });

  it('reads lists, including members written as subsections only', () => {
    expect(cites('The exemptions in sections 31(1)(a) and 38 apply, as do sections 40(2), 41 and 43(2).')).toEqual([
      'section 31(1)(a)',
      'section 38',
      'section 40(2)',
      'section 41',
      'section 43(2)',
    ]);
    expect(cites('It is exempt under section 40(2) and (3A)(a); regulation 12(5)(d) and (e); section 30(b)(i) and (ii).')).toEqual([
      'section 40(2)',
      'section 40(3A)(a)',
      'regulation 12(5)(d)',
      'regulation 12(5)(e)',
      'section 30(b)(i)',
      'section 30(b)(ii)',
    ]);
    const [a, b] = citationsOf(model('sections 23 and 24 apply'));
    expect(a.group).toBe(b.group);
    expect(b.indexInGroup).toBe(1);
  });

  it('does not read numbers after a singular word as a list', () => {
    expect(cites('Under section 40(2), 10 names were redacted. Sections 12 and 20 working days later.')).toEqual(['section 40(2)', 'section 12']);
  });

  it('reads bare provisions where the context says they are provisions', () => {
    expect(cites('This is the exemption at 40(2).')).toEqual(['none 40(2)']);
    expect(cites('We withheld it under 40(2) of FOIA.')).toEqual(['none 40(2) [foia]']);
    expect(cites('FoIA 21 Information which is reasonably accessible.')).toEqual(['none 21 [foia]']);
    expect(cites('It was received in 2023 and 15 people replied; FOIA 2000 applies; Ref: FOIA 123.')).toEqual([]);
  });

  it('names the Act a citation belongs to, before or after it', () => {
    expect(cites('the exemption at section 21 of the Act')).toEqual(['section 21 [the-act]']);
    expect(cites('section 40(2) of the Freedom of Information Act 2000')).toEqual(['section 40(2) [foia]']);
    expect(cites('section 38(1)(b) of the Freedom of Information (Scotland) Act 2002')).toEqual(['section 38(1)(b) [foisa]']);
    expect(cites('Under FOIA section 43, and regulation 13 of the EIR')).toEqual(['section 43 [foia]', 'regulation 13 [eir]']);
    expect(cites('Under Section 12 (cost limit) of the Freedom of Information Act 2000 we refuse.')).toEqual(['section 12 [foia]']);
  });

  it('tells another Act from the FOI Acts: "section 40 of the Data Protection Act 2018" is not FOIA', () => {
    expect(cites('Section 40 of the Data Protection Act 2018 and section 22 of the Children Act 1989.')).toEqual(['section 40 [other]', 'section 22 [other]']);
    expect(cites('the Data Protection Act 2018, section 45')).toEqual(['section 45 [other]']);
    expect(cites('the Copyright, Designs and Patents Act 1988 (sections 29 and 30) allows fair dealing')).toEqual(['section 29 [other]', 'section 30 [other]']);
    expect(cites('regulation 4(3) of the Fees Regulations')).toEqual(['regulation 4(3) [other]']);
  });

  it('is not fooled by postcodes, apostrophes or links', () => {
    expect(cites("Town Hall, Chesterfield S40 1LP. The council's 40 staff.")).toEqual([]);
    expect(cites('See https://www.legislation.gov.uk/ukpga/2000/36/section/40 and www.ico.org.uk/s40-guidance.')).toEqual([]);
    expect(cites('Sections 23/24 apply.')).toEqual(['section 23', 'section 24']);
  });

  it('reads tables of exemptions, bare cells included, and marks them as listed', () => {
    const text = '| Section | Exemption |\n|---|---|\n| 40(2) | Personal data |\n| s.43(2) | Commercial interests |\n';
    const all = citationsOf(model(text));
    expect(all.map((c) => `${c.word} ${c.provision} ${c.listed} ${c.inTable}`)).toEqual(['section 40(2) true true', 'section 43(2) true true']);
  });

  it('marks list items introduced as exemptions', () => {
    const all = citationsOf(model('The following exemptions apply:\n\n- Section 40(2) – personal data\n- Section 43(2) – commercial interests\n'));
    expect(all.map((c) => c.listed)).toEqual([true, true]);
  });
});

describe('sentences', () => {
  it('does not end a sentence at the dot of "s." or "reg."', () => {
    const letter = model('First sentence. The exemption in s. 40(2) and reg. 13 applies here. Next sentence.');
    const at = letter.text.indexOf('40(2)');
    const s = sentenceAround(letter, at);
    expect(letter.text.slice(s.start, s.end).trim()).toBe('The exemption in s. 40(2) and reg. 13 applies here.');
  });
});

describe('reading citations against the packs', () => {
  it('resolves exemptions, non-exemptions, headings over exemptions, and paragraphs that do not exist', () => {
    expect(resolveProvision(packs.foia!, '43(2)')).toMatchObject({ kind: 'exemption', entry: { cite: '43' } });
    expect(resolveProvision(packs.foia!, '40(2)')).toMatchObject({ kind: 'exemption', entry: { cite: '40(2)', class: 'absolute' } });
    expect(resolveProvision(packs.foia!, '14(1)')).toMatchObject({ kind: 'not-exemption', entry: { cite: '14' } });
    expect(resolveProvision(packs.foia!, '25').kind).toBe('unknown');
    expect(resolveProvision(packs.eir!, '12(5)').kind).toBe('general');
    expect(resolveProvision(packs.eir!, '12(5)(h)')).toMatchObject({ kind: 'no-such-paragraph', parent: '12(5)' });
    expect(resolveProvision(packs.eir!, '12(2)')).toMatchObject({ kind: 'not-exemption' });
    expect(resolveProvision(packs.foisa!, '38(1)(e)')).toMatchObject({ kind: 'no-such-paragraph', parent: '38(1)' });
    // FOISA's section 40 (audit functions) has paragraphs (a) and (b) only: "40(2)" is FOIA's.
    expect(resolveProvision(packs.foisa!, '40(2)')).toMatchObject({ kind: 'no-such-paragraph', parent: '40' });
    expect(resolveProvision(packs.foisa!, '40')).toMatchObject({ kind: 'exemption', entry: { title: 'Audit functions' } });
    expect(resolveProvision(packs.foia!, '40(3A)(a)')).toMatchObject({ kind: 'exemption', entry: { cite: '40' } });
  });

  it('knows the counterparts in the other regimes', () => {
    expect(counterpartOf(packs.foia, '43(2)', 'eir')).toBe('12(5)(e)');
    expect(counterpartOf(packs.foia, '43(2)', 'foisa')).toBe('33(1)(b)');
    expect(counterpartOf(packs.foia, '40(2)', 'foisa')).toBe('38(1)(b)');
    expect(counterpartOf(packs.foisa, '25', 'foia')).toBe('21');
    expect(counterpartOf(packs.foia, '14', 'eir')).toBe('12(4)(b)');
    expect(counterpartOf(packs.foia, '23', 'eir')).toBeUndefined();
  });

  it("gives a citation the regime of the Act it names, else of the letter's word", () => {
    expect(citedRegime(first('section 43 applies'), 'eir')).toBe('foia');
    expect(citedRegime(first('section 38 applies'), 'eir-scotland')).toBe('foisa');
    expect(citedRegime(first('regulation 13 applies'), 'eir')).toBe('eir');
    expect(citedRegime(first('regulation 13 applies'), 'foia')).toBeUndefined();
    expect(citedRegime(first('section 40 of the Data Protection Act 2018'), 'foia')).toBe('other');
    expect(citedRegime(first('section 40(2) of the Freedom of Information Act 2000'), 'foisa')).toBe('foia');
  });
});

describe('how the letter uses a citation', () => {
  const use = (text: string) => {
    const letter = model(text);
    const all = citationsOf(letter);
    return { relied: reliedOn(letter, all[0]), called: calledAnExemption(letter, all[0], all) };
  };

  it('relies on a provision the sentence applies or withholds under', () => {
    expect(use('The price is withheld under section 43(2).')).toEqual({ relied: true, called: false });
    expect(use('We do not consider that section 43(2) applies.').relied).toBe(false);
    expect(use('Section 1(1)(a) gives you the right to be told.').relied).toBe(false);
  });

  it('calls a provision an exemption only in words tied to it', () => {
    expect(use('The policy is exempt under section 45 of the Act.').called).toBe(true);
    expect(use('The invoices are withheld under the section 25 exemption.').called).toBe(true);
    expect(use('3 - Under Section 12 (cost limit) of the Freedom of Information Act 2000 we are applying an exemption to your request.').called).toBe(true);
    expect(use('Section 17 of the Act requires us to tell you which exemption applies.').called).toBe(false);
    expect(use('Section 12 is not an exemption.').called).toBe(false);
    expect(use('In applying the exception we started from the presumption in regulation 12(2).').called).toBe(false);
    expect(use('The invoices are exempt from the duty to comply under section 12.').called).toBe(false);
  });
});

describe('the real letters', () => {
  const example = (name: string) => model(readFileSync(join(__dirname, '..', 'examples', name), 'utf8'));

  it('Dorset (PDF extract): section 12 named with the FOI Act, and called an exemption', () => {
    const letter = example('nhs-dorset-hc-foi3789-s12-partial.md');
    const all = citationsOf(letter).filter((c) => !letter.inRequest(c.start));
    expect(all.map((c) => `${c.provision} [${c.act?.kind}]`)).toEqual(['12 [foia]']);
    expect(calledAnExemption(letter, all[0], all)).toBe(true);
  });

  it('TfL: section 40(2) of the Freedom of Information Act, relied on', () => {
    const letter = example('tfl-foi-2388-2324-tcr-station.md');
    const all = citationsOf(letter);
    expect(all.map((c) => `${c.provision} [${c.act?.kind}]`)).toEqual(['40(2) [foia]']);
    expect(reliedOn(letter, all[0])).toBe(true);
  });

  it('RDaSH (PDF extract): "FoIA 21" is section 21', () => {
    expect(citationsOf(example('nhs-rdash-foi-2880-s21-housing.md')).map((c) => c.provision)).toEqual(['21']);
  });
});
