import { describe, expect, it } from 'vitest';
import { lint } from '../server/src/engine/index.js';
import { findPeriods } from '../server/src/engine/letter/deadlines.js';
import { givesContact, periodRole, type Sentence } from '../server/src/engine/letter/rights.js';
import { defaultConfig } from '../server/src/host/config.js';

/** The role of the first period in a one-sentence text. */
function role(text: string) {
  const sentence: Sentence = { start: 0, end: text.length, text, para: 0, heading: false, closing: false, quoted: false };
  return periodRole(text, sentence, findPeriods(text)[0]);
}

describe('periods as letters write them', () => {
  it('reads numbers, bracketed repeats and qualifiers', () => {
    const [a, b, c, d] = findPeriods('within 20 working days, forty (40) days, within two months, a calendar month');
    expect([a.value, a.qualifier, a.unit]).toEqual([20, 'working', 'day']);
    expect([b.value, b.numberText, b.qualifier]).toEqual([40, 'forty (40)', undefined]);
    expect([c.value, c.unit]).toEqual([2, 'month']);
    expect([d.value, d.qualifier, d.unit]).toEqual([1, 'calendar', 'month']);
  });

  it('leaves hyphenated adjectives alone', () => {
    expect(findPeriods('a 28-day notice period')).toEqual([]);
  });
});

describe('what a period in a review paragraph is for', () => {
  it('tells the window to ask from our time to reply', () => {
    expect(role('You can request a review within the next 40 working days by writing to us.')).toBe('request');
    expect(role('Internal review requests should be made within two months of the date of this response.')).toBe('request');
    expect(role('If you would like a review, please advise within 20 working days of the date of this letter.')).toBe('request');
    expect(role('You have 40 working days to ask for a review.')).toBe('request');
    expect(role('We will aim to complete the review within 20 working days.')).toBe('reply');
    expect(role('ACC will acknowledge receipt and you will be informed of the outcome within 20 working days.')).toBe('reply');
    expect(role('We will respond within 20 working days of receiving your request for review.')).toBe('reply');
    expect(role('If you have not received a response within 20 working days, you may ask for a review.')).toBe('reply');
  });

  it('leaves the appeal to the regulator to complaint-right', () => {
    expect(role('If you are still unhappy you may appeal to the Scottish Information Commissioner within six months.')).toBe('other');
  });
});

describe('contact details for a review', () => {
  it('accepts an address, email, team or the template field, not "write to us"', () => {
    expect(givesContact('by writing to foi@example.gov.uk')).toBe(true);
    expect(givesContact('write to our Complaints Manager')).toBe(true);
    expect(givesContact('Town Hall, Anytown AB1 2CD')).toBe(true);
    expect(givesContact('addressed to: {{review_contact}}')).toBe(true);
    expect(givesContact('at the address above')).toBe(true);
    expect(givesContact('you can ask us to review it by writing to us')).toBe(false);
    expect(givesContact('you may complain to the Information Commissioner’s Office')).toBe(false);
  });
});

describe('the rights paragraphs the required-sections suggestion inserts', () => {
  const base = defaultConfig();
  const letter = ['Dear Mr Okafor,', '', 'Thank you for your request received on 11 May 2023, for the following information:', '', 'How many libraries closed in 2022?', '', '## Response', '', 'We hold the information. Two libraries closed in 2022.', '', 'Yours sincerely,', ''].join('\n');

  it("are the regime pack's own, with the review contact from the config", () => {
    const config = { ...base, authority: { reviewContact: 'foi@leeds.gov.uk' } };
    const finding = lint(letter, { config }).findings.find((f) => f.ruleId === 'required-sections')!;
    const text = finding.suggestions![0].edits[0].newText;
    expect(text).toContain('## Your rights');
    expect(text).toContain('addressed to: foi@leeds.gov.uk.');
    expect(text).toContain('Wycliffe House');
  });

  it('follow the letter\'s regime (the SIC and six months for FOISA)', () => {
    const config = { ...base, regime: 'foisa' as const };
    const finding = lint(letter, { config }).findings.find((f) => f.ruleId === 'required-sections')!;
    const text = finding.suggestions![0].edits[0].newText;
    expect(text).toContain('{{review_contact}}');
    expect(text).toContain('within six months');
    expect(text).toContain('Kinburn Castle');
  });
});
