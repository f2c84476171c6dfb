/** Code actions for foilint's findings. Every edit comes from the engine's fix functions
 * (`applyFixes`, `fixAll`) and is computed against the document's current version: a request
 * that names diagnostics of an older version is answered from a fresh lint. */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFixes, lint, type Finding, type Fix } from '../engine/index.js';
import type { Analysis } from './analysis.js';
import { docsUri, SOURCE, toDiagnostic, type FindingData } from './diagnostics.js';
import { disableBlockEdit, disableFileEdit } from './directive-edits.js';
import { diffEdits, rangeOf, toTextEdits, workspaceEdit } from './edits.js';
import { FIX_ALL_KIND, OPEN_DOCS_COMMAND } from './protocol.js';

const MAX_BLOCK_CHECKS = 4;

export interface ActionOptions {
  /** The client checks document versions in workspace edits (`documentChanges`). */
  versioned: boolean;
  /** The client can resolve a code action's edit when it is chosen (saves a multi-pass fix-all
   * on every cursor move). */
  lazyEdits: boolean;
}

/** What an action left for `codeAction/resolve` carries. */
export interface ResolveData {
  uri: string;
  resolve: 'fixAll';
}

export function codeActions(analysis: Analysis, doc: TextDocument, params: CodeActionParams, options: ActionOptions): CodeAction[] {
  if (analysis.ignored) return [];
  const only = params.context?.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];

  if (only && wants(FIX_ALL_KIND)) {
    const edits = fixAllEdits(analysis, doc);
    if (edits.length) actions.push({ title: 'Fix all foilint problems (safe fixes)', kind: FIX_ALL_KIND, edit: workspaceEdit(doc, edits, options.versioned) });
  }
  if (!wants(CodeActionKind.QuickFix)) return actions;

  const findings = findingsFor(analysis, doc, params);
  if (!findings.length) return actions;
  const diagnostic = (f: Finding) => toDiagnostic(doc, analysis.version, f);
  const edit = (fix: Fix) => {
    // One applyFixes semantics: a fix whose edits are invalid for this text is not offered.
    if (!applyFixes(analysis.text, [fix]).applied.length) return undefined;
    return workspaceEdit(doc, toTextEdits(doc, fix.edits), options.versioned);
  };

  for (const f of findings) {
    const e = f.fix && edit(f.fix);
    if (f.fix && e) actions.push({ title: f.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic(f)], isPreferred: true, edit: e });
  }
  for (const f of findings) {
    for (const s of f.suggestions ?? []) {
      const e = edit(s);
      if (e) actions.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic(f)], edit: e });
    }
  }

  const rules = [...new Set(findings.map((f) => f.ruleId))];
  const inlineAllowed = !analysis.config.noInlineConfig;
  // Each disable-block action is checked with a lint of the edited letter; a wide range (select
  // all) offers it for the first few findings only, to keep the answer fast.
  let checks = MAX_BLOCK_CHECKS;
  for (const ruleId of rules) {
    const ofRule = findings.filter((f) => f.ruleId === ruleId);
    const fixableOfRule = analysis.fixable().filter((f) => f.ruleId === ruleId);
    if (fixableOfRule.length >= 2) {
      const { applied } = applyFixes(analysis.text, fixableOfRule.map((f) => f.fix!));
      const edits = toTextEdits(doc, applied.flatMap((fix) => fix.edits));
      actions.push({ title: `Fix all ${ruleId} problems`, kind: CodeActionKind.QuickFix, diagnostics: ofRule.map(diagnostic), edit: workspaceEdit(doc, edits, options.versioned) });
    }
    // `directives` findings are made after directives are applied: no comment can silence them.
    if (inlineAllowed && ruleId !== 'directives') {
      const seen = new Set<number>();
      for (const f of ofRule) {
        if (checks-- <= 0) break;
        const block = verifiedBlockDisable(analysis, f);
        if (!block || seen.has(block.start)) continue;
        seen.add(block.start);
        actions.push({ title: `Disable ${ruleId} for this block`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic(f)], edit: workspaceEdit(doc, toTextEdits(doc, [block]), options.versioned) });
      }
      const file = disableFileEdit(analysis.letter(), ruleId);
      actions.push({ title: `Disable ${ruleId} for this file`, kind: CodeActionKind.QuickFix, diagnostics: ofRule.map(diagnostic), edit: workspaceEdit(doc, toTextEdits(doc, [file]), options.versioned) });
    }
    const docs = docsUri(ruleId, ofRule[0].docsUrl);
    actions.push({ title: `Open docs for ${ruleId}`, kind: CodeActionKind.QuickFix, diagnostics: ofRule.map(diagnostic), command: { title: `Open docs for ${ruleId}`, command: OPEN_DOCS_COMMAND, arguments: [docs] } });
  }

  const fixable = analysis.fixable();
  if (fixable.length >= 2 || (fixable.length === 1 && !findings.includes(fixable[0]))) {
    const action: CodeAction = { title: 'Fix all foilint problems', kind: CodeActionKind.QuickFix };
    if (options.lazyEdits) action.data = { uri: doc.uri, resolve: 'fixAll' } satisfies ResolveData;
    else action.edit = workspaceEdit(doc, fixAllEdits(analysis, doc), options.versioned);
    actions.push(action);
  }
  return actions;
}

/** Fills in the edit of an action left for resolving, against the current version. */
export function resolveCodeAction(action: CodeAction, analysis: Analysis | undefined, doc: TextDocument | undefined, options: ActionOptions): CodeAction {
  const data = action.data as ResolveData | undefined;
  if (!analysis || !doc || data?.resolve !== 'fixAll') return action;
  return { ...action, edit: workspaceEdit(doc, fixAllEdits(analysis, doc), options.versioned) };
}

/** The edits of every safe fix, repeated until nothing changes, as few and small as they can be. */
export function fixAllEdits(analysis: Analysis, doc: TextDocument): TextEdit[] {
  return analysis.remember('fixAllEdits', () => toTextEdits(doc, diffEdits(analysis.text, analysis.fixedText())));
}

/** The findings a request is about: those of the foilint diagnostics it names (matched on the
 * current version), else those whose range meets the requested range. Lenient with what clients
 * send back: a diagnostic without its source or message (Neovim 0.7 keeps only code and data) is
 * matched by its data. */
function findingsFor(analysis: Analysis, doc: TextDocument, params: CodeActionParams): Finding[] {
  const meets = (f: Finding, range: Range | undefined) => {
    if (!range?.start || !range.end) return false;
    const r = rangeOf(doc, f.start, f.end);
    return !before(r.end, range.start) && !before(range.end, r.start);
  };
  const named = (params.context?.diagnostics ?? []).filter((d) => typeof d.code === 'string' && (d.source === SOURCE || (d.source === undefined && isFindingData(d.data))));
  if (!named.length) return analysis.findings.filter((f) => meets(f, params.range));
  const out = new Set<Finding>();
  for (const d of named) {
    const match = analysis.findings.find((f) => sameFinding(f, d, analysis.version, doc));
    if (match) out.add(match);
    // A diagnostic of another version: the findings of its rule that meet the range now.
    else for (const f of analysis.findings) if (f.ruleId === d.code && meets(f, params.range ?? d.range)) out.add(f);
  }
  return analysis.findings.filter((f) => out.has(f));
}

function isFindingData(data: unknown): data is FindingData {
  const d = data as Partial<FindingData> | undefined;
  return typeof d?.version === 'number' && typeof d.start === 'number' && typeof d.end === 'number';
}

function sameFinding(f: Finding, d: Diagnostic, version: number, doc: TextDocument): boolean {
  if (f.ruleId !== d.code) return false;
  if (isFindingData(d.data)) return d.data.version === version && d.data.start === f.start && d.data.end === f.end && (d.message === undefined || d.message === f.message);
  if (!d.range) return false;
  const r = rangeOf(doc, f.start, f.end);
  return d.message === f.message && r.start.line === d.range.start.line && r.start.character === d.range.start.character && r.end.line === d.range.end.line && r.end.character === d.range.end.character;
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** The disable-next-block edit for a finding, offered only when linting the edited letter shows
 * it works: the rule reports less and no foilint comment is left unused. */
function verifiedBlockDisable(analysis: Analysis, f: Finding) {
  const edit = disableBlockEdit(analysis.letter(), f);
  if (!edit) return undefined;
  const works = analysis.remember(`disable-block:${f.ruleId}:${edit.start}`, () => {
    const { text, applied } = applyFixes(analysis.text, [{ title: 'disable', edits: [edit] }]);
    if (!applied.length) return false;
    const after = lint(text, { path: analysis.place.path, config: analysis.config }).findings;
    const count = (list: Finding[], id: string) => list.filter((x) => x.ruleId === id).length;
    return count(after, f.ruleId) < count(analysis.findings, f.ruleId) && count(after, 'directives') <= count(analysis.findings, 'directives');
  });
  return works ? edit : undefined;
}
