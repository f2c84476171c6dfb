/** A regime pack: what one law (FOIA 2000, EIR 2004, FOISA 2002, EIRs (Scotland) 2004) requires
 * of a response letter, as data. Packs live in rules/packs/<regime>/pack.yaml with canonical
 * paragraphs beside them as Markdown; the host loads and validates them
 * (rules/schema/pack.schema.json) and hands them to the engine in the config. Every item carries
 * its legal source so a compliance lead can check it without reading code. */
import type { HolidayCalendar } from './calendar.js';
import type { Regime } from './types.js';

/** A value the law or the regulator fixes, with where it comes from. */
export interface Sourced {
  source: string;
}

export interface Deadline extends Sourced {
  workingDays?: number;
  /** For periods the law sets in months (FOISA s.47: six months to appeal). */
  months?: number;
  /** The longest the period may run when extended (FOIA s.10(3), EIR reg 7, s.45 Code 5.5). */
  maxWorkingDays?: number;
  /** The provision as messages cite it: "FOIA s.10(1)", "EIR reg 7". */
  provision?: string;
  /** What the period is, for messages: "a public-interest extension". */
  what?: string;
  /** Case-insensitive regular expressions for the authority's words that show the period applies
   * or was extended ("further time to consider the public interest", "complex and voluminous"). */
  cues?: string[];
}

/** A wrong or outdated value, how to find it (a case-insensitive regular expression) and, when the
 * right value is certain, what replaces it. */
export interface WrongValue extends Sourced {
  pattern: string;
  /** What it is, for the message: "the old 0845 helpline". */
  what: string;
  replacement?: string;
  /** Report it below the rule's severity (a style matter such as a missing apostrophe). */
  severity?: 'warning' | 'info';
}

export interface RegulatorName {
  value: string;
  /** First day (ISO) letters are expected to use this name; null while the date is not known. */
  from: string | null;
  /** Older names this one supersedes: from its date, letters using them are warned. */
  replaces?: string[];
  source: string;
}

export interface Regulator extends Sourced {
  /** "ico" or "sic" */
  id: string;
  /** Names a letter may use for the regulator ("Information Commissioner's Office", "the ICO"). */
  names: string[];
  /** The name letters are expected to use, by date; the latest entry whose date has come wins. */
  expectedNames: RegulatorName[];
  address: {
    /** The lines of the postal address in order, the name excluded. */
    lines: string[];
    /** Lines a correct address may leave out ("Cheshire", "Fife"). */
    optional: string[];
    postcode: string;
  };
  phone: { value: string; accepted: string[] };
  website: { value: string; accepted: string[] };
  complaintPage: { value: string; accepted: string[] };
  email?: { value: string; accepted: string[] };
  /** Outdated or wrong details: old numbers, domains, misspelt addresses, the old tribunal name. */
  outdated: WrongValue[];
}

/** The provision of another regime that covers the same ground (FOIA s.43 → EIR reg 12(5)(e),
 * FOISA s.33(1)(b)): what a letter should cite when it cites this one under the wrong regime. */
export interface Counterpart extends Sourced, Partial<Record<Regime, string>> {}

export interface Exemption {
  /** The provision as cited: "40(2)", "12(5)(e)", "38(1)(b)". */
  cite: string;
  title: string;
  /** absolute: no public-interest test; qualified: a test is required; mixed: depends on the subsection. */
  class: 'absolute' | 'qualified' | 'mixed';
  /** For people; when it qualifies the class (mentions absolute, qualified, the public interest or
   * a condition), labels ("absolute", "qualified") are not judged for the exemption. */
  note?: string;
  counterpart?: Counterpart;
}

export interface NotAnExemption {
  cite: string;
  /** What the provision is, for the message: "the cost limit (a reason to refuse, not an exemption)". */
  what: string;
  counterpart?: Counterpart;
}

export interface CostLimitPack extends Sourced {
  provision: string;
  /** The Fees Regulations' exact title. */
  regulations: string;
  /** Shortened or wrong titles seen in real letters. */
  wrongTitles: WrongValue[];
  hourlyRate: number;
  limits: { appliesTo: 'central-government' | 'other' | 'all'; amount: number; hours?: number }[];
  /** Cues that the letter advises how to narrow or refine the request (FOIA s.16, FOISA s.15). */
  adviceCues: string[];
}

export interface Substitution extends Sourced {
  /** Case-insensitive regular expression for wording that belongs to another regime. */
  pattern: string;
  /** What to write instead, when a 1:1 substitution is safe; "$1" stands for the pattern's first
   * group ("exception$1" keeps a plural). Written in the case of the text it replaces. */
  replacement?: string;
  /** What is wrong and what to do (the rule quotes the letter's words before it). */
  message: string;
  /** Case-insensitive regular expression for context that makes the wording legitimate: tested
   * on the paragraph up to the end of the match's sentence ("section 39 of the Freedom of
   * Information Act" before "exemption" in an EIR letter). */
  unless?: string;
  /** Case-insensitive regular expression the match's own sentence must contain for the wording to
   * be wrong ("£450" only where the sentence is about a limit, a fee or a charge). */
  when?: string;
}

export interface RegimePack {
  id: Regime;
  title: string;
  version: string;
  /** ISO date the pack's content takes effect. */
  effective: string;
  extent: string;
  law: {
    name: string;
    /** Other names letters use for it ("FOIA", "the FOI Act"). */
    aliases: string[];
    /** "section" or "regulation" */
    provisionWord: 'section' | 'regulation';
    /** "exemption" (FOIA, FOISA) or "exception" (the EIRs) */
    refusalTerm: 'exemption' | 'exception';
  };
  workingDays: Sourced & { calendar: HolidayCalendar };
  deadlines: {
    response: Deadline;
    /** FOIA s.10(3) public-interest extension; EIR reg 7 complexity extension. */
    extension?: Deadline;
    reviewRequest: Deadline;
    reviewReply: Deadline;
    appeal?: Deadline;
  };
  /** Periods written wrongly for this regime's review window ("within two months"). */
  outdatedReviewWindows: WrongValue[];
  regulator: Regulator;
  /** The right to complain or appeal to the regulator: FOIA s.50, FOISA s.47, EIR reg 18. */
  complaint: Sourced & { provision: string };
  /** The internal review: FOIA s.45 Code Part 5, EIR reg 11, FOISA s.20, EIRs (Scotland) reg 16. */
  review: Sourced & { provision: string; statutory: boolean };
  /** Canonical paragraphs (Markdown), loaded from the files the pack names. */
  wording: { internalReview: string; complaint: string };
  exemptions: Exemption[];
  notExemptions: NotAnExemption[];
  costLimit?: CostLimitPack;
  /** Wording that belongs to another regime. */
  substitutions: Substitution[];
}

export type PackSet = Partial<Record<Regime, RegimePack>>;
