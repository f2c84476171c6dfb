import type { SectionSpec } from '../types.js';
import { normalizeForCompare } from '../text.js';
import type { Line } from './lines.js';

export interface Heading {
  line: Line;
  /** Heading words without markers or a trailing colon. */
  title: string;
  kind: 'markdown' | 'plain';
  /** The template section this heading names, if any. */
  sectionId?: string;
  /** Named by a known heading (template section or known closing block), not only by its shape. */
  known: boolean;
}

export interface Section {
  heading?: Heading;
  /** Template section id, when the heading names one. */
  id?: string;
  title: string;
  /** Offset where the section begins (its heading, or the text start for the preamble). */
  start: number;
  /** Offset after its last line. */
  end: number;
  /** Index of the first and one-past-last line of the body. */
  bodyFrom: number;
  bodyTo: number;
}

const SENTENCE_END = /[.!?;,]["'”’)]?$/;
const NOT_A_HEADING = /^(dear|yours|kind regards|best regards|regards|many thanks|thank you|by e-?mail|tel|telephone|email|e-mail|fax|re:|our ref|your ref|ref\b)/i;
const DATE_LIKE = /\b\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/i;

/** What may follow a known heading and keep its meaning: "Your rights and how to complain",
 * "Response to your request", "Internal review under FOIA". */
const CONTINUATION = /^(?:and|to|under|of|for information|on|about|regarding)\b/;

function headingKey(s: string): string {
  return normalizeForCompare(s.replace(/:\s*$/, ''));
}

export class HeadingMatcher {
  private readonly bySection = new Map<string, string>();
  private readonly known = new Set<string>();
  /** Each alias with the space that must follow it when more words come after ("alias "): made
   * once, as every line of every letter is tried against every alias. */
  private readonly sectionPrefixes: [prefix: string, id: string][];
  private readonly knownPrefixes: string[];

  constructor(specs: SectionSpec[], knownHeadings: string[]) {
    for (const spec of specs) {
      for (const h of [spec.title, ...spec.headings]) this.bySection.set(headingKey(h), spec.id);
    }
    for (const h of knownHeadings) this.known.add(headingKey(h));
    this.sectionPrefixes = [...this.bySection].map(([alias, id]) => [`${alias} `, id]);
    this.knownPrefixes = [...this.known].map((alias) => `${alias} `);
  }

  /** The section id a heading text names: exact alias, or the alias followed by more words
   * ("Your rights and how to complain"). */
  sectionFor(title: string): string | undefined {
    const key = headingKey(title);
    if (!key) return undefined;
    const exact = this.bySection.get(key);
    if (exact) return exact;
    for (const [prefix, id] of this.sectionPrefixes) {
      if (key.startsWith(prefix) && CONTINUATION.test(key.slice(prefix.length))) return id;
    }
    return undefined;
  }

  isKnown(title: string): boolean {
    const key = headingKey(title);
    if (this.known.has(key)) return true;
    for (const prefix of this.knownPrefixes) if (key.startsWith(prefix) && CONTINUATION.test(key.slice(prefix.length))) return true;
    return false;
  }
}

/** Is a line shaped like a heading on its own (no Markdown heading syntax)? Letters use short
 * lines, bold-only lines and ALL CAPS lines as headings. */
function looksLikePlainHeading(line: Line): boolean {
  const t = line.text;
  if (!line.alone || line.kind === 'table' || line.kind === 'html' || line.kind === 'code' || line.kind === 'frontmatter') return false;
  if (t.length < 3 || t.length > 70) return false;
  if (SENTENCE_END.test(t) || NOT_A_HEADING.test(t) || DATE_LIKE.test(t)) return false;
  if (!/^[\p{Lu}]/u.test(t)) return false;
  if (/https?:|www\.|@/.test(t)) return false;
  const ws = t.replace(/:$/, '').split(/\s+/);
  if (ws.length > 9) return false;
  if (line.boldOnly) return true;
  const letters = t.replace(/[^\p{L}]/gu, '');
  // ALL CAPS: "COMPLAINT RIGHTS", but not an answer such as "A2. NIL" or "N/A".
  if (letters.length >= 4 && letters === letters.toUpperCase()) return !/^(?:Q|A)\d/.test(t) && ws.some((w) => w.replace(/[^\p{L}]/gu, '').length >= 4);
  const significant = ws.filter((w) => w.replace(/[^\p{L}]/gu, '').length > 3);
  return ws.length >= 2 && significant.length >= 2 && significant.every((w) => /^[\p{Lu}]/u.test(w));
}

/** Finds headings: Markdown headings, lines naming a known section (even inside a paragraph, as
 * PDF extracts keep them: "Request:"), and lines shaped like headings. */
export function findHeadings(lines: Line[], matcher: HeadingMatcher): Heading[] {
  const out: Heading[] = [];
  for (const line of lines) {
    if (line.blank || line.kind === 'code' || line.kind === 'html' || line.kind === 'frontmatter') continue;
    const title = line.text.trimEnd().replace(/:$/, '').trim();
    if (!title) continue;
    const sectionId = title.length <= 80 ? matcher.sectionFor(title) : undefined;
    if (line.headingDepth) {
      out.push({ line, title, kind: 'markdown', sectionId, known: true });
      continue;
    }
    if (line.inQuote) continue;
    const shortEnough = title.split(/\s+/).length <= 9 && !SENTENCE_END.test(title);
    // A list item ("- outcome") or a lower-case word is content, not a heading.
    const headingLike = /^[\p{Lu}\d]/u.test(title) && (line.boldOnly || (!line.listItemStart && line.kind !== 'list'));
    if (sectionId && shortEnough && headingLike && (line.alone || line.boldOnly || /:\s*$/.test(line.text) || title === line.text)) {
      // A known alias alone on its line is a heading wherever it stands.
      out.push({ line, title, kind: 'plain', sectionId, known: true });
      continue;
    }
    if (shortEnough && headingLike && line.alone && matcher.isKnown(title)) {
      out.push({ line, title, kind: 'plain', known: true });
      continue;
    }
    if (looksLikePlainHeading(line)) out.push({ line, title, kind: 'plain', known: false });
  }
  return out;
}

/** Splits the letter at its headings. The text before the first heading is the preamble. */
export function buildSections(lines: Line[], headings: Heading[], textLength: number): Section[] {
  const sections: Section[] = [];
  const firstContent = lines.find((l) => !l.blank && l.kind !== 'frontmatter');
  const firstHeadingLine = headings.length ? headings[0].line.n : lines.length;
  if (firstContent && firstContent.n < firstHeadingLine) {
    sections.push({
      title: 'Preamble',
      start: firstContent.start,
      end: firstHeadingLine < lines.length ? lines[firstHeadingLine].start : textLength,
      bodyFrom: firstContent.n,
      bodyTo: firstHeadingLine,
    });
  }
  headings.forEach((h, i) => {
    const nextLine = i + 1 < headings.length ? headings[i + 1].line.n : lines.length;
    sections.push({
      heading: h,
      id: h.sectionId,
      title: h.title,
      start: h.line.start,
      end: nextLine < lines.length ? lines[nextLine].start : textLength,
      bodyFrom: h.line.n + 1,
      bodyTo: nextLine,
    });
  });
  return sections;
}
