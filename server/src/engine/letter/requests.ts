import { normalizeForCompare } from '../text.js';
import type { Line } from './lines.js';
import type { Heading } from './sections.js';

/** One thing the requester asked for, as they asked it. */
export interface RequestItem {
  /** 1-based position in the request */
  index: number;
  /** The requester's own number or letter, when they numbered the items ("1", "b", "Q3"). */
  label?: string;
  text: string;
  start: number;
  end: number;
  fromLine: number;
  toLine: number;
}

/** Where the response repeats a request item before answering it. */
export interface Restatement {
  start: number;
  end: number;
  text: string;
  /** Word-set similarity to the request item, 0–1. */
  similarity: number;
}

export interface Answer {
  item: RequestItem;
  restatement?: Restatement;
  /** The answer block (may be empty: start === end). */
  start: number;
  end: number;
  text: string;
}

export type AnswerMode =
  | 'restated' // each item repeated, then answered
  | 'numbered' // numbered answers matching numbered items
  | 'interleaved' // request quoted item by item with the answer after each
  | 'single' // one item; the response as a whole answers it
  | 'attachment' // the answers are only in an attachment
  | 'unstructured' // several items, and nothing to tell which text answers which
  | 'none'; // no request items found

export interface RequestModel {
  /** The line that introduces the request ("…for the following information:"), if any. */
  introLine?: number;
  /** The quoted request: items are read from here, and the authority's own wording rules skip it. */
  region?: { start: number; end: number; fromLine: number; toLine: number };
  items: RequestItem[];
  /** Answers by item index (1-based); an item without an entry has no answer found. */
  answers: Map<number, Answer>;
  mode: AnswerMode;
  /** Offsets of the text that says the answers are attached, for mode 'attachment'. */
  attachmentNote?: { start: number; end: number };
}

const INTRO = /(?:for the following(?: information| data| records?)?|the following (?:information|data|questions?|request|records?)(?: under [^:]{0,60})?|you (?:asked|requested|wrote|said)(?: for| us| the following| information on| information about)*|(?:we are|i am|i'm) writing to request(?: the following(?: information| data)?)?|i would like to request(?: the following(?: information| data)?)?|seek(?:ing)? access to (?:the following )?(?:information)?|your request (?:is|was|reads)(?: as follows| replicated below(?: together with (?:the|our) response)?)?|(?:request(?:ed)?|asked for) information (?:on|about|regarding)|as follows|(?:find|see) (?:below|attached) (?:the|our) (?:response|reply)(?:\s*:\s*query)?)\s*[:,.-]?\s*$/i;
const REGIME_STATEMENT = /^(?:we|i|the (?:council|trust|authority|force|department|board|university|college))\s+(?:have|has|will)?\s*(?:processed|considered|dealt with|handled)|^(?:your|this) request (?:has been|was|will be) (?:processed|considered|dealt with|handled)|^under the (?:act|regulations),? we have/i;
const RESPONSE_OPENER = /^(?:the (?:council|trust|authority|force|department|board|university|college)|we|i)\s+(?:can\s+)?(?:confirm|holds?|do(?:es)? not hold|have (?:now )?(?:had|considered))\b|^(?:our|my) response(?: is| to your request)?\b|^(?!(?:which|what|who|whether|how|does|do|please|can|could)\b)(?:[\p{Lu}][\w&.'-]*\s+){1,4}(?:(?:can\s+)?confirms?\s+that|holds|does not hold|do not hold)\b(?!.*\?\s*$)/iu;
const CLOSING = /^(?:yours\s+(?:sincerely|faithfully|truly)|kind regards|best regards|regards|many thanks|with thanks|best wishes)\b|^thank(?:s|\s+you)(?:\s+(?:very\s+much|in\s+advance|for\s+your\s+help))?[,.!]?\s*$/i;
/** A requester's own lead-in to a numbered list, which INTRO does not know: "Under the Freedom of
 * Information Act, please send me:", "Please could you provide the following:". */
const REQUESTER_INTRO = /\b(?:the following|as follows|freedom of information|FOI(?:S?A)?|environmental information regulations|EIRs?|my (?:request|questions))\b|\b(?:send|provide|give|tell) (?:me|us)(?: with)?\s*:\s*$/i;
const SALUTATION = /^(?:dear\b|hello\b|hi\b|to whom it may concern)/i;
const QUESTION_LIKE = /\?\s*$|^(?:please|could|can|would|will|how|what|when|where|which|who|whom|why|is|are|do|does|did|has|have|i would|i'd|i want|figures|details|the (?:number|total|amount|names?|cost|value|date|list|details)|a (?:copy|list|breakdown)|copies|any|all|information|data|list|provide|confirm|for each|in each|for the|number of|total|how)\b/i;
const ANSWER_LIKE = /^(?:the (?:trust|council|authority|force|department|board|university|college|information|requested|data)|we\b|i\b|our\b|there (?:is|are|were|was|has|have)\b|this\b|these\b|no\b|yes\b|nil\b|none\b|not held|n\/a|\d)/i;
const ATTACHMENT = /(?:please\s+)?(?:find|see)\b[^.\n]{0,50}?\b(?:attached|enclosed|attachment|spreadsheet|appendix)|\b(?:is|are) (?:attached|enclosed)\b|\battached (?:spreadsheet|document|file|table)/i;
/** An item label at the start of a line: "1.", "1)", "1 -", "(a)", "Q1", "Question 1:", "**1.**", "a." */
const LABEL = /^(?:\*\*)?(?:(?:Q(?:uestion)?|Request|Item|Part)\s*\.?\s*)?\(?(\d{1,3}|[a-hA-H])(?:\)|\.|:|\s*[-–—:]|\s+(?=[A-Z]))(?:\*\*)?\s+/;
const ANSWER_LABEL = /^(?:\*\*)?(?:(?:A(?:nswer)?|Response|Reply|R)\s*\.?\s*)?\(?(\d{1,3}|[a-hA-H])(?:\)|\.|:|\s*[-–—:]|\s+(?=[A-Z]))(?:\*\*)?\s+/;
/** "A1.", "Answer 1:", "Response 2 -": an answer, never a restated question. */
const ANSWER_START = /^(?:\*\*)?(?:A|Answer|Response|Reply)\s*\.?\s*\d{1,3}\b/i;
const LEADING_LABEL_WORDS = /^(?:\*\*)?(?:(?:Q(?:uestion)?|Request|Item|Part)\s*\.?\s*\d{0,3}\s*[:.)-]?|\(?\d{1,3}[.):]|\d{1,3}\s*[-–—])(?:\*\*)?\s*/i;

function wordSet(s: string): Set<string> {
  return new Set(normalizeForCompare(s).split(' ').filter(Boolean));
}

function dice(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return (2 * common) / (a.size + b.size);
}

/** A line's text with quote and list markers gone but the requester's own label kept. */
function labelledText(raw: string): string {
  return raw.replace(/^\s*(?:>\s?)*/, '').replace(/^[-*+•▪◦●]\s+/, '').trim();
}

interface Context {
  text: string;
  lines: Line[];
  headings: Heading[];
  /** Line where the rights / closing part begins; answers never run past it. */
  closingLine: number;
}

export function extractRequest(text: string, lines: Line[], headings: Heading[]): RequestModel {
  const headingAt = new Map(headings.map((h) => [h.line.n, h]));
  const requestHeading = headings.find((h) => h.sectionId === 'request');
  let introLine: number | undefined;
  for (const line of lines) {
    if (line.blank || line.kind === 'code' || line.kind === 'html') continue;
    if (requestHeading && line.n > requestHeading.line.n) break;
    if (INTRO.test(line.text)) {
      introLine = line.n;
      break;
    }
  }
  if (requestHeading && (introLine === undefined || requestHeading.line.n < introLine)) introLine = requestHeading.line.n;
  if (introLine === undefined) return { items: [], answers: new Map(), mode: 'none' };

  // The quoted request runs from the intro to the first heading, regime statement or response opener.
  let from = introLine + 1;
  let to = from;
  for (; to < lines.length; to++) {
    const line = lines[to];
    if (line.blank) continue;
    const h = headingAt.get(to);
    if (h && h.sectionId !== 'request') break;
    if (h && h.sectionId === 'request') {
      from = to + 1;
      continue;
    }
    if (REGIME_STATEMENT.test(line.text) || RESPONSE_OPENER.test(line.text) || CLOSING.test(line.text)) break;
    if (to > from && INTRO.test(line.text) && line.text.length < 200) from = to + 1; // the requester's own "I would like the following:"
  }
  while (to > from && lines[to - 1].blank) to--;
  const items = splitItems(text, lines, from, to);
  const firstBody = lines.slice(from, to).find((l) => !l.blank);
  const region = firstBody ? { start: firstBody.start, end: lines[to - 1].end, fromLine: from, toLine: to } : undefined;
  if (!items.length) return { introLine, region, items, answers: new Map(), mode: 'none' };

  const interleaved = splitInterleaved(items);
  if (interleaved) {
    return { introLine, region, items: interleaved.items, answers: interleaved.answers, mode: 'interleaved' };
  }
  // The response runs from its heading (which may follow a misplaced rights section) or from the
  // end of the request, to the rights section or the sign-off.
  const responseHeading = headings.find((h) => h.sectionId === 'response' && h.line.n >= to);
  const responseFrom = responseHeading && !headings.some((h) => h.line.n >= to && h.line.n < responseHeading.line.n && h.sectionId !== 'rights' && h.known) ? responseHeading.line.n + 1 : to;
  const closingHeading = headings.find((h) => h.sectionId === 'rights' && h.line.n >= responseFrom);
  const closingByWords = lines.find((l) => l.n >= responseFrom && !l.blank && CLOSING.test(l.text));
  const closingLine = Math.min(closingHeading?.line.n ?? lines.length, closingByWords?.n ?? lines.length);
  const ctx: Context = { text, lines, headings, closingLine };
  return { introLine, region, items, ...matchAnswers(ctx, items, responseFrom) };
}

/** Items are numbered or bulleted lines (with their continuation lines), or else paragraphs. */
function splitItems(text: string, lines: Line[], from: number, to: number): RequestItem[] {
  const chunks: { label?: string; from: number; to: number }[] = [];
  const body = lines.slice(from, to).filter((l) => !l.blank && l.kind !== 'html' && l.text.trim() !== '' && !SALUTATION.test(l.text) && !CLOSING.test(l.text));
  if (!body.length) return [];
  const labelOf = (l: Line) => LABEL.exec(labelledText(text.slice(l.start, l.end)))?.[1];
  const markerLines = body.filter((l) => l.listItemStart || labelOf(l) !== undefined);
  const indentOf = (l: Line) => l.textStart - l.start;
  if (markerLines.length >= 1 && (markerLines.length >= 2 || body.length > 1)) {
    const topIndent = Math.min(...markerLines.map(indentOf));
    let current: { label?: string; from: number; to: number } | undefined;
    // "Please provide X, broken down by:" followed by bullets is one item with sub-parts.
    let absorbing = false;
    for (const l of body) {
      const isMarker = (l.listItemStart || labelOf(l) !== undefined) && indentOf(l) <= topIndent + 1;
      if (isMarker && absorbing && current && l.listItemStart && labelOf(l) === undefined) {
        current.to = l.n + 1;
        continue;
      }
      absorbing = false;
      if (!isMarker && /:\s*$/.test(l.text) && (current === undefined || l.block !== lines[current.to - 1]?.block || !current)) {
        current = { from: l.n, to: l.n + 1 };
        chunks.push(current);
        absorbing = true;
        continue;
      }
      if (isMarker) {
        current = { label: labelOf(l), from: l.n, to: l.n + 1 };
        chunks.push(current);
      } else if (current && !(l.block !== lines[current.to - 1]?.block && lines[l.n - 1]?.blank !== false && QUESTION_LIKE.test(l.text))) {
        current.to = l.n + 1;
      } else if (QUESTION_LIKE.test(l.text)) {
        current = { from: l.n, to: l.n + 1 };
        chunks.push(current);
      }
    }
  } else {
    let block = -2;
    for (const l of body) {
      if (l.block !== block) {
        chunks.push({ from: l.n, to: l.n + 1 });
        block = l.block;
      } else chunks[chunks.length - 1].to = l.n + 1;
    }
  }
  // "Please could you provide the following:" before numbered items introduces them; it asks nothing.
  const first = chunks[0];
  if (chunks.length > 1 && first.label === undefined && first.to - first.from === 1 && chunks[1].label !== undefined && /:\s*$/.test(lines[first.from].text) && REQUESTER_INTRO.test(lines[first.from].text)) chunks.shift();
  return chunks.map((c, i) => {
    const ls = lines.slice(c.from, c.to).filter((l) => !l.blank);
    const first = ls[0];
    const last = ls[ls.length - 1];
    const start = first.textStart + (c.label !== undefined ? labelLength(first) : 0);
    return {
      index: i + 1,
      label: c.label,
      text: ls.map((l, j) => (j === 0 && c.label !== undefined ? l.text.slice(labelLength(l)) : l.text)).join('\n').trim(),
      start,
      end: last.end,
      fromLine: c.from,
      toLine: c.to,
    };
  });
}

/** Characters of the requester's label ("1 - ", "Q1. ") at the start of a line's text. */
function labelLength(l: Line): number {
  const m = LEADING_LABEL_WORDS.exec(l.text);
  return m ? m[0].length : 0;
}

/** "Question, answer, question, answer" inside the quoted request (a letter that replicates the
 * request with the response after each part). */
function splitInterleaved(items: RequestItem[]): { items: RequestItem[]; answers: Map<number, Answer> } | undefined {
  if (items.length < 2 || items.some((i) => i.label !== undefined)) return undefined;
  const q = items.map((i) => QUESTION_LIKE.test(i.text));
  const a = items.map((i, k) => !q[k] && ANSWER_LIKE.test(i.text));
  if (!q[0] || !a.some(Boolean)) return undefined;
  const questions: RequestItem[] = [];
  const answers = new Map<number, Answer>();
  for (let k = 0; k < items.length; k++) {
    if (q[k] && (k === 0 || !q[k - 1] || !a[k])) {
      questions.push({ ...items[k], index: questions.length + 1 });
      continue;
    }
    const item = questions[questions.length - 1];
    const prev = answers.get(item.index);
    const start = prev ? prev.start : items[k].start;
    const text = prev ? `${prev.text}\n\n${items[k].text}` : items[k].text;
    answers.set(item.index, { item, start, end: items[k].end, text });
  }
  return { items: questions, answers };
}

function matchAnswers(ctx: Context, items: RequestItem[], responseFrom: number): Pick<RequestModel, 'answers' | 'mode' | 'attachmentNote'> {
  const { lines, text } = ctx;
  const end = ctx.closingLine > responseFrom ? ctx.closingLine : lines.length;
  // Only the response's lines are compared with the items (the head and the request are not).
  const lineWords = lines.map((l) => (l.n < responseFrom || l.n >= end || l.blank || l.kind === 'html' || l.kind === 'code' ? undefined : wordSet(l.text.replace(LEADING_LABEL_WORDS, ''))));
  const headingLines = new Set(ctx.headings.map((h) => h.line.n));

  // Restated: find each item's repetition in order.
  const restated: { item: RequestItem; from: number; to: number; similarity: number }[] = [];
  let cursor = responseFrom;
  for (const item of items) {
    const target = wordSet(item.text);
    const asksQuestion = /\?["'”’)]*\s*$/.test(item.text);
    const span = Math.max(1, item.toLine - item.fromLine) + 2;
    let best: { from: number; to: number; similarity: number } | undefined;
    for (let l = cursor; l < end && !best; l++) {
      if (!lineWords[l] || !lineWords[l]!.size || ANSWER_START.test(lines[l].text)) continue;
      // A restatement starts on a line made mostly of the question's words.
      let inTarget = 0;
      for (const w of lineWords[l]!) if (target.has(w)) inTarget++;
      const share = inTarget / lineWords[l]!.size;
      if (share < 0.75 || (/:\s*$/.test(lines[l].text) && share < 0.8)) continue;
      const acc = new Set<string>();
      for (let k = l; k < Math.min(end, l + span); k++) {
        if (!lineWords[k]) {
          if (lines[k].blank && k > l) continue; // a question's sub-list may follow a blank line
          break;
        }
        for (const w of lineWords[k]!) acc.add(w);
        // A block much longer than the question is an answer that echoes it, not a restatement.
        if (acc.size > target.size * 1.25 + 2) break;
        // A question is restated as a question: an answer echoing its words has no "?".
        if (asksQuestion && !/\?/.test(lines[k].text)) continue;
        const sim = dice(target, acc);
        if (sim >= 0.6 && (!best || sim > best.similarity)) best = { from: l, to: k + 1, similarity: sim };
      }
    }
    if (best) {
      restated.push({ item, ...best });
      cursor = best.to;
    }
  }
  const numbered = items.every((i) => i.label !== undefined) ? numberedAnswers(ctx, items, responseFrom, end, lineWords, headingLines) : undefined;
  // A numbered letter with one restated question (a stub someone inserted) is still numbered.
  if (numbered && numbered.size > restated.length) return { answers: numbered, mode: 'numbered' };
  if (restated.length) {
    const answers = new Map<number, Answer>();
    restated.forEach((r, k) => {
      const next = k + 1 < restated.length ? restated[k + 1].from : end;
      let stop = r.to;
      while (stop < next && !headingLines.has(stop)) stop++;
      const answer = blockBetween(ctx, r.to, stop);
      const first = lines[r.from];
      const restStart = first.textStart + labelLength(first);
      answers.set(r.item.index, {
        item: r.item,
        restatement: { start: restStart, end: lines[r.to - 1].end, text: text.slice(restStart, lines[r.to - 1].end), similarity: r.similarity },
        ...answer,
      });
    });
    return { answers, mode: 'restated' };
  }

  if (numbered?.size) return { answers: numbered, mode: 'numbered' };

  const response = blockBetween(ctx, responseFrom, end, (l) => !REGIME_STATEMENT.test(l.text));
  if (items.length === 1) {
    return { answers: response.text.trim() ? new Map([[1, { item: items[0], ...response }]]) : new Map(), mode: 'single' };
  }
  // "Please see the attached spreadsheet" answers everything; "the attached sheet for your right
  // to appeal" is about the rights, not the answers.
  for (const m of response.text.matchAll(new RegExp(ATTACHMENT.source, 'gi'))) {
    const sentenceEnd = response.text.indexOf('.', m.index);
    const sentence = response.text.slice(m.index, sentenceEnd < 0 ? undefined : sentenceEnd);
    if (/(?:right|review|appeal|complain|copyright|re-?use)/i.test(sentence)) continue;
    const at = text.indexOf(m[0], response.start);
    return { answers: new Map(), mode: 'attachment', attachmentNote: { start: at, end: at + m[0].length } };
  }
  return { answers: new Map(), mode: 'unstructured' };
}

/** Answers labelled with the items' own numbers ("1 -", "A1.", "Answer 2:"). */
function numberedAnswers(ctx: Context, items: RequestItem[], responseFrom: number, end: number, lineWords: (Set<string> | undefined)[], headingLines: Set<number>): Map<number, Answer> {
  const { lines, text } = ctx;
  const found: { label: string; line: number }[] = [];
  for (let l = responseFrom; l < end; l++) {
    if (!lineWords[l]) continue;
    const m = ANSWER_LABEL.exec(labelledText(text.slice(lines[l].start, lines[l].end)));
    if (m && items.some((i) => i.label!.toLowerCase() === m[1].toLowerCase())) found.push({ label: m[1].toLowerCase(), line: l });
  }
  const answers = new Map<number, Answer>();
  found.forEach((f, k) => {
    const item = items.find((i) => i.label!.toLowerCase() === f.label);
    if (!item || answers.has(item.index)) return;
    let stop = f.line + 1;
    const limit = k + 1 < found.length ? found[k + 1].line : end;
    while (stop < limit && !headingLines.has(stop)) stop++;
    const first = lines[f.line];
    const answer = blockBetween(ctx, f.line, stop);
    const skip = labelLength(first);
    answers.set(item.index, { item, ...answer, start: first.textStart + skip, text: answer.text.replace(LEADING_LABEL_WORDS, '').replace(ANSWER_LABEL, '') });
  });
  return answers;
}

/** Text of lines [from, to), skipping blank lines at either end. */
function blockBetween(ctx: Context, from: number, to: number, keep: (l: Line) => boolean = () => true): { start: number; end: number; text: string } {
  const ls = ctx.lines.slice(from, to).filter((l) => !l.blank && l.kind !== 'html' && keep(l));
  if (!ls.length) {
    const at = from > 0 ? ctx.lines[Math.min(from, ctx.lines.length) - 1].end : 0;
    return { start: at, end: at, text: '' };
  }
  return { start: ls[0].textStart, end: ls[ls.length - 1].end, text: ls.map((l) => l.text).join('\n') };
}
