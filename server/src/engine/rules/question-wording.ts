import { joinLines, normalizeForCompare } from '../text.js';
import { defineRule, docsPath } from './define.js';
import { quote } from './shared.js';

const MIN_SIMILARITY = 0.85;

export default defineRule({
  meta: {
    id: 'question-wording',
    description: "A question restated in the response keeps the requester's wording",
    defaultSeverity: 'warning',
    fixable: 'safe',
    docs: docsPath('question-wording'),
  },
  check({ letter, report }) {
    for (const answer of letter.request.answers.values()) {
      const r = answer.restatement;
      // Below this the "restatement" may be a different question; only near-copies are judged.
      if (!r || r.similarity < MIN_SIMILARITY) continue;
      const asked = normalizeForCompare(answer.item.text);
      const restated = normalizeForCompare(r.text.replace(/^["“'‘]+|["”'’]+[.,]?$/g, ''));
      // Quoting part of the request word for word (without its greeting, say) is not misquoting.
      if (!restated || asked === restated || ` ${asked} `.includes(` ${restated} `)) continue;
      const replacement = joinLines(answer.item.text).replace(/^["“']+|["”']+$/g, '');
      const wrapped = /^[“"]/.test(r.text) ? `“${replacement}”` : replacement;
      report({
        message: `Question ${answer.item.index} is restated in different words from the request ("${quote(r.text, 50)}" for "${quote(answer.item.text, 50)}"). Quote the requester's own words so the answer can be checked against what was asked.`,
        start: r.start,
        end: r.end,
        fix: { title: "Restore the requester's wording", edits: [{ start: r.start, end: r.end, newText: wrapped }] },
      });
    }
  },
});
