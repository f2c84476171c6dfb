import { clockStart, compareDates, countWorkingDays, formatDate, receiptIsForReview, receiptIsStated, reviewOutcome, reviewReceipt, statedExtension } from '../deadline.js';
import { formatLongDate, isCovered } from '../calendar.js';
import type { FoundDate, Letter } from '../letter/index.js';
import type { RegimePack } from '../packs.js';
import type { ReportDescriptor } from '../types.js';
import { defineRule, docsPath } from './define.js';
import { firstLineRange } from './shared.js';

/** Where a date is written; a date from the front matter has no place in the text, so the
 * letter's first line stands for it. */
function rangeOf(letter: Letter, d: FoundDate): { start: number; end: number } {
  return d.end > d.start ? { start: d.start, end: d.end } : firstLineRange(letter);
}

export default defineRule({
  meta: {
    id: 'response-time',
    description: 'The letter is dated within the time limit after the request was received (20 working days; UK bank holidays, Scottish ones under FOISA), and not before it was received',
    // An error for dates in an impossible order; a late letter is a warning unless the config
    // sets the rule's severity.
    defaultSeverity: 'error',
    fixable: 'none',
    docs: docsPath('response-time'),
  },
  check({ letter, pack, config, report }) {
    const sent = letter.letterDate;
    const given = letter.receiptDate;
    if (!pack || !sent?.valid || !given?.valid || !isCovered(sent) || !isCovered(given)) return;
    // Unconfigured, lateness is a warning: the letter may be late for reasons foilint cannot see.
    const lateSeverity = config.rules['response-time'] === undefined ? 'warning' : undefined;

    const start = clockStart(letter);
    if (compareDates(given, sent) > 0) {
      const what = receiptIsStated(letter) ? 'The date of receipt' : "The request's date";
      report({
        message: `${what}, ${formatDate(given)}, is after the letter's date, ${formatDate(sent)}: one of them is wrong. Check both and correct the wrong one.`,
        ...rangeOf(letter, given),
      });
      return;
    }
    // An acknowledgement is not the response; its stated due date is date-validity's business.
    if (letter.isAcknowledgement) return;

    if (reviewOutcome(letter) || receiptIsForReview(letter)) {
      checkReview(letter, pack, sent, lateSeverity, report);
      return;
    }

    if (!start || !isCovered(start.date) || compareDates(start.date, sent) > 0) return;
    const received = start.date;
    const count = countWorkingDays(received, sent, pack);
    if (!count?.late) return;
    const extension = pack.deadlines.extension;
    const explained = extension && statedExtension(letter, extension);
    const lead = `Sent ${count.count} working days after ${start.kind === 'clarification' ? 'your clarification was received' : 'receipt'} on ${formatDate(received)}`;
    let message: string;
    if (explained && extension) {
      const extended = countWorkingDays(received, sent, pack, { period: 'extension' });
      if (!extended?.late) return;
      message = `${lead}; even with ${extension.what ?? 'the extension'} the letter explains${extension.provision ? ` (${extension.provision})` : ''}, the limit is ${extended.limit} working days, due ${formatLongDate(extended.due)}. Apologise for the delay.`;
    } else {
      const advice = extension?.what
        ? `If the delay was for ${extension.what}${extension.provision ? ` (${extension.provision})` : ''}, say so in the letter; otherwise apologise for the delay.`
        : 'Apologise for the delay.';
      message = `${lead}; the limit is ${count.limit} working days, due ${formatLongDate(count.due)}. ${advice}`;
    }
    report({ message, ...rangeOf(letter, sent), severity: lateSeverity });
  },
});

/** A review outcome is held to the review period (FOIA: s.45 Code para 5.4; EIR reg 11(4); FOISA
 * s.21(1)), counted from when the request for review arrived, which the letter must say. */
function checkReview(letter: Letter, pack: RegimePack, sent: FoundDate, lateSeverity: 'warning' | undefined, report: (d: ReportDescriptor) => void): void {
  const received = reviewReceipt(letter);
  if (!received?.valid || !isCovered(received)) return;
  if (compareDates(received, sent) > 0) {
    report({
      message: `The request for review is said to be received on ${formatDate(received)}, after the letter's date, ${formatDate(sent)}: one of them is wrong. Check both and correct the wrong one.`,
      ...rangeOf(letter, received),
    });
    return;
  }
  const reply = pack.deadlines.reviewReply;
  const count = countWorkingDays(received, sent, pack, { period: 'reviewReply' });
  if (!count?.late) return;
  const explained = reply.maxWorkingDays && statedExtension(letter, reply);
  const lead = `This review outcome was sent ${count.count} working days after the request for review was received on ${formatDate(received)}`;
  const provision = reply.provision ? ` (${reply.provision})` : '';
  let message: string;
  if (explained && reply.maxWorkingDays) {
    const extended = countWorkingDays(received, sent, pack, { period: 'reviewReply', workingDays: reply.maxWorkingDays });
    if (!extended?.late) return;
    message = `${lead}; even for ${reply.what ?? 'a complex review'}, the limit is ${extended.limit} working days${provision}, due ${formatLongDate(extended.due)}. Apologise for the delay.`;
  } else {
    const advice = reply.maxWorkingDays
      ? `If this was ${reply.what ?? 'a complex review'}, say so in the letter (the limit is then ${reply.maxWorkingDays} working days); otherwise apologise for the delay.`
      : 'Apologise for the delay.';
    message = `${lead}; the limit for a review is ${count.limit} working days${provision}, due ${formatLongDate(count.due)}. ${advice}`;
  }
  report({ message, ...rangeOf(letter, sent), severity: lateSeverity });
}
