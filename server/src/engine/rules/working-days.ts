import type { Letter } from '../letter/index.js';
import type { RegimePack } from '../packs.js';
import { citation, findPeriods, workingDaysText, type Period } from '../letter/deadlines.js';
import { clauseBefore, isUnqualifiedReviewWindow, namesRegulator, rightsOf, type ReviewPeriod, type Sentence } from '../letter/rights.js';
import { defineRule, docsPath } from './define.js';

/** Words that make a sentence about a deadline to respond, review or complain. */
const DEADLINE =
  /\b(?:respon(?:d|ds|ded|ding|se|ses)|repl(?:y|ies|ied)|answer\w*|review\w*|reconsider\w*|representations|complain\w*|appeal\w*|receipt|receiv\w*|request\w*|comply|compliance|deadline|time\s+limit|statutory|the\s+Act|the\s+Regulations|(?:tell|inform|notify)\s+you|let\s+you\s+know|(?:more|further|additional)\s+time|extend\w*|extension)\b/i;
/** What comes before a deadline's period: "within", "no later than", "we have", "a further". */
const LEAD_IN =
  /(?:\bwithin|\bno\s+later\s+than|\bnot\s+later\s+than|\bup\s+to|\bin|\bof|\bhave|\bhas|\bhad|\btakes?|\btaken|\ballows?|\ballowed|\bgives?\s+(?:us|you|them|authorities|the\s+\w+)|\bextend(?:ed)?\s+(?:by|to)|\bfurther|\badditional|\bafter|\bthan|\bmaximum\s+of|\bperiod\s+of|\blimit\s+of|\bis|\bare|\bbe|\bnext|\bfirst|\bthe)\s+\(?\s*$/i;
/** Periods that are not statutory deadlines even in a sentence that mentions a request. */
const NOT_STATUTORY = /\b(?:invoice\w*|pay(?:ment|able)?|retain\w*|retention|stor(?:e|ed|age)|delet\w*|kept|notice\s+period|cooling|trial|consultation\s+period|sickness|absence|leave|holidays?|shifts?|rota)\b/i;
/** In an answer (which reports data, e.g. "82% of requests were answered within 20 days"), only
 * words about this request and this authority's duty count. */
const OUR_DUTY = /\b(?:your\s+(?:request|review|complaint|appeal|representations)|(?:we|i)\s+(?:will|must|have|aim|are\s+required|shall)|the\s+(?:Act|Regulations)|statutory|by\s+law)\b/i;
/** The clause is about our response to a request (for month-long periods, which are only wrong
 * when they stand for the statutory response or review reply). */
const RESPONSE_CLAUSE = /\b(?:respon(?:d|ds|ded|ding|se)|repl(?:y|ies)|answer|deal\s+with|comply|provide\s+(?:the|a|you)|(?:the\s+)?(?:Act|Regulations)\s+(?:gives?|allows?|requires?))\b/i;

export default defineRule({
  meta: {
    id: 'working-days',
    description: 'Statutory periods are written in working days: "20 working days", not "20 days", "20 business days" or "one month"',
    defaultSeverity: 'error',
    fixable: 'safe',
    docs: docsPath('working-days'),
  },
  check({ letter, pack, report }) {
    if (!pack) return;
    const rights = rightsOf(letter);
    const { sentences } = rights;
    const byStart = new Map<number, ReviewPeriod>(rights.reviewPeriods.map((r) => [r.period.start, r]));
    const statutory = new Set([pack.deadlines.response, pack.deadlines.extension, pack.deadlines.reviewRequest, pack.deadlines.reviewReply].flatMap((d) => (d?.workingDays ? [d.workingDays] : [])));
    const answers = [...letter.request.answers.values()];
    const law = citation(pack.workingDays.source);
    // Judged once per sentence: a sentence may hold many periods, and sentences in text without full stops can be long.
    const judged = new Map<Sentence, boolean>();
    const aboutDeadline = (s: Sentence): boolean => {
      let ok = judged.get(s);
      if (ok === undefined) judged.set(s, (ok = DEADLINE.test(s.text) && !NOT_STATUTORY.test(s.text)));
      return ok;
    };

    for (const p of findPeriods(letter.text, letter.bodyStart)) {
      if (letter.inRequest(p.start)) continue;
      const days = p.unit === 'day' && (p.qualifier === undefined || p.qualifier === 'business' || p.qualifier === 'calendar') && statutory.has(p.value);
      const monthLike = (p.unit === 'month' && p.value === 1 && p.qualifier !== 'working') || (p.unit === 'day' && p.value === 28 && (p.qualifier === undefined || p.qualifier === 'calendar'));
      if (!days && !monthLike) continue;
      const s = sentenceAt(sentences, p.start);
      if (!s || s.heading || !aboutDeadline(s)) continue;
      if (!LEAD_IN.test(letter.text.slice(Math.max(s.start, p.start - 40), p.start))) continue;
      if (answers.some((a) => p.start >= a.start && p.start < a.end) && !OUR_DUTY.test(s.text)) continue;
      // The ICO's own periods (decision notices in calendar days) and the months of an appeal are not ours to correct.
      if (namesRegulator(s.text) && (p.qualifier === 'calendar' || p.unit === 'month')) continue;
      const role = byStart.get(p.start)?.role;
      if (role === 'other') continue;
      // A wrong window to ask for a review is review-window's, unless only "working" is missing.
      if (role === 'request' && !isUnqualifiedReviewWindow(p, pack)) continue;

      if (days) {
        const fixed = `${p.numberText} working days`;
        const how = p.qualifier === 'business' ? `"${p.text}" is not the statutory term` : p.qualifier === 'calendar' ? `"${p.text}" counts the wrong days` : `"${p.text}" does not say which days count`;
        report({
          message: `${how}: statutory periods run in working days (${law}), which leave out weekends and bank holidays. Write "${fixed}".`,
          start: p.start,
          end: p.end,
          fix: { title: `Replace "${p.text}" with "${fixed}"`, edits: [{ start: p.start, end: p.end, newText: fixed }] },
        });
        continue;
      }
      // "one month", "28 days": wrong only where they stand for our time to respond or to reply to a review.
      const target = monthTarget(letter, pack, s, p, role);
      if (!target) continue;
      const fixed = workingDaysText(target.days);
      report({
        message: `"${p.text}" is not how the period is set: ${target.what} ${fixed} (${target.law}). Write "${fixed}".`,
        start: p.start,
        end: p.end,
        fix: { title: `Replace "${p.text}" with "${fixed}"`, edits: [{ start: p.start, end: p.end, newText: fixed }] },
      });
    }
  },
});

function monthTarget(letter: Letter, pack: RegimePack, s: Sentence, p: Period, role: string | undefined): { days: number; what: string; law: string } | undefined {
  const d = pack.deadlines;
  if (role === 'reply' && d.reviewReply.workingDays) return { days: d.reviewReply.workingDays, what: 'a review is to be answered within', law: citation(d.reviewReply.source) };
  if (role !== undefined) return undefined;
  const clause = clauseBefore(letter.text, s.start, p.start);
  if (RESPONSE_CLAUSE.test(clause) && d.response.workingDays) return { days: d.response.workingDays, what: 'a request is to be answered within', law: citation(d.response.source) };
  return undefined;
}

/** The sentence holding an offset (sentences are in text order). */
function sentenceAt(sentences: Sentence[], offset: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}
