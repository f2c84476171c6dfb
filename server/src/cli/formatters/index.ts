import type { FileResult } from '../types.js';
import github, { githubFile } from './github.js';
import json, { toJsonResult } from './json.js';
import junit from './junit.js';
import sarif from './sarif.js';
import stylish, { stylishFile, stylishSummary } from './stylish.js';
import { countSeverities, type FormatContext, type Formatter } from './types.js';

export const formatters: Record<string, Formatter> = { stylish, json, sarif, junit, github };
export type FormatName = 'stylish' | 'json' | 'sarif' | 'junit' | 'github';
export const FORMAT_NAMES = Object.keys(formatters) as FormatName[];

export interface StreamingFormat {
  /** The text for one file, written as soon as its turn comes ('' for nothing). */
  file(r: FileResult, ctx: Partial<FormatContext>): string;
  /** The closing text, from the counts of every file. */
  end(counts: ReturnType<typeof countSeverities>, ctx: Partial<FormatContext>): string;
}

/** Formats whose output can be written file by file as results arrive, without keeping them (the
 * same text as the formatter): a writer for one run each. */
export const streaming: Partial<Record<FormatName, () => StreamingFormat>> = {
  stylish: () => ({ file: stylishFile, end: stylishSummary }),
  github: () => ({ file: githubFile, end: () => '' }),
  json: () => {
    let files = 0;
    return {
      file: (r) => `${files++ ? ',' : '['}${JSON.stringify(toJsonResult(r))}`,
      end: () => (files ? ']\n' : '[]\n'),
    };
  },
};

export { countSeverities };
export type { FormatContext, Formatter };
