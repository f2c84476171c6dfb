/** A quick proof that a letter holds no match of a pattern, so that a scan of the whole letter can
 * be skipped. The packs hold dozens of patterns (old ICO addresses, misspellings, Scottish details
 * in an English letter, wrong citations) that every letter is scanned for and few letters match;
 * their scans were a tenth of a lint. Every match of such a pattern contains one of a few literal
 * words of it ("wycliff", "ico.gov.uk"); a letter that holds none of them, compared in lower case,
 * holds no match. Patterns without such words are always scanned. Pure. */

const MIN_LITERAL = 3;
const cache = new WeakMap<RegExp, string[] | null>();

/** False only when `re` cannot match anywhere in `text`. */
export function mayMatch(text: string, re: RegExp): boolean {
  let literals = cache.get(re);
  if (literals === undefined) {
    literals = re.flags.includes('v') ? null : requiredLiterals(re.source);
    cache.set(re, literals);
  }
  if (!literals) return true;
  const haystack = folded(text);
  // Rules ask again for each citation or line: one answer per letter and pattern keeps that linear.
  let answer = lastAnswers.get(re);
  if (answer === undefined) {
    answer = literals.some((l) => haystack.includes(l));
    lastAnswers.set(re, answer);
  }
  return answer;
}

let lastText: string | undefined;
let lastFolded = '';
let lastAnswers = new Map<RegExp, boolean>();

/** The text in lower case, with the two letters that case-insensitive Unicode patterns fold to
 * ASCII though toLowerCase does not (long s, Kelvin sign). One letter at a time is linted, so the
 * last one is kept. */
function folded(text: string): string {
  if (text !== lastText) {
    lastText = text;
    lastAnswers = new Map();
    lastFolded = text.toLowerCase().replace(/\u017f/g, 's').replace(/\u212a/g, 'k');
  }
  return lastFolded;
}

/** Literal words (lower-case ASCII) of which every match of the pattern contains at least one, or
 * null when the pattern has none worth checking. */
export function requiredLiterals(source: string): string[] | null {
  const out: string[] = [];
  for (const branch of splitTopLevel(source)) {
    const best = branchRequirement(branch);
    if (!best) return null;
    out.push(...best);
  }
  return out.length ? [...new Set(out)] : null;
}

/** The pattern's top-level alternatives. */
function splitTopLevel(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(source, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(source.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(source.slice(from));
  return parts;
}

/** Index of the `]` closing the character class that opens at `at`. */
function classEnd(source: string, at: number): number {
  let i = at + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') i++;
  for (; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return source.length;
}

/** Index of the `)` closing the group that opens at `at`. */
function groupEnd(source: string, at: number): number {
  let depth = 0;
  for (let i = at; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(source, i);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return source.length;
}

/** A quantifier at `at`: its length and whether it allows zero repetitions, or undefined. */
function quantifier(source: string, at: number): { length: number; optional: boolean } | undefined {
  const c = source[at];
  let length = 0;
  let optional = false;
  if (c === '*' || c === '?') [length, optional] = [1, true];
  else if (c === '+') length = 1;
  else if (c === '{') {
    const m = /^\{(\d+)(?:,(\d*))?\}/.exec(source.slice(at));
    if (!m) return undefined;
    length = m[0].length;
    optional = Number(m[1]) === 0;
  } else return undefined;
  if (source[at + length] === '?') length++;
  return { length, optional };
}

/** What one alternative requires: the literal run, or the mandatory group's alternatives, whose
 * shortest word is longest. */
function branchRequirement(branch: string): string[] | null {
  const candidates: string[][] = [];
  let run = '';
  const endRun = () => {
    if (run.length >= MIN_LITERAL) candidates.push([run]);
    run = '';
  };
  for (let i = 0; i < branch.length; ) {
    const c = branch[i];
    let literal: string | undefined;
    let next = i + 1;
    if (c === '\\') {
      const e = branch[i + 1];
      next = i + 2;
      if (e === 'b' || e === 'B') {
        i = next;
        continue; // zero-width
      }
      if (e === 'p' || e === 'P' || e === 'k' || (e === 'u' && branch[i + 2] === '{')) next = branch.indexOf(e === 'k' ? '>' : '}', i) + 1 || branch.length;
      else if (e === 'u') next = i + 6;
      else if (e === 'x') next = i + 4;
      else if (e === 'c') next = i + 3;
      else if (e !== undefined && !/[dDwWsSnrtfv0-9]/.test(e)) literal = e;
    } else if (c === '[') {
      next = classEnd(branch, i) + 1;
    } else if (c === '(') {
      const end = groupEnd(branch, i);
      next = end + 1;
      if (/^\(\?<?[=!]/.test(branch.slice(i, i + 4))) {
        i = next;
        continue; // a lookaround: zero-width
      }
      const q = quantifier(branch, next);
      if (!q?.optional) {
        const inner = branch.slice(i + (/^\(\?(?::|<[^=!>][^>]*>)/.exec(branch.slice(i))?.[0].length ?? 1), end);
        const required = requiredLiterals(inner);
        if (required) candidates.push(required);
      }
    } else if (c === '^' || c === '$') {
      i = next;
      continue; // zero-width
    } else if (!'.)|*+?'.includes(c) && !(c === '{' && quantifier(branch, i))) {
      literal = c;
    }
    const q = quantifier(branch, next);
    if (literal !== undefined && literal.charCodeAt(0) < 128) {
      if (q?.optional) endRun();
      else {
        run += literal.toLowerCase();
        if (q) endRun();
      }
    } else endRun();
    i = next + (q?.length ?? 0);
  }
  endRun();
  if (!candidates.length) return null;
  const shortest = (words: string[]) => Math.min(...words.map((w) => w.length));
  return candidates.reduce((best, c) => (shortest(c) > shortest(best) ? c : best));
}
