import { defineRule, docsPath } from './define.js';

/** Template fields and drafting notes that must never reach a requester. Case matters: "TBC" and
 * "XXX" are drafting marks, "tbc" in a sentence is rare and left alone. */
const PATTERNS: { re: RegExp; what: string }[] = [
  { re: /\{\{\s*[^{}\n]{1,60}?\s*\}\}/g, what: 'template field' },
  { re: /\[(?:ANSWER REQUIRED[^\]\n]{0,80}|[A-Z][A-Z0-9]*(?:[ _/&'-]+[A-Z0-9]+){0,5}|(?:[Ii]nsert|[Ee]nter|[Aa]dd|[Dd]elete|[Ss]elect|[Cc]hoose|[Rr]estate|[Aa]nswer|[Nn]ame of|[Dd]ate of|[Dd]etails of|DN:|[Nn]ote:|[Dd]rafting note)[^\]\n]{0,80})\](?![(\[:])/g, what: 'bracketed placeholder' },
  { re: /<<\s*[^<>\n]{1,60}\s*>>|<\s*(?:insert|enter|add|name|date)\b[^<>\n]{0,60}>/gi, what: 'placeholder' },
  { re: /(?<![\w@.])(?:XXX+|TBC|TBA|TODO|FIXME)(?![\w@])(?!\.[a-z])/g, what: 'drafting mark' },
];

export default defineRule({
  meta: {
    id: 'placeholder',
    description: 'No unfilled template fields or drafting notes ({{x}}, [NAME], <insert …>, XXX, TBC, TODO)',
    defaultSeverity: 'error',
    fixable: 'none',
    docs: docsPath('placeholder'),
  },
  check({ letter, report }) {
    const { text } = letter;
    const skip = letter.lines.filter((l) => l.kind === 'code' || l.kind === 'html' || l.kind === 'frontmatter');
    const skipped = (offset: number) => skip.some((l) => offset >= l.start && offset <= l.end);
    const seen = new Set<number>();
    for (const { re, what } of PATTERNS) {
      for (const m of text.matchAll(re)) {
        if (seen.has(m.index) || skipped(m.index)) continue;
        seen.add(m.index);
        report({
          message: `The ${what} "${m[0]}" is still in the letter. Replace it with the real text before the letter is sent.`,
          start: m.index,
          end: m.index + m[0].length,
        });
      }
    }
  },
});
