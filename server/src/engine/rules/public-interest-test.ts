import type { Regime } from '../types.js';
import type { Exemption } from '../packs.js';
import { citationsOf, citedRegime, provisionParts, reliedOn, resolveProvision, sentenceAround, type Citation } from '../letter/citations.js';
import { defineRule, docsPath } from './define.js';
import { readsAsSister, STATUTE } from './exemption-citation.js';

const ENVIRONMENTAL = new Set<Regime>(['eir', 'eir-scotland']);

/** What the law says about the test, for messages. */
const LAW: Record<Regime, { test: string; notice: string; absolute: string; presumption?: string }> = {
  foia: { test: 'FOIA s.2(2)(b)', notice: 'FOIA s.17(3)', absolute: 'FOIA s.2(3)' },
  foisa: { test: 'FOISA s.2(1)(b)', notice: 'FOISA s.16(2)', absolute: 'FOISA s.2(2)' },
  eir: { test: 'EIR reg 12(1)(b)', notice: 'EIR reg 14(3)(b)', absolute: 'EIR reg 12(1)', presumption: 'reg 12(2)' },
  'eir-scotland': { test: 'EIRs (Scotland) reg 10(1)(b)', notice: 'EIRs (Scotland) reg 13', absolute: 'EIRs (Scotland) reg 10(1)', presumption: 'reg 10(2)(b)' },
};

/** Public interest reasoning: the test itself, factors for and against, the balance, the
 * presumption in favour of disclosure. Not the "public interest defence" to breach of confidence. */
const PIT = /\bpublic\s+interest\b(?!\s+defen[cs]e)|\bfactors?\s+(?:in\s+favour\s+of|for|against|favouring)\b|\bpresumption\s+in\s+favour\s+of\s+(?:disclosure|release)\b|\bbalance\s+of\s+(?:the\s+)?(?:public\s+)?interests?\b|\b(?:arguments|considerations)\s+(?:for|against|in\s+favour\s+of)\s+(?:disclosure|release|withholding|maintaining|non-disclosure)\b/gi;
/** Sentences that say no test is needed, rather than carrying one out. */
const NO_TEST = /(?<!\bnot\s+(?:an?\s+)?|\bnon-?\s?)\babsolute\b|\b(?:not|no|without|neither|nor|need\s+not)\b[^.]{0,60}\bpublic\s+interest\s+test\b|\bpublic\s+interest\s+test\b[^.]{0,30}\b(?:does\s+not|doesn't|is\s+not|isn't|need\s+not|not\s+required|not\s+necessary)\b|\bnot\s+subject\s+to\s+(?:a|the)\s+public\s+interest/i;
/** A test carried out: what makes an absolute exemption wrongly treated as qualified. */
const TEST_APPLIED = /\b(?:we|I|the\s+\w+)\s+(?:have|has)\s+(?:also\s+|therefore\s+|now\s+)?(?:considered|carried\s+out|conducted|applied|weighed|balanced|undertaken)\s+(?:the\s+|a\s+)?public\s+interest|\bpublic\s+interest\s+test\b|\bfactors?\s+(?:in\s+favour\s+of|for|against)\s+(?:disclosure|release|maintaining|withholding)\b/i;
/** "both exemptions", "the exemptions above", "each of these exceptions". */
const PLURAL_EXEMPTIONS = /\b(?:exemptions|exceptions)\b/i;
/** Headings that continue an exemption's reasoning rather than end it. */
const PIT_HEADING = /public\s+interest|factors?|in\s+favour|balanc|arguments?|considerations?|conclusion|harm|prejudice/i;
/** Letters that say the test will be completed later (FOIA s.10(3), s.17(2)): the notice need only
 * say an exemption applies and give a date. */
const LATER = [
  /\b(?:further|additional|more|extra)\s+time\b[^.]{0,120}\bpublic\s+interest\b/gi,
  /\bpublic\s+interest\b[^.]{0,120}\b(?:further|additional|more|extra)\s+time\b/gi,
  /\bs(?:ection|\.)?\s*10\s?\(3\)/gi,
  /\b(?:extend\w*|extension)\b[^.]{0,120}\bpublic\s+interest\b/gi,
  /\bpublic\s+interest\b[^.]{0,120}\b(?:extend\w*|extension)\b/gi,
  /\bpublic\s+interest\s+test\s+(?:will\s+be|is\s+(?:still|yet)|has\s+not\s+yet)\b/gi,
];
/** A review or follow-up that relies on the reasons of the original response. */
const EARLIER = /\b(?:reasons?|reasoning|explanation|public\s+interest\s+test)\s+(?:[\w-]+\s+){0,3}(?:given|set\s+out|explained|provided|described)\s+in\s+(?:the|our|my)\s+(?:original|previous|earlier|initial|first)\s+(?:response|letter|reply|decision)|\bas\s+(?:explained|set\s+out|stated|described)\s+in\s+(?:the|our|my)\s+(?:original|previous|earlier|initial|first)\s+(?:response|letter|reply|decision)/i;
/** Labels: "absolute", "qualified", "(not) subject to the public interest test". */
const LABEL = /\b(?:non-?\s?)?absolute(?:ly)?\s+(?:exemptions?|exceptions?|exempt)\b|\b(?:is|are|was|were|being|as|be)\s+(?:an?\s+)?(?:non-?\s?)?absolute\b|\bqualified\s+(?:exemptions?|exceptions?)\b|\b(?:is|are|was|were|being|as|be)\s+(?:a\s+)?qualified\b(?!\s+person)|\bsubject\s+to\s+(?:a\s+|the\s+)?public\s+interest(?:\s+test)?\b/gi;
/** Exceptions for information not held: nothing to weigh, so no test is expected. */
const NOT_HELD = new Set(['12(4)(a)', '10(4)(a)']);

/** A note that qualifies the class ("absolute where the first condition applies"): labels are not
 * judged for such an exemption. Procedural notes ("name who is preparing it") do not count. */
function qualifiedByNote(e: Exemption): boolean {
  return !!e.note && /absolute|qualified|public\s+interest|condition/i.test(e.note);
}

interface Relied {
  c: Citation;
  entry: Exemption;
  key: string;
}

export default defineRule({
  meta: {
    id: 'public-interest-test',
    description: 'A qualified exemption comes with public interest reasoning near it; absolute and qualified labels are right',
    defaultSeverity: 'warning',
    fixable: 'none',
    docs: docsPath('public-interest-test'),
  },
  check({ letter, pack, config, report }) {
    if (!pack || letter.isAcknowledgement) return;
    const { text } = letter;
    const regime = letter.regime.regime;
    const env = ENVIRONMENTAL.has(regime);
    const word = pack.law.provisionWord;
    const term = pack.law.refusalTerm;
    const law = LAW[regime];
    const outside = (o: number) => o >= letter.bodyStart && !letter.inRequest(o);

    const all = citationsOf(letter).filter((c) => outside(c.start));
    const sister = env ? undefined : config.packs[regime === 'foia' ? 'foisa' : 'foia'];
    const relied: Relied[] = [];
    for (const c of all) {
      const own = citedRegime(c, regime) === regime || (env && c.word === 'section' && !c.act && provisionParts(c.provision).length >= 3);
      if (!own) continue;
      const r = resolveProvision(pack, c.provision);
      if (r.kind !== 'exemption' || !reliedOn(letter, c)) continue;
      // FOIA's section 40(2) in a FOISA letter is exemption-citation's to report, not FOISA's audit exemption.
      if (readsAsSister(letter, c, pack, sister, regime, all)) continue;
      relied.push({ c, entry: r.entry, key: env ? provisionParts(r.entry.cite).slice(0, 3).join('') : c.top });
    }
    if (!relied.length) return;
    const needsTest = (e: Exemption) => e.class === 'qualified' && !NOT_HELD.has(e.cite);
    const name = (x: Relied, first = true) => `${first ? word[0].toUpperCase() + word.slice(1) : word} ${x.c.provision} (${x.entry.title.toLowerCase()})`;

    // Labels in the sentences that cite the exemptions.
    const labelled = new Set<string>();
    const sentences = new Map<number, { start: number; end: number }>();
    const reasoned = new Set<string>();
    for (const x of relied) {
      const s = sentenceAround(letter, x.c.start);
      sentences.set(s.start, s);
      if (EARLIER.test(text.slice(s.start, s.end))) reasoned.add(x.key);
    }
    for (const s of sentences.values()) {
      const inSentence = relied.filter((x) => x.c.start >= s.start && x.c.end <= s.end);
      const sentence = text.slice(s.start, s.end);
      for (const m of sentence.matchAll(LABEL)) {
        const at = s.start + m.index;
        const before = text.slice(Math.max(s.start, at - 12), at);
        const negated = /\b(?:not|never|no\s+longer)\s+(?:an?\s+)?$|n't\s+(?:an?\s+)?$/i.test(before);
        let claim: 'absolute' | 'qualified';
        if (/non-?\s?absolute/i.test(m[0])) claim = 'qualified';
        else if (/absolute/i.test(m[0])) claim = negated ? 'qualified' : 'absolute';
        else claim = negated ? 'absolute' : 'qualified';
        // The label belongs to the nearest citation (a list shares it).
        let best: Relied | undefined;
        let bestDistance = Infinity;
        for (const x of inSentence) {
          const d = at >= x.c.groupEnd ? at - x.c.groupEnd : x.c.groupStart >= at + m[0].length ? x.c.groupStart - at - m[0].length : 0;
          if (d < bestDistance) {
            best = x;
            bestDistance = d;
          }
        }
        if (!best) continue;
        for (const x of inSentence.filter((y) => y.c.group === best!.c.group)) {
          if (qualifiedByNote(x.entry) || x.entry.class === 'mixed') continue;
          const id = `${x.key}:${claim}`;
          if (labelled.has(id)) continue;
          if (claim === 'absolute' && x.entry.class === 'qualified') {
            labelled.add(id);
            report({
              message: env
                ? `${name(x)} is called absolute, but no EIR ${term} is absolute: each is subject to the public interest test (${law.test}). Drop the label and give the public interest reasoning.`
                : `${name(x)} is called absolute, but it is a qualified ${term}: the public interest test applies (${law.test}; the absolute ${term}s are listed in ${law.absolute}). Call it qualified and give the public interest reasoning.`,
              start: at,
              end: at + m[0].length,
            });
          } else if (claim === 'qualified' && x.entry.class === 'absolute') {
            labelled.add(id);
            report({
              message: `${name(x)} is called qualified (or subject to the public interest test), but it is an absolute ${term} (${law.absolute}): no public interest test applies. Call it absolute.`,
              start: at,
              end: at + m[0].length,
            });
          }
        }
      }
    }

    // Public interest reasoning, attributed to the exemptions it is about: those cited in its
    // sentence; all of them for "both exemptions"; else the exemption whose reasoning it continues.
    const groups = [...new Map(relied.map((x) => [x.c.group, x.c.groupStart])).entries()].sort((a, b) => a[1] - b[1]);
    const boundaries = letter.headings.filter((h) => !PIT_HEADING.test(h.title)).map((h) => h.line.start);
    const segmentKeys = (at: number): string[] => {
      const g = groups.filter(([, start]) => start < at).pop();
      if (!g) return [];
      if (boundaries.some((b) => b > g[1] && b <= at)) return [];
      // A heading citing the exemption begins its own segment at the heading line.
      return relied.filter((x) => x.c.group === g[0]).map((x) => x.key);
    };
    const testedAt = new Map<string, number>();
    for (const m of text.matchAll(PIT)) {
      if (!outside(m.index)) continue;
      const s = sentenceAround(letter, m.index);
      const sentence = text.slice(s.start, s.end);
      if (NO_TEST.test(sentence)) continue;
      const here = relied.filter((x) => x.c.start >= s.start && x.c.end <= s.end);
      let keys: string[];
      if (here.length) keys = here.map((x) => x.key);
      else if (PLURAL_EXEMPTIONS.test(sentence)) keys = relied.filter((x) => x.c.start < m.index).map((x) => x.key);
      else keys = segmentKeys(m.index);
      for (const k of keys) reasoned.add(k);
      if (TEST_APPLIED.test(sentence)) for (const k of keys) if (!testedAt.has(k)) testedAt.set(k, m.index);
    }

    // An absolute exemption put through the test: it is being treated as qualified.
    for (const [key, at] of testedAt) {
      const xs = relied.filter((x) => x.key === key);
      if (!xs.length || !xs.every((x) => x.entry.class === 'absolute' && !qualifiedByNote(x.entry))) continue;
      if (labelled.has(`${key}:qualified`)) continue;
      report({
        message: `The letter weighs the public interest for ${name(xs[0])}, but it is an absolute ${term} (${law.absolute}): no public interest test applies. Remove the test or cite the qualified ${term} it was meant for.`,
        start: at,
        end: at + (/\S+(?:\s+\S+)?/.exec(text.slice(at))?.[0].length ?? 0),
      });
    }

    if (LATER.some((re) => [...text.matchAll(re)].some((m) => outside(m.index)))) return;
    // One finding per citation list: "sections 24(2) and 31(3)" without reasoning is one omission.
    const missing = new Map<number, Relied[]>();
    const seenKeys = new Set<string>();
    for (const x of relied) {
      if (seenKeys.has(x.key) || reasoned.has(x.key) || labelled.has(`${x.key}:absolute`)) continue;
      const first = relied.find((y) => y.key === x.key && needsTest(y.entry));
      if (!first) continue;
      seenKeys.add(x.key);
      missing.set(first.c.group, [...(missing.get(first.c.group) ?? []), first]);
    }
    for (const xs of missing.values()) {
      const names = xs.map((x, i) => name(x, i === 0));
      const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
      const many = xs.length > 1;
      report({
        message: env
          ? `${list} ${many ? 'are' : 'is'} subject to the public interest test, like every ${term} in ${STATUTE[regime]} (${law.test}), but no public interest reasoning was found near ${many ? 'them' : 'it'}. Weigh the factors for and against disclosure, starting from the presumption in favour of disclosure (${law.presumption}), and give them in the refusal (${law.notice}).`
          : `${list} ${many ? `are qualified ${term}s` : `is a qualified ${term}`}, but no public interest reasoning was found near ${many ? 'them' : 'it'}. Give the factors for and against disclosure and why the public interest in maintaining the ${term} outweighs the public interest in disclosure (${law.notice}).`,
        start: xs[0].c.wordStart ?? xs[0].c.start,
        end: xs[xs.length - 1].c.end,
      });
    }
  },
});
