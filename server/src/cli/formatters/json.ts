/** ESLint's JSON result shape. */
import type { RuleMeta } from '../../engine/types.js';
import type { CliFinding, FileResult, RangeFix } from '../types.js';
import { countSeverities } from './types.js';

export interface JsonMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: RangeFix;
  suggestions?: { desc: string; fix: RangeFix }[];
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

export function toJsonMessage(f: CliFinding): JsonMessage {
  const m: JsonMessage = {
    ruleId: f.ruleId,
    severity: f.severity === 'error' ? 2 : 1,
    message: f.message,
    line: f.startPos.line,
    column: f.startPos.column,
    endLine: f.endPos.line,
    endColumn: f.endPos.column,
  };
  if (f.rangeFix) m.fix = f.rangeFix;
  if (f.rangeSuggestions?.length) m.suggestions = f.rangeSuggestions;
  return m;
}

export function toJsonResult(r: FileResult): JsonResult {
  const c = countSeverities([r]);
  return {
    filePath: r.filePath,
    messages: r.findings.map(toJsonMessage),
    errorCount: c.errors,
    warningCount: c.warnings + c.infos,
    fixableErrorCount: c.fixableErrors,
    fixableWarningCount: c.fixableWarnings,
  };
}

export default function json(results: FileResult[], _ruleMetas: RuleMeta[]): string {
  return JSON.stringify(results.map(toJsonResult)) + '\n';
}
