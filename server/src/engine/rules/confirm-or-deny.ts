import { defineRule, docsPath } from './define.js';
import { firstLineRange } from './shared.js';

/** Words that tell the requester whether the information is held (FOIA s.1(1)(a), FOISA s.1,
 * EIR reg 12(4)(a)), or that the authority will neither confirm nor deny. */
const HELD = [
  /\b(?:do(?:es)?|did)\s+not\s+hold\b/gi,
  /\b(?:do(?:es)?|did)\s+hold\b/gi,
  /\b(?:we|it|council|trust|authority|force|department|board|university|office|service)\s+(?:currently\s+)?holds?\b/gi,
  /\bholds?\s+(?:the|this|some|no|that|all|any|recorded)\s+(?:of\s+the\s+)?(?:information|data|records?)\b/gi,
  /\b(?:is|are|was|were)\s+(?:not\s+)?held\b/gi,
  /\bnot\s+held\b/gi,
  /\bno\s+(?:recorded\s+)?information\s+(?:is|was)?\s*(?:held|recorded)?\b.*\bheld\b/gi,
  /\bneither\s+confirm\s+nor\s+deny\b/gi,
  /\bdoes\s+not\s+exist\b|\bno\s+such\s+(?:information|records?|data)\b/gi,
  /\bhave\s+no\s+(?:records?|information)\b/gi,
];

export default defineRule({
  meta: {
    id: 'confirm-or-deny',
    description: 'The letter says whether the information is held, or that it will neither confirm nor deny',
    defaultSeverity: 'warning',
    fixable: 'none',
    docs: docsPath('confirm-or-deny'),
  },
  check({ letter, report }) {
    if (letter.isAcknowledgement) return;
    if (!letter.request.items.length && !letter.presence.has('response')) return;
    for (const re of HELD) {
      for (const m of letter.text.matchAll(re)) if (!letter.inRequest(m.index)) return;
    }
    const response = letter.presence.get('response');
    const at = response ? { start: response.start, end: letter.lines[letter.index.lineOf(response.start)].end } : firstLineRange(letter);
    report({
      message: 'The letter does not say whether the information is held (FOIA s.1(1)(a)). Say so for each part of the request, e.g. "We hold the information you asked for" or "We do not hold this information".',
      ...at,
    });
  },
});
