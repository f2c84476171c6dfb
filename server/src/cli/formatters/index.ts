import type { FileResult } from '../types.js';
import github, { githubFile } from './github.js';
import json from './json.js';
import junit from './junit.js';
import sarif from './sarif.js';
import stylish, { stylishFile, stylishSummary } from './stylish.js';
import { countSeverities, type FormatContext, type Formatter } from './types.js';

export const formatters: Record<string, Formatter> = { stylish, json, sarif, junit, github };
export type FormatName = 'stylish' | 'json' | 'sarif' | 'junit' | 'github';
export const FORMAT_NAMES = Object.keys(formatters) as FormatName[];

/** Formats whose output can be written file by file as results arrive (same text as the formatter). */
export const streaming: Partial<Record<FormatName, { file(r: FileResult, ctx: Partial<FormatContext>): string; end(results: ReturnType<typeof countSeverities>, ctx: Partial<FormatContext>): string }>> = {
  stylish: { file: stylishFile, end: stylishSummary },
  github: { file: githubFile, end: () => '' },
};

export { countSeverities };
export type { FormatContext, Formatter };
