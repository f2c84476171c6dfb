/** Hover on a date or a deadline phrase: how many working days the date is after the request was
 * received, or when the period ends, with the bank holidays that do not count. Nothing is shown
 * where the letter gives nothing to count from. */
import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { dayNumber, formatLongDate, fromDayNumber, isCovered, type CalendarDate } from '../engine/calendar.js';
import { clockStart, countWorkingDays, listOf, receiptIsForReview, receiptIsStated, reviewOutcome, reviewReceipt, type Period } from '../engine/deadline.js';
import type { Letter } from '../engine/index.js';
import type { FoundDate } from '../engine/letter/index.js';
import { findPeriods, type Period as PhrasePeriod } from '../engine/letter/deadlines.js';
import type { RegimePack } from '../engine/packs.js';
import type { Analysis } from './analysis.js';
import { rangeOf } from './edits.js';

const REGIME_NAMES: Record<string, string> = { foia: 'FOIA', eir: 'EIR', foisa: 'FOISA', 'eir-scotland': 'EIRs (Scotland)' };

/** The day the letter's time limit runs from, and how to name it. */
interface Clock {
  date: FoundDate;
  period: Period;
  /** "the day the request was received" */
  label: string;
  /** Said under the count when the date is not certain to be the day of receipt. */
  caveat?: string;
}

export function hover(analysis: Analysis, doc: TextDocument, position: { line: number; character: number }): Hover | null {
  const letter = analysis.letter();
  const pack = analysis.config.packs[letter.regime.regime];
  if (!pack) return null;
  const offset = doc.offsetAt(position);
  const regime = REGIME_NAMES[letter.regime.regime] ?? letter.regime.regime;

  const date = letter.dates.find((d) => d.start <= offset && offset < d.end);
  if (date) {
    const text = dateHover(letter, pack, date, regime);
    return text ? { contents: { kind: MarkupKind.Markdown, value: text }, range: rangeOf(doc, date.start, date.end) } : null;
  }
  const line = letter.index.lineOf(offset);
  // A phrase may break across lines in a PDF extract: look one line either side.
  const from = letter.index.lineStart(line - 1);
  const to = letter.index.lineEnd(Math.min(line + 1, letter.index.lineCount - 1));
  const phrase = findPeriods(letter.text, from, to).find((p) => p.start <= offset && offset < p.end);
  if (phrase) {
    const text = periodHover(letter, pack, phrase, regime);
    return text ? { contents: { kind: MarkupKind.Markdown, value: text }, range: rangeOf(doc, phrase.start, phrase.end) } : null;
  }
  return null;
}

function clockOf(letter: Letter): Clock | undefined {
  if (reviewOutcome(letter) || receiptIsForReview(letter)) {
    const review = reviewReceipt(letter);
    if (review?.valid) return { date: review, period: 'reviewReply', label: 'the day the request for review was received' };
  }
  const start = clockStart(letter);
  if (start) return { date: start.date, period: 'response', label: start.kind === 'clarification' ? 'the day the clarification was received' : 'the day the request was received' };
  const given = letter.receiptDate;
  if (given?.valid && !receiptIsStated(letter)) {
    return { date: given, period: 'response', label: 'the date of the request', caveat: 'The letter gives the date of the request, not the day it was received: the count assumes it arrived that day.' };
  }
  return undefined;
}

function dateHover(letter: Letter, pack: RegimePack, date: FoundDate, regime: string): string | undefined {
  if (!date.valid || !isCovered(date)) return undefined;
  const clock = clockOf(letter);
  if (!clock) return undefined;
  const count = countWorkingDays(clock.date, date, pack, { period: clock.period });
  if (!count) return undefined;
  const label = sameDay(date, clock.date) ? 'day 0' : count.beforeReceipt ? 'before receipt' : `working day ${count.count} of ${count.limit}${count.late ? ', late' : ''}`;
  return [`**${formatLongDate(date)}**: ${label} (${regime})`, '', count.sentence, ...(clock.caveat ? ['', `_${clock.caveat}_`] : [])].join('\n');
}

function periodHover(letter: Letter, pack: RegimePack, phrase: PhrasePeriod, regime: string): string | undefined {
  if (phrase.unit !== 'day' || phrase.value < 1 || phrase.value > 400 || phrase.qualifier === 'school') return undefined;
  const base = baseFor(letter, phrase);
  if (!base) return undefined;
  const calendarDays = phrase.qualifier === 'calendar' || phrase.qualifier === 'clear';
  const lines = [`**${phrase.text.replace(/\s+/g, ' ')}** (${regime})`, ''];
  if (calendarDays) {
    lines.push(`Counted from ${base.label}, ${formatLongDate(base.date)}, ${phrase.value} calendar days end on ${formatLongDate(addDays(base.date, phrase.value))}.`);
  } else {
    const count = countWorkingDays(base.date, base.date, pack, { workingDays: phrase.value });
    if (!count) return undefined;
    const holidays = count.skipped.length ? ` (${listOf(count.skipped.map((s) => s.reason))} ${count.skipped.length === 1 ? 'does' : 'do'} not count)` : '';
    lines.push(`Counted from ${base.label}, ${formatLongDate(base.date)}, ${phrase.value} working day${phrase.value === 1 ? ' ends' : 's end'} on ${formatLongDate(count.due)}${holidays}.`);
    if (!phrase.qualifier) lines.push('', `_Read as working days, as statutory periods run; as calendar days it would be ${formatLongDate(addDays(base.date, phrase.value))}._`);
  }
  if (base.caveat) lines.push('', `_${base.caveat}_`);
  return lines.join('\n');
}

/** A period about asking for a review or complaining runs from the letter's date; any other from
 * the day the request was received. */
function baseFor(letter: Letter, phrase: PhrasePeriod): { date: CalendarDate; label: string; caveat?: string } | undefined {
  const sentence = sentenceAround(letter.text, phrase.start, phrase.end);
  const sent = letter.letterDate?.valid && isCovered(letter.letterDate) ? letter.letterDate : undefined;
  const clock = clockOf(letter);
  const fromClock = clock && isCovered(clock.date) ? { date: clock.date, label: clock.label, caveat: clock.caveat } : undefined;
  const fromLetter = sent ? { date: sent, label: 'the date of this letter' } : undefined;
  if (RIGHTS.test(sentence)) return fromLetter ?? fromClock;
  // Another period in a paragraph about the requester's rights ("We will reply within 20 days")
  // runs from an event still to come: there is no date to count from.
  if (RIGHTS.test(paragraphAround(letter.text, phrase.start))) return undefined;
  return fromClock ?? fromLetter;
}

const RIGHTS = /\b(?:review|complain\w*|appeal\w*|commissioner)\b/i;

function paragraphAround(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 2000), at);
  const after = text.slice(at, at + 2000);
  return (before.split(/\n[ \t]*\r?\n/).pop() ?? '') + (after.split(/\r?\n[ \t]*\r?\n/)[0] ?? '');
}

function sentenceAround(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 300), start);
  const after = text.slice(end, end + 300);
  const head = before.split(/[.!?]\s|\n[ \t]*\r?\n/).pop() ?? '';
  const tail = after.split(/[.!?](?:\s|$)|\r?\n[ \t]*\r?\n/)[0] ?? '';
  return head + text.slice(start, end) + tail;
}

function sameDay(a: CalendarDate, b: CalendarDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

function addDays(d: CalendarDate, n: number): CalendarDate {
  return fromDayNumber(dayNumber(d) + n);
}
