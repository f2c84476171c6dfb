/** The regulator's contact details as a letter writes them: postal address blocks in any layout
 * (one line with commas, one line per part, Markdown hard breaks, `<br>`, table cells, quotes),
 * the contact lines that follow them (telephone, website), and helpers to write a canonical value
 * in the letter's own style. Used by ico-details (and open to complaint-right). Pure. */
import type { Regulator, WrongValue } from '../packs.js';
import type { Letter } from './index.js';
import { mayMatch } from '../prefilter.js';

export interface AddressHit {
  /** Index into regulator.address.lines, or -1 for a postcode-shaped token. */
  line: number;
  start: number;
  end: number;
  /** The token is written wrongly (an outdated entry, e.g. "Wycliff House", "SK9 5AX"). */
  misspelt: boolean;
}

export interface PostcodeToken {
  start: number;
  end: number;
  text: string;
  /** The regulator's own postcode, whatever the spacing. */
  canonical: boolean;
  /** Written wrongly in a way an outdated entry already names (reported there). */
  known: boolean;
}

export interface AddressBlock {
  start: number;
  end: number;
  hits: AddressHit[];
  postcodes: PostcodeToken[];
  /** Indexes of required lines (neither optional nor the postcode) the block leaves out. */
  missing: number[];
  /** The block names the building or the street, not only the town: worth checking line by line. */
  distinctive: boolean;
  /** What the letter writes between two parts of the address (", ", a line break, "<br>"). */
  separator: string;
}

interface Compiled {
  lines: { index: number; re: RegExp }[];
  misspellings: { index: number; re: RegExp }[];
  postcodeIndex: number;
  required: number[];
  distinctive: Set<number>;
  canonicalPostcode: string;
}

const cache = new WeakMap<Regulator, Compiled>();

/** A UK postcode: "SK9 5AF", "KY16 9DS", "EC1A 1BB" (upper case, as letters write them). */
const POSTCODE = /(?<![A-Za-z0-9])[A-Z]{1,2}[0-9][A-Z0-9]?[ \t]{0,2}[0-9][A-Z]{2}(?![A-Za-z0-9])/g;
/** What may stand between two parts of one address: punctuation, white space, Markdown and
 * table markup, HTML line breaks. */
const SEPARATOR = /^(?:[\s,;:.|>*_\\\-–—]|<br\s*\/?>)*$/i;
const MAX_GAP = 24;

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A literal phrase as a pattern: any white space between words, either apostrophe. */
export function phrasePattern(s: string): string {
  return escapeRegExp(s)
    .replace(/['’]/g, "['’]")
    .replace(/\s+/g, '\\s+');
}

export function normalizePostcode(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

function compile(reg: Regulator): Compiled {
  const hit = cache.get(reg);
  if (hit) return hit;
  const lines = reg.address.lines;
  const postcodeIndex = lines.findIndex((l) => normalizePostcode(l) === normalizePostcode(reg.address.postcode));
  const optional = new Set(reg.address.optional.map((o) => o.toLowerCase()));
  const required = lines.map((_, i) => i).filter((i) => i !== postcodeIndex && !optional.has(lines[i].toLowerCase()));
  // The building and the street name an address; the town alone ("St Andrews") does not.
  const distinctive = new Set(required.slice(0, -1));
  const compiled: Compiled = {
    lines: lines
      .map((l, index) => ({ index, re: new RegExp(`(?<![\\w-])${phrasePattern(l)}(?![\\w-])`, 'gi') }))
      .filter((x) => x.index !== postcodeIndex),
    misspellings: reg.outdated
      .map((o) => ({ o, index: o.replacement === undefined ? -1 : lines.findIndex((l) => l.toLowerCase() === o.replacement!.toLowerCase()) }))
      .filter((x) => x.index >= 0)
      .map(({ o, index }) => ({ index, re: new RegExp(o.pattern, 'giu') })),
    postcodeIndex,
    required,
    distinctive,
    canonicalPostcode: normalizePostcode(reg.address.postcode),
  };
  cache.set(reg, compiled);
  return compiled;
}

/** The regulator's postal address wherever the letter gives it (outside the quoted request):
 * runs of at least two of its parts (building, street, town, postcode) with only punctuation or
 * layout between them. A lone "Wilmslow" or "St Andrews" is not an address. */
export function findAddressBlocks(letter: Letter, reg: Regulator): AddressBlock[] {
  const c = compile(reg);
  const text = letter.text;
  const hits: AddressHit[] = [];
  const ok = (i: number) => i >= letter.bodyStart && !letter.inRequest(i);
  for (const { index, re } of c.lines) if (mayMatch(text, re)) for (const m of text.matchAll(re)) if (ok(m.index)) hits.push({ line: index, start: m.index, end: m.index + m[0].length, misspelt: false });
  for (const { index, re } of c.misspellings) {
    if (!mayMatch(text, re)) continue;
    for (const m of text.matchAll(re)) {
      if (!m[0] || !ok(m.index)) continue;
      const h = { line: index, start: m.index, end: m.index + m[0].length, misspelt: true };
      if (!hits.some((x) => x.start < h.end && h.start < x.end)) hits.push(h);
    }
  }
  for (const m of text.matchAll(POSTCODE)) {
    if (!ok(m.index)) continue;
    const h = { line: -1, start: m.index, end: m.index + m[0].length, misspelt: false };
    if (!hits.some((x) => x.start < h.end && h.start < x.end)) hits.push(h);
  }
  hits.sort((a, b) => a.start - b.start);

  const blocks: AddressBlock[] = [];
  let run: AddressHit[] = [];
  const flush = () => {
    const block = makeBlock(run, c, text);
    if (block) blocks.push(block);
    run = [];
  };
  for (const h of hits) {
    const last = run[run.length - 1];
    if (last && (h.start - last.end > MAX_GAP || !SEPARATOR.test(text.slice(last.end, h.start)))) flush();
    run.push(h);
  }
  flush();
  return blocks;
}

function makeBlock(run: AddressHit[], c: Compiled, text: string): AddressBlock | undefined {
  // Postcodes only belong to the block when they follow one of its named parts.
  while (run.length && run[0].line < 0) run = run.slice(1);
  if (!run.length) return undefined;
  const named = new Set(run.filter((h) => h.line >= 0).map((h) => h.line));
  const postcodes: PostcodeToken[] = run
    .filter((h) => h.line < 0 || h.line === c.postcodeIndex)
    .map((h) => {
      const t = text.slice(h.start, h.end);
      return { start: h.start, end: h.end, text: t, canonical: normalizePostcode(t) === c.canonicalPostcode, known: h.misspelt };
    });
  const requiredNamed = c.required.filter((i) => named.has(i));
  const ownPostcode = postcodes.some((p) => p.canonical || p.known);
  if (requiredNamed.length < 2 && !(requiredNamed.length === 1 && ownPostcode)) return undefined;
  const distinctive = requiredNamed.some((i) => c.distinctive.has(i));
  const parts = run.filter((h) => h.line >= 0);
  const separator = parts.length > 1 ? text.slice(parts[0].end, parts[1].start) : ', ';
  return {
    start: run[0].start,
    end: run[run.length - 1].end,
    hits: run,
    postcodes,
    missing: distinctive ? c.required.filter((i) => !named.has(i)) : [],
    distinctive,
    separator: separator || ', ',
  };
}

/** A telephone number as letters write it: "0303 123 1113", "+44 303 123 1113", "(01625) 545745". */
const PHONE = /(?<![\w+])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(?0)\d[\d\s().-]{7,16}\d(?!\d)/g;
const CONTACT_LABEL = /\b(?:tel(?:ephone)?|phone|helpline|call|fax|facsimile|web(?:site)?|www|https?|e-?mail|online|textphone|minicom)\b|@|\.(?:uk|scot|info|org|gov)\b|^\s*[(\d+]/i;
/** Words a contact line may hold besides its labels and values ("Tel: … (local rate) or …"). */
const CONTACT_FILLER = /\b(?:or|and|on|at|via|by|us|them|the|their|its|local|national|rate|number|free|freephone|textphone|switchboard|helpline|tel(?:ephone)?|phone|fax|facsimile|call|web(?:site)?|e-?mail|online|internet|minicom|relay|text|no)\b/gi;

/** A piece of text that only gives contact details: a label, a web or e-mail address or a
 * number, and at most three other words. */
function contactPiece(words: string): boolean {
  if (!CONTACT_LABEL.test(words)) return false;
  const rest = words
    .replace(/\S+[.@]\S+/g, ' ')
    .replace(/[+\d]+/g, ' ')
    .replace(CONTACT_FILLER, ' ')
    .trim();
  return !rest || rest.split(/\s+/).length <= 3;
}

export interface PhoneToken {
  start: number;
  end: number;
  text: string;
  /** Digits in national form ("03031231113"). */
  digits: string;
  /** The words before it on its line call it a fax. */
  fax: boolean;
}

export function phoneDigits(s: string): string {
  let d = s.replace(/\D/g, '');
  if (d.startsWith('440')) d = '0' + d.slice(3);
  else if (d.startsWith('44')) d = '0' + d.slice(2);
  return d;
}

/** The contact lines after an address block: each following piece (a line, or a sentence or
 * semicolon-separated clause on the same line) that is about contacting someone (a telephone
 * label, a web address, an e-mail). Stops at the first piece that says anything else, at a blank
 * line, or after 300 characters. Returns the telephone numbers found there. */
export function phonesAfter(letter: Letter, block: AddressBlock): PhoneToken[] {
  const text = letter.text;
  const limit = Math.min(text.length, block.end + 300);
  const out: PhoneToken[] = [];
  let pos = block.end;
  while (pos < limit) {
    const rest = text.slice(pos, limit);
    if (/^[ \t]*\r?\n[ \t]*\r?\n/.test(rest)) break;
    const piece = /^[\s\S]*?(?:\r?\n|[.;](?=\s)|\)|$)/.exec(rest)!;
    const chunk = piece[0];
    if (!chunk) break;
    const words = chunk.replace(/[\s,;:()|*_>\\]+|\.(?=\s|$)|(?<=\s|^)-+(?=\s)/g, ' ').trim();
    const isPostcodeOnly = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/.test(words) || /^(?:[A-Za-z]+ )?[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/.test(words);
    if (words && !isPostcodeOnly && !contactPiece(words)) break;
    for (const m of chunk.matchAll(PHONE)) {
      let t = m[0].replace(/[\s().-]+$/, '');
      const start = pos + m.index;
      const before = text.slice(Math.max(0, start - 20), start);
      const digits = phoneDigits(t);
      if (digits.length < 10 || digits.length > 11) continue;
      out.push({ start, end: start + t.length, text: t, digits, fax: /\b(?:fax|facsimile)\b[^\d]{0,6}$/i.test(before) });
    }
    pos += chunk.length;
  }
  return out;
}

/** Writes `replacement` the way `original` is written: ALL CAPS stays capitals, a capital first
 * letter stays capital, and when both have as many words the original's spacing (line breaks in a
 * hard-wrapped letter) is kept. */
export function inStyleOf(original: string, replacement: string): string {
  let out = replacement;
  const letters = original.replace(/[^A-Za-z]/g, '');
  if (letters.length > 3 && letters === letters.toUpperCase() && /[a-z]/.test(replacement)) out = out.toUpperCase();
  else if (/^[A-Z]/.test(original) && /^[a-z]/.test(out)) out = out[0].toUpperCase() + out.slice(1);
  const parts = original.split(/(\s+)/);
  const ow = parts.filter((_, i) => i % 2 === 0);
  const spaces = parts.filter((_, i) => i % 2 === 1);
  const rw = out.split(/\s+/);
  if (!spaces.length) return out;
  if (ow.length === rw.length) return rw.map((w, i) => (i ? spaces[i - 1] : '') + w).join('');
  // Different lengths: keep the spacing inside the words both share at the start and at the end
  // ("Environmental Information⏎Regulations" → "Environmental Information (Scotland)⏎Regulations").
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  let p = 0;
  while (p < ow.length && p < rw.length && same(ow[p], rw[p])) p++;
  let s = 0;
  while (s < ow.length - p && s < rw.length - p && same(ow[ow.length - 1 - s], rw[rw.length - 1 - s])) s++;
  const shift = rw.length - ow.length;
  const joined = rw
    .map((w, i) => {
      if (!i) return w;
      const sep = i - 1;
      if (sep < p - 1 || (p > 0 && sep === p - 1 && p === ow.length)) return spaces[sep] + w;
      if (s > 0 && sep >= rw.length - s - 1 && sep - shift >= 0 && sep - shift < spaces.length) return spaces[sep - shift] + w;
      return ' ' + w;
    })
    .join('');
  // A hard-wrapped original keeps a line break (the line would otherwise grow).
  const br = spaces.find((x) => /\n/.test(x));
  if (br && !/\n/.test(joined) && joined.includes(' ')) {
    const at = joined.lastIndexOf(' ');
    return joined.slice(0, at) + br + joined.slice(at + 1);
  }
  return joined;
}

/** An outdated value that is part of a web address: where the whole address ends (its path), so
 * a fix replaces the whole dead link rather than only its domain. */
export function urlExtent(text: string, start: number, end: number): { end: number; path: string } {
  const token = text.slice(start, end);
  if (!/^[\w.:/-]+$/.test(token) || !/\.[a-z]{2,}/i.test(token) || token.includes('@')) return { end, path: '' };
  const m = (token.endsWith('/') ? /^[^\s<>()[\]"'”’,;]+/ : /^\/[^\s<>()[\]"'”’,;]*/).exec(text.slice(end));
  if (!m) return { end, path: '' };
  // Trailing punctuation is not part of the address. (A loop, not /[.,;:!?*_]+$/: on a long run
  // of dots that pattern takes time in the square of its length.)
  let cut = m[0].length;
  while (cut > 0 && '.,;:!?*_'.includes(m[0][cut - 1])) cut--;
  const path = m[0].slice(0, cut);
  return { end: end + path.length, path };
}

/** Compiled outdated entries of a regulator, in data order (specific entries first). */
const outdatedCache = new WeakMap<Regulator, { entry: WrongValue; re: RegExp }[]>();
export function outdatedPatterns(reg: Regulator): { entry: WrongValue; re: RegExp }[] {
  let hit = outdatedCache.get(reg);
  if (!hit) {
    hit = reg.outdated.map((entry) => ({ entry, re: new RegExp(entry.pattern, 'giu') }));
    outdatedCache.set(reg, hit);
  }
  return hit;
}

/** Text ranges already reported, so a later check does not report the same words again.
 * Bucketed by offset: letters with thousands of findings stay linear. */
export class Claimed {
  private readonly buckets = new Map<number, [number, number][]>();

  claim(start: number, end: number): void {
    for (let b = start >> 8; b <= Math.max(start, end - 1) >> 8; b++) {
      const list = this.buckets.get(b);
      if (list) list.push([start, end]);
      else this.buckets.set(b, [[start, end]]);
    }
  }

  free(start: number, end: number): boolean {
    for (let b = start >> 8; b <= Math.max(start, end - 1) >> 8; b++) {
      for (const [a, z] of this.buckets.get(b) ?? []) if (a < end && start < z) return false;
    }
    return true;
  }
}
