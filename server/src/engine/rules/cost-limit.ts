import type { CostLimitPack, WrongValue } from '../packs.js';
import { citationsOf, citedRegime, sentenceAround } from '../letter/citations.js';
import { defineRule, docsPath } from './define.js';
import { quote } from './shared.js';
import { mayMatch } from '../prefilter.js';

/** A pack pattern whose spaces match any white space, so PDF extracts with hard line breaks still
 * match: "a b" → "a\s+b", "time ?frame" → "time\s*frame". */
export function loosen(source: string): string {
  return source.replace(/ \?/g, '\\s*').replace(/ (?![*+?{])/g, '\\s+');
}

interface Compiled {
  titles: { re: RegExp; wrong: WrongValue }[];
  advice: RegExp[];
  regulations: RegExp;
}
const compiled = new WeakMap<CostLimitPack, Compiled>();

function compile(cl: CostLimitPack): Compiled {
  let hit = compiled.get(cl);
  if (!hit) {
    const exact = cl.regulations.replace(/^The\s+/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    hit = {
      titles: cl.wrongTitles.map((wrong) => ({ re: new RegExp(loosen(wrong.pattern), 'giu'), wrong })),
      advice: cl.adviceCues.map((c) => new RegExp(loosen(c), 'giu')),
      regulations: new RegExp(`${loosen(exact)}|\\bFees\\s+Regulations\\b|Appropriate\\s+Limit\\s+and\\s+Fees|\\bS\\.?I\\.?\\s+2004\\s*\\/\\s*3244\\b|Fees\\s+for\\s+Required\\s+Disclosure`, 'i'),
    };
    compiled.set(cl, hit);
  }
  return hit;
}

/** Words that mean the cost limit. */
const LIMIT_WORDS = /\b(?:appropriate|cost|costs|fees?|financial|prescribed)\s+limit\b|\bexcessive\s+cost\b|\bcost\s+(?:threshold|ceiling)\b|£\s?\d[\d,]*\s+(?:cost\s+|appropriate\s+)?limit\b/gi;
/** Words that apply the limit to this request (not "if it would exceed the limit, we may …"). */
const REFUSAL = /\bwould\s+(?:\w+\s+){0,3}exceed|\bexceeds?\b|\bexceeded\b|\bexceeding\b|\b(?:over|above|beyond|in\s+excess\s+of)\s+the\s+(?:[\w‘’'"]+\s+){0,2}limit\b|\bnot\s+(?:obliged|required)\s+to\s+comply\b|\brefus\w+|\b(?:applies|applying|apply|applied|relying|rely|relied)\b|\bexemption\b/gi;
/** A sentence after a mention of the limit that gives its figures. */
const FIGURE_WORDS = /\b(?:calculated|costed|staff\s+time|officer\s+time|rate|prescribed|equates?|equivalent|limit)\b/i;
/** "Section 12 does not apply", "it can be answered within the appropriate limit". */
const NOT_REFUSED = /\b(?:not|n't|no\s+longer)\s+(?:\w+\s+){0,3}(?:apply|applies|applied|exceed\w*|relied|rely|relying)\b|\bwithin\s+the\s+(?:[\w£‘’'"]+\s+){0,2}limit\b/i;
const CONDITIONAL = /\b(?:if|should|where|when|whenever|unless|in\s+the\s+(?:unlikely\s+)?event)\b/i;

const AMOUNT = /£\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?(?!\d)/g;
const HOURS = /\b(\d{1,3}(?:\.\d+)?)[ \t]*(?:-[ \t]*)?(?:hours?|hrs?)\b/gi;
const RATE_AFTER = /^\s*(?:per|an|a|each|every|\/)\s*(?:person\s+(?:per\s+)?|member\s+of\s+staff\s+(?:per\s+)?|staff\s+(?:member\s+)?(?:per\s+)?|officer\s+(?:per\s+)?)?(?:hour|hr)\b|^\s*p\/?h\b/i;
const LIMIT_BEFORE = /(?:\blimit|\bthreshold|\bceiling)[’'"”]?\s*(?:\([^()]{0,30}\)\s*)?,?\s*(?:of|is|at|which\s+is|set\s+at|currently(?:\s+set\s+at)?|being|stands\s+at|equal\s+to|=)?\s*(?:currently\s+)?$/i;
const LIMIT_AFTER = /^\s*(?:\([^()]{0,30}\)\s*)?[’'"”]?\s*(?:appropriate\s+|cost\s+|statutory\s+|financial\s+)?(?:limit|threshold)\b/i;
const HOURS_LIMIT_BEFORE = /(?:\blimit|\bthreshold)[’'"”]?\s*(?:of|is|equates\s+to|equivalent\s+to|which\s+equates\s+to|represents|amounts\s+to|means|,)?\s*(?:approximately\s+|about\s+|around\s+)?$/i;
const HOURS_LIMIT_AFTER = /^\s*['’]?s?\s*(?:of\s+(?:officer|staff)\s+time\s+)?(?:limit|threshold)\b/i;
/** "£450, which equates to 18 hours", "£450 (18 hours)", "£450 or 18 hours". */
const AMOUNT_TO_HOURS = /^[^.£]{0,40}?(?:equat\w*|equivalent|represent\w*|i\.e\.|which\s+is|amounts?\s+to|works?\s+out|based\s+on|\bor\b|=|\()\s*(?:to\s+)?(?:approximately\s+|about\s+|around\s+)?$/i;
/** "equal to 18 hours' work at £25 per hour". */
const HOURS_AT_RATE = /^\s*['’]?s?\s*(?:of\s+(?:officer\s+|staff\s+)?(?:time|work)\s+|work\s+)?at\s+£/i;
const LINKED_BEFORE = /(?:equal|equates|equivalent|amounts|i\.e\.|which\s+is|represents|\bor)\s*(?:to\s+)?(?:approximately\s+|about\s+)?$/i;

interface Figures {
  amount?: number;
}

export default defineRule({
  meta: {
    id: 'cost-limit',
    description: 'A cost-limit refusal gives the right figures, names the Fees Regulations exactly and advises how to narrow the request',
    defaultSeverity: 'error',
    fixable: 'safe',
    docs: docsPath('cost-limit'),
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        requireRegulations: { type: 'boolean', description: 'Report a cost-limit refusal that does not name the Fees Regulations (ICO s.17 guidance asks for it). Default false.' },
      },
    },
  },
  check({ letter, pack, config, options, report }) {
    const cl = pack?.costLimit;
    if (!pack || !cl) return;
    const { text } = letter;
    const c = compile(cl);
    const regime = letter.regime.regime;
    const scottish = regime === 'foisa';
    const law = scottish ? 'FOISA' : 'FOIA';
    const outside = (o: number) => o >= letter.bodyStart && !letter.inRequest(o);

    // The Fees Regulations' title.
    const taken: [number, number][] = [];
    for (const { re, wrong } of c.titles) {
      if (!mayMatch(text, re)) continue;
      for (const m of text.matchAll(re)) {
        if (!outside(m.index)) continue;
        const article = /^the\s+/i.exec(m[0]);
        const start = m.index + (article ? article[0].length : 0);
        const end = m.index + m[0].length;
        if (taken.some(([a, b]) => start < b && end > a)) continue;
        taken.push([start, end]);
        const replacement = wrong.replacement?.replace(/^The\s+/, '');
        report({
          message: `"${quote(text.slice(start, end), 70)}" is ${wrong.what}. Write "${cl.regulations}".`,
          start,
          end,
          ...(replacement ? { fix: { title: `Write "${quote(cl.regulations, 50)}"`, edits: [{ start, end, newText: replacement }] } } : {}),
        });
      }
    }

    // Sentences about the limit: a section 12 citation of this regime, or the limit's own words.
    const mentions: { start: number; end: number }[] = [];
    for (const x of citationsOf(letter)) {
      if (x.top !== '12' || x.provision.length > 6 || !outside(x.start)) continue;
      if (x.word === 'regulation' || citedRegime(x, regime) !== regime) continue;
      mentions.push({ start: x.wordStart ?? x.start, end: x.end });
    }
    for (const m of text.matchAll(LIMIT_WORDS)) if (outside(m.index)) mentions.push({ start: m.index, end: m.index + m[0].length });
    mentions.sort((a, b) => a.start - b.start);
    const sentences = new Map<number, { start: number; end: number; mention?: { start: number; end: number } }>();
    for (const m of mentions) {
      const s = sentenceAround(letter, m.start);
      if (!sentences.get(s.start)?.mention) sentences.set(s.start, { ...s, mention: m });
      // The next sentences of the paragraph often give the rate and hours ("This is calculated at £25 per hour").
      let end = s.end;
      for (let k = 0; k < 2; k++) {
        const gap = /^[ \t]*(?:\r?\n[ \t]*)?(?=\S)/.exec(text.slice(end, end + 40));
        if (!gap) break;
        const next = sentenceAround(letter, end + gap[0].length);
        if (next.start < end || next.end <= next.start) break;
        if (FIGURE_WORDS.test(text.slice(next.start, next.end)) && !sentences.has(next.start)) sentences.set(next.start, next);
        end = next.end;
      }
    }
    if (!sentences.size) return;

    const figures: Figures = {};
    let refusal: { start: number; end: number } | undefined;
    for (const s of [...sentences.values()].sort((a, b) => a.start - b.start)) {
      checkFigures(s, figures);
      if (!refusal && s.mention && isRefusal(text.slice(s.start, s.end))) refusal = s.mention;
    }
    if (!refusal || letter.isAcknowledgement) return;

    const advised = c.advice.some((re) => [...text.matchAll(re)].some((m) => outside(m.index)));
    if (!advised) {
      report({
        message: `The request is refused under the cost limit (${law} s.12), but the letter gives no advice on narrowing it (${law} s.${scottish ? 15 : 16}). Say how it could be brought within the limit (a shorter period, fewer questions, one team or site) or why it cannot: decision notices find a breach of the duty to advise and assist where no advice is given.`,
        ...refusal,
      });
    }
    if (options.requireRegulations === true && !c.regulations.test(text)) {
      report({
        message: `The cost-limit refusal does not name the Fees Regulations. Say that the cost would exceed the appropriate limit set by ${cl.regulations}.`,
        severity: 'warning',
        ...refusal,
      });
    }

    function isRefusal(sentence: string): boolean {
      if (NOT_REFUSED.test(sentence)) return false;
      for (const m of sentence.matchAll(REFUSAL)) if (!CONDITIONAL.test(sentence.slice(0, m.index))) return true;
      return false;
    }

    /** The limit, the hourly rate and the hours in one sentence about the limit. */
    function checkFigures(s: { start: number; end: number }, seen: Figures): void {
      const central = config.authority.centralGovernment;
      const sentence = text.slice(s.start, s.end);
      const valid = cl!.limits.map((x) => x.amount);
      const expectedLimit = pickLimit(cl!, central);
      let limitHere: { value: number; end: number } | undefined;
      // "£600 for central government and £450 for other authorities": a sentence that explains
      // both limits states no limit of its own.
      const amounts = new Set([...sentence.matchAll(AMOUNT)].map((m) => Number(m[1].replace(/,/g, ''))));
      const explainsBoth = valid.length > 1 && valid.every((v) => amounts.has(v));
      for (const m of sentence.matchAll(AMOUNT)) {
        const at = s.start + m.index;
        const end = at + m[0].length;
        const value = Number(m[1].replace(/,/g, '')) + (m[2] ? Number(m[2]) / 100 : 0);
        const after = text.slice(end, Math.min(s.end, end + 50));
        const before = text.slice(Math.max(s.start, at - 50), at);
        if (RATE_AFTER.test(after)) {
          if (value === cl!.hourlyRate || (scottish && value < cl!.hourlyRate)) continue;
          const certain = !scottish;
          report({
            message: scottish
              ? `Staff time is costed at £${fmt(value)} an hour, but the Fees for Required Disclosure Regulations cap it at £${cl!.hourlyRate} an hour (FOISA s.12). Use no more than £${cl!.hourlyRate}.`
              : `Staff time is costed at £${fmt(value)} an hour, but the Fees Regulations fix it at £${cl!.hourlyRate} per person per hour (SI 2004/3244 reg 4(4)). Write £${cl!.hourlyRate}.`,
            start: at,
            end,
            ...(certain ? { fix: { title: `Write £${cl!.hourlyRate}`, edits: [{ start: at, end, newText: `£${cl!.hourlyRate}` }] } } : {}),
          });
          continue;
        }
        if (!LIMIT_BEFORE.test(before) && !LIMIT_AFTER.test(after)) continue;
        if (explainsBoth && valid.includes(value)) continue;
        limitHere = { value, end };
        if (scottish && value === 450) continue; // regime-consistency reports the English figure in a Scottish letter
        if (value === expectedLimit.amount) {
          seen.amount = value;
          continue;
        }
        if (!scottish && central === undefined && valid.includes(value)) {
          // £600 with no config: a government department may be right; say how to tell foilint.
          seen.amount = value;
          report({
            message: `The appropriate limit is given as £${fmt(value)}, which applies only to government departments in Schedule 1 Part I to FOIA; other authorities have £${expectedLimit.amount} (SI 2004/3244 reg 3). If this authority is a government department, set "authority": { "centralGovernment": true } in the foilint config; otherwise write £${expectedLimit.amount}.`,
            start: at,
            end,
          });
          continue;
        }
        const certain = scottish || central !== undefined;
        report({
          message: scottish
            ? `The excessive cost limit is given as £${fmt(value)}; under FOISA s.12 it is £${expectedLimit.amount} (Fees for Required Disclosure Regulations reg 5). Write £${expectedLimit.amount}.`
            : `The appropriate limit is given as £${fmt(value)}; for ${central ? 'a government department in Schedule 1 Part I to FOIA (as configured)' : 'this authority'} it is £${expectedLimit.amount} (SI 2004/3244 reg 3: £600 for government departments, £450 for other authorities). Write £${expectedLimit.amount}.`,
          start: at,
          end,
          ...(certain ? { fix: { title: `Write £${expectedLimit.amount}`, edits: [{ start: at, end, newText: `£${expectedLimit.amount}` }] } } : {}),
        });
      }

      for (const m of sentence.matchAll(HOURS)) {
        const at = s.start + m.index;
        const end = at + m[0].length;
        const value = Number(m[1]);
        const before = text.slice(Math.max(s.start, at - 60), at);
        const after = text.slice(end, Math.min(s.end, end + 40));
        const linkedToAmount = limitHere && limitHere.end <= at && at - limitHere.end <= 60 && AMOUNT_TO_HOURS.test(text.slice(limitHere.end, at));
        const isLimit = HOURS_LIMIT_BEFORE.test(before) || HOURS_LIMIT_AFTER.test(after) || linkedToAmount || (HOURS_AT_RATE.test(after) && LINKED_BEFORE.test(before));
        if (!isLimit) continue;
        if (explainsBoth && cl!.limits.some((x) => x.hours === value)) continue;
        // The hours the letter's own limit stands for, else the configured authority's.
        const anchor = seen.amount ?? limitHere?.value;
        const anchored = anchor !== undefined ? cl!.limits.find((x) => x.amount === anchor) : undefined;
        const limit = anchored ?? expectedLimit;
        const hours = limit.hours ?? limit.amount / cl!.hourlyRate;
        if (value === hours) continue;
        if (!scottish && !anchored && central === undefined && cl!.limits.some((x) => x.hours === value)) continue;
        const certain = !scottish && (!!anchored || central !== undefined);
        report({
          message: scottish
            ? `The limit is given as ${m[1]} hours; at FOISA's cap of £${cl!.hourlyRate} an hour, £${limit.amount} is ${fmt(hours)} hours of staff time. Check the figure.`
            : `The limit is given as ${m[1]} hours; £${limit.amount} at £${cl!.hourlyRate} an hour is ${fmt(hours)} hours (SI 2004/3244 regs 3 and 4(4)). Write ${fmt(hours)} hours.`,
          start: at,
          end: at + m[1].length,
          ...(certain ? { fix: { title: `Write ${fmt(hours)} hours`, edits: [{ start: at, end: at + m[1].length, newText: fmt(hours) }] } } : {}),
        });
      }
    }
  },
});

/** The limit that applies to the authority: the central-government one when configured so. */
function pickLimit(cl: CostLimitPack, central: boolean | undefined): CostLimitPack['limits'][number] {
  return cl.limits.find((x) => x.appliesTo === 'all') ?? cl.limits.find((x) => x.appliesTo === (central ? 'central-government' : 'other')) ?? cl.limits[0];
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, '');
}

