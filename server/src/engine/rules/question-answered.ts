import type { Letter, RequestItem } from '../letter/index.js';
import { joinLines } from '../text.js';
import { defineRule, docsPath } from './define.js';
import { blockInsertion, closingOffset, quote } from './shared.js';

/** An answer made only of drafting marks is no answer. "Nil", "0", "N/A", "Not held" are answers.
 * (Each run of X, * or digits is taken whole, `(?!X)`: when a run could be split between
 * repeats, 180 characters of "*XXX*" took seconds, exponential in the length.) */
const NOT_AN_ANSWER = /^(?:\s|\[[^\]]*\]|\{\{[^}]*\}\}|<[^>]*>|X{3,}(?!X)|TBC|TBA|TODO|answer:?|response:?|a\d*(?!\d)[.:]?|\*+(?!\*))*$/i;

export default defineRule({
  meta: {
    id: 'question-answered',
    description: 'Every request item has a non-empty answer in the response',
    defaultSeverity: 'error',
    fixable: 'suggestion',
    docs: docsPath('question-answered'),
  },
  check({ letter, report }) {
    const { request } = letter;
    if (letter.isAcknowledgement || !request.items.length) return;
    const n = request.items.length;
    if (request.mode === 'attachment') {
      report({
        message: `The answers are in an attachment, so foilint cannot check that each of the ${n} question${n > 1 ? 's is' : ' is'} answered. Check that the attachment answers every one, or answer each question in the letter.`,
        start: request.attachmentNote!.start,
        end: request.attachmentNote!.end,
        severity: 'info',
      });
      return;
    }
    if (request.mode === 'unstructured') {
      report({
        message: `The response neither restates nor numbers the ${n} questions, so foilint cannot tell which text answers which. Restate each question before its answer.`,
        start: request.items[0].start,
        end: request.items[0].end,
        severity: 'info',
      });
      return;
    }
    for (const item of request.items) {
      const answer = request.answers.get(item.index);
      if (!answer) {
        report({
          message: `Question ${item.index} ("${quote(item.text)}") has no answer in the response. Restate it in the response and answer it.`,
          start: item.start,
          end: item.end,
          fix: { title: `Insert question ${item.index} with an answer stub`, edits: [blockInsertion(letter, insertionPoint(letter, item), `${item.label !== undefined && letter.request.mode === 'numbered' ? `${item.label}. ` : ''}${joinLines(item.text)}\n\n[ANSWER REQUIRED: question ${item.index}]`)] },
        });
      } else if (NOT_AN_ANSWER.test(answer.text)) {
        const at = answer.restatement ?? answer;
        report({
          message: `Question ${item.index} ("${quote(item.text)}") is restated but not answered. Write the answer after it${answer.text.trim() ? ` in place of "${quote(answer.text, 30)}"` : ''}.`,
          start: at.start,
          end: at.end,
          fix: answer.text.trim() ? undefined : { title: `Insert an answer stub for question ${item.index}`, edits: [blockInsertion(letter, lineEndAfter(letter, at.end), `[ANSWER REQUIRED: question ${item.index}]`)] },
        });
      }
    }
  },
});

function lineEndAfter(letter: Letter, offset: number): number {
  const nl = letter.text.indexOf('\n', offset);
  return nl < 0 ? letter.text.length : nl + 1;
}

/** After the answer to the previous question, or at the start of the response. */
function insertionPoint(letter: Letter, item: RequestItem): number {
  const { request } = letter;
  for (let i = item.index - 1; i >= 1; i--) {
    const prev = request.answers.get(i);
    if (prev) return lineEndAfter(letter, prev.end);
  }
  for (let i = item.index + 1; i <= request.items.length; i++) {
    const next = request.answers.get(i);
    if (next) {
      const at = next.restatement?.start ?? next.start;
      return letter.text.lastIndexOf('\n', at - 1) + 1;
    }
  }
  const response = letter.presence.get('response');
  if (response && response.by === 'heading') return lineEndAfter(letter, response.start);
  return closingOffset(letter);
}
