/** Periods of time as letters write them ("within 20 working days", "forty (40) days", "within two
 * months", "a calendar month"), found once per letter and shared by the rules about deadlines
 * (working-days, review-window, internal-review, complaint-right). */

export type PeriodUnit = 'day' | 'week' | 'month';
export type PeriodQualifier = 'working' | 'business' | 'calendar' | 'clear' | 'school';

export interface Period {
  start: number;
  end: number;
  /** The whole phrase: "forty (40) working days". */
  text: string;
  value: number;
  /** The number as written, with any bracketed repeat: "twenty", "40", "forty (40)". */
  numberText: string;
  qualifier?: PeriodQualifier;
  unit: PeriodUnit;
}

const UNITS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  ...UNITS,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  ...TENS,
};

const NUMBER_WORD = '(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
/** A number, an optional bracketed repeat, an optional qualifier (maybe bracketed) and a unit.
 * Hyphenated adjectives ("a 28-day notice period") are not periods a deadline is written in. */
const PERIOD = new RegExp(
  `\\b(\\d{1,3}|an?|${NUMBER_WORD})(\\s*\\(\\s*(?:\\d{1,3}|${NUMBER_WORD})\\s*\\))?\\s+(?:\\(?(working|business|calendar|clear|school)\\)?\\s+)?(days?|weeks?|months?)\\b(?!-)`,
  'gi',
);

function numberValue(s: string): number {
  const w = s.toLowerCase();
  if (/^\d+$/.test(w)) return Number(w);
  if (w in WORDS) return WORDS[w];
  const [tens, unit] = w.split(/[ -]/);
  return (TENS[tens] ?? 0) + (UNITS[unit] ?? 0);
}

/** Every period in text[from, to). */
export function findPeriods(text: string, from = 0, to = text.length): Period[] {
  const out: Period[] = [];
  const re = new RegExp(PERIOD.source, PERIOD.flags);
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < to) {
    const value = numberValue(m[1]);
    // "a day" and "an hour" are not deadlines; "a month" and "a week" may be.
    if (/^an?$/i.test(m[1]) && /^day/i.test(m[4])) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      value,
      numberText: m[1] + (m[2] ?? ''),
      qualifier: m[3] ? (m[3].toLowerCase() as PeriodQualifier) : undefined,
      unit: m[4].toLowerCase().replace(/s$/, '') as PeriodUnit,
    });
  }
  return out;
}

/** "40 working days", as a letter should write it. */
export function workingDaysText(n: number): string {
  return `${n} working day${n === 1 ? '' : 's'}`;
}

/** The citation part of a pack source ("FOIA s.10(1): promptly and …" → "FOIA s.10(1)"). */
export function citation(source: string): string {
  const i = source.indexOf(':');
  return (i > 0 ? source.slice(0, i) : source).trim();
}

/** "six" for 6: the SIC appeal window is written in words. */
export function numberWord(n: number): string {
  const found = Object.entries(UNITS).find(([, v]) => v === n);
  return found ? found[0] : String(n);
}
