/** SARIF 2.1.0, for code-scanning tools. */
import type { RuleMeta, Severity } from '../../engine/types.js';
import type { FileResult } from '../types.js';
import type { FormatContext } from './types.js';

export const INFORMATION_URI = 'https://github.com/foilint/foilint';

const level = (s: Severity) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');

/** A relative path as a URI reference (forward slashes, percent-encoded). */
function toUri(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export default function sarif(results: FileResult[], ruleMetas: RuleMeta[], ctx: Partial<FormatContext> = {}): string {
  const index = new Map(ruleMetas.map((m, i) => [m.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'foilint',
            version: ctx.version ?? '0.0.0',
            informationUri: INFORMATION_URI,
            rules: ruleMetas.map((m) => ({
              id: m.id,
              shortDescription: { text: m.description },
              helpUri: m.docs,
              defaultConfiguration: { level: level(m.defaultSeverity) },
              properties: { fixable: m.fixable },
            })),
          },
        },
        artifacts: results.map((r) => ({ location: { uri: toUri(r.filePath) } })),
        results: results.flatMap((r, artifactIndex) =>
          r.findings.map((f) => ({
            ruleId: f.ruleId,
            ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
            level: level(f.severity),
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(r.filePath), index: artifactIndex },
                  region: { startLine: f.startPos.line, startColumn: f.startPos.column, endLine: f.endPos.line, endColumn: f.endPos.column },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
