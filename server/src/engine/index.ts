import type { Finding, Fix, LintOptions, LintReport, ResolvedConfig, Rule, RuleMeta, RuleSetting, Severity, SeveritySetting, TemplateSpec } from './types.js';
import { parseMarkdown, type BlockTree } from './parse.js';
import { ACKNOWLEDGEMENT, buildLetter, readFrontMatter, type Letter } from './letter/index.js';
import { applyDirectives, parseDirectives } from './suppress.js';
import { applyFixes, safeFixes } from './fix.js';
import { allRules, engineRules } from './rules/index.js';

export * from './types.js';
export { applyFixes } from './fix.js';
export { buildLetter, readFrontMatter } from './letter/index.js';
export { parseMarkdown } from './parse.js';
export { LineIndex } from './text.js';


/** Every rule's metadata, catalogue rules first, then the engine's own checks. */
export function listRules(): RuleMeta[] {
  return [...allRules.map((r) => r.meta), ...Object.values(engineRules)];
}

export function ruleSeverity(meta: RuleMeta, setting: RuleSetting | undefined): SeveritySetting {
  if (setting === undefined) return meta.defaultSeverity;
  const s = Array.isArray(setting) ? setting[0] : setting;
  return s;
}

function ruleOptions(setting: RuleSetting | undefined): Record<string, unknown> {
  return Array.isArray(setting) && setting[1] ? setting[1] : {};
}

/** The template a letter is held to: its front matter's choice, else the config's, else
 * `acknowledgement` for an acknowledgement and `default` for everything else. */
export function chooseTemplate(text: string, config: ResolvedConfig, frontMatterTemplate?: unknown): { template: TemplateSpec; problem?: string } {
  const requested = typeof frontMatterTemplate === 'string' ? frontMatterTemplate : config.template;
  const fallback = ACKNOWLEDGEMENT.test(text) && config.templates.acknowledgement ? 'acknowledgement' : 'default';
  const base = (requested && config.templates[requested]) || config.templates[fallback] || { id: 'empty', version: '0', description: '', sections: [] };
  const sections = [...base.sections];
  for (const extra of config.extraSections) {
    const existing = sections.findIndex((s) => s.id === extra.id);
    if (existing >= 0) sections.splice(existing, 1);
    const after = extra.after ? sections.findIndex((s) => s.id === extra.after) : -1;
    sections.splice(after >= 0 ? after + 1 : sections.length, 0, extra);
  }
  const template: TemplateSpec = { ...base, sections };
  const problem = requested && !config.templates[requested] ? `unknown template "${requested}"; known templates: ${Object.keys(config.templates).sort().join(', ')}` : undefined;
  return { template, problem };
}

/** The template the front matter names. Malformed YAML still names one on a "template:" line. */
export function frontMatterTemplate(frontMatter: ReturnType<typeof readFrontMatter>): string | undefined {
  const { node, data } = frontMatter;
  if (data.__invalid) return node?.value !== undefined ? /^template:\s*["']?([\w.-]+)/m.exec(node.value)?.[1] : undefined;
  return data.template === undefined || data.template === null ? undefined : String(data.template);
}

/** A letter read once: its parse, front matter, template and letter model, which the rules and
 * the editor's features (hover, outline, code actions) share. */
export interface ModelledLetter {
  text: string;
  tree: BlockTree;
  frontMatter: ReturnType<typeof readFrontMatter>;
  template: TemplateSpec;
  /** Why the template the front matter names could not be used. */
  templateProblem?: string;
  letter: Letter;
}

/** Parses a letter and builds its model. Pure. */
export function modelLetter(text: string, config: ResolvedConfig): ModelledLetter {
  const tree = parseMarkdown(text);
  const frontMatter = readFrontMatter(tree);
  const { template, problem } = chooseTemplate(text, config, frontMatterTemplate(frontMatter));
  return { text, tree, frontMatter, template, templateProblem: problem, letter: buildLetter(text, tree, config, template, frontMatter) };
}

/** Lints one letter. Pure: the caller reads the file and resolves the config. */
export function lint(text: string, options: LintOptions): LintReport {
  return lintModel(modelLetter(text, options.config), options);
}

/** Lints a letter already modelled with the same config. */
export function lintModel(model: ModelledLetter, options: LintOptions): LintReport {
  const { config } = options;
  const { text, tree, frontMatter, template, templateProblem: problem, letter } = model;
  const fmNode = frontMatter.node;
  const findings: Finding[] = [];
  const make = (meta: RuleMeta, severity: Severity, d: { message: string; start: number; end: number; fix?: Fix; suggestions?: Fix[]; severity?: Severity }): Finding => ({
    ruleId: meta.id,
    severity: d.severity && rank(d.severity) < rank(severity) ? d.severity : severity,
    message: d.message,
    start: d.start,
    end: Math.max(d.start, d.end),
    startPos: letter.index.position(d.start),
    endPos: letter.index.position(Math.max(d.start, d.end)),
    ...(d.fix && meta.fixable === 'safe' ? { fix: d.fix } : {}),
    ...(d.suggestions?.length || (d.fix && meta.fixable !== 'safe') ? { suggestions: [...(d.fix && meta.fixable !== 'safe' ? [d.fix] : []), ...(d.suggestions ?? [])] } : {}),
    docsUrl: meta.docs,
  });
  const problemSeverity = ruleSeverity(engineRules['config-problem'], config.rules['config-problem']);
  if (problem && problemSeverity !== 'off') findings.push(make(engineRules['config-problem'], problemSeverity, { message: `The front matter names an ${problem}. Name one of them in the front matter's "template:".`, start: fmNode?.position?.start.offset ?? 0, end: fmNode?.position?.end.offset ?? 0 }));

  const fmRegime = letter.frontMatter.regime;
  if (fmRegime !== undefined && letter.regime.source !== 'front-matter' && problemSeverity !== 'off') {
    findings.push(make(engineRules['config-problem'], problemSeverity, { message: `The front matter names an unknown regime ${JSON.stringify(fmRegime)}. Use one of: foia, eir, foisa, eir-scotland.`, start: fmNode?.position?.start.offset ?? 0, end: fmNode?.position?.end.offset ?? 0 }));
  }

  for (const rule of allRules) {
    const setting = config.rules[rule.meta.id];
    const severity = ruleSeverity(rule.meta, setting);
    if (severity === 'off') continue;
    try {
      rule.check({
        letter,
        config,
        template,
        pack: config.packs[letter.regime.regime],
        options: ruleOptions(setting),
        report: (d) => findings.push(make(rule.meta, severity, d)),
      });
    } catch (err) {
      findings.push(make(engineRules['internal-error'], ruleSeverity(engineRules['internal-error'], config.rules['internal-error']) === 'warning' ? 'warning' : 'error', { message: `The rule ${rule.meta.id} failed on this letter (${(err as Error)?.message ?? err}). Please report it; the other rules ran.`, start: 0, end: 0 }));
    }
  }

  let result = findings;
  if (!config.noInlineConfig) {
    const directives = parseDirectives(text, tree, letter.index);
    result = applyDirectives(findings, directives);
    const known = new Set(listRules().map((r) => r.id));
    const dirSeverity = ruleSeverity(engineRules.directives, config.rules.directives);
    if (dirSeverity !== 'off') {
      // Where one removal already takes the line break that the next one would take (two unused
      // comments on the last two lines), the next starts after it: no two fixes of a report overlap.
      let removedTo = 0;
      for (const d of directives) {
        const unknown = d.rules.filter((r) => !known.has(r));
        if (unknown.length) {
          result.push(make(engineRules.directives, dirSeverity, { message: `Unknown rule id${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} in a foilint comment. Use an id from \`foilint --list-rules\`.`, start: d.start, end: d.end }));
        } else if (d.kind !== 'enable' && !d.used) {
          const edit = removalEdit(text, d.start, d.end, removedTo);
          removedTo = Math.max(removedTo, edit.end);
          result.push(make(engineRules.directives, dirSeverity, {
            message: `This foilint-${d.kind} comment silences nothing. Remove it.`,
            start: d.start,
            end: d.end,
            fix: { title: 'Remove the unused foilint comment', edits: [edit] },
          }));
        }
      }
    }
  }
  result.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  return { findings: result };
}

function rank(s: Severity): number {
  return s === 'error' ? 2 : s === 'warning' ? 1 : 0;
}

/** Removes a comment and, when it stood alone on its line, the line too; never before `from`. */
function removalEdit(text: string, start: number, end: number, from = 0) {
  const edit = removal(text, start, end);
  return edit.start < from ? { ...edit, start: Math.min(from, edit.end) } : edit;
}

function removal(text: string, start: number, end: number) {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  if (text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '') {
    // On the last line, with no line break after it, take the break before it instead: the letter
    // keeps ending as it did (with or without a final newline).
    if (lineEnd === text.length && lineStart > 0) return { start: lineStart - (text.slice(lineStart - 2, lineStart) === '\r\n' ? 2 : 1), end: lineEnd, newText: '' };
    return { start: lineStart, end: Math.min(text.length, lineEnd + 1), newText: '' };
  }
  return { start, end, newText: '' };
}

export interface FixResult {
  text: string;
  /** Lint passes run. */
  passes: number;
  /** Number of fixes applied over all passes. */
  fixed: number;
  /** What is left after fixing. */
  report: LintReport;
}

/** Applies the safe fixes of a report once (what fix-on-save does). */
export function fix(text: string, report: LintReport): string {
  return applyFixes(text, safeFixes(report.findings)).text;
}

/** Lint → apply safe fixes → re-lint, until nothing changes (at most `maxPasses`). */
export function fixAll(text: string, options: LintOptions, maxPasses = 10): FixResult {
  let current = text;
  let fixed = 0;
  let report = lint(current, options);
  let passes = 1;
  while (passes <= maxPasses) {
    const { text: next, applied } = applyFixes(current, safeFixes(report.findings));
    if (!applied.length || next === current) break;
    fixed += applied.length;
    current = next;
    report = lint(current, options);
    passes++;
  }
  return { text: current, passes, fixed, report };
}

export type { Letter };
