/** Public types of the foilint engine. The engine is pure: text + config in, findings + fixes out. */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type Fixability = 'safe' | 'suggestion' | 'none';
export type Regime = 'foia' | 'eir' | 'foisa' | 'eir-scotland';

/** A replacement of original-text UTF-16 offsets [start, end) by newText. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  /** Short imperative title, shown as the quick-fix label. */
  title: string;
  edits: TextEdit[];
}

export interface Position {
  /** 1-based line */
  line: number;
  /** 1-based column, in UTF-16 code units */
  column: number;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Offsets into the text (UTF-16), end exclusive. */
  start: number;
  end: number;
  startPos: Position;
  endPos: Position;
  /** A safe fix: applied by --fix, fix-all and fix-on-save. */
  fix?: Fix;
  /** Alternatives the user may choose; never applied automatically. */
  suggestions?: Fix[];
  docsUrl?: string;
}

export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: Severity;
  fixable: Fixability;
  /** Path of the docs page, relative to the package root. */
  docs: string;
  /** JSON-schema fragment for the rule's options, if it has any. */
  optionsSchema?: Record<string, unknown>;
}

export interface ReportDescriptor {
  message: string;
  start: number;
  end: number;
  fix?: Fix;
  suggestions?: Fix[];
  /** A rule may lower the severity of one finding (e.g. "cannot check" notes). */
  severity?: Severity;
}

export interface SectionSpec {
  id: string;
  /** Human name used in messages and in inserted headings. */
  title: string;
  /** Heading texts that name this section (case-insensitive, punctuation-tolerant). */
  headings: string[];
  /** Regular expressions (source strings, case-insensitive) whose presence in a paragraph shows
   * the section is there even without a heading. */
  cues?: string[];
  /** Text inserted by the required-sections suggestion. */
  insertText?: string;
  required?: boolean;
  /** For a section an authority adds: the id of the section it follows (default: the last). */
  after?: string;
}

export type TemplateFieldType = 'text' | 'date' | 'number' | 'paragraph';

/** A `{{name}}` field a template's text uses (the built-in ones are in drafts.ts). */
export interface TemplateField {
  type: TemplateFieldType;
  description: string;
}

export interface TemplateSpec {
  id: string;
  version: string;
  description: string;
  /** The legal source of what the template requires (for people). */
  source?: string;
  sections: SectionSpec[];
  /** Headings of blocks the template does not require (closing blocks etc.); they end answers. */
  knownHeadings?: string[];
  /** The regime the template's wording is written for; a draft made from it names this regime. */
  regime?: Regime;
  /** The template whose sections this one starts from (its own sections replace or add to them). */
  extends?: string;
  /** Fields the text uses beyond the built-in ones, by name. */
  fields?: Record<string, TemplateField>;
  /** The letter's text with `{{field}}` placeholders: the Markdown after a Markdown template's
   * front matter. A template without it only sets what a letter must contain. */
  body?: string;
  /** The file it was read from, relative to its templates folder. */
  file?: string;
}

export interface AuthorityConfig {
  name?: string;
  reviewContact?: string;
  centralGovernment?: boolean;
  rightsEnclosure?: boolean;
}

export type RuleSetting = SeveritySetting | [SeveritySetting, Record<string, unknown>?];

/** Config after discovery, extends and defaults: what the engine receives. */
export interface ResolvedConfig {
  regime?: Regime;
  authority: AuthorityConfig;
  /** Every template known to this run, by id (bundled ones and the authority's own). */
  templates: Record<string, TemplateSpec>;
  /** The regime packs (what each law requires), by regime id. */
  packs: import('./packs.js').PackSet;
  /** The template letters are held to unless their front matter names another; when unset, an
   * acknowledgement is held to `acknowledgement` and everything else to `default`. */
  template?: string;
  /** Sections the authority adds to every template (e.g. Barnet's "Further information"). */
  extraSections: SectionSpec[];
  rules: Record<string, RuleSetting>;
  ignores: string[];
  noInlineConfig?: boolean;
}

export interface LintOptions {
  path?: string;
  config: ResolvedConfig;
}

export interface LintReport {
  findings: Finding[];
}

export interface RuleContext {
  letter: import('./letter/index.js').Letter;
  config: ResolvedConfig;
  /** The template the letter is held to, with the authority's extra sections appended. */
  template: TemplateSpec;
  /** The pack of the letter's regime (letter.regime); undefined only when the config has no packs. */
  pack?: import('./packs.js').RegimePack;
  options: Record<string, unknown>;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
