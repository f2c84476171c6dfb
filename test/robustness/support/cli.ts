/** Runs the built CLI with preloads (test/robustness/support/*.cjs) that watch or fault its I/O. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BIN, ROOT, type RunResult } from '../../cli/helpers.js';

export const PRELOAD = {
  fsWatch: join(ROOT, 'test', 'robustness', 'support', 'fs-watch.cjs'),
  noNetwork: join(ROOT, 'test', 'robustness', 'support', 'no-network.cjs'),
};

export function foilintWith(preloads: string[], args: string[], opts: { cwd: string; env?: Record<string, string | undefined>; input?: string | Buffer; timeout?: number }): RunResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', CI: '1', ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [...preloads.flatMap((p) => ['--require', p]), BIN, ...args], { cwd: opts.cwd, env: env as NodeJS.ProcessEnv, input: opts.input, encoding: 'utf8', timeout: opts.timeout ?? 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

export interface FsCall {
  op: string;
  thread: number;
  args: (string | number)[];
}

export function readFsLog(file: string): FsCall[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as FsCall);
}

/** Every file and folder under a root: path -> size, mode and modification time (of files: a
 * folder's own time changes whenever a file in it is replaced, so folders are listed by name). */
export function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const s = statSync(p);
      out.set(relative(root, p), s.isDirectory() ? `dir ${(s.mode & 0o7777).toString(8)}` : `${s.size} ${(s.mode & 0o7777).toString(8)} ${s.mtimeMs}`);
      if (s.isDirectory()) walk(p);
    }
  };
  walk(root);
  return out;
}

/** Paths whose entry differs between two snapshots (added, removed or changed). */
export function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}
