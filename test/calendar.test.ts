import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { addWorkingDays, formatLongDate, isWorkingDay, nonWorkingReason, workingDaysBetween, type CalendarDate } from '../server/src/engine/calendar.js';
// @ts-expect-error: a plain .mjs script without types
import { computeTable, formatTable, TABLE_FILE } from '../scripts/holidays.mjs';

const d = (iso: string): CalendarDate => {
  const [year, month, day] = iso.split('-').map(Number);
  return { year, month, day };
};
const due = (received: string, days: number, cal: 'uk-any' | 'scotland' = 'uk-any') => {
  const r = addWorkingDays(d(received), days, cal).date;
  return `${r.year}-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`;
};

describe('working days (FOIA s.10(6): weekends, Christmas Day, Good Friday, a bank holiday in any part of the UK)', () => {
  it('the seed case: received Monday 13 March 2023 is due Thursday 13 April 2023 (St Patrick, Good Friday and Easter Monday skipped)', () => {
    expect(due('2023-03-13', 20)).toBe('2023-04-13');
    const { skipped } = addWorkingDays(d('2023-03-13'), 20, 'uk-any');
    expect(skipped.map((s) => s.reason)).toEqual(["St Patrick's Day (Northern Ireland)", 'Good Friday', 'Easter Monday (England and Wales, Northern Ireland)']);
  });

  it('the Wrexham worked case: received Thursday 26 May 2016, due Friday 24 June 2016 (Spring bank holiday skipped)', () => {
    expect(due('2016-05-26', 20)).toBe('2016-06-24');
    expect(formatLongDate(d('2016-06-24'))).toBe('Friday 24 June 2016');
  });

  it("the Queen's funeral (Monday 19 September 2022) is not a working day", () => {
    expect(nonWorkingReason(d('2022-09-19'), 'uk-any')).toMatch(/Funeral/);
    expect(workingDaysBetween(d('2022-09-16'), d('2022-09-20'), 'uk-any').count).toBe(1);
  });

  it('the coronation (Monday 8 May 2023) is not a working day, nor is the early May bank holiday a week before', () => {
    expect(isWorkingDay(d('2023-05-08'), 'uk-any')).toBe(false);
    expect(isWorkingDay(d('2023-05-01'), 'uk-any')).toBe(false);
    expect(isWorkingDay(d('2023-05-09'), 'uk-any')).toBe(true);
  });

  it('the 2022 jubilee: the Spring bank holiday moved to Thursday 2 June, and Friday 3 June was added; Monday 30 May was a working day', () => {
    expect(isWorkingDay(d('2022-06-02'), 'uk-any')).toBe(false);
    expect(isWorkingDay(d('2022-06-03'), 'uk-any')).toBe(false);
    expect(isWorkingDay(d('2022-05-30'), 'uk-any')).toBe(true);
  });

  it('VE day 2020: Friday 8 May was the holiday, Monday 4 May was a working day', () => {
    expect(isWorkingDay(d('2020-05-08'), 'uk-any')).toBe(false);
    expect(isWorkingDay(d('2020-05-04'), 'uk-any')).toBe(true);
  });

  it('Christmas substitutes: Christmas 2021 fell on a Saturday, so Monday 27 and Tuesday 28 December were holidays', () => {
    expect(isWorkingDay(d('2021-12-27'), 'uk-any')).toBe(false);
    expect(isWorkingDay(d('2021-12-28'), 'uk-any')).toBe(false);
    expect(isWorkingDay(d('2021-12-29'), 'uk-any')).toBe(true);
    expect(due('2021-12-23', 1)).toBe('2021-12-24');
    expect(due('2021-12-24', 1)).toBe('2021-12-29');
  });

  it("St Andrew's Day counts for an English council under FOIA, and for a Scottish one under FOISA", () => {
    expect(nonWorkingReason(d('2023-11-30'), 'uk-any')).toBe("St Andrew's Day (Scotland)");
    expect(nonWorkingReason(d('2023-11-30'), 'scotland')).toBe("St Andrew's Day");
  });

  it('12 July (Battle of the Boyne) stops the FOIA clock but not the FOISA one', () => {
    expect(isWorkingDay(d('2023-07-12'), 'uk-any')).toBe(false);
    expect(isWorkingDay(d('2023-07-12'), 'scotland')).toBe(true);
  });

  it('Scotland: 2 January and the first Monday of August are holidays; Easter Monday is a working day', () => {
    expect(isWorkingDay(d('2023-01-02'), 'scotland')).toBe(false);
    expect(isWorkingDay(d('2023-08-07'), 'scotland')).toBe(false);
    expect(isWorkingDay(d('2023-04-10'), 'scotland')).toBe(true);
    expect(isWorkingDay(d('2023-04-07'), 'scotland')).toBe(false);
    // Under FOISA the seed request is due a day earlier: only Good Friday falls in its span.
    expect(due('2023-03-13', 20, 'scotland')).toBe('2023-04-11');
  });

  it('counts working days between two dates from the day after the first', () => {
    expect(workingDaysBetween(d('2023-03-13'), d('2023-04-13'), 'uk-any').count).toBe(20);
    expect(workingDaysBetween(d('2023-03-13'), d('2023-04-24'), 'uk-any').count).toBe(27);
    expect(workingDaysBetween(d('2023-03-13'), d('2023-03-13'), 'uk-any').count).toBe(0);
    expect(workingDaysBetween(d('2023-03-13'), d('2023-03-01'), 'uk-any').count).toBe(0);
  });

  it('the holiday table is what the installed date-holidays computes (run `npm run update:holidays` after upgrading it)', () => {
    expect(readFileSync(TABLE_FILE, 'utf8')).toBe(formatTable(computeTable()));
  });
});
