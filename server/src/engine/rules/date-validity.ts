import { formatLongDate, weekday, type CalendarDate } from '../calendar.js';
import { clockStart, compareDates, countWorkingDays, formatDate, listOf, ordinal, periodDays, receiptIsForReview, reviewOutcome, statedExtension, type DeadlineCount } from '../deadline.js';
import type { FoundDate, Letter } from '../letter/index.js';
import type { RegimePack } from '../packs.js';
import type { ReportDescriptor } from '../types.js';
import { defineRule, docsPath } from './define.js';
import { quote } from './shared.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WEEKDAY_ABBR4 = ['Sun', 'Mon', 'Tues', 'Wed', 'Thurs', 'Fri', 'Sat'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAY_WORD = /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Tues|Thurs|Thur|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/i;
const MONTH_WORD = /\b(January|February|March|April|May|June|July|August|September|October|November|December|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/i;

// --- Stated due dates -------------------------------------------------------------------------
// Each pattern is the sentence's words just before the date (anchored at the end).

/** "you should expect a full response by", "you will receive our reply no later than". */
const RECEIVE_BY = /\b(?:receive|expect|have|get|send\s+you|provide\s+you\s+with|issue)\b[^.]{0,40}?\b(?:response|reply|answer|decision)\b[^.]{0,60}?\b(?:by|on\s+or\s+before|no\s+later\s+than|not\s+later\s+than|before)\s*:?\s*$/i;
/** "we will respond to your request by", "we aim to reply by"; not "if you do not reply by". */
const RESPOND_BY = /(?<!\b(?:you|please|not)\s+)\b(?:respond|reply)\b[^.]{0,60}?\b(?:by|on\s+or\s+before|no\s+later\s+than|not\s+later\s+than|before)\s*:?\s*$/i;
/** "the deadline for our response is", "Due date:", "the 20 working day time limit ends on". */
const DEADLINE_LABEL = /\b(?:deadline|due\s+date|date\s+due|time\s+limit|response\s+date|date\s+for\s+(?:our|a|the|your)\s+(?:full\s+)?(?:response|reply))\b[^.]{0,80}?(?:\bis\b|\bwill\s+be\b|\bwas\b|\bfalls\s+on\b|\bends\s+on\b|\bexpires\s+on\b|\bof\b|\bby\b|:|–|—|-|\|)\s*(?:on\s+)?$/i;
/** "a response is due by", "Response due:". */
const RESPONSE_DUE = /\b(?:response|reply|answer)\b[^.]{0,40}?\bdue\b\s*(?:by|on|date)?\s*:?\s*$/i;
/** "we have 20 working days to respond, i.e. by". */
const THAT_IS_BY = /\b(?:respond|response|reply|comply)\b[^.]{0,80}?(?:\bi\.e\.|\bthat\s+is|\bwhich\s+is|\bnamely)\s*,?\s*(?:by|on)?\s*$/i;
/** Sentences about another deadline: a review, a complaint, clarification, a fee, re-use. */
const NOT_THE_RESPONSE = /\b(?:review|appeal|complain\w*|clarif\w*|fees?|payment|pay|invoice|re-?use|withdrawn|clos(?:e|ed|ing))\b|\bfrom\s+you\b|\byour\s+(?:response|reply|answer)\b|\bif\s+(?:we|I)\s+(?:do\s+not|don't)\b/i;
/** The date is stated as the law's limit, so it must be exactly right. */
const STATUTORY = /\b(?:statutory|legal(?:ly)?|by\s+law|required\s+to|obliged\s+to|obligation)\b/i;
/** A date the authority aims at: earlier than the limit is a kindness, not an error. */
const TARGET = /\b(?:aim|aims|aiming|target|hope|endeavour|try|trying|intend|anticipate|sooner|earlier)\b/i;
const N_WORKING_DAYS = /\b(\d{1,2}|twenty|forty)[\s-]+working[\s-]+days?\b/gi;
/** Where a sentence ends: a full stop (not in "i.e.", "e.g.", "s.10", "No.") followed by a space,
 * or a blank line. */
const SENTENCE_END = /(?<!\b(?:i\.e|e\.g|etc|no|ref|tel|st|s|reg|para|approx))[.!?]["”’)]*\s+|\n[ \t]*\n/gi;

function sentenceAround(text: string, d: FoundDate): { before: string; after: string } {
  let before = text.slice(Math.max(0, d.start - 240), d.start);
  let cut = 0;
  for (const m of before.matchAll(SENTENCE_END)) cut = m.index + m[0].length;
  before = before.slice(cut);
  let after = text.slice(d.end, d.end + 240);
  const end = new RegExp(SENTENCE_END.source, 'i').exec(after);
  if (end) after = after.slice(0, end.index);
  return { before, after };
}

function statedDays(sentence: string): number[] {
  const out: number[] = [];
  for (const m of sentence.matchAll(N_WORKING_DAYS)) out.push(/^twenty$/i.test(m[1]) ? 20 : /^forty$/i.test(m[1]) ? 40 : +m[1]);
  return out;
}

function holidayNote(c: DeadlineCount): string {
  return c.skipped.length ? ` (${listOf(c.skipped.map((s) => s.reason))} ${c.skipped.length === 1 ? 'does' : 'do'} not count)` : '';
}

// --- Writing a date in the letter's own form --------------------------------------------------

function withCase(model: string, word: string): string {
  if (model.length > 1 && model === model.toUpperCase()) return word.toUpperCase();
  if (model === model.toLowerCase()) return word.toLowerCase();
  return word;
}

/** The weekday word for `day` in the form of `model`: "Tuesday" → "Monday", "Tue" → "Mon", "Thurs" → "Fri". */
export function weekdayLike(model: string, day: number): string {
  const full = WEEKDAYS.some((w) => w.toLowerCase() === model.toLowerCase());
  const word = full ? WEEKDAYS[day] : model.length === 3 ? WEEKDAYS[day].slice(0, 3) : WEEKDAY_ABBR4[day];
  return withCase(model, word);
}

function monthLike(model: string, month: number): string {
  const full = MONTHS.some((m) => m.toLowerCase() === model.toLowerCase());
  const word = full ? MONTHS[month - 1] : model.length === 4 && month === 9 ? 'Sept' : MONTHS[month - 1].slice(0, 3);
  return withCase(model, word);
}

function suffixOf(n: number): string {
  return ordinal(n).replace(/^\d+/, '');
}

/** `target` written the way `raw` is: "Thursday 13 April 2023", "13th April, 2023", "13/04/2023",
 * "13.04.23", "April 13, 2023", "2023-04-13". */
export function formatLike(raw: string, target: CalendarDate): string {
  const pad = (n: number, padded: boolean) => (padded ? String(n).padStart(2, '0') : String(n));
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (iso) return `${target.year}-${String(target.month).padStart(2, '0')}-${String(target.day).padStart(2, '0')}`;
  const num = /^(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})$/.exec(raw);
  if (num) {
    // "13/04/2023" pads; "13/4/2023" does not; "13/12/2023" is taken to pad.
    const padded = num[1].length === 2 && num[3].length === 2;
    const padDay = num[1].startsWith('0') || padded;
    const padMonth = num[3].startsWith('0') || padded;
    return `${pad(target.day, padDay)}${num[2]}${pad(target.month, padMonth)}${num[2]}${num[4].length === 2 ? String(target.year % 100).padStart(2, '0') : target.year}`;
  }
  let out = raw;
  const wd = WEEKDAY_WORD.exec(out);
  if (wd) out = weekdayLike(wd[1], weekday(target)) + out.slice(wd[1].length);
  out = out.replace(/\d{4}(?!.*\d{4})/s, String(target.year));
  out = out.replace(MONTH_WORD, (m) => monthLike(m, target.month));
  // The day: the first one- or two-digit number, with its ordinal suffix if it has one.
  out = out.replace(/(?<!\d)(\d{1,2})(?!\d)(\s*\[?)(st|nd|rd|th)?/i, (_m, day: string, gap: string, suf: string | undefined) => `${pad(target.day, day.startsWith('0'))}${suf ? gap + withCase(suf, suffixOf(target.day)) : gap}`);
  return out;
}

// --- Impossible dates ----------------------------------------------------------------------------

function whyImpossible(d: FoundDate): string | undefined {
  const numeric = /^\d/.test(d.raw) && !/[a-z]/i.test(d.raw);
  if (numeric) {
    // "5.13.20" may be a paragraph number; judge only slashes, or dots with a four-digit year.
    if (!/\//.test(d.raw) && !/\d{4}$/.test(d.raw)) return undefined;
    if (d.month > 12 && d.month <= 31 && d.day >= 1 && d.day <= 12) {
      return `there is no month ${d.month}; UK letters write the day first (${String(d.month).padStart(2, '0')}/${String(d.day).padStart(2, '0')}/${d.year} for ${formatDate({ year: d.year, month: d.day, day: d.month })})`;
    }
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return undefined;
  } else if (d.day < 1 || d.day > 31 || d.month < 1) return undefined;
  const month = MONTHS[d.month - 1];
  if (d.month === 2 && d.day === 29) return `${d.year} is not a leap year`;
  const length = new Date(Date.UTC(d.year, d.month, 0)).getUTCDate();
  return `${month} has ${length} days`;
}

export default defineRule({
  meta: {
    id: 'date-validity',
    description: 'Dates exist, named weekdays match them, and a stated response deadline is the date of receipt plus the working days the law allows',
    defaultSeverity: 'error',
    fixable: 'safe',
    docs: docsPath('date-validity'),
  },
  check({ letter, pack, report }) {
    const reported = new Set<number>();
    if (pack) for (const r of dueDateFindings(letter, pack)) {
      reported.add(r.start);
      report(r);
    }
    const own = new Set([letter.letterDate, letter.receiptDate].filter((d) => d && d.end > d.start).map((d) => d!.start));
    for (const d of letter.dates) {
      if (reported.has(d.start) || letter.inRequest(d.start)) continue;
      if (!d.valid) {
        // letter-metadata reports an impossible letter date or date of receipt; the rest are ours.
        if (own.has(d.start)) continue;
        const why = whyImpossible(d);
        if (why) report({ message: `"${quote(d.raw)}" is not a real date: ${why}. Correct it.`, start: d.start, end: d.end });
        continue;
      }
      if (d.statedWeekday === undefined) continue;
      const actual = weekday(d);
      if (actual === d.statedWeekday) continue;
      const word = WEEKDAY_WORD.exec(d.raw);
      if (!word) continue;
      // "Sun", "Sat" and "Wed" are words too ("The Sun 3 July 2023", "the panel sat 3 July 2023"):
      // an abbreviation counts only capitalised and not after "the".
      if (word[1].length === 3 && (!/^[A-Z]/.test(word[1]) || /\bthe\s+$/i.test(letter.text.slice(Math.max(0, d.start - 6), d.start)))) continue;
      const replacement = weekdayLike(word[1], actual);
      report({
        message: `"${quote(d.raw)}": ${formatDate(d)} is a ${WEEKDAYS[actual]}, not a ${WEEKDAYS[d.statedWeekday]}. Write "${replacement}", or correct the date if the weekday is right.`,
        start: d.start,
        end: d.end,
        fix: { title: `Change "${word[1]}" to "${replacement}"`, edits: [{ start: d.start, end: d.start + word[1].length, newText: replacement }] },
      });
    }
  },
});

/** Response deadlines the letter states ("you should expect a full response by 24 June 2016")
 * that are not what the law gives: receipt + the regime's working days. */
function dueDateFindings(letter: Letter, pack: RegimePack): ReportDescriptor[] {
  const start = clockStart(letter);
  const responseDays = pack.deadlines.response.workingDays;
  if (!start || responseDays === undefined) return [];
  const received = start.date;
  const since = start.kind === 'clarification' ? 'your clarification was received' : 'receipt';
  // A review's own deadline runs from the request for review, which this check does not know.
  if (reviewOutcome(letter) || receiptIsForReview(letter)) return [];
  const extension = statedExtension(letter, pack.deadlines.extension) ? pack.deadlines.extension : undefined;
  const out: ReportDescriptor[] = [];
  for (const d of letter.dates) {
    if (!d.valid || letter.inRequest(d.start) || d.start === letter.letterDate?.start || d.start === received.start || d.start === letter.receiptDate?.start) continue;
    const { before, after } = sentenceAround(letter.text, d);
    const label = DEADLINE_LABEL.test(before) || RESPONSE_DUE.test(before);
    if (!label && !RECEIVE_BY.test(before) && !RESPOND_BY.test(before) && !THAT_IS_BY.test(before)) continue;
    const sentence = `${before} ${after}`;
    if (NOT_THE_RESPONSE.test(sentence)) continue;
    const days = statedDays(sentence);
    const count = countWorkingDays(received, d, pack);
    if (!count) continue;
    const fixTo = (c: DeadlineCount) => {
      const newText = formatLike(d.raw, c.due);
      return { title: `Change the date to ${newText}`, edits: [{ start: d.start, end: d.end, newText }] };
    };
    const provision = pack.deadlines.response.provision ? ` (${pack.deadlines.response.provision})` : '';
    if (count.beforeReceipt) {
      out.push({
        message: `The response date "${quote(d.raw)}" is before the request was received, on ${formatDate(received)}. The ${ordinal(count.limit)} working day after ${since === 'receipt' ? 'receipt' : 'the clarification'} is ${formatLongDate(count.due)}${holidayNote(count)}; correct the date.`,
        start: d.start,
        end: d.end,
        suggestions: [fixTo(count)],
      });
      continue;
    }
    if (extension) {
      // An extended deadline may fall anywhere up to the longest the law allows.
      const max = periodDays(pack, 'extension');
      const extended = max !== undefined ? countWorkingDays(received, d, pack, { period: 'extension' }) : undefined;
      if (!extended?.late) continue;
      out.push({
        message: `The response date ${formatDate(d)} is the ${ordinal(extended.count)} working day after ${since} on ${formatDate(received)}, later than the ${extended.limit} working days allowed even with ${extension.what ?? 'an extension'}${extension.provision ? ` (${extension.provision})` : ''}: ${formatLongDate(extended.due)}${holidayNote(extended)}. Give that date or an earlier one.`,
        start: d.start,
        end: d.end,
        suggestions: [fixTo(extended)],
      });
      continue;
    }
    if (days.some((n) => n !== responseDays)) continue; // another period: not ours to judge
    const exact = label || ((days.includes(responseDays) || STATUTORY.test(sentence)) && !TARGET.test(sentence));
    if (exact ? compareDates(d, count.due) === 0 : !count.late) continue;
    const message = exact
      ? `"${quote(d.raw)}" is given as the deadline, but the ${ordinal(count.limit)} working day after ${since} on ${formatDate(received)} is ${formatLongDate(count.due)}${holidayNote(count)}; ${formatDate(d)} is the ${ordinal(count.count)}. Correct the date.`
      : `The letter promises a response by ${formatDate(d)}, the ${ordinal(count.count)} working day after ${since} on ${formatDate(received)}, but the limit is ${count.limit} working days${provision}: ${formatLongDate(count.due)}${holidayNote(count)}. Give that date or an earlier one.`;
    out.push({ message, start: d.start, end: d.end, suggestions: [fixTo(count)] });
  }
  return out;
}
