import { defineRule, docsPath } from './define.js';
import { blockInsertion, closingOffset, firstLineRange } from './shared.js';
import { canonicalRightsSection } from '../letter/rights.js';

const WHY: Record<string, string> = {
  request: 'a response must restate the request it answers',
  response: 'the letter must answer the request (FOIA s.1(1))',
  rights: 'the internal review procedure and the right to complain to the Commissioner: FOIA s.17(7) for refusals, and ICO guidance for every response',
};

export default defineRule({
  meta: {
    id: 'required-sections',
    description: "The sections the letter's template requires are present (the request, the response, your rights, and any the authority adds)",
    defaultSeverity: 'error',
    fixable: 'suggestion',
    docs: docsPath('required-sections'),
  },
  check({ letter, template, config, pack, report }) {
    const at = firstLineRange(letter);
    for (const spec of template.sections) {
      if (spec.required === false || letter.presence.has(spec.id)) continue;
      const why = WHY[spec.id] ? ` (${WHY[spec.id]})` : '';
      const where = spec.id === 'request' ? requestInsertionPoint(letter) : closingOffset(letter);
      // The rights section is the regime pack's own review and complaint paragraphs.
      const insertText = spec.id === 'rights' && pack ? canonicalRightsSection(pack, config, headingLike(letter, spec.title)) : spec.insertText;
      report({
        message: `The letter has no "${spec.title}" section${why}. Add it under a heading such as "${spec.headings[0] ?? spec.title}".`,
        ...at,
        fix: insertText
          ? { title: `Insert a "${spec.title}" section`, edits: [blockInsertion(letter, where, insertText)] }
          : undefined,
      });
    }
  },
});

/** After the salutation, or before the first heading, or at the top. */
function requestInsertionPoint(letter: import('../letter/index.js').Letter): number {
  const dear = letter.lines.find((l) => /^dear\b/i.test(l.text));
  if (dear) return letter.lines[dear.n + 1]?.start ?? letter.text.length;
  return letter.headings[0]?.line.start ?? letter.bodyStart;
}

/** A heading in the letter's own style: Markdown when its section headings are Markdown. */
function headingLike(letter: import('../letter/index.js').Letter, title: string): string {
  const depth = letter.headings.find((h) => h.sectionId && h.line.headingDepth)?.line.headingDepth;
  return depth ? `${'#'.repeat(depth)} ${title}` : title;
}
