/** A conservative check of a regular expression written by a user (a template's or the config's
 * section cues) for the shapes that make a backtracking engine take exponential time: a repeated
 * group that holds another repeat or an alternation (`(a+)+`, `(\w+\s?)*`, `(a|ab)*`), and
 * back-references. JavaScript cannot stop a running regular expression, so a cue of that shape
 * could hang a lint (or the editor) on an ordinary letter; such a cue is refused when the config
 * is read, with the file, line and column (server/src/host), and skipped if it reaches the engine
 * some other way. test/robustness/patterns.test.ts holds this check to recheck's verdicts. */

/** The longest cue accepted: cues are a few words of wording. */
export const MAX_CUE_LENGTH = 500;

interface Frame {
  /** The group holds an unbounded repeat (`*`, `+`, `{n,}`) somewhere inside. */
  unbounded: boolean;
  /** The group holds an alternation somewhere inside. */
  alternation: boolean;
}

/** Why a pattern may take exponential time, or undefined when it has none of the risky shapes.
 * Assumes the pattern compiles (check that first). */
export function patternRisk(source: string): string | undefined {
  if (source.length > MAX_CUE_LENGTH) return `it is ${source.length} characters long; keep a cue under ${MAX_CUE_LENGTH}`;
  const stack: Frame[] = [{ unbounded: false, alternation: false }];
  let last: { group?: Frame } | undefined;
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1];
      if (/[1-9]/.test(next ?? '') || (next === 'k' && source[i + 2] === '<')) return 'it uses a back-reference (\\1, \\k<name>), which can take exponential time; match the wording itself';
      if ((next === 'p' || next === 'P' || next === 'u') && source[i + 2] === '{') i = source.indexOf('}', i) + 1 || n;
      else i += 2;
      last = {};
      continue;
    }
    if (c === '[') {
      i++;
      if (source[i] === '^') i++;
      while (i < n && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      last = {};
      continue;
    }
    if (c === '(') {
      stack.push({ unbounded: false, alternation: false });
      i++;
      if (source[i] === '?') {
        const named = /^\?<(?![=!])[^>]*>/.exec(source.slice(i));
        i += named ? named[0].length : source[i + 1] === '<' ? 3 : 2;
      }
      last = undefined;
      continue;
    }
    if (c === ')') {
      const group = stack.length > 1 ? stack.pop()! : stack[0];
      const parent = stack[stack.length - 1];
      parent.unbounded ||= group.unbounded;
      parent.alternation ||= group.alternation;
      last = { group };
      i++;
      continue;
    }
    if (c === '|') {
      stack[stack.length - 1].alternation = true;
      last = undefined;
      i++;
      continue;
    }
    const quantifier = /^(?:[*+?]|\{(\d+)(,(\d*))?\})\??/.exec(source.slice(i));
    if (quantifier && last) {
      const q = quantifier[0][0];
      const max = q === '*' || q === '+' ? Infinity : q === '?' ? 1 : quantifier[2] === undefined ? Number(quantifier[1]) : quantifier[3] === '' ? Infinity : Number(quantifier[3]);
      const group = last.group;
      if (group && max > 1) {
        if (group.unbounded) return 'a repeated group holds another repeat (as in (a+)+), which can take exponential time; repeat single characters or classes only';
        if (group.alternation && max > 10) return 'a repeated group holds alternatives (as in (a|ab)*), which can take exponential time; use a character class or list the wordings as separate cues';
      }
      if (max === Infinity) stack[stack.length - 1].unbounded = true;
      last = undefined;
      i += quantifier[0].length;
      continue;
    }
    last = {};
    i++;
  }
  return undefined;
}
