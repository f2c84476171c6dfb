import { defineRule, docsPath } from './define.js';
import { firstLineRange } from './shared.js';

export default defineRule({
  meta: {
    id: 'letter-metadata',
    description: 'The letter date, the reference and the date the request was received are present and are real dates',
    defaultSeverity: 'warning',
    fixable: 'none',
    docs: docsPath('letter-metadata'),
  },
  check({ letter, report }) {
    const at = firstLineRange(letter);
    if (letter.frontMatter.__invalid) {
      report({ message: 'The front matter is not valid YAML, so foilint ignored it. Correct the YAML between the --- lines.', start: 0, end: letter.bodyStart });
    }
    if (!letter.letterDate) {
      report({ message: 'No letter date found. Put the date the letter is sent on a line of its own at the top (e.g. "22 March 2023"), or "date:" in the front matter.', ...at });
    } else if (!letter.letterDate.valid) {
      report({ message: `The letter date "${letter.letterDate.raw}" is not a real date. Correct it.`, start: letter.letterDate.start, end: letter.letterDate.end });
    }
    if (!letter.reference) {
      report({ message: 'No reference found. Give the request\'s reference near the top (e.g. "Our ref: FOI-2023-0142") so the requester can quote it.', ...at });
    }
    if (!letter.receiptDate) {
      report({
        message: 'The letter does not say when the request was received. Say so (e.g. "Thank you for your request received on 13 March 2023"): the 20-working-day limit runs from that date.',
        ...at,
      });
    } else if (!letter.receiptDate.valid) {
      report({ message: `The date of receipt "${letter.receiptDate.raw}" is not a real date. Correct it.`, start: letter.receiptDate.start, end: letter.receiptDate.end });
    }
  },
});
