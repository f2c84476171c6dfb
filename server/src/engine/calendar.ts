/** Working days for FOI deadlines.
 *
 * FOIA s.10(6) and EIR reg 2(1): a working day is any day other than a Saturday, a Sunday,
 * Christmas Day, Good Friday or a bank holiday "in any part of the United Kingdom", so a council in
 * Kent skips St Patrick's Day (Northern Ireland) and St Andrew's Day (Scotland). FOISA s.73 and the
 * Scottish EIRs count Scottish bank holidays only. The day of receipt is day 0; day 1 is the first
 * working day after it (ICO; Wrexham EIR5992: received 26 May 2016, due 24 June 2016).
 *
 * The bank holidays are the table in rules/calendar/uk-bank-holidays.json, generated from
 * `date-holidays` (see scripts/holidays.mjs). Dates outside its years are reported as not
 * covered, never guessed. */
import table from '../../../rules/calendar/uk-bank-holidays.json';

/** Which bank holidays stop the clock: the union of every UK nation's, or Scotland's alone. */
export type HolidayCalendar = 'uk-any' | 'scotland';

export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export interface NonWorkingDay {
  date: CalendarDate;
  /** "Saturday", "Good Friday", "St Patrick's Day (Northern Ireland)". */
  reason: string;
}

export interface WorkingDayCount {
  /** Working days after the start date, up to and including the end date. */
  count: number;
  /** The weekdays in the span that did not count, with why. */
  skipped: NonWorkingDay[];
}

const DIVISION_LABEL: Record<string, string> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_MS = 86_400_000;

/** Days since 1970-01-01, so that date arithmetic never meets a time zone or a clock change. */
export function dayNumber(d: CalendarDate): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);
}

export function fromDayNumber(n: number): CalendarDate {
  const dt = new Date(n * DAY_MS);
  return { year: dt.getUTCFullYear(), month: dt.getUTCMonth() + 1, day: dt.getUTCDate() };
}

export function weekday(d: CalendarDate): number {
  return new Date(dayNumber(d) * DAY_MS).getUTCDay();
}

export function weekdayName(d: CalendarDate): string {
  return WEEKDAY_NAMES[weekday(d)];
}

/** "Thursday 13 April 2023": the form messages and hovers use. */
export function formatLongDate(d: CalendarDate): string {
  return `${weekdayName(d)} ${d.day} ${MONTH_NAMES[d.month - 1]} ${d.year}`;
}

type HolidayIndex = Map<number, string>;
let indexes: Record<HolidayCalendar, HolidayIndex> | undefined;

/** Built on first use: a day number → why it is a holiday, per calendar. */
function holidayIndexes(): Record<HolidayCalendar, HolidayIndex> {
  if (indexes) return indexes;
  const ukAny: HolidayIndex = new Map();
  const scotland: HolidayIndex = new Map();
  const divisions = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
  // Each day is named once per division; a day several nations share gets one name and the list.
  const names = new Map<number, { title: string; divisions: string[] }>();
  for (const division of divisions) {
    for (const event of table[division].events) {
      const [y, m, d] = event.date.split('-').map(Number);
      const n = dayNumber({ year: y, month: m, day: d });
      const entry = names.get(n) ?? { title: event.title.replace(/’/g, "'"), divisions: [] };
      entry.divisions.push(division);
      names.set(n, entry);
      if (division === 'scotland') scotland.set(n, event.title.replace(/’/g, "'"));
    }
  }
  for (const [n, { title, divisions: where }] of names) {
    const everywhere = where.length === divisions.length || title === 'Good Friday' || title === 'Christmas Day';
    ukAny.set(n, everywhere ? title : `${title} (${where.map((w) => DIVISION_LABEL[w]).join(', ')})`);
  }
  indexes = { 'uk-any': ukAny, scotland };
  return indexes;
}

/** The years the holiday table covers; outside them a count would be a guess. */
export function coveredYears(): [number, number] {
  return [table.years[0], table.years[1]];
}

export function isCovered(d: CalendarDate): boolean {
  return d.year >= table.years[0] && d.year <= table.years[1];
}

/** Why a day is not a working day, or undefined for a working day. */
export function nonWorkingReason(d: CalendarDate | number, calendar: HolidayCalendar): string | undefined {
  const n = typeof d === 'number' ? d : dayNumber(d);
  const wd = new Date(n * DAY_MS).getUTCDay();
  if (wd === 0 || wd === 6) return WEEKDAY_NAMES[wd];
  // Christmas Day and Good Friday are named by the statute itself; both are in every division's table.
  return holidayIndexes()[calendar].get(n);
}

export function isWorkingDay(d: CalendarDate, calendar: HolidayCalendar): boolean {
  return nonWorkingReason(d, calendar) === undefined;
}

/** The date that is the `days`th working day after `start` (the day of receipt is day 0). */
export function addWorkingDays(start: CalendarDate, days: number, calendar: HolidayCalendar): { date: CalendarDate; skipped: NonWorkingDay[] } {
  let n = dayNumber(start);
  const skipped: NonWorkingDay[] = [];
  let counted = 0;
  while (counted < days) {
    n++;
    const reason = nonWorkingReason(n, calendar);
    if (reason === undefined) counted++;
    else if (reason !== 'Saturday' && reason !== 'Sunday') skipped.push({ date: fromDayNumber(n), reason });
  }
  return { date: fromDayNumber(n), skipped };
}

/** Working days after `start`, up to and including `end`. 0 when `end` is not after `start`. */
export function workingDaysBetween(start: CalendarDate, end: CalendarDate, calendar: HolidayCalendar): WorkingDayCount {
  const from = dayNumber(start);
  const to = dayNumber(end);
  const skipped: NonWorkingDay[] = [];
  let count = 0;
  for (let n = from + 1; n <= to; n++) {
    const reason = nonWorkingReason(n, calendar);
    if (reason === undefined) count++;
    else if (reason !== 'Saturday' && reason !== 'Sunday') skipped.push({ date: fromDayNumber(n), reason });
  }
  return { count, skipped };
}
