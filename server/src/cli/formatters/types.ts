import type { RuleMeta } from '../../engine/types.js';
import type { FileResult } from '../types.js';

export interface FormatContext {
  /** foilint's version (package.json). */
  version: string;
  /** Colour the output (stylish only). */
  color: boolean;
}

/** A formatter: a pure function of the results (linted files only) and the rule catalogue. */
export type Formatter = (results: FileResult[], ruleMetas: RuleMeta[], ctx?: Partial<FormatContext>) => string;

/** Counts shared by the formatters. */
export function countSeverities(results: FileResult[]) {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  for (const r of results) {
    for (const f of r.findings) {
      if (f.severity === 'error') {
        errors++;
        if (f.fix) fixableErrors++;
      } else {
        if (f.severity === 'warning') warnings++;
        else infos++;
        if (f.fix) fixableWarnings++;
      }
    }
  }
  return { errors, warnings, infos, fixableErrors, fixableWarnings };
}
