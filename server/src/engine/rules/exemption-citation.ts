import type { Regime, ReportDescriptor, TextEdit } from '../types.js';
import type { Exemption, RegimePack } from '../packs.js';
import type { Letter } from '../letter/index.js';
import {
  calledAnExemption,
  citationsOf,
  citedRegime,
  counterpartOf,
  exemptionsUnder,
  provisionParts,
  reliedOn,
  resolveProvision,
  sectionRegimeOf,
  sentenceAround,
  type Citation,
} from '../letter/citations.js';
import { defineRule, docsPath } from './define.js';
import { quote } from './shared.js';
import { mayMatch } from '../prefilter.js';

/** How messages name each statute. */
export const STATUTE: Record<Regime, string> = {
  foia: 'FOIA 2000',
  eir: 'the EIR 2004',
  foisa: 'FOISA 2002',
  'eir-scotland': 'the EIRs (Scotland) 2004',
};

const ENVIRONMENTAL = new Set<Regime>(['eir', 'eir-scotland']);
/** The same kind of law in the other jurisdiction: its provisions are the ones miscited here. */
const SISTER: Record<Regime, Regime> = { foia: 'foisa', foisa: 'foia', eir: 'eir-scotland', 'eir-scotland': 'eir' };
/** Grounds for refusal that letters habitually call exemptions (cost, vexatious requests): a
 * misdescription, not a missing exemption, so reported as a warning. */
const REFUSAL_GROUNDS = new Set(['12', '14']);

/** "The remaining parts fall to be handled under the Freedom of Information Act": a letter that
 * answers part of a request under another regime may cite that regime's provisions. */
const HANDLED_UNDER = /\b(?:processed|dealt\s+with|handled|considered|consider(?:ing|ed)?|respond\w*|answered|treated|falls?)\b[^.]{0,80}?\bunder\s+(?:the\s+)?(?:provisions\s+of\s+(?:the\s+)?)?(Freedom\s+of\s+Information\s+\(Scotland\)\s+Act|FOISA|FOI\(S\)A|Freedom\s+of\s+Information\s+Act|FOIA|FOI\s+Act|Environmental\s+Information\s+\(Scotland\)\s+Regulations|Environmental\s+Information\s+Regulations|EIRs?)\b/gi;

function regimeNamed(name: string): Regime {
  if (/Scotland|FOISA|FOI\(S\)A/i.test(name)) return /Environmental/i.test(name) ? 'eir-scotland' : 'foisa';
  return /Environmental|EIR/i.test(name) ? 'eir' : 'foia';
}

/** Regimes other than the letter's under which it says it handled (part of) the request. */
export function regimesHandledUnder(letter: Letter): Set<Regime> {
  const out = new Set<Regime>();
  for (const m of letter.text.matchAll(HANDLED_UNDER)) {
    if (m.index < letter.bodyStart || letter.inRequest(m.index)) continue;
    const r = regimeNamed(m[1]);
    if (r !== letter.regime.regime) out.add(r);
  }
  return out;
}

const STOPWORDS = new Set(['information', 'interests', 'public', 'third', 'party', 'parties', 'prejudice', 'communications', 'matters', 'bodies', 'relating', 'authorities', 'functions', 'other', 'within', 'provided', 'their', 'which', 'relations', 'effective', 'person', 'persons', 'record', 'neither', 'confirm', 'applicant', 'requests', 'request']);

function keywords(titles: string[]): Set<string> {
  const out = new Set<string>();
  for (const t of titles) for (const w of t.toLowerCase().split(/[^a-z]+/)) if (w.length >= 5 && !STOPWORDS.has(w)) out.add(w.replace(/s$/, ''));
  return out;
}

function mentions(words: Set<string>, kw: Set<string>): boolean {
  for (const k of kw) if (words.has(k)) return true;
  return false;
}

/** The word a regime numbers its provisions with, in the case and number of the letter's own word. */
function wordLike(expected: 'section' | 'regulation', written: string | undefined, plural: boolean): string {
  const w = expected + (plural ? 's' : '');
  if (!written) return w;
  if (written.length > 1 && written.replace(/[^A-Za-z]/g, '') === written.replace(/[^A-Za-z]/g, '').toUpperCase() && /[A-Z]{2}/.test(written)) return w.toUpperCase();
  return /^[A-Z]/.test(written) ? w[0].toUpperCase() + w.slice(1) : w;
}

function isPlural(word: string | undefined): boolean {
  return !!word && /^(?:sections|secs\.|ss\.|regulations|regs\.?)$/i.test(word);
}

function isShort(word: string | undefined): boolean {
  return !!word && !/^(?:sections?|regulations?)$/i.test(word);
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

/** "sections 21 to 44" (FOIA), "regulations 12(4), 12(5) and 13" (EIR): where the exemptions are. */
function whereExemptionsAre(pack: RegimePack): string {
  if (pack.law.provisionWord === 'section') {
    const tops = pack.exemptions.map((e) => parseInt(provisionParts(e.cite)[0], 10)).filter((n) => !Number.isNaN(n));
    return `sections ${Math.min(...tops)} to ${Math.max(...tops)}`;
  }
  const heads = [...new Set(pack.exemptions.map((e) => provisionParts(e.cite)).map((p) => (p.length >= 3 ? p.slice(0, 2).join('') : p[0])))];
  return `regulations ${heads.slice(0, -1).join(', ')} and ${heads[heads.length - 1]}`;
}

interface CompiledSubstitution {
  re: RegExp;
  unless?: RegExp;
  when?: RegExp;
}
const substitutionCache = new WeakMap<RegimePack, CompiledSubstitution[]>();

/** Wording regime-consistency reports from the pack's substitutions ("section 12" in an EIR
 * letter, "regulation 12(5)" in a Scottish one): not reported here a second time. Approximate: the
 * pattern overlaps the citation and its `when` / `unless` context is read on the sentence. */
function reportedAsWording(letter: Letter, pack: RegimePack, start: number, end: number): boolean {
  let subs = substitutionCache.get(pack);
  if (!subs) {
    subs = pack.substitutions.map((s) => {
      const extra = s as { unless?: string; when?: string };
      return { re: new RegExp(s.pattern, 'giu'), unless: extra.unless ? new RegExp(extra.unless, 'iu') : undefined, when: extra.when ? new RegExp(extra.when, 'iu') : undefined };
    });
    substitutionCache.set(pack, subs);
  }
  const s = sentenceAround(letter, start);
  const sentence = letter.text.slice(s.start, s.end);
  return subs.some((sub) => {
    if (!mayMatch(letter.text, sub.re)) return false;
    if (sub.unless?.test(sentence) || (sub.when && !sub.when.test(sentence))) return false;
    return [...sentence.matchAll(sub.re)].some((m) => s.start + m.index < end && s.start + m.index + m[0].length > start);
  });
}

/** Where a finding on a citation starts: its word for the first of a list, else the number. */
function startOf(c: Citation): number {
  return c.indexInGroup === 0 && c.wordStart !== undefined ? c.wordStart : c.start;
}

function titleOf(pack: RegimePack | undefined, provision: string): string | undefined {
  if (!pack) return undefined;
  const r = resolveProvision(pack, provision);
  return r.kind === 'exemption' ? r.entry.title.toLowerCase() : undefined;
}

/** "section 40(2) … personal information" in a FOISA letter: FOISA's section 40 is audit
 * functions, so the letter has cited FOIA's section 40. Judged on the words of the citation's own
 * clause, and only for provisions with a counterpart under another number: true when they name the
 * other Act's subject and not this one's. */
export function readsAsSister(letter: Letter, c: Citation, pack: RegimePack, sister: RegimePack | undefined, regime: Regime, all: Citation[]): { theirs: Exemption; counterpart: string } | undefined {
  if (!sister || c.act) return undefined;
  const cp = counterpartOf(sister, c.provision, regime);
  if (!cp || provisionParts(cp)[0] === c.top) return undefined;
  const theirs = resolveProvision(sister, c.provision);
  if (theirs.kind !== 'exemption') return undefined;
  const s = sentenceAround(letter, c.start);
  const prev = all.filter((x) => x.group !== c.group && x.end <= c.start && x.end > s.start).pop();
  const next = all.find((x) => x.group !== c.group && x.start >= c.end && x.start < s.end);
  const words = keywords([letter.text.slice(prev ? prev.end : s.start, next ? next.start : s.end)]);
  const theirKw = keywords([theirs.entry.title, ...sister.exemptions.filter((e) => e.cite === c.top).map((e) => e.title)]);
  const ownKw = keywords(exemptionsUnder(pack, c.top).map((e) => e.title));
  if (!mentions(words, theirKw) || mentions(words, ownKw)) return undefined;
  return { theirs: theirs.entry, counterpart: cp };
}

export default defineRule({
  meta: {
    id: 'exemption-citation',
    description: "Cited exemptions and exceptions exist in the letter's regime and are written in its form",
    defaultSeverity: 'error',
    fixable: 'safe',
    docs: docsPath('exemption-citation'),
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        form: { enum: ['any', 'full'], description: 'full: write "section 40(2)" and "regulation 12(5)(e)" in full, not "s.40(2)" or "reg 12(5)(e)". Default any.' },
      },
    },
  },
  check({ letter, pack, config, options, report }) {
    if (!pack) return;
    const regime = letter.regime.regime;
    const term = pack.law.refusalTerm;
    const word = pack.law.provisionWord;
    const full = options.form === 'full';
    const all = citationsOf(letter).filter((c) => c.start >= letter.bodyStart && !letter.inRequest(c.start));
    const handledElsewhere = regimesHandledUnder(letter);
    const sectionPack = config.packs[sectionRegimeOf(regime)];
    const environmentalPack = config.packs[regime === 'foisa' ? 'eir-scotland' : 'eir'];
    const sister = config.packs[SISTER[regime]];

    for (const c of all) {
      const cited = citedRegime(c, regime);
      if (cited === 'other') continue;
      const depth = provisionParts(c.provision).length;
      let own = cited === regime;
      // "section 12(5)(e)" in an EIR letter is the EIR's regulation under the wrong word.
      if (!own && ENVIRONMENTAL.has(regime) && c.word === 'section' && !c.act) {
        const r = resolveProvision(pack, c.provision);
        const inSections = sectionPack ? resolveProvision(sectionPack, c.provision).kind : 'unknown';
        if ((depth >= 3 && r.kind !== 'unknown') || (r.kind === 'exemption' && inSections === 'unknown' && calledAnExemption(letter, c, all))) own = true;
      }
      // "regulation 40(2)" in a FOIA letter: a section under the wrong word.
      if (!own && cited === undefined && !ENVIRONMENTAL.has(regime) && c.word === 'regulation' && !c.act) {
        const r = resolveProvision(pack, c.provision);
        const inRegulations = environmentalPack ? resolveProvision(environmentalPack, c.provision).kind : 'unknown';
        if (r.kind === 'exemption' && inRegulations === 'unknown' && reliedOn(letter, c)) own = true;
      }
      if (!own) {
        if (cited) foreign(c, cited);
        continue;
      }
      const r = resolveProvision(pack, c.provision);
      const label = `${cap(word)} ${c.provision}`;
      if (r.kind === 'no-such-paragraph' || r.kind === 'unknown' || r.kind === 'not-exemption') {
        if (reportedAsWording(letter, pack, startOf(c), c.end)) continue;
      }
      if (r.kind === 'no-such-paragraph') {
        const kids = r.children.map((k) => k.slice(r.parent.length));
        const parts = kids.length > 2 ? `paragraphs ${kids[0]} to ${kids[kids.length - 1]}` : kids.length === 2 ? `only paragraphs ${kids[0]} and ${kids[1]}` : `only ${kids[0]}`;
        // FOIA's "section 40(2)" in a FOISA letter: say what it is and what FOISA calls it.
        const elsewhere = sister ? resolveProvision(sister, c.provision) : undefined;
        const cp = counterpartOf(sister, c.provision, regime);
        const hint = elsewhere?.kind === 'exemption' && cp ? ` ${STATUTE[SISTER[regime]]}'s ${word} ${c.provision} is ${elsewhere.entry.title.toLowerCase()}; in ${STATUTE[regime]} that is ${word} ${cp}${titleOf(pack, cp) ? ` (${titleOf(pack, cp)})` : ''}.` : '';
        report({
          message: `${label} does not exist: ${word} ${r.parent} of ${STATUTE[regime]} has ${parts}.${hint || ` Cite the ${term} that applies.`}`,
          start: startOf(c),
          end: c.end,
        });
        continue;
      }
      if (r.kind === 'unknown') {
        if (!calledAnExemption(letter, c, all)) continue;
        const elsewhere = sister ? resolveProvision(sister, c.provision) : undefined;
        const cp = counterpartOf(sister, c.provision, regime);
        const hint =
          elsewhere?.kind === 'exemption'
            ? ` It is ${STATUTE[SISTER[regime]]}'s ${term} for ${elsewhere.entry.title.toLowerCase()}${cp ? `; the ${term} in ${STATUTE[regime]} is ${word} ${cp}${titleOf(pack, cp) ? ` (${titleOf(pack, cp)})` : ''}.` : '.'}`
            : '';
        report({
          message: `"${quote(letter.text.slice(c.groupStart, c.groupEnd), 40)}" is cited as an ${term}, but ${STATUTE[regime]} has no ${term} at ${word} ${c.top}.${hint}${cp ? '' : ` Cite the ${term} that applies (${whereExemptionsAre(pack)}).`}`,
          start: startOf(c),
          end: c.end,
        });
        continue;
      }
      if (r.kind === 'not-exemption' && calledAnExemption(letter, c, all)) {
        report({
          message: `${label} is called an ${term}, but it is ${r.entry.what}.${/\bsay\b|\bcite\b/.test(r.entry.what) ? '' : ` Cite the ${term} that applies (${whereExemptionsAre(pack)}), if any.`}`,
          start: startOf(c),
          end: c.end,
          severity: REFUSAL_GROUNDS.has(r.entry.cite) && word === 'section' ? 'warning' : undefined,
        });
        continue;
      }
      if (r.kind === 'exemption' && !ENVIRONMENTAL.has(regime) && crossSubject(c, r.entry)) continue;
      form(c);
    }

    /** A citation of another regime's provision, relied on in this letter. */
    function foreign(c: Citation, cited: Regime): void {
      if (ENVIRONMENTAL.has(regime) && !ENVIRONMENTAL.has(cited)) {
        // Section 39 says environmental information goes to the EIR: citing it is right.
        if (c.top === '39') return;
        // "section 12" under the EIR is regime-consistency's (with its own fix).
        if (regime === 'eir' && c.top === '12' && !c.act) return;
      }
      if (handledElsewhere.has(cited)) return;
      if (!reliedOn(letter, c)) return;
      if (reportedAsWording(letter, pack!, startOf(c), c.end)) return;
      const theirs = config.packs[cited];
      if (!theirs) return;
      const r = resolveProvision(theirs, c.provision);
      // Only their exemptions and refusal grounds are miscited: "section 50 of FOIA, as applied by
      // regulation 18" is the right way for an EIR letter to give the right to complain.
      if (r.kind !== 'exemption' && !(r.kind === 'not-exemption' && r.entry.counterpart?.[regime])) return;
      const theirWord = theirs.law.provisionWord;
      const what = r.kind === 'exemption' ? ` (${r.entry.title.toLowerCase()})` : r.kind === 'not-exemption' ? ` (${r.entry.what.replace(/[:;(].*$/, '').trim()})` : '';
      const cp = counterpartOf(theirs, c.provision, regime);
      const cpTitle = cp ? titleOf(pack, cp) : undefined;
      report({
        message: `${cap(theirWord)} ${c.provision}${what} is a provision of ${STATUTE[cited]}, but this letter answers under ${STATUTE[regime]}. ${cp ? `Cite ${word} ${cp}${cpTitle ? ` (${cpTitle})` : ''} instead.` : `Cite the ${term} of ${STATUTE[regime]} that applies (${whereExemptionsAre(pack!)}).`}`,
        start: startOf(c),
        end: c.end,
      });
    }

    function crossSubject(c: Citation, ownEntry: Exemption): boolean {
      const read = readsAsSister(letter, c, pack!, sister, regime, all);
      if (!read) return false;
      const cpTitle = titleOf(pack, read.counterpart);
      report({
        message: `In ${STATUTE[regime]}, ${word} ${c.top} is the ${term} for ${ownEntry.title.toLowerCase()}, but the letter describes ${STATUTE[SISTER[regime]]}'s ${word} ${c.provision} (${read.theirs.title.toLowerCase()}). Cite ${word} ${read.counterpart}${cpTitle ? ` (${cpTitle})` : ''} of ${STATUTE[regime]}.`,
        start: startOf(c),
        end: c.end,
      });
      return true;
    }

    /** The regime's form: its own word (section or regulation), no spaces inside the provision,
     * paragraph letters in lower case; with `form: "full"`, the word in full. */
    function form(c: Citation): void {
      const edits: TextEdit[] = [];
      const reasons: string[] = [];
      // The finding covers the word too ("Section 43 (2)"), so the message quotes what the officer sees.
      const start = c.indexInGroup === 0 && c.wordStart !== undefined ? c.wordStart : c.start;
      if (c.wordText && c.wordStart !== undefined && c.wordEnd !== undefined && c.indexInGroup === 0) {
        const gap = letter.text.slice(c.wordEnd, c.start);
        let newWord: string | undefined;
        if (c.word !== word) {
          newWord = wordLike(word, c.wordText, isPlural(c.wordText));
          reasons.push(`${STATUTE[regime]} numbers its provisions as ${word}s`);
        } else if (full && isShort(c.wordText)) {
          newWord = wordLike(word, c.wordText, isPlural(c.wordText));
          reasons.push(`the word in full`);
        } else if (gap === '' && !isShort(c.wordText)) {
          newWord = c.wordText;
          reasons.push('a space after the word');
        }
        if (newWord !== undefined) edits.push({ start: c.wordStart, end: c.wordEnd, newText: newWord + (gap === '' ? ' ' : '') });
      }
      if (c.raw !== c.provision) {
        edits.push({ start: c.start, end: c.end, newText: c.provision });
        reasons.push(/\s/.test(c.raw) ? 'no space before a subsection' : 'paragraph letters in lower case');
      }
      if (!edits.length) return;
      const before = letter.text.slice(start, c.end);
      let after = before;
      for (const e of [...edits].sort((a, b) => b.start - a.start)) after = after.slice(0, e.start - start) + e.newText + after.slice(e.end - start);
      const descriptor: ReportDescriptor = {
        message: `Write "${quote(before, 40)}" as "${quote(after, 40)}" (${reasons.join('; ')}).`,
        start,
        end: c.end,
        severity: 'warning',
        fix: { title: `Write "${quote(after, 40)}"`, edits },
      };
      report(descriptor);
    }
  },
});
