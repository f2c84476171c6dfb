/** Finds and parses the dates letters are written with: "22 March 2023", "10th February 2015",
 * "23rd March, 2021", "23[rd] March, 2021", "Wednesday 22 March 2023", "March 22, 2023",
 * "22/03/2023", "22.03.23", "2023-03-22". UK order (day first) for numeric dates. */

export interface FoundDate {
  start: number;
  end: number;
  raw: string;
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** The day exists in the calendar. */
  valid: boolean;
  /** Weekday named in the text, 0 = Sunday. */
  statedWeekday?: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const WEEKDAY = '(?:(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\\.?,?\\s+(?:the\\s+)?)?';
const ORD = '(?:\\s*\\[?(?:st|nd|rd|th)\\]?)?';

const DAY_MONTH_YEAR = new RegExp(`\\b${WEEKDAY}(\\d{1,2})${ORD}(?:\\s+of)?\\s+${MONTH},?\\s+(\\d{4})\\b`, 'gi');
const MONTH_DAY_YEAR = new RegExp(`\\b${WEEKDAY}${MONTH}\\s+(\\d{1,2})${ORD},?\\s+(\\d{4})\\b`, 'gi');
const NUMERIC = /(?<![\d/.-])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.]*\d)/g;
const ISO = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/g;

export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function weekdayIndex(name: string | undefined): number | undefined {
  if (!name) return undefined;
  const i = WEEKDAYS.indexOf(name.slice(0, 3).toLowerCase());
  return i >= 0 ? i : undefined;
}

function make(start: number, raw: string, year: number, month: number, day: number, weekday?: string): FoundDate {
  return { start, end: start + raw.length, raw, year, month, day, valid: isValidDate(year, month, day), statedWeekday: weekdayIndex(weekday) };
}

/** All dates in a piece of text, in order, with offsets relative to `base`. */
export function findDates(text: string, base = 0): FoundDate[] {
  const out: FoundDate[] = [];
  for (const m of text.matchAll(DAY_MONTH_YEAR)) out.push(make(base + m.index, m[0], +m[4], monthIndex(m[3]), +m[2], m[1]));
  for (const m of text.matchAll(MONTH_DAY_YEAR)) out.push(make(base + m.index, m[0], +m[4], monthIndex(m[2]), +m[3], m[1]));
  for (const m of text.matchAll(NUMERIC)) {
    let year = +m[4];
    if (m[4].length === 2) year += 2000;
    out.push(make(base + m.index, m[0], year, +m[3], +m[1]));
  }
  for (const m of text.matchAll(ISO)) out.push(make(base + m.index, m[0], +m[1], +m[2], +m[3]));
  out.sort((a, b) => a.start - b.start);
  // Drop dates nested inside an earlier, longer match.
  return out.filter((d, i) => !out.some((o, j) => j !== i && o.start <= d.start && o.end >= d.end && o.end - o.start > d.end - d.start));
}

export function formatIsoDate(d: { year: number; month: number; day: number }): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
