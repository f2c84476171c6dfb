/** Statute citations in a letter: "section 40(2)", "s.40(2)", "s40(2)", "sections 31(1)(a) and 38",
 * "Section 43 (2)", "regulation 12(5)(e)", "reg. 12(4)(b)", "Regulation 13", "the exemption at
 * section 21 of the Act", "under 40(2) of FOIA", "FoIA 21", and exemptions listed in a table.
 *
 * Each citation carries its offsets, the provision normalised ("40(2)", "12(5)(e)"), what the
 * letter calls it (section or regulation) and the Act it names, if any: "section 40 of the Data
 * Protection Act 2018" names another Act, so it is not a citation of the letter's regime. Which
 * regime a citation belongs to, and whether the letter relies on it as an exemption, is for the
 * rules to decide: this module only reads the text.
 *
 * The patterns are bounded (no nested quantifiers) and compiled once; a letter is scanned once. */
import type { Regime } from '../types.js';
import type { Exemption, NotAnExemption, RegimePack } from '../packs.js';
import type { Letter, Line } from './index.js';

/** The Act a citation names: one of the four regimes, "the Act" / "the Regulations" (the letter's
 * own statute, as the rule reads it), or another Act (the Data Protection Act 2018, the Children Act). */
export type ActKind = Regime | 'the-act' | 'the-regulations' | 'other';

export interface ActMention {
  kind: ActKind;
  /** The name as written: "Freedom of Information Act 2000", "FOIA", "Data Protection Act 2018". */
  name: string;
  start: number;
  end: number;
}

export interface Citation {
  /** Offsets of the provision as written ("40 (2)"), without the word before it. */
  start: number;
  end: number;
  raw: string;
  /** Normalised: no spaces, paragraph letters in lower case: "40(2)", "12(5)(e)", "22A". */
  provision: string;
  /** The first number with any capital suffix: "40", "22A", "12". */
  top: string;
  /** What the letter calls it; "none" for a bare number ("the exemption at 40(2)"). */
  word: 'section' | 'regulation' | 'none';
  /** The word as written ("s.", "Section", "regs") and where, shared by the members of a list. */
  wordText?: string;
  wordStart?: number;
  wordEnd?: number;
  /** Members of one list ("sections 31(1)(a) and 38") share a group; the first has index 0. */
  group: number;
  indexInGroup: number;
  /** From the word (or first provision) to the last provision of the list. */
  groupStart: number;
  groupEnd: number;
  /** The Act named just after the list ("of the Freedom of Information Act 2000") or just before
   * it ("FOIA s.40", "the Data Protection Act 2018 (section 45)"). */
  act?: ActMention;
  /** In a table whose header names exemptions or exceptions, or in a list introduced by words that do. */
  listed: boolean;
  inTable: boolean;
}

// ---------------------------------------------------------------------------------------------
// Patterns

/** A subsection or paragraph: (2), (5A), (e), (aa), (ii); a single capital ("(E)") is a miswritten
 * paragraph letter. One optional space or tab before it ("40 (2)"). */
const SUB = String.raw`[ \t]?\((?:\d{1,2}[A-Z]{0,2}|[a-z]{1,4}|[A-Z])\)`;
/** A provision: a number of one to three digits (never a year), an optional capital suffix
 * ("22A"), then its subsections. Not followed by more digits, a decimal or a word character. */
const PROV = String.raw`(\d{1,3}[A-Z]?)((?:${SUB}){0,5})(?![\w£%]|[.,]\d)`;
const SECTION_WORD = String.raw`[Ss]ections?(?![a-z])|SECTIONS?(?![A-Z])|[Ss]ecs?\.|[Ss]ect\.|[Ss][Ss]?\.|[Ss](?=\d)`;
const REGULATION_WORD = String.raw`[Rr]egulations?(?![a-z])|REGULATIONS?(?![A-Z])|[Rr]egs?\.?(?![a-z])|REGS?\.?(?![A-Z])`;
/** A citation with its word: "section 40(2)", "s.40", "S40", "regs 12(4)(e)". A line break may
 * separate the word and the number (PDF extracts). */
const WORDED = new RegExp(String.raw`(?<![\w'’])(${SECTION_WORD}|${REGULATION_WORD})[ \t]*(?:\r?\n[ \t]*)?${PROV}`, 'g');

/** The FOI statutes by name, most specific first; then "the Act" / "the Regulations"; then any
 * other Act ("Data Protection Act 2018", "Copyright, Designs and Patents Act 1988", "DPA 2018"). */
const ACT_NAMES: { kind: ActKind; source: string }[] = [
  { kind: 'foisa', source: String.raw`Freedom\s+of\s+Information\s+\(Scotland\)\s+Act(?:\s+2002)?|FOI\s?\(S\)\s?A(?:ct)?\b|FOISA\b` },
  { kind: 'eir-scotland', source: String.raw`Environmental\s+Information\s+\(Scotland\)\s+Regulations(?:\s+2004)?|EI\(S\)Rs?\b|EISRs?\b` },
  { kind: 'foia', source: String.raw`Freedom\s+of\s+Information\s+(?:\(FOI\)\s+)?Act(?:\s+2000)?|FOI\s?Act\b|FOIA\b|FoIA\b` },
  { kind: 'eir', source: String.raw`Environmental\s+Information\s+Regulations(?:\s+2004)?|EIRs?\b(?:\s+2004)?` },
];
const OTHER_ACT = String.raw`(?:[A-Z][\w'’-]*|\([A-Z][\w ]{0,30}\))(?:,?[ \t]+(?:[A-Z][\w'’-]*|\([A-Z][\w ]{0,30}\)|and|of|the|for|on|to|in|&)){0,10}?[ \t]+(?:Act|Regulations|Order|Rules|Measure)\b(?:[ \t]+\d{4})?|DPA\b(?:[ \t]+\d{4})?|(?:UK[ \t]+)?GDPR\b`;
const ACT_ALTERNATIVES = [...ACT_NAMES.map((a) => `(${a.source})`), String.raw`(?<=\bthe[ \t]{1,3})(Act)\b(?![ \t]+\d)`, String.raw`(?<=\bthe[ \t]{1,3})(Regulations)\b(?![ \t]+\d)`, `(${OTHER_ACT})`].join('|');
const ACT_KINDS: ActKind[] = [...ACT_NAMES.map((a) => a.kind), 'the-act', 'the-regulations', 'other'];
/** "… of the Freedom of Information Act 2000", "(cost limit) of FOIA", ", under the Data Protection Act". */
// No two runs of spaces side by side (`[ \t]*,?[ \t]*`): on a long run of spaces after a citation
// they split it every way before failing, which took a second on 50 KB.
const ACT_AFTER = new RegExp(String.raw`[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:,[ \t]*)?(?:\r?\n[ \t]*)?(?:of|under|in)[ \t]+(?:\r?\n[ \t]*)?(?:the[ \t]+)?(?:${ACT_ALTERNATIVES})`, 'y');
/** "FOIA s.40", "the Data Protection Act 2018, section 45", "Patents Act 1988 (sections 29 and 30)". */
const ACT_BEFORE = new RegExp(String.raw`(?:${ACT_ALTERNATIVES})[ \t]*(?:[,(][ \t]*)?(?:\r?\n[ \t]*)?$`);

/** A further member of a list: ", 41", "and 43(2)", "or (3A)(a)", "& 38". */
const LIST_NEXT = new RegExp(String.raw`[ \t]*(?:,(?:[ \t]*(?:and|or))?|&|and|or|\/)[ \t]*(?:\r?\n[ \t]*)?(?:${PROV}|((?:${SUB}){1,5})(?![\w]))`, 'y');
/** What may follow a bare list member without a subsection: punctuation, the end, or a linking
 * word. "sections 12 and 20 working days" is not a list of sections. */
const BARE_FOLLOW = /^(?:[ \t]*(?:$|[.,;:)\]–—-]|\(|\r?\n|(?:of|and|or|in|under|apply|applies|applied|are|were|is|was|as|to|which|that|because|since|where|for|exemptions?|exceptions?|would|will|may)\b))/;

/** A bare provision after "exemption at/under/in": "the exemption at 40(2)". */
const AFTER_EXEMPTION = new RegExp(String.raw`\b(?:[Ee]xempt(?:ions?)?|[Ee]xceptions?)[ \t]+(?:at|under|in|of|contained[ \t]+in|set[ \t]+out[ \t]+in|provided[ \t]+(?:by|in|for[ \t]+in))[ \t]+(?:the[ \t]+)?${PROV}`, 'g');
/** A bare provision an FOI Act follows: "under 40(2) of FOIA", "21 of the Act". */
const BEFORE_ACT = new RegExp(String.raw`\b(?:under|at|in|per|of|applying|apply|cite|citing)[ \t]+${PROV}(?=[ \t]*(?:,[ \t]*)?(?:of|under)[ \t]+(?:the[ \t]+)?(?:Freedom[ \t]+of[ \t]+Information|FOI|FoIA|Environmental[ \t]+Information|EIR|the[ \t]+(?:Act|Regulations)\b))`, 'g');
/** An FOI Act's short name and a bare provision: "FoIA 21", "FOISA 38(1)(b)". */
const ALIAS_NUMBER = new RegExp(String.raw`\b(FOIA|FoIA|FOISA|FOI\(S\)A)[ \t]+${PROV}`, 'g');

const EXEMPTION_WORDS = /\b(?:exempt(?:ions?)?|exceptions?|excepted)\b/i;
/** A table cell that starts with a provision, worded or bare. */
const CELL = new RegExp(String.raw`^(?:\*\*|__)?(?:(${SECTION_WORD}|${REGULATION_WORD})[ \t]*)?${PROV}`);
/** "S40 1LP" is a Chesterfield postcode, not section 40. */
const POSTCODE_TAIL = /^[ \t]?\d[A-Z]{2}\b/;
const DELIMITER_ROW = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const TABLE_HEADER = /\b(?:exempt(?:ions?)?|exceptions?|provisions?|withheld|redact\w*|reasons?)\b/i;

// ---------------------------------------------------------------------------------------------

/** Normalises a provision as written: "40 (2)" → "40(2)", "12(5)(E)" → "12(5)(e)". */
export function normaliseProvision(raw: string): string {
  const compact = raw.replace(/\s+/g, '');
  return compact.replace(/\(([A-Z])\)/g, (_, l: string) => `(${l.toLowerCase()})`);
}

/** The groups of a normalised provision: "12(5)(e)" → ["12", "(5)", "(e)"]. */
export function provisionParts(provision: string): string[] {
  const m = /^(\d{1,3}[A-Z]?)((?:\([^()]+\))*)$/.exec(provision);
  if (!m) return [provision];
  return [m[1], ...(m[2].match(/\([^()]+\)/g) ?? [])];
}

/** "12(5)(e)" → ["12(5)(e)", "12(5)", "12"]: the provision and its ancestors, most specific first. */
export function provisionChain(provision: string): string[] {
  const parts = provisionParts(provision);
  const out: string[] = [];
  for (let i = parts.length; i >= 1; i--) out.push(parts.slice(0, i).join(''));
  return out;
}

function actKindOf(m: RegExpExecArray, firstGroup: number): { kind: ActKind; name: string; index: number } | undefined {
  for (let i = 0; i < ACT_KINDS.length; i++) {
    const g = m[firstGroup + i];
    if (g !== undefined) return { kind: ACT_KINDS[i], name: g, index: m.index + m[0].lastIndexOf(g) };
  }
  return undefined;
}

/** The Act a citation list names just after it (from `end`) or just before it (up to `start`). */
export function actAround(text: string, start: number, end: number): ActMention | undefined {
  ACT_AFTER.lastIndex = end;
  const after = ACT_AFTER.exec(text);
  if (after) {
    const k = actKindOf(after, 1);
    if (k) return { kind: k.kind, name: k.name, start: k.index, end: k.index + k.name.length };
  }
  const from = Math.max(0, start - 80);
  const before = ACT_BEFORE.exec(text.slice(from, start));
  if (before) {
    const k = actKindOf(before, 1);
    // "the Act, section 40" is too loose to read as naming a statute.
    if (k && k.kind !== 'the-act' && k.kind !== 'the-regulations') return { kind: k.kind, name: k.name, start: from + k.index, end: from + k.index + k.name.length };
  }
  return undefined;
}

interface Draft {
  start: number;
  end: number;
  raw: string;
  provision: string;
  word: Citation['word'];
  wordText?: string;
  wordStart?: number;
  wordEnd?: number;
  inTable?: boolean;
  listedByTable?: boolean;
}

function wordKind(w: string): 'section' | 'regulation' {
  return /^[Rr]/.test(w) ? 'regulation' : 'section';
}

function isPluralWord(w: string): boolean {
  return /^(?:sections|secs\.|ss\.|regulations|regs\.?)$/i.test(w);
}

/** Subsections of a list member written alone ("and (3A)(a)", "and (e)", "and (ii)") replace the
 * previous provision's last group of the same kind (subsection number, paragraph letter, roman
 * sub-paragraph): 40(2) and (3A)(a) → 40(3A)(a); 12(5)(d) and (e) → 12(5)(e); 30(b)(i) and (ii) → 30(b)(ii). */
function inherit(previous: string, subs: string): string {
  const prev = provisionParts(previous);
  const added = normaliseProvision(subs);
  const first = /\(([^()]+)\)/.exec(added)?.[1] ?? '';
  const kindOf = (g: string, romanContext: boolean) => (/^\d/.test(g) ? 'number' : /^[ivx]+$/.test(g) && (romanContext || g.length > 1) ? 'roman' : 'letter');
  const lastIsRoman = prev.length > 1 && /^\((?:[ivx]+)\)$/.test(prev[prev.length - 1]) && prev.length >= 3;
  const kind = kindOf(first, lastIsRoman);
  for (let j = prev.length - 1; j >= 1; j--) {
    if (kindOf(prev[j].slice(1, -1), j === prev.length - 1 && lastIsRoman) === kind) return prev.slice(0, j).join('') + added;
  }
  return prev.join('') + added;
}

/** Reads the members after a first provision: ", 41 and 43(2)", "and (3A)(a)". */
function readList(text: string, first: Draft, plural: boolean): Draft[] {
  const out: Draft[] = [first];
  let pos = first.end;
  let previous = first.provision;
  for (let guard = 0; guard < 20; guard++) {
    LIST_NEXT.lastIndex = pos;
    const m = LIST_NEXT.exec(text);
    if (!m) break;
    let raw: string;
    let provision: string;
    if (m[1] !== undefined) {
      raw = m[1] + (m[2] ?? '');
      provision = normaliseProvision(raw);
      // A bare number joins the list only after a plural word: "sections 40, 41 and 43".
      if (!m[2] && !(plural && BARE_FOLLOW.test(text.slice(m.index + m[0].length, m.index + m[0].length + 20)))) break;
    } else {
      raw = m[3];
      provision = inherit(previous, raw);
    }
    const end = m.index + m[0].length;
    out.push({ start: end - raw.length, end, raw, provision, word: first.word, wordText: first.wordText, wordStart: first.wordStart, wordEnd: first.wordEnd });
    previous = provision;
    pos = end;
  }
  return out;
}

/** Table cells that are bare provisions ("40(2)", "s.43") under a header naming sections,
 * regulations or exemptions. */
function tableCitations(text: string, lines: Line[]): { drafts: Draft[]; exemptionRows: { start: number; end: number }[] } {
  const drafts: Draft[] = [];
  const exemptionRows: { start: number; end: number }[] = [];
  // The delimiter row (|---|---|) is no node of its own in the parse: it joins the table here.
  const isRow = (l: Line) => l.kind === 'table' || DELIMITER_ROW.test(text.slice(l.start, l.end));
  let i = 0;
  while (i < lines.length) {
    if (lines[i].kind !== 'table') {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && isRow(lines[j])) j++;
    const header = splitRow(text, lines[i]);
    const columns = header.map((c) => ({ word: /regulation/i.test(c.text) ? ('regulation' as const) : /section/i.test(c.text) ? ('section' as const) : ('none' as const), relevant: /section|regulation|exempt|exception|provision/i.test(c.text) }));
    const listed = header.some((c) => TABLE_HEADER.test(c.text));
    for (let k = i + 1; k < j; k++) {
      const row = lines[k];
      if (DELIMITER_ROW.test(text.slice(row.start, row.end))) continue;
      if (listed) exemptionRows.push({ start: row.start, end: row.end });
      splitRow(text, row).forEach((cell, col) => {
        if (!columns[col]?.relevant) return;
        const m = CELL.exec(cell.text);
        if (!m || m[1]) return; // a worded citation is found by the main scan
        const raw = m[2] + (m[3] ?? '');
        const start = cell.start + m[0].length - raw.length;
        drafts.push({ start, end: start + raw.length, raw, provision: normaliseProvision(raw), word: columns[col].word, inTable: true, listedByTable: listed });
      });
    }
    i = j;
  }
  return { drafts, exemptionRows };
}

function splitRow(text: string, line: Line): { text: string; start: number }[] {
  const raw = text.slice(line.start, line.end);
  const cells: { text: string; start: number }[] = [];
  let pos = 0;
  const body = raw.replace(/^\s*\|/, (s) => ' '.repeat(s.length));
  for (const part of body.split('|')) {
    const lead = part.length - part.trimStart().length;
    cells.push({ text: part.trim(), start: line.start + pos + lead });
    pos += part.length + 1;
  }
  return cells;
}

/** A list item whose lead-in names exemptions: "The following exemptions apply:" then "- Section 40(2)". */
function listedByLeadIn(lines: Line[], lineNo: number): boolean {
  const line = lines[lineNo];
  if (!line || (line.kind !== 'list' && !line.listItemStart)) return false;
  for (let n = lineNo - 1, seen = 0; n >= 0 && seen < 12; n--) {
    const l = lines[n];
    if (l.blank) continue;
    seen++;
    if (l.kind === 'list' || l.listItemStart) continue;
    return EXEMPTION_WORDS.test(l.text);
  }
  return false;
}

/** Finds every citation in the text (the quoted request included: rules skip it with
 * letter.inRequest). */
export function findCitations(text: string, lines: Line[], lineOf: (offset: number) => number): Citation[] {
  const groups: Draft[][] = [];
  const taken: [number, number][] = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);

  for (const m of text.matchAll(WORDED)) {
    const wordText = m[1];
    const raw = m[2] + (m[3] ?? '');
    const end = m.index + m[0].length;
    if (/^[Ss]$/.test(wordText) && POSTCODE_TAIL.test(text.slice(end, end + 5))) continue;
    const first: Draft = { start: end - raw.length, end, raw, provision: normaliseProvision(raw), word: wordKind(wordText), wordText, wordStart: m.index, wordEnd: m.index + wordText.length };
    const group = readList(text, first, isPluralWord(wordText));
    groups.push(group);
    taken.push([m.index, group[group.length - 1].end]);
  }
  const bare = (re: RegExp, provGroup: number) => {
    for (const m of text.matchAll(re)) {
      const raw = m[provGroup] + (m[provGroup + 1] ?? '');
      const end = m.index + m[0].length;
      const start = end - raw.length;
      if (overlaps(start, end)) continue;
      if (!m[provGroup + 1] && !BARE_FOLLOW.test(text.slice(end, end + 20))) continue;
      const first: Draft = { start, end, raw, provision: normaliseProvision(raw), word: 'none' };
      const group = readList(text, first, false);
      groups.push(group);
      taken.push([start, group[group.length - 1].end]);
    }
  };
  bare(AFTER_EXEMPTION, 1);
  bare(BEFORE_ACT, 1);
  for (const m of text.matchAll(ALIAS_NUMBER)) {
    const raw = m[2] + (m[3] ?? '');
    const end = m.index + m[0].length;
    const start = end - raw.length;
    if (overlaps(start, end)) continue;
    // "Ref: FOIA 123" is a reference number, not a section.
    if (/\bref(?:erence)?\b[^\n]{0,12}$/i.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
    if (!m[3] && !BARE_FOLLOW.test(text.slice(end, end + 20)) && !/^\s+[A-Z]/.test(text.slice(end, end + 3))) continue;
    groups.push([{ start, end, raw, provision: normaliseProvision(raw), word: 'none' }]);
    taken.push([start, end]);
  }
  const table = tableCitations(text, lines);
  for (const d of table.drafts) if (!overlaps(d.start, d.end)) groups.push([d]);

  // "…/section/40" and "…/s40-guidance" in a link are not citations.
  const inLink = (offset: number) => {
    let a = offset;
    while (a > 0 && !/\s/.test(text[a - 1]) && offset - a < 200) a--;
    let b = offset;
    while (b < text.length && !/\s/.test(text[b]) && b - offset < 200) b++;
    return /https?:|www\.|\.(?:uk|com|org|net|gov|scot|info)\b|[a-z]\/[a-z]/i.test(text.slice(a, b));
  };
  const kept = groups.filter((g) => !inLink(g[0].wordStart ?? g[0].start)).sort((a, b) => a[0].start - b[0].start);
  const out: Citation[] = [];
  kept.forEach((group, g) => {
    const first = group[0];
    const last = group[group.length - 1];
    const groupStart = first.wordStart ?? first.start;
    const act = actAround(text, groupStart, last.end);
    const lineNo = lineOf(first.start);
    const inTable = !!first.inTable || lines[lineNo]?.kind === 'table';
    const listed = !!first.listedByTable || table.exemptionRows.some((r) => first.start >= r.start && first.start < r.end) || listedByLeadIn(lines, lineNo);
    group.forEach((d, i) => {
      out.push({
        start: d.start,
        end: d.end,
        raw: d.raw,
        provision: d.provision,
        top: provisionParts(d.provision)[0],
        word: d.word,
        wordText: d.wordText,
        wordStart: d.wordStart,
        wordEnd: d.wordEnd,
        group: g,
        indexInGroup: i,
        groupStart,
        groupEnd: last.end,
        act,
        listed,
        inTable,
      });
    });
  });
  return out;
}

const cache = new WeakMap<Letter, Citation[]>();

/** The letter's citations, found once and shared by the rules that read them. */
export function citationsOf(letter: Letter): Citation[] {
  let hit = cache.get(letter);
  if (!hit) {
    hit = findCitations(letter.text, letter.lines, (o) => letter.index.lineOf(o));
    cache.set(letter, hit);
  }
  return hit;
}

// ---------------------------------------------------------------------------------------------
// Sentences

const ABBREVIATION = /\b(?:s|ss|sec|sect|reg|regs|no|nos|para|paras|art|arts|e\.g|i\.e|etc|cf|viz|approx|vol|ch|st|mr|mrs|ms|dr|incl)$/i;

/** The sentence around an offset: bounded by sentence ends (not the dots of "s.40" or "reg."), by
 * blank lines, headings, table rows and list items, and at most `reach` characters either side. */
export function sentenceAround(letter: Letter, offset: number, reach = 300): { start: number; end: number } {
  const { text, lines } = letter;
  const n = letter.index.lineOf(offset);
  const line = lines[n];
  let lo = line ? line.start : 0;
  let hi = line ? line.end : text.length;
  const own = (l: Line) => l.kind === 'table' || l.kind === 'heading' || !!l.headingDepth;
  if (line && !own(line)) {
    // Past `reach` from the offset the span is cut at `offset - reach` below anyway: stopping there
    // keeps a block of thousands of short lines from being walked for each of its citations.
    for (let k = n; k > 0 && lo > offset - reach; k--) {
      const cur = lines[k];
      const prev = lines[k - 1];
      if (cur.listItemStart || prev.blank || own(prev) || prev.block !== cur.block || lo - prev.start > reach) break;
      lo = prev.start;
    }
    for (let k = n; k + 1 < lines.length && hi < offset + reach; k++) {
      const next = lines[k + 1];
      if (next.blank || own(next) || next.listItemStart || next.block !== lines[k].block || next.end - hi > reach) break;
      hi = next.end;
    }
  }
  lo = Math.max(lo, offset - reach);
  hi = Math.min(hi, offset + reach);
  let start = lo;
  for (let i = offset - 1; i >= lo; i--) {
    const ch = text[i];
    if ((ch === '.' || ch === '!' || ch === '?') && /\s/.test(text[i + 1] ?? ' ') && !(ch === '.' && ABBREVIATION.test(text.slice(Math.max(lo, i - 8), i)))) {
      start = i + 1;
      break;
    }
  }
  let end = hi;
  for (let i = offset; i < hi; i++) {
    const ch = text[i];
    if ((ch === '.' || ch === '!' || ch === '?') && /\s/.test(text[i + 1] ?? ' ') && !(ch === '.' && ABBREVIATION.test(text.slice(Math.max(lo, i - 8), i)))) {
      end = i + 1;
      break;
    }
  }
  return { start, end };
}

// ---------------------------------------------------------------------------------------------
// Reading a citation against a regime pack

/** What a provision is in a regime: one of its exemptions (or exceptions); a provision the pack
 * says is not one (s.12, s.17, reg 12(1)); a heading over listed exemptions ("12(5)", "37(1)");
 * a paragraph that does not exist under a fully listed one ("12(5)(h)"); or unknown. */
export type Resolution =
  | { kind: 'exemption'; entry: Exemption }
  | { kind: 'not-exemption'; entry: NotAnExemption }
  | { kind: 'general' }
  | { kind: 'no-such-paragraph'; parent: string; children: string[] }
  | { kind: 'unknown' };

interface PackIndex {
  exemptions: Map<string, Exemption>;
  notExemptions: Map<string, NotAnExemption>;
  /** Provisions with listed exemptions under them. */
  ancestors: Set<string>;
  /** Provisions that are not exemptions themselves but whose every listed child is: "12(5)" → (a)…(g). */
  enumerated: Map<string, string[]>;
}

const packIndexes = new WeakMap<RegimePack, PackIndex>();

function indexOf(pack: RegimePack): PackIndex {
  let hit = packIndexes.get(pack);
  if (hit) return hit;
  const exemptions = new Map(pack.exemptions.map((e) => [e.cite, e]));
  const notExemptions = new Map(pack.notExemptions.map((e) => [e.cite, e]));
  const ancestors = new Set<string>();
  const children = new Map<string, string[]>();
  for (const e of pack.exemptions) {
    const chain = provisionChain(e.cite);
    for (const a of chain.slice(1)) ancestors.add(a);
    if (chain.length > 1) children.set(chain[1], [...(children.get(chain[1]) ?? []), e.cite]);
  }
  // A heading over listed exemptions lists all its parts ("12(5)" → (a)…(g)); so does a section
  // listed with paragraph letters directly under it (FOISA s.40(a), (b)): it has no subsections.
  const enumerated = new Map<string, string[]>();
  for (const [parent, kids] of children) {
    const lettersOnly = kids.every((k) => /^\([a-z]{1,2}\)$/.test(provisionParts(k)[provisionParts(parent).length] ?? ''));
    if ((!exemptions.has(parent) && !notExemptions.has(parent)) || lettersOnly) enumerated.set(parent, kids);
  }
  hit = { exemptions, notExemptions, ancestors, enumerated };
  packIndexes.set(pack, hit);
  return hit;
}

export function resolveProvision(pack: RegimePack, provision: string): Resolution {
  const ix = indexOf(pack);
  const chain = provisionChain(provision);
  const exact = ix.exemptions.get(provision);
  if (exact) return { kind: 'exemption', entry: exact };
  const exactNot = ix.notExemptions.get(provision);
  if (exactNot) return { kind: 'not-exemption', entry: exactNot };
  if (chain.length > 1 && ix.enumerated.has(chain[1]) && !ix.exemptions.has(provision)) return { kind: 'no-such-paragraph', parent: chain[1], children: ix.enumerated.get(chain[1])! };
  if (ix.ancestors.has(provision)) return { kind: 'general' };
  for (const c of chain.slice(1)) {
    const e = ix.exemptions.get(c);
    if (e) return { kind: 'exemption', entry: e };
    const n = ix.notExemptions.get(c);
    if (n) return { kind: 'not-exemption', entry: n };
  }
  if (chain.slice(1).some((c) => ix.ancestors.has(c))) return { kind: 'general' };
  return { kind: 'unknown' };
}

/** Every listed exemption at or under a top-level number ("40" → 40, 40(1), 40(2), 40(5)…). */
export function exemptionsUnder(pack: RegimePack, top: string): Exemption[] {
  return pack.exemptions.filter((e) => provisionParts(e.cite)[0] === top);
}

/** The provision of `to` that covers the same ground as `provision` of `pack` (the most specific
 * entry with a counterpart wins): FOIA 43(2) → EIR 12(5)(e). */
export function counterpartOf(pack: RegimePack | undefined, provision: string, to: Regime): string | undefined {
  if (!pack) return undefined;
  const ix = indexOf(pack);
  for (const c of provisionChain(provision)) {
    const hit = ix.exemptions.get(c)?.counterpart?.[to] ?? ix.notExemptions.get(c)?.counterpart?.[to];
    if (hit) return hit;
  }
  return undefined;
}

/** The regime whose sections a letter of this regime would cite: the EIR letter's "section 43" is
 * FOIA's, the Scottish EIR letter's "section 38" is FOISA's. */
export function sectionRegimeOf(regime: Regime): Regime {
  return regime === 'eir' ? 'foia' : regime === 'eir-scotland' ? 'foisa' : regime;
}

/** The regime a citation belongs to, read in a letter of `regime`: the Act it names, else its
 * word. 'other' for another Act; undefined when it cannot be told (a "regulation" in a FOIA letter
 * may be the EIR's or the Fees Regulations'). */
export function citedRegime(c: Citation, regime: Regime): Regime | 'other' | undefined {
  const byWords = regime === 'eir' || regime === 'eir-scotland' ? 'regulation' : 'section';
  if (c.act) {
    switch (c.act.kind) {
      case 'the-act':
        return sectionRegimeOf(regime);
      case 'the-regulations':
        return byWords === 'regulation' ? regime : 'other';
      case 'other':
        return 'other';
      default:
        return c.act.kind;
    }
  }
  if (c.word === 'none') return regime;
  if (c.word === 'section') return sectionRegimeOf(regime);
  return byWords === 'regulation' ? regime : undefined;
}

// ---------------------------------------------------------------------------------------------
// How the letter uses a citation

/** Words that show a provision is relied on to refuse or withhold. */
const RELIANCE = /\bexempt(?:ions?|ed)?\b|\bexcept(?:ions?|ed)\b|\bwithh[eo]ld\w*|\bredact\w*|\brel(?:y|ies|ied|ying|iance)\b|\bappl(?:y|ies|ied|ying|ication)\b|\bengag\w*|\bby\s+virtue\s+of\b|\brefus\w*|\bneither\s+confirm\s+nor\s+deny\b|\bnot\s+(?:obliged|required)\s+to\s+(?:disclose|provide|release|confirm)/i;
/** "We do not consider that section 43 applies", "no exemptions have been applied". */
const NEGATED_RELIANCE = /\b(?:not|no\s+longer)\s+(?:[\w'’()]+\s+){0,4}(?:appl(?:y|ies|ied|icable)|engaged|relied|relying|rely|used|cited)\b|\bno\s+exemptions?\b|\bno\s+exceptions?\b/i;
/** "exempt under", "the exemption at", "exception in" just before a citation. */
const EXEMPTION_BEFORE = /\b(?:exempt(?:ions?)?|exceptions?)(?:\s+from\s+(?:disclosure|release))?\s+(?:(?:is|are)\s+)?(?:under|in|at|by\s+virtue\s+of|of|within|pursuant\s+to|provided\s+(?:by|for\s+(?:in|by|under))|set\s+out\s+(?:in|at|under)|contained\s+(?:in|at|within)|found\s+(?:in|at))\s+(?:the\s+)?(?:\w+\s+)?$/i;
/** "section 25 exemption", "section 12 (cost limit) exemption", "section 45 is an exemption". */
const EXEMPTION_AFTER = /^\s*(?:\([^()\n]{0,40}\)\s*)?(?:(?:exemptions?|exceptions?)\b|,?\s*(?:is|was|as|being|provides?)\s+(?:an?|the|one)\s+(?:[\w-]+\s+){0,2}(?:exemptions?|exceptions?)\b)/i;
/** "Under section 12 (cost limit) … we are applying an exemption": a sentence that opens with the
 * one provision it cites and then says an exemption is applied. */
const UNDER_AT_START = /^\s*(?:\d{1,2}\s*[-–.)]\s*|Q\d{1,2}\s*[-–.):]?\s*)?(?:under|using|by\s+virtue\s+of|pursuant\s+to|in\s+accordance\s+with)\s+(?:the\s+)?$/i;
const APPLYING_AN_EXEMPTION = /\b(?:apply|applying|applied|rely|relying|relied|using|claim(?:ing|ed)?|cite|citing|invok\w+|engag\w+)\s+(?:on\s+)?(?:an?|the|this|that)\s+(?:[\w-]+\s+)?(?:exemption|exception)\b/i;
/** "Section 12 is not an exemption", "which exemption applies" (talk about exemptions in general). */
const NOT_CALLED_EXEMPTION = /\bnot\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:exemption|exception)\b|\b(?:which|what|any|an\s+appropriate)\s+(?:exemptions?|exceptions?)\b/i;

/** The span the citation's use is judged on: its sentence, and for a citation in a heading
 * ("Section 43(2) – commercial interests") the start of the text under it. */
export function contextOf(letter: Letter, c: Citation): { start: number; end: number } {
  const s = sentenceAround(letter, c.start);
  const line = letter.lines[letter.index.lineOf(c.start)];
  const isHeading = !!line && letter.headings.some((h) => h.line.n === line.n);
  return isHeading ? { start: s.start, end: Math.min(letter.text.length, Math.max(s.end, line.end) + 600) } : s;
}

/** Does the letter rely on this citation to refuse or withhold (any reliance word in its sentence,
 * or a list or table of exemptions), and not say it does not apply? */
export function reliedOn(letter: Letter, c: Citation): boolean {
  if (c.listed) return true;
  const { start, end } = contextOf(letter, c);
  const sentence = letter.text.slice(start, end);
  return RELIANCE.test(sentence) && !NEGATED_RELIANCE.test(sentence);
}

/** Does the text call this provision an exemption (or exception) itself: "exempt under section
 * 45", "the section 25 exemption", "Under section 12 … we are applying an exemption", or a list
 * or table of exemptions? Looser wording ("section 12 applies", "exempt from the duty to comply
 * under section 12") is not judged. */
export function calledAnExemption(letter: Letter, c: Citation, all: Citation[]): boolean {
  if (c.listed) return true;
  const { text } = letter;
  const s = sentenceAround(letter, c.start);
  const sentence = text.slice(s.start, s.end);
  if (NOT_CALLED_EXEMPTION.test(sentence)) return false;
  if (EXEMPTION_BEFORE.test(text.slice(Math.max(s.start, c.groupStart - 80), c.groupStart))) return true;
  const after = Math.max(c.groupEnd, c.act?.end ?? 0);
  if (EXEMPTION_AFTER.test(text.slice(after, Math.min(s.end, after + 80)))) return true;
  const groups = new Set(all.filter((x) => x.start >= s.start && x.end <= s.end && x.act?.kind !== 'other').map((x) => x.group));
  // The clause that holds the citation begins at the sentence start or after a colon or semicolon.
  const lead = text.slice(s.start, c.groupStart);
  const clauseStart = Math.max(lead.lastIndexOf(':'), lead.lastIndexOf(';')) + 1;
  return groups.size === 1 && UNDER_AT_START.test(lead.slice(clauseStart)) && APPLYING_AN_EXEMPTION.test(text.slice(c.groupEnd, s.end));
}
