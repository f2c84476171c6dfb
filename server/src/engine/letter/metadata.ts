import type { Regime } from '../types.js';
import type { Line } from './lines.js';
import { findDates, type FoundDate } from './dates.js';

export interface Located<T> {
  value: T;
  start: number;
  end: number;
}

export interface RegimeInfo {
  regime: Regime;
  source: 'config' | 'front-matter' | 'statement' | 'mention' | 'default';
  start?: number;
  end?: number;
}

const REFERENCE = /\b(?:our|your|tfl|eich cyf\/your|ein cyf\/our|foi|case|request)?\s*(?:ref(?:erence)?(?:\.|\b)(?:\s*(?:no\.?|number))?|request id)\s*[:/.]?\s*(?:\/\s*)?([A-Z]{0,6}[-\s]?\d[\w/-]*(?:[-\s]\d[\w/-]*)?|(?=([A-Z]{2,}))\2[-/]?[\w-]*\d[\w/-]*)/gi;
const RECEIPT = /\b(?:receiv\w*|submitted|made)\b[^.]{0,140}?\bon\s+$|\byour (?:request|e-?mail|letter|application)(?: for information)? (?:of|dated)\s+$/i;
const LETTER_DATE_LABEL = /^(?:date(?:d)?|dyddiad\/date|date sent|date of (?:response|letter))\b\s*[:/]?\s*/i;

/** The regime from the letter's words: a statement of how the request is handled wins; the first
 * mention of a statute is the fallback. The quoted request is ignored (a requester may cite FOIA
 * for an EIR matter). */
export function detectRegime(text: string, skip: (offset: number) => boolean): RegimeInfo | undefined {
  const handled = /\b(?:processed|dealt\s+with|handled|considered|consider(?:ing|ed)?|responded?|responding|answered|treated)\b[^.]{0,80}?\bunder\s+(?:the\s+(?:provisions\s+of\s+the\s+)?)?$/i;
  let firstMention: RegimeInfo | undefined;
  let statement: RegimeInfo | undefined;
  let firstScottish: RegimeInfo | undefined;
  for (const m of statuteMentions(text)) {
    if (skip(m.index)) continue;
    const regime = regimeOf(m.name);
    const info: RegimeInfo = { regime, source: 'mention', start: m.index, end: m.index + m.name.length };
    if (!firstMention) firstMention = info;
    if (!firstScottish && SCOTTISH.has(regime)) firstScottish = info;
    const before = text.slice(Math.max(0, m.index - 120), m.index);
    if (handled.test(before)) statement = { ...info, source: 'statement' };
  }
  // A Scottish statute anywhere makes a Scottish letter, even if FOIA is mentioned first.
  return statement ?? firstScottish ?? firstMention;
}

// Full names in any case (letters head pages with "FREEDOM OF INFORMATION (SCOTLAND) ACT 2002");
// abbreviations only in capitals, as "eir" or "foia" in running text would be something else.
const STATUTE_NAMES = /Environmental\s+Information\s+\(Scotland\)\s+Regulations|Freedom\s+of\s+Information\s+\(Scotland\)\s+Act|Environmental\s+Information\s+Regulations|Freedom\s+of\s+Information\s+Act/gi;
const STATUTE_ABBREVIATIONS = /\bEIRs?\b(?! 2004 is available)|\bFOISA\b|\bFOIA\b/g;

/** Names of the four laws in the text, in order (PDF line breaks inside a name are tolerated). */
export function statuteMentions(text: string): { index: number; name: string }[] {
  const found = [...text.matchAll(STATUTE_NAMES), ...text.matchAll(STATUTE_ABBREVIATIONS)].map((m) => ({ index: m.index, name: m[0] }));
  return found.sort((a, b) => a.index - b.index);
}

export const REGIMES: readonly Regime[] = ['foia', 'eir', 'foisa', 'eir-scotland'];
const SCOTTISH = new Set<Regime>(['foisa', 'eir-scotland']);
const ENVIRONMENTAL = new Set<Regime>(['eir', 'eir-scotland']);

/** The regime a letter is held to. The front matter decides outright. Otherwise what the letter
 * says wins over the config within the configured jurisdiction (an English council's letter may be
 * under FOIA or the EIR), but not across it: a Scottish authority's letter that cites FOIA 2000 is
 * still a FOISA letter, and regime-consistency says so. */
export function resolveRegime(frontMatter: Regime | undefined, configured: Regime | undefined, stated: RegimeInfo | undefined): RegimeInfo {
  if (frontMatter) return { regime: frontMatter, source: 'front-matter' };
  if (stated && configured) {
    // A passing mention ("section 39 … the EIR") does not outweigh the config; a statement of how the request is handled does.
    if (SCOTTISH.has(stated.regime) === SCOTTISH.has(configured)) return stated.source === 'statement' ? stated : { regime: configured, source: 'config' };
    const environmental = ENVIRONMENTAL.has(stated.regime);
    const regime: Regime = SCOTTISH.has(configured) ? (environmental ? 'eir-scotland' : 'foisa') : environmental ? 'eir' : 'foia';
    return { regime, source: 'config' };
  }
  if (stated) return stated;
  if (configured) return { regime: configured, source: 'config' };
  return { regime: 'foia', source: 'default' };
}

function regimeOf(name: string): Regime {
  if (/Scotland/i.test(name)) return /Environmental/i.test(name) ? 'eir-scotland' : 'foisa';
  if (/FOISA/.test(name)) return 'foisa';
  if (/Environmental|EIR/i.test(name)) return 'eir';
  return 'foia';
}

/** The letter's reference ("Our ref: 9363280", "TfL Ref: FOI-2388-2324", "Ref. FOI 2880"). */
export function findReference(text: string, limit: number): Located<string> | undefined {
  const head = text.slice(0, limit);
  for (const m of head.matchAll(REFERENCE)) {
    const value = m[1].trim();
    if (!/\d/.test(value)) continue;
    const start = m.index + m[0].lastIndexOf(m[1]);
    return { value, start, end: start + m[1].length };
  }
  return undefined;
}

/** The date of receipt: "request received on 13 March 2023", "received by TfL on 4th October 2023". */
export function findReceiptDate(text: string, dates: FoundDate[], skip: (offset: number) => boolean): FoundDate | undefined {
  for (const d of dates) {
    if (skip(d.start)) continue;
    const before = text.slice(Math.max(0, d.start - 160), d.start);
    if (RECEIPT.test(before)) return d;
    // A label: "Date received: …", or a table cell "| Request received | …".
    if (/\b(?:date (?:of )?(?:request )?received|received)\s*[:/|]\s*$/i.test(before)) return d;
  }
  return undefined;
}

/** The letter date: a date on a line of its own (or after a "Date:" label) in the letter's head,
 * before the salutation or the first request. */
export function findLetterDate(lines: Line[], dates: FoundDate[], headEnd: number): FoundDate | undefined {
  for (const line of lines) {
    if (line.start >= headEnd) break;
    if (line.blank) continue;
    const body = line.text.replace(LETTER_DATE_LABEL, '').trim();
    const onLine = dates.filter((d) => d.start >= line.start && d.end <= line.end);
    if (onLine.length === 1 && (body === onLine[0].raw || LETTER_DATE_LABEL.test(line.text) || body.endsWith(onLine[0].raw) && body.length - onLine[0].raw.length <= 3)) {
      if (/published/i.test(line.text)) continue;
      return onLine[0];
    }
  }
  return undefined;
}
