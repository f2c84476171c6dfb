/** GitHub Actions workflow commands: annotations on the pull request. */
import type { RuleMeta } from '../../engine/types.js';
import type { FileResult } from '../types.js';

/** Escapes a command's message (data). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command's property value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function githubFile(r: FileResult): string {
  return r.findings
    .map((f) => {
      const command = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
      const props = [
        `file=${escapeProperty(r.filePath.split('\\').join('/'))}`,
        `line=${f.startPos.line}`,
        `col=${f.startPos.column}`,
        `endLine=${f.endPos.line}`,
        `endColumn=${f.endPos.column}`,
        `title=${escapeProperty(f.ruleId)}`,
      ];
      return `::${command} ${props.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('');
}

export default function github(results: FileResult[], _ruleMetas: RuleMeta[]): string {
  return results.map(githubFile).join('');
}
