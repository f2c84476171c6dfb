import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import type { Code, Construct, Extension as MicromarkExtension, State, Token } from 'micromark-util-types';
import type { CompileContext, Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import './micromark-edits.js';

/* The rules read a letter's block structure (headings, paragraphs, lists, quotes, tables, HTML
 * blocks, front matter) and its text; they never look at emphasis, links or code spans. So the
 * parse stops at blocks: every line of inline content is one plain run of text.
 *
 * Besides saving time on every letter, this keeps hostile text from taking time that grows with
 * the square of a paragraph's length. micromark (4.0.3) re-walks or re-splices a paragraph's events
 * for each emphasis or link delimiter and for each line whose text its inline constructs split
 * (GFM's e-mail autolinks split at every word): 109 KB of `*a* _b_ **c**` took 2.4 s, a 2.7 MB
 * paragraph of plain lines 63 s. */

/** One line of inline content, from the character where an inline construct could start to the
 * end of the line, as one token. Keyed before micromark's own constructs on every printable ASCII
 * character and tab (every character any of them starts on), so none of them runs. */
const plainRun: Construct = {
  name: 'foilintPlainRun',
  tokenize(effects, ok) {
    const rest: State = (code: Code) => {
      if (code === null || code < -2) {
        effects.exit('foilintPlainRun' as Token['type']);
        return ok(code);
      }
      effects.consume(code);
      return rest;
    };
    return (code: Code) => {
      effects.enter('foilintPlainRun' as Token['type']);
      effects.consume(code);
      return rest;
    };
  },
};

const plainText: MicromarkExtension = { text: { [-2]: plainRun } };
for (let code = 32; code <= 126; code++) plainText.text![code] = plainRun;

/** The plain runs become text nodes, as micromark's `data` does. */
const plainTextToMdast: FromMarkdownExtension = {
  enter: {
    foilintPlainRun(this: CompileContext, token: Token) {
      this.enter({ type: 'text', value: this.sliceSerialize(token) }, token);
    },
  },
  exit: {
    foilintPlainRun(this: CompileContext, token: Token) {
      this.exit(token);
    },
  },
};

function blockStructureOnly(this: Processor) {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), plainText];
  // mdast transforms walk the finished tree recursively (GFM literal autolinks: a stack overflow
  // on 8,000 nested lists) and only make inline nodes; the block tree needs none of them.
  data.fromMarkdownExtensions = [
    ...(data.fromMarkdownExtensions ?? []).map((ext) => (Array.isArray(ext) ? ext.map((e) => ({ ...e, transforms: [] })) : { ...ext, transforms: [] })),
    plainTextToMdast,
  ];
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(blockStructureOnly);
/** The same parser without GFM and front matter, for a letter that can hold neither: GFM's table
 * construct is tried at the start of every line and was a third of the parse of a 4 KB letter
 * (0.7 of 2.1 ms). With inline constructs off, GFM adds only tables (their delimiter row has a
 * "|", or a ":" beside a "-") and footnote definitions ("[^"), and front matter opens the letter with "---", so without
 * those the two parsers give the same tree (test/parse-fast-path.test.ts compares them). */
const plainProcessor = unified().use(remarkParse).use(blockStructureOnly);

/** Can the letter hold a construct only the full parser knows? */
export function needsFullParser(text: string): boolean {
  // A one-column table needs no "|": `Total` over `:--` is one, so a ":" beside a "-" counts too.
  return text.includes('|') || text.includes('[^') || text.startsWith('---') || text.includes(':-') || text.includes('-:');
}

/** Container markers (block quotes, list items) allowed on one line before the parser sees the
 * rest as text. micromark's list handling takes time in proportion to the depth times the length
 * (10,000 nested `- ` on one line: over 20 s); markdown-it caps nesting at 100 for the same
 * reason. A letter nests a few levels. */
export const MAX_NESTING = 100;

/** The text the parser sees: the letter, with the container marker that would open the 101st
 * level of nesting on a line (each marker a level, and two columns of indentation before the
 * first one a level) turned into a middle dot. Same length and line breaks, so every offset and position holds. */
export function capNesting(text: string): string {
  let out: string[] | undefined;
  let i = 0;
  const n = text.length;
  while (i < n) {
    let depth = 0;
    let columns = 0;
    let at = i;
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === 32 || c === 9) {
        // Indentation before the first marker stands for levels opened on earlier lines.
        if (depth === 0) columns += c === 9 ? 4 : 1;
        at++;
        continue;
      }
      let marker = -1;
      let after = at + 1;
      if (c === 62 /* > */) marker = at;
      else if (c === 45 || c === 42 || c === 43 /* - * + */) marker = at;
      else if (c >= 48 && c <= 57) {
        let d = at;
        while (d < n && d - at < 9 && text.charCodeAt(d) >= 48 && text.charCodeAt(d) <= 57) d++;
        const delim = text.charCodeAt(d);
        if (delim === 46 || delim === 41 /* . ) */) {
          marker = d;
          after = d + 1;
        }
      }
      if (marker < 0) break;
      const next = text.charCodeAt(after);
      // A list marker opens an item only when a space, tab or line end follows; ">" always does.
      if (c !== 62 && !(next === 32 || next === 9 || next === 10 || next === 13 || after >= n)) break;
      depth++;
      if (depth + Math.floor(columns / 2) > MAX_NESTING) {
        out ??= text.split('');
        out[marker] = '\u00b7';
        break;
      }
      at = after;
    }
    // On to the next line.
    while (at < n && text.charCodeAt(at) !== 10 && text.charCodeAt(at) !== 13) at++;
    if (text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10) at++;
    i = at + 1;
  }
  return out ? out.join('') : text;
}

/** Parses a letter once into an mdast tree with offsets: its block structure, each line of
 * inline content as plain text. */
export function parseMarkdown(text: string, options: { fastPath?: boolean } = {}): Root {
  const capped = capNesting(text);
  return (options.fastPath === false || needsFullParser(capped) ? processor : plainProcessor).parse(capped) as Root;
}
