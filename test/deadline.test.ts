import { describe, expect, it } from 'vitest';
import { buildLetter, chooseTemplate, lint, parseMarkdown } from '../server/src/engine/index.js';
import { defaultConfig } from '../server/src/host/config.js';
import { clockStart, countWorkingDays, periodDays, reviewOutcome, reviewReceipt, statedExtension } from '../server/src/engine/deadline.js';
import { formatLike, weekdayLike } from '../server/src/engine/rules/date-validity.js';
import type { CalendarDate } from '../server/src/engine/calendar.js';

const config = defaultConfig();
const packs = config.packs;
const d = (iso: string): CalendarDate => {
  const [year, month, day] = iso.split('-').map(Number);
  return { year, month, day };
};
const iso = (c: CalendarDate) => `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;
function model(text: string) {
  return buildLetter(text, parseMarkdown(text), config, chooseTemplate(text, config).template);
}

describe('countWorkingDays: a date against the time limit (receipt is day 0)', () => {
  it('the issue case: received Monday 13 March 2023, sent Monday 24 April 2023 under FOIA is 27 working days; due Thursday 13 April', () => {
    const c = countWorkingDays(d('2023-03-13'), d('2023-04-24'), packs.foia!)!;
    expect(c.count).toBe(27);
    expect(c.limit).toBe(20);
    expect(iso(c.due)).toBe('2023-04-13');
    expect(c.late).toBe(true);
    expect(c.skipped.map((s) => s.reason)).toEqual(["St Patrick's Day (Northern Ireland)", 'Good Friday', 'Easter Monday (England and Wales, Northern Ireland)']);
    expect(c.sentence).toBe(
      "Monday 24 April 2023 is 27 working days after the request was received on Monday 13 March 2023. The limit of 20 working days ended on Thursday 13 April 2023 (St Patrick's Day (Northern Ireland), Good Friday and Easter Monday (England and Wales, Northern Ireland) do not count).",
    );
  });

  it('the same letter sent on the due date is in time', () => {
    const c = countWorkingDays(d('2023-03-13'), d('2023-04-13'), packs.foia!)!;
    expect([c.count, c.late]).toEqual([20, false]);
    expect(c.sentence).toMatch(/ends on Thursday 13 April 2023/);
  });

  it('Wrexham EIR5992: received Thursday 26 May 2016, due Friday 24 June 2016 (the Spring bank holiday does not count)', () => {
    const c = countWorkingDays(d('2016-05-26'), d('2016-06-24'), packs.eir!)!;
    expect([c.count, c.late, iso(c.due)]).toEqual([20, false, '2016-06-24']);
    expect(c.skipped.map((s) => s.reason)).toEqual(['Spring bank holiday']);
  });

  it('FOISA counts Scottish bank holidays only: St Patrick\'s Day and Easter Monday are working days in Scotland', () => {
    const scottish = countWorkingDays(d('2023-03-13'), d('2023-04-12'), packs.foisa!)!;
    expect([scottish.count, scottish.late, iso(scottish.due)]).toEqual([21, true, '2023-04-11']);
    const english = countWorkingDays(d('2023-03-13'), d('2023-04-12'), packs.foia!)!;
    expect([english.count, english.late]).toEqual([19, false]);
  });

  it("FOISA over St Andrew's Day, Christmas and 2 January", () => {
    const c = countWorkingDays(d('2023-11-29'), d('2024-01-03'), packs.foisa!)!;
    expect([c.count, c.late, iso(c.due)]).toEqual([20, false, '2024-01-03']);
    expect(c.skipped).toHaveLength(5);
  });

  it("the coronation (8 May 2023) and the Queen's funeral (19 September 2022) do not count", () => {
    expect(iso(countWorkingDays(d('2023-04-13'), d('2023-05-15'), packs.foia!)!.due)).toBe('2023-05-15');
    const funeral = countWorkingDays(d('2022-09-01'), d('2022-09-29'), packs.foia!)!;
    expect([funeral.count, iso(funeral.due)]).toEqual([19, '2022-09-30']);
    expect(funeral.sentence).toMatch(/Funeral/);
  });

  it('a request received on a Saturday: the Monday after is day 1', () => {
    const c = countWorkingDays(d('2023-03-11'), d('2023-03-13'), packs.foia!)!;
    expect(c.count).toBe(1);
    expect(iso(countWorkingDays(d('2023-03-11'), d('2023-03-11'), packs.foia!)!.due)).toBe('2023-04-12');
  });

  it('a date before receipt, and the day of receipt itself', () => {
    const before = countWorkingDays(d('2023-03-13'), d('2023-03-10'), packs.foia!)!;
    expect([before.beforeReceipt, before.count, before.late]).toEqual([true, 0, false]);
    expect(before.sentence).toMatch(/^Friday 10 March 2023 is before the request was received, on Monday 13 March 2023\./);
    expect(countWorkingDays(d('2023-03-13'), d('2023-03-13'), packs.foia!)!.sentence).toMatch(/is the day the request was received \(day 0\)/);
  });

  it('other periods: the longest extension (FOIA 40, EIR 40, none under FOISA) and the review reply (FOIA 20, EIR 40)', () => {
    expect(periodDays(packs.foia!, 'extension')).toBe(40);
    expect(periodDays(packs.eir!, 'extension')).toBe(40);
    expect(periodDays(packs.foisa!, 'extension')).toBeUndefined();
    expect(countWorkingDays(d('2023-03-13'), d('2023-05-02'), packs.foisa!, { period: 'extension' })).toBeUndefined();
    const extended = countWorkingDays(d('2023-03-13'), d('2023-05-19'), packs.foia!, { period: 'extension' })!;
    expect([extended.count, extended.limit, iso(extended.due), extended.late]).toEqual([44, 40, '2023-05-15', true]);
    expect(countWorkingDays(d('2023-05-03'), d('2023-06-16'), packs.eir!, { period: 'reviewReply' })!.limit).toBe(40);
    const review = countWorkingDays(d('2023-05-05'), d('2023-06-13'), packs.foia!, { period: 'reviewReply' })!;
    expect([review.count, review.late]).toEqual([25, true]);
    expect(review.sentence).toMatch(/after the request for review was received/);
  });

  it('gives no answer for an impossible date or one outside the years the calendar covers', () => {
    expect(countWorkingDays({ ...d('2023-02-29'), valid: false }, d('2023-03-20'), packs.foia!)).toBeUndefined();
    expect(countWorkingDays(d('1999-12-01'), d('2000-01-10'), packs.foia!)).toBeUndefined();
    expect(countWorkingDays(d('2040-12-20'), d('2040-12-21'), packs.foia!)).toBeUndefined();
  });
});

describe('what a letter says about its own deadline', () => {
  const review = `Manchester City Council

13 June 2023

Our ref: FOI-2303-0912

Dear Mr Hussain,

Internal review: FOI-2303-0912

Your original request was received on 13 March 2023 and we responded on 11 April 2023. Thank you for your request for an internal review, which we received on 5 May 2023.

If you are not content with the outcome of the internal review, you may apply to the Information Commissioner.
`;

  it('a review outcome: its title line, and the date the request for review arrived (not the original request)', () => {
    const l = model(review);
    expect(reviewOutcome(l)).toBeDefined();
    expect(reviewReceipt(l)?.raw).toBe('5 May 2023');
  });

  it('an ordinary response that only offers a review is not a review outcome', () => {
    const l = model(`22 March 2023

Dear Ms Jones,

Thank you for your request received on 13 March 2023. We hold the information.

If you are unhappy with this response you may ask for an internal review. If you are not content with the outcome of the internal review, you may apply to the Information Commissioner.
`);
    expect(reviewOutcome(l)).toBeUndefined();
  });

  it('"we have reviewed our response" makes a review outcome; "your request for an internal review of our response dated …" is not the date it arrived', () => {
    const l = model(`13 June 2023

Dear Mr Hussain,

We have now reviewed our original response to your request. Your request for an internal review of our response dated 11 April 2023 was received on 5 May 2023.
`);
    expect(reviewOutcome(l)).toBeDefined();
    expect(reviewReceipt(l)?.raw).toBe('5 May 2023');
  });

  it('an extension counts in the authority\'s words, never in the quoted request', () => {
    const ours = model(`2 May 2023

Dear Ms Adeyemi,

Thank you for your request received on 13 March 2023. We needed further time to consider the public interest, as section 10(3) allows.
`);
    expect(statedExtension(ours, packs.foia!.deadlines.extension)).toBeDefined();
    const theirs = model(`2 May 2023

Dear Dr Lowe,

Thank you for your request received on 13 March 2023. You asked:

> I know you may extend the deadline under section 10(3), but please tell me how many agency nurses the Trust used in February 2023.

We have processed this request under the Freedom of Information Act 2000.

The Trust holds the information.
`);
    expect(statedExtension(theirs, packs.foia!.deadlines.extension)).toBeUndefined();
    expect(statedExtension(ours, packs.foisa!.deadlines.extension)).toBeUndefined();
  });

  it('EIR reg 7: "complex and voluminous" or "regulation 7"', () => {
    const l = model(`25 August 2023

Dear Mr Pascoe,

Because the request is both complex and voluminous, we extended the time for our response to 40 working days.
`);
    expect(statedExtension(l, packs.eir!.deadlines.extension)).toBeDefined();
  });

  it('the clock starts from the stated date of receipt, or from a later clarification', () => {
    expect(clockStart(model('Thank you for your request received on 13 March 2023.\n'))?.date.raw).toBe('13 March 2023');
    const clarified = clockStart(model('Thank you for your request received on 13 March 2023. We asked you to clarify which schools you meant, and we received your clarification on 20 March 2023.\n'))!;
    expect([clarified.kind, clarified.date.raw]).toEqual(['clarification', '20 March 2023']);
  });

  it('a date of receipt in a table cell counts ("| Request received | 13/03/2023 |")', () => {
    expect(clockStart(model('| Reference | FOI 23-0771 |\n| --- | --- |\n| Request received | 13/03/2023 |\n'))?.date.raw).toBe('13/03/2023');
  });

  it('no clock start when the letter gives only the date the request was written, or a clarification without its date', () => {
    expect(clockStart(model('Thank you for your email of 13 March 2023 requesting the following information.\n'))).toBeUndefined();
    expect(clockStart(model('Thank you for your request received on 13 March 2023. We asked you to clarify your request on 15 March 2023. Thank you for your clarification.\n'))).toBeUndefined();
  });
});

describe('writing a corrected date the way the letter wrote it', () => {
  it.each([
    ['27 June 2016', '24 June 2016'],
    ['Monday 27 June 2016', 'Friday 24 June 2016'],
    ['Mon 27th June, 2016', 'Fri 24th June, 2016'],
    ['27/06/2016', '24/06/2016'],
    ['27.06.16', '24.06.16'],
    ['June 27, 2016', 'June 24, 2016'],
    ['2016-06-27', '2016-06-24'],
    ['1st Jul 2016', '24th Jun 2016'],
    ['MONDAY 27 JUNE 2016', 'FRIDAY 24 JUNE 2016'],
  ])('%s → %s', (raw, expected) => {
    expect(formatLike(raw, d('2016-06-24'))).toBe(expected);
  });

  it('an ordinal follows the new day (1st, 2nd, 3rd, 11th, 22nd), and single digits keep their padding', () => {
    expect(formatLike('13th April 2023', d('2023-05-02'))).toBe('2nd May 2023');
    expect(formatLike('13th April 2023', d('2023-05-11'))).toBe('11th May 2023');
    expect(formatLike('05/04/2023', d('2023-05-02'))).toBe('02/05/2023');
    expect(formatLike('5/4/2023', d('2023-05-02'))).toBe('2/5/2023');
    expect(formatLike('Sept 13, 2023', d('2023-09-20'))).toBe('Sept 20, 2023');
  });

  it('a weekday keeps its form: Tuesday → Monday, Tue → Mon, Thurs → Fri, TUESDAY → MONDAY', () => {
    expect(weekdayLike('Tuesday', 1)).toBe('Monday');
    expect(weekdayLike('Tue', 1)).toBe('Mon');
    expect(weekdayLike('Thurs', 5)).toBe('Fri');
    expect(weekdayLike('Tues', 4)).toBe('Thurs');
    expect(weekdayLike('TUESDAY', 1)).toBe('MONDAY');
  });
});

describe('response-time severities', () => {
  const late = '24 April 2023\n\nDear Ms Okafor,\n\nThank you for your request received on 13 March 2023.\n\nThe council holds the information.\n';
  const backwards = '10 March 2023\n\nDear Mr Gill,\n\nThank you for your request received on 13 March 2023.\n\nThe council holds the information.\n';
  const severities = (text: string, setting?: 'warning' | 'error') => {
    const c = setting ? { ...config, rules: { ...config.rules, 'response-time': setting } } : config;
    return lint(text, { config: c }).findings.filter((f) => f.ruleId === 'response-time').map((f) => f.severity);
  };

  it('unconfigured: a late letter is a warning, dates in an impossible order an error', () => {
    expect(severities(late)).toEqual(['warning']);
    expect(severities(backwards)).toEqual(['error']);
  });

  it('a configured severity applies to both', () => {
    expect(severities(late, 'error')).toEqual(['error']);
    expect(severities(backwards, 'warning')).toEqual(['warning']);
  });
});
