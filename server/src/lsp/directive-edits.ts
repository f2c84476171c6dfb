/** The edits behind "Disable <rule> for this block" and "… for this file": inline directives as
 * README "Inline directives" and server/src/engine/suppress.ts define them. */
import type { Finding, Letter, TextEdit } from '../engine/index.js';
import { detectEol } from '../engine/text.js';

/** A comment on its own line before the top-level block holding the finding, or undefined when
 * the finding is not inside a block such a comment can silence (front matter, a comment, the
 * space between blocks). */
export function disableBlockEdit(letter: Letter, finding: Finding): TextEdit | undefined {
  const block = letter.tree.children.find((node) => {
    const p = node.position;
    return p && node.type !== 'yaml' && node.type !== 'html' && p.start.offset! <= finding.start && finding.start < p.end.offset!;
  });
  if (!block?.position || block.position.start.offset! < letter.bodyStart) return undefined;
  const at = letter.index.lineStart(letter.index.lineOf(block.position.start.offset!));
  return { start: at, end: at, newText: `<!-- foilint-disable-next-block ${finding.ruleId} -- reason -->${detectEol(letter.text)}` };
}

const FILE_DIRECTIVE = /^<!--\s*foilint-disable-file\b([^]*?)-->/;

/** A disable-file comment at the top of the letter, after any front matter; when one is already
 * there naming other rules, the rule joins its list. */
export function disableFileEdit(letter: Letter, ruleId: string): TextEdit {
  const text = letter.text;
  const eol = detectEol(text);
  let at = 0;
  let lead = '';
  if (letter.bodyStart > 0) {
    const next = letter.index.lineOf(letter.bodyStart) + 1;
    if (next < letter.index.lineCount) at = letter.index.lineStart(next);
    else {
      at = text.length;
      lead = eol;
    }
  }
  const existing = FILE_DIRECTIVE.exec(text.slice(at));
  if (existing) {
    const body = existing[1];
    const justification = body.indexOf(' -- ');
    const ids = (justification >= 0 ? body.slice(0, justification) : body).trimEnd();
    if (ids.trim()) {
      const insertAt = at + existing[0].length - '-->'.length - body.length + ids.length;
      return { start: insertAt, end: insertAt, newText: ` ${ruleId}` };
    }
  }
  return { start: at, end: at, newText: `${lead}<!-- foilint-disable-file ${ruleId} -->${eol}` };
}
