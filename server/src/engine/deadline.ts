/** Deadlines of one letter: how many working days a date is after the request was received, when
 * the reply was due, which holidays did not count, and a sentence that says so. The response-time
 * and date-validity rules use it; the language server's hover shows its sentence.
 *
 * The day of receipt is day 0 and day 1 is the first working day after it, whatever day the
 * request arrived (FOIA s.10(1) "the twentieth working day following the date of receipt"; Wrexham
 * EIR5992: received Thursday 26 May 2016, due Friday 24 June 2016). The working days are the
 * pack's calendar (FOIA s.10(6), FOISA s.73). Dates outside the calendar's years give no answer. */
import { addWorkingDays, dayNumber, formatLongDate, isCovered, workingDaysBetween, type CalendarDate, type HolidayCalendar, type NonWorkingDay } from './calendar.js';
import type { Letter, FoundDate } from './letter/index.js';
import type { Deadline, RegimePack } from './packs.js';

/** Which of the pack's periods to count: the response (20 working days), the longest a response
 * may take with an extension the law allows (FOIA s.10(3), EIR reg 7), or the reply to an
 * internal review. */
export type Period = 'response' | 'extension' | 'reviewReply';

export interface DeadlineCount {
  calendar: HolidayCalendar;
  period: Period;
  received: CalendarDate;
  date: CalendarDate;
  /** Working days after the day of receipt, up to and including `date`; 0 when `date` is not after it. */
  count: number;
  /** `date` is before the day of receipt. */
  beforeReceipt: boolean;
  /** The period in working days. */
  limit: number;
  /** The last day of the period: receipt + `limit` working days. */
  due: CalendarDate;
  /** Weekday holidays after receipt up to the due date: the days that moved it. */
  skipped: NonWorkingDay[];
  /** Weekday holidays after receipt up to `date`. */
  skippedToDate: NonWorkingDay[];
  /** `date` is after the due date. */
  late: boolean;
  /** e.g. "Monday 24 April 2023 is 27 working days after receipt on Monday 13 March 2023. The
   * limit of 20 working days ended on Thursday 13 April 2023 (St Patrick's Day (Northern Ireland),
   * Good Friday and Easter Monday (England and Wales, Northern Ireland) do not count)." */
  sentence: string;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "13 March 2023": the form messages use for a date the letter gives. */
export function formatDate(d: CalendarDate): string {
  return `${d.day} ${MONTH_NAMES[d.month - 1]} ${d.year}`;
}

/** "1st", "22nd", "27th". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** "A, B and C". */
export function listOf(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return dayNumber(a) - dayNumber(b);
}

/** The period's length in working days, or undefined when the regime has no such period (FOISA
 * has no extension). */
export function periodDays(pack: RegimePack, period: Period): number | undefined {
  const d = pack.deadlines;
  if (period === 'response') return d.response.workingDays;
  if (period === 'reviewReply') return d.reviewReply.workingDays;
  if (!d.extension) return undefined;
  return d.extension.maxWorkingDays ?? (d.extension.workingDays !== undefined && d.response.workingDays !== undefined ? d.response.workingDays + d.extension.workingDays : undefined);
}

/** How `date` stands against the period that runs from `received` under the pack's law. Undefined
 * when either date is not a real date, when the regime has no such period, or when the dates
 * fall outside the years the holiday calendar covers (a count there would be a guess). */
export function countWorkingDays(
  received: CalendarDate & { valid?: boolean },
  date: CalendarDate & { valid?: boolean },
  pack: RegimePack,
  options: { period?: Period; workingDays?: number } = {},
): DeadlineCount | undefined {
  if (received.valid === false || date.valid === false) return undefined;
  const period = options.period ?? 'response';
  const limit = options.workingDays ?? periodDays(pack, period);
  if (limit === undefined) return undefined;
  if (!isCovered(received) || !isCovered(date)) return undefined;
  const calendar = pack.workingDays.calendar;
  const r: CalendarDate = { year: received.year, month: received.month, day: received.day };
  const d: CalendarDate = { year: date.year, month: date.month, day: date.day };
  const { date: due, skipped } = addWorkingDays(r, limit, calendar);
  if (!isCovered(due)) return undefined;
  const beforeReceipt = compareDates(d, r) < 0;
  const between = workingDaysBetween(r, d, calendar);
  const late = compareDates(d, due) > 0;
  const count: DeadlineCount = { calendar, period, received: r, date: d, count: between.count, beforeReceipt, limit, due, skipped, skippedToDate: between.skipped, late, sentence: '' };
  count.sentence = describe(count);
  return count;
}

function describe(c: DeadlineCount): string {
  const received = formatLongDate(c.received);
  const date = formatLongDate(c.date);
  const what = c.period === 'reviewReply' ? 'the request for review' : 'the request';
  const where = c.beforeReceipt
    ? `${date} is before ${what} was received, on ${received}.`
    : c.count === 0 && compareDates(c.date, c.received) === 0
      ? `${date} is the day ${what} was received (day 0).`
      : `${date} is ${c.count} working day${c.count === 1 ? '' : 's'} after ${what} was received on ${received}.`;
  const holidays = c.skipped.length ? ` (${listOf(c.skipped.map((s) => s.reason))} ${c.skipped.length === 1 ? 'does' : 'do'} not count)` : '';
  const tense = c.late ? 'ended' : 'ends';
  return `${where} The limit of ${c.limit} working days ${tense} on ${formatLongDate(c.due)}${holidays}.`;
}

// ---------------------------------------------------------------------------------------------
// What a letter says about its own deadline: whether it is the outcome of an internal review,
// when the request for review arrived, and whether it explains an extension.

/** Words that make a letter the outcome of an internal review (not the rights paragraph that
 * offers one: "If you are not content with the outcome of the internal review…"). */
const REVIEW_DONE =
  /\b(?:(?:I|we)\s+have\s+(?:now\s+)?(?:reviewed|reconsidered)\s+(?:our|the|your|this|how)\s+(?:[\w']+\s+){0,2}?(?:response|decision|handling|request|reply|answer)|(?:I|we)\s+have\s+(?:now\s+)?(?:completed|carried\s+out|conducted|undertaken|concluded)\s+(?:an?|the|your|this)\s+(?:internal\s+)?review|thank\s+you\s+for\s+your\s+(?:request|e-?mail|letter|application)\s+(?:for|requesting|asking\s+for)\s+(?:an?\s+)?(?:internal\s+)?review|this\s+(?:letter|e-?mail|response)\s+(?:is|sets\s+out|gives)\s+(?:the\s+)?(?:outcome|result)\s+of\s+(?:the|your|our|my)\s+(?:internal\s+)?review|(?:the\s+)?(?:outcome|result|findings)\s+of\s+(?:my|our|the)\s+(?:internal\s+)?review\s+(?:is|are)\b)/i;
/** A title or subject line naming an internal review: "Internal review – FOI 1234", "Re: Outcome
 * of your request for an internal review", "INTERNAL REVIEW DECISION". */
// (Each stretch of white space has one quantifier that can take it: three in a row made a line
// of spaces take time in the cube of its length.)
const REVIEW_TITLE = /^[#>*_\s]*(?:(?:re|subject)\s*)?(?::\s*)?(?:your\s+)?(?:(?:outcome|result|response|decision|reply)\s+(?:of|to|on)\s+(?:your\s+|the\s+|our\s+)?)?(?:(?:request|requirement|application)\s+for\s+(?:an?\s+)?)?internal\s+review\b/i;

/** The start and end of the words that show the letter is the outcome of an internal review, or
 * undefined. Only a title line in the letter's head or a statement that a review was done counts. */
export function reviewOutcome(letter: Letter): { start: number; end: number } | undefined {
  // The head: the lines before the quoted request, the first section heading or the salutation's
  // first paragraph, and never more than 15 non-blank lines.
  const headLimit = Math.min(letter.request.region?.start ?? letter.text.length, letter.headings.find((h) => h.sectionId)?.line.start ?? letter.text.length);
  let seen = 0;
  for (const line of letter.lines) {
    if (line.start >= headLimit || seen >= 15) break;
    if (line.blank || line.start < letter.bodyStart) continue;
    seen++;
    if (/^\s*dear\b/i.test(line.text)) break;
    if (line.text.length < 140 && REVIEW_TITLE.test(line.text)) return { start: line.textStart, end: line.end };
  }
  const re = new RegExp(REVIEW_DONE.source, 'gi');
  for (const m of letter.text.matchAll(re)) {
    if (m.index >= letter.bodyStart && !letter.inRequest(m.index)) return { start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

// Spans stop at a full stop or a blank line; single line breaks (PDF extracts) are allowed.
const REVIEW_RECEIPT_BEFORE = /(?:\b(?:review|representations|reconsideration)\b((?:[^.\n]|\n(?![ \t]*\n)){0,80}?)\b(?:received|submitted|made|dated|of|on)|\b(?:received|submitted)\b(?:[^.\n]|\n(?![ \t]*\n)){0,60}?\b(?:review|representations|reconsideration)\b((?:[^.\n]|\n(?![ \t]*\n)){0,40}?)\bon)\s+(?:on\s+)?$/i;
const MESSAGE_OF_BEFORE = /\b(?:e-?mail|letter|request|correspondence|message)\s+(?:of|dated|received\s+on|sent\s+on|on)\s+$/i;
const ASKING_REVIEW_AFTER = /^[^.]{0,40}?\b(?:requesting|asking\s+(?:for|us\s+to)|seeking|requiring)\b[^.]{0,40}?\breview\b/i;
/** "our response dated 11 April 2023": the date of the reply under review, not of the request for review. */
const OUR_REPLY_DATE = /\b(?:response|reply|decision|answer|refusal|outcome)\b[^.]{0,20}?\b(?:dated|of|on|sent\s+on|issued\s+on)\s+$/i;

/** The date the request for an internal review was received: "your request for an internal review
 * received on 5 May 2023", "we received your request for a review on …", "your email of 5 May 2023
 * asking for an internal review". Not the date of the response under review. */
export function reviewReceipt(letter: Letter): FoundDate | undefined {
  for (const d of letter.dates) {
    if (letter.inRequest(d.start)) continue;
    const before = letter.text.slice(Math.max(0, d.start - 160), d.start);
    if (OUR_REPLY_DATE.test(before)) continue;
    const m = REVIEW_RECEIPT_BEFORE.exec(before);
    if (m && !/\boriginal\b/i.test(m[1] ?? m[2] ?? '')) return d;
    if (MESSAGE_OF_BEFORE.test(before) && ASKING_REVIEW_AFTER.test(letter.text.slice(d.end, d.end + 120))) return d;
  }
  return undefined;
}

/** The letter's date of receipt is that of a request for review ("we received your request for an
 * internal review on 5 May 2023"), so the letter is about a review even if it does not say it is
 * the outcome of one. */
export function receiptIsForReview(letter: Letter): boolean {
  const r = letter.receiptDate;
  if (!r || r.end === 0) return false;
  const before = letter.text.slice(Math.max(0, r.start - 160), r.start);
  const sentence = before.split(/[.!?]\s+|\n[ \t]*\n/).pop() ?? '';
  return /\b(?:review|representations|reconsideration)\b/i.test(sentence);
}

const cueCache = new WeakMap<Deadline, RegExp[]>();

function cuesOf(deadline: Deadline): RegExp[] {
  let cues = cueCache.get(deadline);
  if (!cues) {
    cues = (deadline.cues ?? []).map((c) => new RegExp(c, 'gi'));
    cueCache.set(deadline, cues);
  }
  return cues;
}

/** Where the authority's own words explain that the period was extended (the pack's cues for the
 * deadline: FOIA s.10(3) "further time to consider the public interest", EIR reg 7 "complex and
 * voluminous"), or undefined. Words in the quoted request do not count. */
export function statedExtension(letter: Letter, deadline: Deadline | undefined): { start: number; end: number } | undefined {
  if (!deadline) return undefined;
  for (const re of cuesOf(deadline)) {
    for (const m of letter.text.matchAll(re)) {
      if (m.index >= letter.bodyStart && !letter.inRequest(m.index)) return { start: m.index, end: m.index + m[0].length };
      if (m[0].length === 0) break;
    }
  }
  return undefined;
}

/** Spans that stop at a full stop or a blank line; single line breaks (PDF extracts) are allowed. */
const SPAN = (n: number) => `(?:[^.\\n]|\\n(?![ \\t]*\\n)){0,${n}}?`;
/** The date is given as when the request arrived ("received on", "submitted on", "Date received:"),
 * not as the date the requester wrote it ("your email of"). */
const RECEIVED_BEFORE = new RegExp(`\\b(?:receiv\\w*|submitted)\\b${SPAN(140)}\\bon\\s+$|\\b(?:date\\s+(?:of\\s+)?(?:request\\s+)?received|received)\\s*[:/|]\\s*$`, 'i');
/** "your clarification, received on", "we received your clarification on". */
const CLARIFIED_BEFORE = new RegExp(`(?:\\bclarif\\w*\\b${SPAN(80)}\\b(?:received|dated|of|on)|\\b(?:received|provided|sent|gave)\\b${SPAN(60)}\\bclarif\\w*\\b${SPAN(40)}\\bon)\\s+(?:on\\s+)?$`, 'i');
const ASKED_BEFORE = /\b(?:asked|wrote|requested|sought|seeking|invited)\b/i;
/** The requester clarified the request (not advice that they may: "if you can clarify…"). */
const CLARIFIED = /\b(?:your|the requester's)\s+clarification\b|\byou\s+(?:have\s+)?(?:clarified|provided\s+(?:a\s+|further\s+|some\s+)?clarification)|\bclarified\s+(?:your|the)\s+request\b/gi;

/** The letter's date of receipt is given as the day the request arrived ("received on", "Date
 * received:", front matter `received:`), not as the day it was written ("your email of"). */
export function receiptIsStated(letter: Letter): boolean {
  const r = letter.receiptDate;
  if (!r) return false;
  if (r.start === 0 && r.end === 0) return true; // front matter
  return RECEIVED_BEFORE.test(letter.text.slice(Math.max(0, r.start - 160), r.start));
}

export interface ClockStart {
  date: FoundDate;
  /** 'clarification' when the letter says when the requester's clarification arrived: the clock
   * runs from then (FOIA s.10(6)(b), EIR reg 9(4), FOISA s.10(1)(b)). */
  kind: 'receipt' | 'clarification';
}

/** The day the time limit runs from: the date of receipt the letter states (or its front matter's
 * `received:`), or the later date a clarification arrived. Undefined when the letter gives only
 * the date the request was written ("your email of 10 March"), or mentions a clarification without
 * saying when it arrived: a count from the wrong day would mislead. */
export function clockStart(letter: Letter): ClockStart | undefined {
  const r = letter.receiptDate;
  if (!r?.valid || !receiptIsStated(letter)) return undefined;
  let clarified: FoundDate | undefined;
  for (const d of letter.dates) {
    if (!d.valid || letter.inRequest(d.start) || compareDates(d, r) < 0) continue;
    const before = letter.text.slice(Math.max(0, d.start - 160), d.start);
    const m = CLARIFIED_BEFORE.exec(before);
    if (!m) continue;
    // "we received your clarification on" is the date; "we asked you to clarify your request on" is not.
    const arrived = /\b(?:received|replied|provided|sent|gave|came)\b/i.test(m[0]) || !ASKED_BEFORE.test(before.slice(0, m.index).split(/[.!?]\s/).pop() ?? '');
    if (arrived && (!clarified || compareDates(d, clarified) > 0)) clarified = d;
  }
  if (clarified) return { date: clarified, kind: 'clarification' };
  for (const m of letter.text.matchAll(CLARIFIED)) if (m.index >= letter.bodyStart && !letter.inRequest(m.index)) return undefined;
  return { date: r, kind: 'receipt' };
}
