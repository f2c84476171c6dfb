/** Findings and config problems as LSP diagnostics. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix, Severity } from '../engine/index.js';
import { packageRoot } from '../host/package-root.js';
import type { ConfigProblem } from './config-resolver.js';
import { rangeOf } from './edits.js';

export const SOURCE = 'foilint';

/** What a diagnostic carries for code actions: the finding's place in the version it was made
 * for (code actions on another version lint again) and its fixes as engine edits. */
export interface FindingData {
  version: number;
  start: number;
  end: number;
  fix?: Fix;
  suggestions?: Fix[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** file:// URI of a rule's docs page in the installed package. */
export function docsUri(ruleId: string, docsPath = `rules/docs/${ruleId}.md`): string {
  return pathToFileURL(join(packageRoot(), docsPath)).href;
}

export function toDiagnostic(doc: TextDocument, version: number, f: Finding): Diagnostic {
  const data: FindingData = { version, start: f.start, end: f.end, ...(f.fix ? { fix: f.fix } : {}), ...(f.suggestions?.length ? { suggestions: f.suggestions } : {}) };
  return {
    range: rangeOf(doc, f.start, f.end),
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.ruleId,
    codeDescription: { href: docsUri(f.ruleId, f.docsUrl) },
    message: f.message,
    data,
  };
}

/** The diagnostic on a config file that cannot be used: at the line and column the error gives,
 * spanning the rest of the word there. */
export function configDiagnostic(problem: ConfigProblem): Diagnostic {
  const line = Math.max(0, problem.line - 1);
  const character = Math.max(0, problem.column - 1);
  let lineText = '';
  try {
    lineText = readFileSync(problem.file, 'utf8').split(/\r\n|\r|\n/)[line] ?? '';
  } catch {
    // The file went away; the position alone still says where.
  }
  const word = /^(?:"(?:[^"\\]|\\.)*"?|[^\s,:{}[\]]+)/.exec(lineText.slice(character))?.[0] ?? '';
  return {
    range: { start: { line, character }, end: { line, character: character + Math.max(1, word.length) } },
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    code: 'config-problem',
    codeDescription: { href: docsUri('config-problem') },
    message: `${problem.message}. foilint lints letters under this config with its defaults until this is fixed.`,
  };
}
