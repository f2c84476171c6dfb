/** Types shared by the CLI's main thread, its workers and its formatters. */
import type { Finding, RuleSetting } from '../engine/types.js';

/** A fix as ESLint reports it: one range of the (fixed) file's text and its replacement. */
export interface RangeFix {
  range: [number, number];
  text: string;
}

/** A finding with its fixes also expressed as single ranges (for the JSON format). */
export interface CliFinding extends Finding {
  rangeFix?: RangeFix;
  rangeSuggestions?: { desc: string; fix: RangeFix }[];
}

/** A line for stderr about one input: `error` lines (I/O problems) make the exit code 2. */
export interface Notice {
  level: 'error' | 'warning';
  text: string;
}

/** What linting (and maybe fixing) one file gave. */
export interface FileResult {
  /** Path as shown in reports: relative to the current folder. */
  filePath: string;
  /** False when the file could not be linted (see notices); such a file is left out of reports. */
  linted: boolean;
  findings: CliFinding[];
  notices: Notice[];
  /** Fixes applied by --fix (0 when not fixing or nothing to fix). */
  fixed: number;
}

/** What a file job needs besides the file: the same for every file of a run. */
export interface RunOptions {
  fix: boolean;
  configPath?: string;
  ruleOverrides?: Record<string, RuleSetting>;
  cwd: string;
}

export interface FileJob {
  index: number;
  absPath: string;
  filePath: string;
}
