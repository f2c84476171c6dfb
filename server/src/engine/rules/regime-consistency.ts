import type { RegimePack, Substitution } from '../packs.js';
import type { Fix, Regime } from '../types.js';
import type { Letter } from '../letter/index.js';
import { inStyleOf } from '../letter/contacts.js';
import { defineRule, docsPath } from './define.js';
import { claimingReporter, quote, replaceFix } from './shared.js';
import { mayMatch } from '../prefilter.js';

const SCOTTISH = new Set<Regime>(['foisa', 'eir-scotland']);
const ENVIRONMENTAL = new Set<Regime>(['eir', 'eir-scotland']);

/** Each regime's law as letters name it, for 1:1 swaps of the whole name. */
const LAW: Record<Regime, { name: string; year: string; short: string }> = {
  foia: { name: 'Freedom of Information Act', year: '2000', short: 'FOIA' },
  eir: { name: 'Environmental Information Regulations', year: '2004', short: 'EIR' },
  foisa: { name: 'Freedom of Information (Scotland) Act', year: '2002', short: 'FOISA' },
  'eir-scotland': { name: 'Environmental Information (Scotland) Regulations', year: '2004', short: 'EIRs' },
};

/** Statute names as letters write them (as the letter model reads them): full names in any case,
 * abbreviations in capitals. */
const STATUTE_NAMES = /Environmental\s+Information\s+\(Scotland\)\s+Regulations|Freedom\s+of\s+Information\s+\(Scotland\)\s+Act|Environmental\s+Information\s+Regulations|Freedom\s+of\s+Information\s+Act/gi;
const STATUTE_ABBREVIATIONS = /\bEIRs?\b|\bFOISA\b|\bFOIA\b/g;
const HANDLED = /\b(?:processed|dealt with|handled|considered|consider(?:ing|ed)?|responded?|responding|answered|treated)\b[^.\n]{0,80}?\bunder\s+(?:the\s+(?:provisions\s+of\s+the\s+)?)?$/i;

function regimeOf(name: string): Regime {
  if (/Scotland/i.test(name)) return /Environmental/i.test(name) ? 'eir-scotland' : 'foisa';
  if (/FOISA/.test(name)) return 'foisa';
  if (/Environmental|EIR/i.test(name)) return 'eir';
  return 'foia';
}

/** Every statute the authority's own words name, and whether it says it handles the request under it. */
function statutes(letter: Letter): { regime: Regime; statement: boolean }[] {
  const out: { regime: Regime; statement: boolean }[] = [];
  for (const m of [...letter.text.matchAll(STATUTE_NAMES), ...letter.text.matchAll(STATUTE_ABBREVIATIONS)]) {
    if (m.index < letter.bodyStart || letter.inRequest(m.index)) continue;
    out.push({ regime: regimeOf(m[0]), statement: HANDLED.test(letter.text.slice(Math.max(0, m.index - 120), m.index)) });
  }
  return out;
}

/** The paragraph around a match, up to the end of the match's sentence (at most 600 characters
 * before it and 300 after): the context `unless` patterns are tested on. */
function context(text: string, start: number, end: number): { from: number; text: string } {
  const lookback = Math.max(0, start - 600);
  const before = text.slice(lookback, start);
  let from = lookback;
  for (const m of before.matchAll(/\n[ \t]*\r?\n/g)) from = lookback + m.index + m[0].length;
  const tail = text.slice(end, end + 300);
  const stop = /[.!?](?=\s|$)|\r?\n[ \t]*\r?\n/.exec(tail);
  return { from, text: text.slice(from, end + (stop ? stop.index + 1 : tail.length)) };
}

/** The sentence holding a match (at most 300 characters either side). */
function sentence(text: string, start: number, end: number): string {
  const lookback = Math.max(0, start - 300);
  const before = text.slice(lookback, start);
  let from = 0;
  for (const m of before.matchAll(/[.!?](?=\s)|\n[ \t]*\r?\n/g)) from = m.index + m[0].length;
  const tail = text.slice(end, end + 300);
  const stop = /[.!?](?=\s|$)|\r?\n[ \t]*\r?\n/.exec(tail);
  return before.slice(from) + text.slice(start, end) + (stop ? tail.slice(0, stop.index + 1) : tail);
}

interface CompiledSubstitution {
  sub: Substitution;
  re: RegExp;
  unless?: RegExp;
  when?: RegExp;
}
const compiledCache = new WeakMap<RegimePack, CompiledSubstitution[]>();
function compiled(pack: RegimePack): CompiledSubstitution[] {
  let hit = compiledCache.get(pack);
  if (!hit) {
    hit = pack.substitutions.map((sub) => ({ sub, re: new RegExp(sub.pattern, 'giu'), unless: sub.unless ? new RegExp(sub.unless, 'iu') : undefined, when: sub.when ? new RegExp(sub.when, 'iu') : undefined }));
    compiledCache.set(pack, hit);
  }
  return hit;
}

/** "the Act" in an environmental letter: not "the Act 2000", "the Act's", or "section 12 of the Act". */
const THE_ACT = /\bthe\s+Act\b(?!\s+\d{4}|['’])(?<!\bsection\s+\d+[A-Za-z]?(?:\(\w+\))*\s+of\s+the\s+Act)/gi;
/** An Act named by its title ("the Highways Act 1980", "Data Protection Act"). Case-sensitive. */
const NAMED_ACT = /\b(?!The\b|This\b|That\b|An?\b)([A-Z][a-z]+(?:\s+(?:(?:of|and|the)\s+)?(?:\([A-Z][a-z]+\)|[A-Z][a-z]+)){0,6})\s+Act\b/g;

/** Where the authority's words name an Act other than FOIA: "the Act" after one may mean it. */
function otherActs(letter: Letter): number[] {
  const out: number[] = [];
  for (const m of letter.text.matchAll(NAMED_ACT)) {
    if (m.index < letter.bodyStart || letter.inRequest(m.index)) continue;
    if (!/Freedom\s+of\s+Information(?:\s+\(Scotland\))?$/.test(m[1])) out.push(m.index);
  }
  return out;
}

/** FOIA named in the paragraph: "the Act" there is FOIA, legitimately (s.39, s.50 via reg 18). */
const FOIA_NAMED = /Freedom\s+of\s+Information\s+(?:\(Scotland\)\s+)?Act|\bFOI(?:S?A|\s+Act)\b|regulation\s+18\b|Data\s+Protection\s+Act/i;

/** A line that reads as a heading or subject line: a Markdown heading, a bold-only line, or a
 * short line on its own without closing punctuation. */
function headingLike(line: Letter['lines'][number]): boolean {
  const t = line.text.trim();
  if (!t || t.length > 120) return false;
  if (line.kind === 'heading' || line.boldOnly) return true;
  return line.alone && !/[.,;!?]$/.test(t);
}

export default defineRule({
  meta: {
    id: 'regime-consistency',
    description: "The letter's wording matches the law it is answered under: EIR letters speak of exceptions and the Regulations, Scottish letters of FOISA and the Scottish Information Commissioner",
    defaultSeverity: 'warning',
    fixable: 'safe',
    docs: docsPath('regime-consistency'),
  },
  check({ letter, pack, config, report }) {
    if (!pack) return;
    const text = letter.text;
    const regime = letter.regime;
    const stated = letter.statedRegime;
    const ok = (i: number) => i >= letter.bodyStart && !letter.inRequest(i);
    const { free, emit } = claimingReporter(report);
    const replace = replaceFix;
    const law = LAW[regime.regime];
    const scottish = SCOTTISH.has(regime.regime);
    const environmental = ENVIRONMENTAL.has(regime.regime);
    const named = statutes(letter);

    // 1. The letter says it answers under the other jurisdiction's law than the authority's.
    if (stated && stated.source === 'statement' && regime.source === 'config' && stated.start !== undefined && stated.end !== undefined && SCOTTISH.has(stated.regime) !== scottish) {
      const said = text.slice(stated.start, stated.end);
      // "EIRs" is what Scottish letters call their own Regulations too: nothing certain to say.
      if (!/^EIRs?$/.test(said)) {
        let end = stated.end;
        let newText: string;
        if (/^FOI/.test(said)) newText = law.short === 'EIRs' ? 'FOISA' : law.short === 'EIR' ? 'FOIA' : law.short;
        else {
          const year = /^\s+(\d{4})\b/.exec(text.slice(end, end + 6));
          if (year) end += year[0].length;
          const target = LAW[ENVIRONMENTAL.has(stated.regime) ? (scottish ? 'eir-scotland' : 'eir') : scottish ? 'foisa' : 'foia'];
          newText = inStyleOf(text.slice(stated.start, end), target.name + (year ? ` ${target.year}` : ''));
        }
        const authority = config.authority.name ?? 'this authority';
        const message = scottish
          ? `The letter says it deals with the request under the "${quote(text.slice(stated.start, end))}", which does not apply to Scottish public authorities: ${authority} answers under Scottish law (config "regime": "${regime.regime}"). Write "${newText}".`
          : `The letter says it deals with the request under the "${quote(text.slice(stated.start, end))}", a Scottish law, but ${authority} is configured for ${LAW[regime.regime].name} ${LAW[regime.regime].year} (config "regime": "${regime.regime}"). Write "${newText}", or set "regime" in the config if the authority is Scottish.`;
        emit({ message, start: stated.start, end, fix: replace(`Write "${newText}"`, stated.start, end, newText) });
      }
    }

    // 2. Which checks are safe on this letter. A letter that also says it handles (part of) the
    //    request under a non-environmental law is mixed: its exemptions may be right.
    const envStated = (stated?.source === 'statement' && ENVIRONMENTAL.has(stated.regime)) || (regime.source === 'front-matter' && environmental);
    const mixed = environmental && named.some((n) => n.statement && !ENVIRONMENTAL.has(n.regime));
    const guessed = regime.source === 'mention' || regime.source === 'default';
    const contradicted = guessed && named.some((n) => SCOTTISH.has(n.regime) !== scottish || (environmental && !ENVIRONMENTAL.has(n.regime)));
    const confident = !mixed && !contradicted;

    // 3. An environmental letter titled as a Freedom of Information Act request.
    if (environmental && envStated && !mixed) {
      const limit = letter.request.region?.start ?? letter.index.lineStart(letter.index.lineOf(letter.bodyStart) + 30);
      for (const line of letter.lines) {
        if (line.start >= limit) break;
        if (line.blank || line.start < letter.bodyStart || line.kind === 'html' || line.kind === 'frontmatter' || letter.inRequest(line.start) || !headingLike(line)) continue;
        const t = line.text.trim();
        if (!/Freedom\s+of\s+Information|\bFOI(?:S?A)\b/i.test(t) || /Environmental|\bEIRs?\b|\bEISR\b/i.test(t)) continue;
        if (/\b(?:team|officer|unit|manager|co-?ordinator|department|service|lead|administrator)\b/i.test(t)) continue;
        const raw = text.slice(line.start, line.end);
        const act = /Freedom\s+of\s+Information\s+(?:\(Scotland\)\s+)?Act(?:\s+(\d{4}))?|\bFOI(?:S?A)\b/i.exec(raw);
        const target = LAW[regime.regime];
        let fix: Fix | undefined;
        let suggestion: Fix | undefined;
        if (act) {
          const newText = /^FOI/i.test(act[0]) ? target.short : inStyleOf(act[0], target.name + (act[1] ? ` ${target.year}` : ''));
          fix = replace(`Write "${newText}"`, line.start + act.index, line.start + act.index + act[0].length, newText);
        } else {
          const foi = /Freedom\s+of\s+Information/i.exec(raw)!;
          const newText = inStyleOf(foi[0], 'Environmental Information');
          suggestion = replace(`Write "${newText}"`, line.start + foi.index, line.start + foi.index + foi[0].length, newText);
        }
        const at = fix ? fix.edits[0] : { start: line.textStart, end: line.end };
        if (!free(at.start, at.end)) continue;
        emit({
          message: `The heading "${quote(t, 90)}" names Freedom of Information, but the letter deals with the request under the ${target.name} ${target.year}. ${fix ? `Write "${fix.edits[0].newText}".` : 'Name the Regulations in the heading.'}`,
          start: at.start,
          end: at.end,
          ...(fix ? { fix } : { suggestions: [suggestion!] }),
        });
      }
    }

    if (!confident) return;

    // 4. "the Act" in an environmental letter, where no Act is named that it could mean.
    if (environmental && (envStated || regime.source === 'config')) {
      const acts = otherActs(letter);
      for (const m of text.matchAll(THE_ACT)) {
        if (!ok(m.index)) continue;
        const start = m.index;
        const end = start + m[0].length;
        if (!free(start, end)) continue;
        const ctx = context(text, start, end);
        if (FOIA_NAMED.test(ctx.text)) continue;
        if (acts.some((a) => a < start)) continue;
        const newText = inStyleOf(m[0], 'the Regulations');
        emit({
          message: `"${quote(m[0])}": This letter deals with the request under the ${law.name} ${law.year}, which are Regulations, not an Act. Write "${newText}".`,
          start,
          end,
          fix: replace(`Write "${newText}"`, start, end, newText),
        });
      }
    }

    // 5. The pack's substitutions: wording that belongs to another regime.
    for (const { sub, re, unless, when } of compiled(pack)) {
      if (!mayMatch(text, re)) continue;
      const paragraphs = new Set<number>();
      for (const m of text.matchAll(re)) {
        if (!m[0] || !ok(m.index)) continue;
        const start = m.index;
        const end = start + m[0].length;
        if (!free(start, end)) continue;
        const ctx = context(text, start, end);
        if (unless?.test(ctx.text)) continue;
        if (when && !when.test(sentence(text, start, end))) continue;
        // Without a fix, one finding a paragraph is enough ("ICO … Wycliffe House … Wilmslow").
        if (sub.replacement === undefined) {
          if (paragraphs.has(ctx.from)) continue;
          paragraphs.add(ctx.from);
        }
        const newText = sub.replacement === undefined ? undefined : inStyleOf(m[0], sub.replacement.replace(/\$(\d)/g, (_, d: string) => m[+d] ?? ''));
        emit({
          message: `"${quote(m[0])}": ${sub.message}${newText !== undefined ? ` Write "${newText}".` : ''}`,
          start,
          end,
          ...(newText !== undefined ? { fix: replace(`Write "${newText}"`, start, end, newText) } : {}),
        });
      }
    }
  },
});
