/** The config for each open letter, found the way the CLI finds it (nearest `.foilintrc.*` up from
 * the letter), cached by folder until a config file changes. A config that cannot be used is
 * recorded as a problem on its file and the letters under it fall back to the defaults: the
 * server keeps linting. */
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ResolvedConfig } from '../engine/index.js';
import { clearConfigCache, ConfigError, defaultConfig, findConfigFile, loadConfigFor } from '../host/config.js';

export interface ConfigResolution {
  config: ResolvedConfig;
  /** Config files that made the config, nearest last (empty for the defaults). */
  files: string[];
  isIgnored(path: string): boolean;
  /** Why the defaults are used instead of the config found. */
  error?: ConfigProblem;
}

/** A config problem placed in a file, for a diagnostic there. */
export interface ConfigProblem {
  file: string;
  /** 1-based, as ConfigError gives them. */
  line: number;
  column: number;
  message: string;
}

interface CacheEntry {
  resolution: ConfigResolution;
  /** The nearest config file when the entry was made, and the modification times of every file
   * the entry depends on: a difference means the entry is stale. */
  discovered?: string;
  stamps: Map<string, string>;
}

export interface ResolverLog {
  warn(message: string): void;
  error(message: string): void;
}

export class ConfigResolver {
  private readonly cache = new Map<string, CacheEntry>();
  /** Config problems by the file they are in. */
  readonly problems = new Map<string, ConfigProblem>();
  private defaults?: ConfigResolution;

  constructor(private readonly log: ResolverLog) {}

  /** The config for a letter at `letterPath` (an untitled letter passes a path inside the
   * folder whose config applies to it, or undefined for the defaults). */
  resolve(letterPath: string | undefined): ConfigResolution {
    if (!letterPath) return this.defaultResolution();
    const dir = dirname(letterPath);
    const hit = this.cache.get(dir);
    if (hit) return hit.resolution;
    const entry = this.load(letterPath);
    this.cache.set(dir, entry);
    return entry.resolution;
  }

  /** Whether the cached config for this letter's folder no longer matches the files on disk (a
   * config added, removed or edited). For editors that do not report file changes. */
  isStale(letterPath: string | undefined): boolean {
    if (!letterPath) return false;
    const entry = this.cache.get(dirname(letterPath));
    if (!entry) return false;
    if (findConfigFile(dirname(letterPath)) !== entry.discovered) return true;
    for (const [file, stamp] of entry.stamps) if (modified(file) !== stamp) return true;
    return false;
  }

  /** Forgets every config read (the host's cache too); the next resolve reads the files again. */
  reload(): void {
    clearConfigCache();
    this.cache.clear();
    this.problems.clear();
    this.defaults = undefined;
  }

  private defaultResolution(): ConfigResolution {
    this.defaults ??= { config: defaultConfig(), files: [], isIgnored: () => false };
    return this.defaults;
  }

  private load(letterPath: string): CacheEntry {
    const discovered = findConfigFile(dirname(letterPath));
    try {
      const loaded = loadConfigFor(letterPath);
      const stamps = new Map(loaded.files.map((f) => [f, modified(f)]));
      for (const f of loaded.files) this.problems.delete(f);
      return { resolution: { config: loaded.config, files: loaded.files, isIgnored: loaded.isIgnored }, discovered, stamps };
    } catch (err) {
      const problem = describeProblem(err, discovered);
      const fallback = this.defaultResolution();
      const stamps = new Map<string, string>();
      if (discovered) stamps.set(discovered, modified(discovered));
      if (problem) {
        stamps.set(problem.file, modified(problem.file));
        this.problems.set(problem.file, problem);
        this.log.warn(`foilint: the config ${problem.file}:${problem.line}:${problem.column} cannot be used (${problem.message}). Letters in ${dirname(letterPath)} are linted with the default config until it is fixed.`);
      } else {
        this.log.error(`foilint: reading the config for ${letterPath} failed (${(err as Error)?.message ?? err}). The letter is linted with the default config.`);
      }
      return { resolution: { ...fallback, error: problem }, discovered, stamps };
    }
  }
}

/** Places a config error in a file: the file it names when that is a file, else the nearest
 * config (a missing templates folder is reported on the config that names it). */
function describeProblem(err: unknown, discovered: string | undefined): ConfigProblem | undefined {
  if (!(err instanceof ConfigError) && (err as Error)?.name !== 'ConfigError') return undefined;
  const e = err as ConfigError;
  if (isFile(e.file)) return { file: e.file, line: e.line, column: e.column, message: e.detail };
  if (discovered) return { file: discovered, line: 1, column: 1, message: `${e.file}: ${e.detail}` };
  return undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Modification time and size, or 'gone'. */
function modified(path: string): string {
  try {
    const s = statSync(path);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'gone';
  }
}

/** A path inside a folder, for finding the config that applies to an untitled letter there. */
export function pathInFolder(folder: string): string {
  return join(folder, 'untitled.md');
}
