import type { RegimePack, WrongValue } from '../packs.js';
import { citation, workingDaysText } from '../letter/deadlines.js';
import { isRegimeReviewWindow, isUnqualifiedReviewWindow, rightsOf } from '../letter/rights.js';
import { defineRule, docsPath } from './define.js';

/** The pack's outdated windows, compiled once per pack. */
const compiled = new WeakMap<RegimePack, { re: RegExp; wrong: WrongValue }[]>();
function outdated(pack: RegimePack) {
  let list = compiled.get(pack);
  if (!list) {
    list = pack.outdatedReviewWindows.map((wrong) => ({ re: new RegExp(`^(?:${wrong.pattern.replace(/ +/g, '\\s+')})$`, 'i'), wrong }));
    compiled.set(pack, list);
  }
  return list;
}

export default defineRule({
  meta: {
    id: 'review-window',
    description: "The window to ask for an internal review is the regime's 40 working days, not \"two months\" or \"20 working days\"",
    defaultSeverity: 'error',
    fixable: 'safe',
    docs: docsPath('review-window'),
  },
  check({ letter, pack, report }) {
    if (!pack) return;
    const days = pack.deadlines.reviewRequest.workingDays;
    if (!days) return;
    const canonical = workingDaysText(days);
    const law = citation(pack.deadlines.reviewRequest.source);
    for (const { period, role } of rightsOf(letter).reviewPeriods) {
      // Only the requester's window; our time to reply, and anything unclear, is left alone.
      if (role !== 'request' || isRegimeReviewWindow(period, pack) || isUnqualifiedReviewWindow(period, pack)) continue;
      if (period.qualifier === 'school') continue;
      const known = outdated(pack).find((o) => o.re.test(period.text));
      const why = known ? ` (${known.wrong.what})` : '';
      report({
        message: `The window to ask for an internal review is given as "${period.text}"${why}. The requester has ${canonical} (${law}): write "${canonical}".`,
        start: period.start,
        end: period.end,
        fix: { title: `Replace "${period.text}" with "${canonical}"`, edits: [{ start: period.start, end: period.end, newText: known?.wrong.replacement ?? canonical }] },
      });
    }
  },
});
