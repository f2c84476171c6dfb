import type { BlockNode, BlockTree } from '../parse.js';
import { parse as parseYaml } from 'yaml';
import type { Regime, ResolvedConfig, SectionSpec, TemplateSpec } from '../types.js';
import { LineIndex } from '../text.js';
import { buildLines, type Line } from './lines.js';
import { buildSections, findHeadings, HeadingMatcher, type Heading, type Section } from './sections.js';
import { findDates, type FoundDate } from './dates.js';
import { detectRegime, REGIMES, resolveRegime, findLetterDate, findReceiptDate, findReference, type Located, type RegimeInfo } from './metadata.js';
import { extractRequest, type RequestModel } from './requests.js';
import { patternRisk } from '../pattern-safety.js';

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
  tree: BlockTree;
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

/** The letter's front matter: its node, and its YAML as an object (`{ __invalid: true }` when the
 * YAML does not parse, `{}` when there is none). Read once per lint: the template choice needs it
 * before the letter model is built. */
export function readFrontMatter(tree: BlockTree): { node?: BlockNode; data: Record<string, unknown> } {
  const node = tree.children.find((n) => n.type === 'yaml');
  let data: Record<string, unknown> = {};
  if (node?.value !== undefined) {
    try {
      const parsed = parseYaml(node.value);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
    } catch {
      // Malformed front matter is reported by letter-metadata; the letter is still linted.
      data = { __invalid: true };
    }
  }
  return { node, data };
}

/** One heading matcher per template and config, made on first use: making one normalises every
 * heading alias, which took as long as finding the headings of a letter. */
const matchers = new WeakMap<TemplateSpec, WeakMap<ResolvedConfig, HeadingMatcher>>();
function headingMatcherFor(template: TemplateSpec, config: ResolvedConfig): HeadingMatcher {
  let byConfig = matchers.get(template);
  if (!byConfig) matchers.set(template, (byConfig = new WeakMap()));
  let matcher = byConfig.get(config);
  if (!matcher) {
    const knownHeadings = [...(template.knownHeadings ?? []), ...(config.templates.default?.knownHeadings ?? [])];
    byConfig.set(config, (matcher = new HeadingMatcher(template.sections, knownHeadings)));
  }
  return matcher;
}

export function buildLetter(text: string, tree: BlockTree, config: ResolvedConfig, template: TemplateSpec, frontMatterRead = readFrontMatter(tree)): Letter {
  const index = new LineIndex(text);
  const lines = buildLines(text, tree, index);
  const { node: fmNode, data: frontMatter } = frontMatterRead;
  const bodyStart = fmNode?.position ? (fmNode.position.end.offset ?? 0) : 0;
  const matcher = headingMatcherFor(template, config);
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

/** A cue as the engine runs it: its spaces match any white space (PDF extracts break lines
 * mid-sentence). */
export function cuePattern(cue: string): string {
  return cue.replace(/ +/g, '\\s+');
}

/** The cue's regular expression, or undefined for one that does not compile or could take
 * exponential time (the config loader refuses those with file and line; this guards the engine
 * when a config reaches it another way). */
function compileCue(cue: string): RegExp | undefined {
  const source = cuePattern(cue);
  if (patternRisk(source)) return undefined;
  try {
    return new RegExp(source, 'gi');
  } catch {
    return undefined;
  }
}

/** The letter's paragraphs: runs of non-blank lines, as offsets. */
function paragraphs(letter: Letter): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const line of letter.lines) {
    if (line.blank) continue;
    const prev = out[out.length - 1];
    if (prev && letter.lines[line.n - 1] && !letter.lines[line.n - 1].blank) prev.end = line.end;
    else out.push({ start: line.start, end: line.end });
  }
  return out;
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
      const re = compileCue(cue);
      if (!re) continue;
      let found: SectionPresence | undefined;
      // Within one paragraph at a time: a cue is wording, and a cue that backtracks badly then
      // costs in proportion to the paragraph, not to the letter.
      for (const para of paragraphs(letter)) {
        if (para.end <= letter.bodyStart) continue;
        const chunk = letter.text.slice(para.start, para.end);
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(chunk))) {
          const at = para.start + m.index;
          if (at >= letter.bodyStart && !letter.inRequest(at)) {
            found = { spec, start: at, end: at + m[0].length, by: 'wording' };
            break;
          }
          if (m[0].length === 0) re.lastIndex++;
        }
        if (found) break;
      }
      if (found) {
        out.set(spec.id, found);
        break;
      }
    }
  }
  return out;
}
