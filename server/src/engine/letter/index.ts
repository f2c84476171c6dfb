import type { Root } from 'mdast';
import { parse as parseYaml } from 'yaml';
import type { Regime, ResolvedConfig, SectionSpec, TemplateSpec } from '../types.js';
import { LineIndex } from '../text.js';
import { buildLines, type Line } from './lines.js';
import { buildSections, findHeadings, HeadingMatcher, type Heading, type Section } from './sections.js';
import { findDates, type FoundDate } from './dates.js';
import { detectRegime, REGIMES, resolveRegime, findLetterDate, findReceiptDate, findReference, type Located, type RegimeInfo } from './metadata.js';
import { extractRequest, type RequestModel } from './requests.js';

export type { Line, Heading, Section, FoundDate, RequestModel, Located, RegimeInfo };
export type { RequestItem, Answer, AnswerMode } from './requests.js';

/** Where a required template section was found: under its heading, or by its wording alone. */
export interface SectionPresence {
  spec: SectionSpec;
  /** Offset where it begins. */
  start: number;
  end: number;
  by: 'heading' | 'wording' | 'request';
}

/** Everything rules need to know about a letter, derived once from the parse. */
export interface Letter {
  text: string;
  tree: Root;
  index: LineIndex;
  lines: Line[];
  frontMatter: Record<string, unknown>;
  /** Offset where the letter text begins (after any front matter). */
  bodyStart: number;
  headings: Heading[];
  sections: Section[];
  dates: FoundDate[];
  letterDate?: FoundDate;
  receiptDate?: FoundDate;
  reference?: Located<string>;
  /** The regime the letter is held to: front matter, else what the letter says (kept within the
   * configured jurisdiction), else the config, else FOIA. */
  regime: RegimeInfo;
  /** What the letter's own words say, if anything (for regime-consistency). */
  statedRegime?: RegimeInfo;
  /** An acknowledgement of a request rather than the response to it. */
  isAcknowledgement: boolean;
  request: RequestModel;
  /** Template sections found in the letter, in template order; a missing one has no entry. */
  presence: Map<string, SectionPresence>;
  /** True when the offset is inside the quoted request (the requester's words, not ours). */
  inRequest(offset: number): boolean;
}

/** Words that make a letter an acknowledgement of a request rather than the response to it. */
export const ACKNOWLEDGEMENT = /\b(?:this is an acknowledgement|we acknowledge (?:receipt|your request)|(?:i|we) (?:am|are) writing to acknowledge|acknowledge receipt of your request|you (?:should|can|will) expect (?:a|to receive a) (?:full )?response by)\b/i;

export function buildLetter(text: string, tree: Root, config: ResolvedConfig, template: TemplateSpec): Letter {
  const index = new LineIndex(text);
  const lines = buildLines(text, tree, index);
  const fmNode = tree.children.find((n) => n.type === 'yaml');
  let frontMatter: Record<string, unknown> = {};
  if (fmNode && 'value' in fmNode) {
    try {
      const parsed = parseYaml(fmNode.value as string);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) frontMatter = parsed as Record<string, unknown>;
    } catch {
      // Malformed front matter is reported by letter-metadata; the letter is still linted.
      frontMatter = { __invalid: true };
    }
  }
  const bodyStart = fmNode?.position ? (fmNode.position.end.offset ?? 0) : 0;
  const knownHeadings = [...(template.knownHeadings ?? []), ...(config.templates.default?.knownHeadings ?? [])];
  const matcher = new HeadingMatcher(template.sections, knownHeadings);
  const headings = findHeadings(lines, matcher);
  const sections = buildSections(lines, headings, text.length);
  const dates = findDates(text).filter((d) => d.start >= bodyStart);
  const request = extractRequest(text, lines, headings);
  const region = request.region;
  const itemsEnd = request.items.length ? request.items[request.items.length - 1].end : region?.end;
  const inRequest = (offset: number) => !!region && offset >= region.start && offset < (itemsEnd ?? region.end);

  const firstContent = headings.find((h) => h.sectionId) ?? undefined;
  // The letter's head: before the request or the first section, but never less than its first
  // dozen lines (a title heading such as "# Response to FOI-117" may come before the date).
  const dozenLines = lines[Math.min(lines.length - 1, index.lineOf(bodyStart) + 12)]?.end ?? text.length;
  const headEnd = Math.max(Math.min(region?.start ?? text.length, firstContent?.line.start ?? text.length, bodyStart + 3000), dozenLines);
  const fmDate = frontMatterDate(frontMatter.date ?? frontMatter.letter_date);
  const fmReceived = frontMatterDate(frontMatter.received ?? frontMatter.received_date);
  const fmRef = frontMatter.reference ?? frontMatter.ref;

  const regimeFromFm = typeof frontMatter.regime === 'string' && REGIMES.includes(frontMatter.regime as Regime) ? (frontMatter.regime as Regime) : undefined;
  const statedRegime = detectRegime(text, inRequest);
  const regime = resolveRegime(regimeFromFm, config.regime, statedRegime);

  const letter: Letter = {
    text,
    tree,
    index,
    lines,
    frontMatter,
    bodyStart,
    headings,
    sections,
    dates,
    letterDate: fmDate ?? findLetterDate(lines, dates, Math.max(headEnd, bodyStart)),
    receiptDate: fmReceived ?? findReceiptDate(text, dates, inRequest),
    reference: fmRef !== undefined && fmRef !== null && String(fmRef).trim() ? { value: String(fmRef), start: 0, end: 0 } : findReference(text, Math.max(headEnd, Math.min(text.length, bodyStart + 1500))),
    regime,
    statedRegime,
    isAcknowledgement: ACKNOWLEDGEMENT.test(text),
    request,
    presence: new Map(),
    inRequest,
  };
  letter.presence = findPresence(letter, template.sections);
  return letter;
}

function frontMatterDate(v: unknown): FoundDate | undefined {
  if (v instanceof Date) v = v.toISOString().slice(0, 10);
  if (typeof v !== 'string') return undefined;
  return findDates(v).map((d) => ({ ...d, start: 0, end: 0 }))[0];
}

/** A template section is present under a heading that names it, or, for letters without
 * headings, where its wording appears (the request is present when the letter quotes it). */
function findPresence(letter: Letter, specs: SectionSpec[]): Map<string, SectionPresence> {
  const out = new Map<string, SectionPresence>();
  for (const spec of specs) {
    const section = letter.sections.find((s) => s.id === spec.id);
    if (section) {
      out.set(spec.id, { spec, start: section.start, end: section.end, by: 'heading' });
      continue;
    }
    // A letter without a response heading still has a response where its answers are.
    if (spec.id === 'response' && letter.request.answers.size) {
      const first = [...letter.request.answers.values()].sort((a, b) => a.start - b.start)[0];
      const start = first.restatement?.start ?? first.start;
      out.set(spec.id, { spec, start, end: first.end, by: 'request' });
      continue;
    }
    if (spec.id === 'response' && letter.request.attachmentNote) {
      out.set(spec.id, { spec, ...letter.request.attachmentNote, by: 'request' });
      continue;
    }
    if (spec.id === 'request' && letter.request.items.length && letter.request.region) {
      out.set(spec.id, { spec, start: letter.request.region.start, end: letter.request.region.end, by: 'request' });
      continue;
    }
    for (const cue of spec.cues ?? []) {
      // A cue's spaces match any white space: PDF extracts break lines mid-sentence.
      const re = new RegExp(cue.replace(/ +/g, '\\s+'), 'gi');
      let m: RegExpExecArray | null;
      let found: SectionPresence | undefined;
      while ((m = re.exec(letter.text))) {
        if (m.index >= letter.bodyStart && !letter.inRequest(m.index)) {
          found = { spec, start: m.index, end: m.index + m[0].length, by: 'wording' };
          break;
        }
        if (m[0].length === 0) re.lastIndex++;
      }
      if (found) {
        out.set(spec.id, found);
        break;
      }
    }
  }
  return out;
}
