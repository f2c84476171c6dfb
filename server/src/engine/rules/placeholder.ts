import { defineRule, docsPath } from './define.js';

/** Template fields and drafting notes that must never reach a requester. Case matters: "TBC" and
 * "XXX" are drafting marks, "tbc" in a sentence is rare and left alone. */
/** Where the last letter's <<…>> placeholders start (set while checking it). */
const doubleAngleAt = new Set<number>();

const PATTERNS: { re: RegExp; what: string; accept?: (m: RegExpMatchArray) => boolean }[] = [
  { re: /\{\{([^{}]*)\}\}/g, what: 'template field', accept: (m) => isField(m[1]) },
  { re: /\[(?:ANSWER REQUIRED[^\]\n]{0,80}|[A-Z][A-Z0-9]*(?:[ _/&'-]+[A-Z0-9]+){0,5}|(?:[Ii]nsert|[Ee]nter|[Aa]dd|[Dd]elete|[Ss]elect|[Cc]hoose|[Rr]estate|[Aa]nswer|[Nn]ame of|[Dd]ate of|[Dd]etails of|DN:|[Nn]ote:|[Dd]rafting note)[^\]\n]{0,80})\](?![(\[:])/g, what: 'bracketed placeholder' },
  { re: /<<([^<>]*)>>/g, what: 'placeholder', accept: (m) => isField(m[1]) && !!doubleAngleAt.add(m.index!) },
  // (Not inside a <<…>> just found: one pattern with both used to skip past it.)
  { re: /<(?=(\s*))\1(?:insert|enter|add|name|date)\b[^<>\n]{0,60}>/gi, what: 'placeholder', accept: (m) => !doubleAngleAt.has(m.index! - 1) },
  { re: /(?<![\w@.])(?:XXX+|TBC|TBA|TODO|FIXME)(?![\w@])(?!\.[a-z])/g, what: 'drafting mark' },
];

/** The inside of {{…}} or <<…>>: up to 60 characters on one line, with white space around them
 * (what `\s*[^{}\n]{1,60}?\s*` said; checked here because that pattern, on a field opened and
 * followed by thousands of spaces, took seconds: its white space could be split many ways). */
function isField(inside: string): boolean {
  const core = inside.trim();
  if (core.includes('\n') || core.length > 60) return false;
  return core.length > 0 || /[^\n]/.test(inside);
}

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
    doubleAngleAt.clear();
    for (const { re, what, accept } of PATTERNS) {
      for (const m of text.matchAll(re)) {
        if (seen.has(m.index) || skipped(m.index) || (accept && !accept(m))) continue;
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
