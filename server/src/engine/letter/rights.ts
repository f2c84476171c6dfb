/** The requester's rights as a letter gives them: the internal review (FOIA s.17(7)(a) and the
 * s.45 Code Part 5, EIR reg 11, FOISA ss.20-21, EIRs (Scotland) reg 16) and the complaint or appeal
 * to the regulator (FOIA s.50, EIR reg 18, FOISA s.47, EIRs (Scotland) reg 17).
 *
 * Rights paragraphs come under any heading or none, in Markdown or as PDF text with hard line
 * breaks, so the model works on sentences: a review passage runs from a sentence that offers a
 * review until the regulator is named, a heading, the closing or 1,500 characters; a complaint
 * passage runs from a sentence that names the regulator in a complaint context in the same way.
 * Built once per letter and shared by internal-review, complaint-right, review-window,
 * working-days and required-sections. */
import type { RegimePack } from '../packs.js';
import type { ResolvedConfig, RuleSetting } from '../types.js';
import { findPeriods, type Period } from './deadlines.js';
import type { Letter } from './index.js';

export interface Sentence {
  start: number;
  end: number;
  text: string;
  /** Sentences of one run of non-blank lines share it. */
  para: number;
  heading: boolean;
  closing: boolean;
  /** Inside the requester's quoted words. */
  quoted: boolean;
}

export interface Passage {
  /** The sentence that offers the right. */
  cue: Sentence;
  sentences: Sentence[];
  start: number;
  end: number;
}

export type PeriodRole = 'request' | 'reply' | 'other' | 'unknown';

export interface ReviewPeriod {
  period: Period;
  sentence: Sentence;
  /** request: the time the requester has to ask for a review; reply: the authority's time to answer
   * it; other: a period about something else (the appeal to the regulator); unknown: cannot tell. */
  role: PeriodRole;
}

export interface RightsModel {
  sentences: Sentence[];
  review: Passage[];
  complaint: Passage[];
  /** Sentences that only refer the requester to an enclosure for their rights. */
  pointers: Sentence[];
  /** Every sentence naming a regulator, whatever it says. */
  regulatorMentions: Sentence[];
  /** Periods inside review passages, with what each is for. */
  reviewPeriods: ReviewPeriod[];
}

// ---------------------------------------------------------------- wording cues

/** Words that offer the requester a review: the commonest ways letters write it. */
export const REVIEW_STRONG = new RegExp(
  [
    String.raw`\b(?:request(?:ing)?|ask(?:ing)?(?:\s+us)?\s+for|appl(?:y|ying)\s+for|seek(?:ing)?|require|exercise)\s+(?:(?:an?|the|your)\s+)?(?:right\s+to\s+(?:an?\s+)?)?(?:internal\s+|independent\s+|formal\s+)?review\b`,
    String.raw`\bright\s+(?:to|of)\s+(?:(?:an?|request\s+an?|ask\s+for\s+an?|require\s+an?)\s+)?(?:internal\s+)?review\b`,
    String.raw`\bask(?:ing)?\s+(?:us|the\s+\w+|[A-Z]{2,6})\s+to\s+(?:carry\s+out\s+an?\s+(?:internal\s+)?review|review|reconsider)\b`,
    String.raw`\brequest(?:ing)?\s+that\s+(?:we|the\s+\w+|[A-Z]{2,6})\s+(?:review|reconsider)\b`,
    String.raw`\brequirement\s+for\s+(?:a\s+)?review\b`,
    String.raw`\b(?:make|making|submit|submitting)\s+representations\b`,
    String.raw`\binternal\s+review\s+requests?\b`,
    String.raw`\brequests?\s+for\s+(?:an?\s+)?(?:internal\s+)?review\s+(?:should|must|may|can)\b`,
    String.raw`\b(?:ask|request|apply|want|wish|like)\b[^.;]{0,60}?\bto\s+be\s+reviewed\b`,
    String.raw`\bhave\s+(?:our|the|this|your)\s+(?:\w+\s+)?reviewed\b`,
    String.raw`\breviews?\s+(?:must|should|can|may)\s+be\s+(?:requested|made|sought|submitted|asked\s+for)\b`,
  ].join('|'),
  'i',
);
/** Words that name the review or the complaints procedure without offering it; they count only in
 * a sentence that does not name the regulator ("…unless you have exhausted the internal review
 * procedure" is about the ICO). */
const REVIEW_WEAK =
  /\binternal\s+review\b|\b(?:right\s+of|rights?\s+to)\s+review\b|\breview\s+(?:of\s+)?(?:our|the|this|my)\s+(?:decision|response|handling|reply)\b|\breconsider\w*|\bcomplaints?\s+(?:procedure|process|policy|manager|officer|team|department|unit)\b|\bformal\s+complaint\b|\bappeal\s+against\s+(?:our|this|the)\s+(?:decision|response)\b/i;
const REGULATOR_NAME = /\b(?:Scottish\s+)?Information\s+Commission(?:er)?(?:['’]?s)?\b|\bthe\s+Commissioner\b/i;
const REGULATOR_ACRONYM = /\b(?:ICO|OSIC|SIC)\b/;
const COMPLAINT_VERB =
  /\b(?:complain(?:s|ed|ing)?\b|complaints?\b|appeal(?:s|ed|ing)?\b|appl(?:y|ying|ication)\s+(?:directly\s+|in\s+writing\s+)?(?:to|for)\b|for\s+a\s+decision\b|refer\w*\s+(?:the\s+matter|it|this|your\s+(?:case|complaint|request))\b|raise\s+(?:a\s+|your\s+)?concerns?\b|seek\s+a\s+decision\b)/i;
const DISSATISFIED_CONTACT = /\b(?:dissatisfied|unhappy|not\s+(?:content|satisfied|happy)|remain)\b[^.]{0,150}?\bcontact\b/i;
const ENCLOSED = /\b(?:attached|enclosed|accompanying|enclosure|appendix|annex|overleaf|leaflet|information\s+sheet|separate\s+sheet|guidance\s+notes?|fact\s?sheet)\b/i;
const RIGHTS_POINTER =
  /\byour\s+rights?\b|\brights?\s+(?:to|of)\s+(?:appeal|complain|review|request|ask|apply)|\binternal\s+review|\breview\s+(?:procedure|process)|\bappeals?\s+(?:procedure|process)|\bhow\s+to\s+(?:complain|appeal|ask\s+for\s+a\s+review)|\bcomplaints?\s+(?:procedure|process)|\bif\s+you\s+are\s+(?:dissatisfied|unhappy|not\s+(?:satisfied|content|happy))/i;
const CLOSING = /^(?:yours\s+(?:sincerely|faithfully|truly)|kind regards|best regards|regards|many thanks|with thanks)\b/i;

// ---------------------------------------------------------------- contact details

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const URL = /\bhttps?:\/\/[^\s)>\]]+|\bwww\.[^\s)>\]]+|\b[\w-]+(?:\.[\w-]+)*\.(?:gov\.uk|nhs\.uk|org\.uk|ac\.uk|police\.uk|co\.uk|gov\.scot|scot|wales|com|org|net)\b/i;
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/;
const PHONE = /(?:\+44\s?(?:\(0\)\s?)?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b/;
const FORM = /\b(?:online|web|contact|review|complaints?)\s+form\b/i;
const TEAM = /\b(?:[A-Z][\w&'’-]*\s+(?:of\s+|and\s+|&\s+|for\s+)?){1,5}(?:Team|Unit|Office|Officer|Manager|Services?|Department|Directorate|Co-?ordinator|Governance|Compliance|Secretariat|Lead|Director|Clerk|Controller)\b/g;
const ABOVE =
  /\b(?:(?:the\s+)?address\s+(?:above|below|at\s+the\s+top|given\s+(?:above|below))|above\s+address|this\s+(?:e-?mail\s+)?address|reply(?:ing)?\s+to\s+this\s+(?:e-?mail|letter)|by\s+return|(?:contact\s+)?details\s+(?:above|below))\b/i;
const REVIEW_CONTACT_FIELD = /\{\{\s*review_contact\s*\}\}|\[\s*review contact\s*\]/i;

/** Does the text tell the requester where to write: an email, a web address or form, a postal
 * address, a telephone number, a named team or officer, "the address above", or the template's
 * review-contact field (which the placeholder rule reports until it is filled)? */
export function givesContact(text: string): boolean {
  if (EMAIL.test(text) || URL.test(text) || POSTCODE.test(text) || PHONE.test(text) || FORM.test(text) || ABOVE.test(text) || REVIEW_CONTACT_FIELD.test(text)) return true;
  for (const m of text.matchAll(TEAM)) if (!/Commission/i.test(m[0])) return true;
  return false;
}

/** Does the text give a way to reach a regulator: an address, telephone number, email or web address? */
export function givesRegulatorContact(text: string): boolean {
  return EMAIL.test(text) || URL.test(text) || POSTCODE.test(text) || PHONE.test(text) || /\b(?:Wycliffe|Kinburn|Kilburn)\b/i.test(text);
}

export function namesRegulator(text: string): boolean {
  return REGULATOR_NAME.test(text) || REGULATOR_ACRONYM.test(text);
}

function isComplaintCue(text: string): boolean {
  return namesRegulator(text) && (COMPLAINT_VERB.test(text.replace(/\bcomplainants?\b/gi, '')) || DISSATISFIED_CONTACT.test(text));
}

/** Inside a rights section any mention of a review counts ("You can ask for the decision to be
 * looked at again: reviews are…"); elsewhere the wording must offer one. */
function isReviewCue(text: string, inRights: boolean): boolean {
  if (REVIEW_STRONG.test(text)) return true;
  if (namesRegulator(text)) return false;
  return REVIEW_WEAK.test(text) || (inRights && /\breview|\breconsider/i.test(text));
}

// ---------------------------------------------------------------- sentences

const ABBREVIATION = /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|St|No|Nos|e\.g|i\.e|etc|Tel|reg|regs|s|ss|para|paras|Ltd|Co|Cllr|Prof|Rev|Sch|art|v|vs|cf|approx)$/i;
// (Tried only where a run of stops begins: from inside the run it ends the same way, and trying
// every position of a long run of dots took time in the square of its length.)
const SENTENCE_END = /(?<![.!?])[.!?]+["'”’)\]*_]*(?=\s+["'“‘(\[*_]*[\p{Lu}\d•▪◦●])/gu;

function buildSentences(letter: Letter): Sentence[] {
  const out: Sentence[] = [];
  const headingLines = new Set(letter.headings.map((h) => h.line.n));
  let para = 0;
  let run: { start: number; end: number } | undefined;
  const push = (start: number, end: number, heading: boolean, closing: boolean) => {
    const raw = letter.text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    if (end - trail <= start + lead) return;
    const s = start + lead;
    out.push({ start: s, end: end - trail, text: letter.text.slice(s, end - trail), para, heading, closing, quoted: letter.inRequest(s) });
  };
  const flush = () => {
    if (!run) return;
    const { start, end } = run;
    const slice = letter.text.slice(start, end);
    const breaks = pdfBreaks(letter, start, end);
    let from = 0;
    const cut = (stop: number) => {
      if (stop <= from) return;
      push(start + from, start + stop, false, false);
      from = stop;
    };
    for (const m of slice.matchAll(SENTENCE_END)) {
      if (ABBREVIATION.test(slice.slice(Math.max(0, m.index - 6), m.index))) continue;
      while (breaks.length && breaks[0] - start < m.index) cut(breaks.shift()! - start);
      cut(m.index + m[0].length);
    }
    for (const b of breaks) cut(b - start);
    push(start + from, end, false, false);
    run = undefined;
    para++;
  };
  for (const line of letter.lines) {
    if (line.start < letter.bodyStart || line.blank || line.kind === 'code' || line.kind === 'html' || line.kind === 'frontmatter') {
      flush();
      continue;
    }
    const heading = headingLines.has(line.n);
    const closing = CLOSING.test(line.text);
    if (heading || closing || line.kind === 'table') {
      flush();
      push(line.textStart, line.end, heading, closing);
      para++;
      continue;
    }
    if (run) run.end = line.end;
    else run = { start: line.textStart, end: line.end };
  }
  flush();
  return out;
}

/** Line ends inside a run of lines where a PDF extract lost a paragraph break: a line much
 * shorter than the run's longest, not ending mid-phrase, followed by a line that starts a sentence
 * ("…Poole, Dorset BH17 0RB" then "If you are not content…"). */
function pdfBreaks(letter: Letter, start: number, end: number): number[] {
  const first = letter.index.lineOf(start);
  const last = letter.index.lineOf(end);
  if (last <= first) return [];
  let longest = 0;
  for (let n = first; n <= last; n++) longest = Math.max(longest, letter.lines[n].end - letter.lines[n].textStart);
  if (longest < 60) return [];
  const out: number[] = [];
  for (let n = first; n < last; n++) {
    const line = letter.lines[n];
    const body = letter.text.slice(line.textStart, line.end).trimEnd();
    if (body.length >= 0.7 * longest || /[,;:(&-]$|\b(?:and|or|to|the|of|at|a|an|by|in|for|with|on|our|your|from)$/i.test(body)) continue;
    if (/^[\p{Lu}"“‘(]/u.test(letter.lines[n + 1].text)) out.push(line.end);
  }
  return out;
}

// ---------------------------------------------------------------- passages

const PASSAGE_SPAN = 1500;

function buildPassages(sentences: Sentence[], isCue: (s: Sentence) => boolean, stops: (s: Sentence) => boolean): Passage[] {
  const out: Passage[] = [];
  let covered = -1;
  for (let i = 0; i < sentences.length; i++) {
    const cue = sentences[i];
    if (i <= covered || cue.quoted || !isCue(cue)) continue;
    // A heading just before the cue ("Right of review") belongs to it.
    let from = i;
    if (i > 0 && i - 1 > covered && sentences[i - 1].heading && !cue.heading && !sentences[i - 1].quoted) from = i - 1;
    let j = i + 1;
    for (; j < sentences.length; j++) {
      const t = sentences[j];
      if (t.quoted || t.closing || t.start > cue.start + PASSAGE_SPAN) break;
      const onlyHeadings = sentences.slice(from, j).every((s) => s.heading);
      if (t.heading && !onlyHeadings) break;
      if (stops(t)) break;
    }
    const taken = sentences.slice(from, j);
    out.push({ cue, sentences: taken, start: taken[0].start, end: taken[taken.length - 1].end });
    covered = j - 1;
  }
  return out;
}

// ---------------------------------------------------------------- what a period is for

/** Where a clause begins: a semicolon or colon, "and"/"but"/"or", or a comma before a new subject. */
const CLAUSE_BREAK = /[;:]|,?\s+(?:and|but|or|whereas|while)\s+|,\s+(?=(?:you|we|i|please|it|this|they|the\s+\w+\s+will)\b)|\s[-–—]\s|\(/gi;
const REPLY =
  /\b(?:respond\w*|repl(?:y|ies|ied)\b|answer\w*|complet\w*|conduct\w*|undertak\w*|carr(?:y|ied)\s+out|deal\s+with|dealt\s+with|determin\w*|decid\w*|decision|inform(?:ed)?\s+(?:you\b|of\b)|notif\w*|reconsider\w*|acknowledg\w*|conclud\w*|outcome|hear\s+from|(?:receiv\w*|had|get|got|hear\w*)\s+(?:a|an|our|the|any)\s+(?:response|reply|answer|decision|outcome)|let\s+you\s+know|write\s+to\s+you|aims?\s+to|endeavour|response\s+to\s+your|(?:we|i)\s+will\s+review)/i;
const REQUEST =
  /\b(?:ask\w*|request\w*|submit\w*|make|made|lodg\w*|rais\w*|writ(?:e|ing)\b|appl(?:y|ied)\b|contact\w*|advise|send|sent|do\s+(?:this|so)|must\s+be\s+(?:received|made)|reach\s+us|you\s+have|have\s+up\s+to|deadline|window|time\s+limit)/i;
/** The requester asking: "you may ask us to carry out a review … within 40 working days" is their
 * window, though "carry out" names what we then do. */
const REQUESTER_ASKS = /\byou\s+(?:(?:may|can|could|should|must|will\s+need\s+to|have\s+the\s+right\s+to)\s+)?(?:ask|request|require|apply|write)\b/i;
const AFTER_REPLY = /^\s*(?:of|from|after)\s+(?:(?:the|our|[\w’']+['’]s)\s+)?(?:date\s+of\s+)?(?:receiv\w*|receipt)\s+(?:of\s+)?your\s+(?:request\s+for|review|representations|requirement|complaint|appeal|application)/i;
const AFTER_REQUEST = /^\s*(?:of|from|after)\s+(?:(?:the\s+)?date\s+(?:of|on)\s+)?(?:receiv\w+\s+|(?:the\s+)?receipt\s+of\s+)?(?:this|our|the|my)\s+(?:letter|response|reply|decision|e-?mail|notice|correspondence|information)/i;

/** The clause of a sentence that leads up to an offset: "…, and we will respond within" → "we will respond within". */
export function clauseBefore(text: string, sentenceStart: number, offset: number): string {
  const before = text.slice(Math.max(sentenceStart, offset - 300), offset);
  let cut = 0;
  for (const m of before.matchAll(CLAUSE_BREAK)) cut = m.index + m[0].length;
  return before.slice(cut);
}

/** What a period in a review passage is for: the requester's window to ask, or our time to reply. */
export function periodRole(text: string, sentence: Sentence, period: Period): PeriodRole {
  const clause = clauseBefore(text, sentence.start, period.start);
  const after = text.slice(period.end, Math.min(sentence.end, period.end + 120));
  if (namesRegulator(clause) || /\bappeal\w*\s+to\b/i.test(clause)) return 'other';
  if (REQUESTER_ASKS.test(clause) && !AFTER_REPLY.test(after)) return 'request';
  if (REPLY.test(clause) || AFTER_REPLY.test(after)) return 'reply';
  if (REQUEST.test(clause) || AFTER_REQUEST.test(after)) return 'request';
  return 'unknown';
}

// ---------------------------------------------------------------- the model

const cache = new WeakMap<Letter, RightsModel>();

export function rightsOf(letter: Letter): RightsModel {
  const hit = cache.get(letter);
  if (hit) return hit;
  const sentences = buildSentences(letter);
  // A pointer gives no particulars of its own: no contact, no period.
  const pointers = sentences.filter((s) => !s.quoted && ENCLOSED.test(s.text) && RIGHTS_POINTER.test(s.text) && !givesContact(s.text) && !findPeriods(s.text).length);
  const pointerSet = new Set(pointers);
  const rightsSections = letter.sections.filter((s) => s.id === 'rights' && s.heading);
  const inRights = (s: Sentence) => rightsSections.some((r) => s.start >= r.start && s.start < r.end);
  const review = buildPassages(
    sentences,
    (s) => !pointerSet.has(s) && isReviewCue(s.text, inRights(s)),
    (s) => isComplaintCue(s.text) || (namesRegulator(s.text) && !REVIEW_STRONG.test(s.text)),
  );
  const complaint = buildPassages(
    sentences,
    (s) => !pointerSet.has(s) && isComplaintCue(s.text),
    (s) => REVIEW_STRONG.test(s.text) && !namesRegulator(s.text),
  );
  const regulatorMentions = sentences.filter((s) => !s.quoted && namesRegulator(s.text));
  const reviewPeriods: ReviewPeriod[] = [];
  for (const passage of review) {
    for (const sentence of passage.sentences) {
      for (const p of findPeriods(letter.text, sentence.start, sentence.end)) {
        if (p.end > sentence.end) continue;
        reviewPeriods.push({ period: p, sentence, role: periodRole(letter.text, sentence, p) });
      }
    }
  }
  const model = { sentences, review, complaint, pointers, regulatorMentions, reviewPeriods };
  cache.set(letter, model);
  return model;
}

/** Is the review-request window this period gives the regime's own ("40 working days")? */
export function isRegimeReviewWindow(p: Period, pack: RegimePack): boolean {
  return p.unit === 'day' && p.qualifier === 'working' && p.value === pack.deadlines.reviewRequest.workingDays;
}

/** A review-request window that working-days corrects rather than review-window: the right number
 * of days written without "working" ("40 days", "40 business days"). */
export function isUnqualifiedReviewWindow(p: Period, pack: RegimePack): boolean {
  return p.unit === 'day' && (p.qualifier === undefined || p.qualifier === 'business') && p.value === pack.deadlines.reviewRequest.workingDays;
}

/** Words of a letter that gives the outcome of an internal review: it need not offer another. */
const REVIEW_OUTCOME = new RegExp(
  [
    String.raw`\b(?:i|we)\s+(?:have|has)\s+(?:now\s+)?(?:completed|carried\s+out|conducted|undertaken|concluded)\s+(?:an?|the|my|our|this)\s+(?:internal\s+)?review\b`,
    String.raw`\b(?:thank\s+you\s+for|following|further\s+to|in\s+response\s+to)\s+your\s+(?:request|requirement|application|e-?mail|letter)\s+(?:for|requesting|asking\s+for|seeking)\s+(?:an?\s+)?(?:internal\s+)?review\b`,
    // On its own line: `[^\w\r\n]*`, as `\W*` would run on over blank lines (quadratic on thousands of them).
    String.raw`^[^\w\r\n]*(?:internal\s+)?review\s+(?:outcome|decision|response|result)\b`,
    String.raw`\b(?:this|the)\s+(?:internal\s+)?review\s+(?:has\s+)?(?:found|concluded|upheld|upholds|overturned|considered)\b`,
  ].join('|'),
  'im',
);

export function isReviewOutcome(letter: Letter): boolean {
  for (const m of letter.text.matchAll(new RegExp(REVIEW_OUTCOME.source, 'gim'))) if (m.index >= letter.bodyStart && !letter.inRequest(m.index)) return true;
  return false;
}

// ---------------------------------------------------------------- canonical text and where it goes

/** The pack's canonical internal-review paragraph, with the review contact from the config when set. */
export function canonicalReview(pack: RegimePack, config: ResolvedConfig): string {
  const contact = config.authority.reviewContact?.trim();
  return contact ? pack.wording.internalReview.replace(/\{\{\s*review_contact\s*\}\}/g, contact) : pack.wording.internalReview;
}

export function canonicalComplaint(pack: RegimePack): string {
  return pack.wording.complaint;
}

/** The whole rights section required-sections inserts: a heading, then the review and complaint paragraphs. */
export function canonicalRightsSection(pack: RegimePack, config: ResolvedConfig, title = 'Your rights'): string {
  return `${title}\n\n${canonicalReview(pack, config)}\n\n${canonicalComplaint(pack)}`;
}

/** Will required-sections report that the letter has no rights section at all? Then the rules
 * about the rights paragraphs stay silent about a missing paragraph, so it is said once. */
/** Whether the config turns a rule off (rules that stay silent to avoid double reports ask). */
export function ruleIsOff(config: ResolvedConfig, id: string): boolean {
  const setting: RuleSetting | undefined = config.rules[id];
  return (Array.isArray(setting) ? setting[0] : setting) === 'off';
}

export function requiredSectionsReportsRights(letter: Letter, config: ResolvedConfig, template: { sections: { id: string; required?: boolean }[] }): boolean {
  const spec = template.sections.find((s) => s.id === 'rights');
  if (!spec || spec.required === false || letter.presence.has('rights')) return false;
  return !ruleIsOff(config, 'required-sections');
}

/** The letter's rights section under a heading, if it has one. */
export function rightsSection(letter: Letter) {
  return letter.sections.find((s) => s.id === 'rights' && s.heading);
}

/** The start of the first non-blank line at or after `offset`'s line end, bounded by `limit`: a
 * block inserted there sits between paragraphs. */
export function nextBlockStart(letter: Letter, offset: number, limit = letter.text.length): number {
  const n = letter.index.lineOf(Math.max(0, offset - 1));
  for (let k = n + 1; k < letter.lines.length; k++) {
    const l = letter.lines[k];
    if (l.start >= limit) return limit;
    if (!l.blank) return l.start;
  }
  return Math.min(limit, letter.text.length);
}

/** The start of the line holding `offset` when only markers or spaces precede it there, else `offset`. */
export function blockStartAt(letter: Letter, offset: number): number {
  const line = letter.lines[letter.index.lineOf(offset)];
  return line && offset <= line.textStart ? line.start : offset;
}

/** The last sentence of a passage that is not a heading. */
export function lastSentence(p: Passage): Sentence {
  const body = p.sentences.filter((s) => !s.heading);
  return body.length ? body[body.length - 1] : p.cue;
}

/** An edit adding a sentence after another, on the same line. */
export function appendSentence(letter: Letter, after: Sentence, sentence: string): { start: number; end: number; newText: string } {
  const end = after.end;
  const ends = /[.!?:]["'”’)*_]*$/.test(letter.text.slice(after.start, end));
  return { start: end, end, newText: `${ends ? '' : '.'} ${sentence}` };
}
