import { execSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(process.cwd());
export const BIN = join(ROOT, 'bin', 'foilint.js');

/** Builds dist/ when a test runs without `npm test` having built it. */
export function ensureBuilt(): void {
  if (!existsSync(join(ROOT, 'dist', 'cli.js')) || !existsSync(join(ROOT, 'dist', 'worker.js'))) {
    execSync('node scripts/build.mjs', { cwd: ROOT, stdio: 'inherit' });
  }
}

export interface RunResult {
  code: number | null;
  out: string;
  err: string;
}

export function foilint(args: string[], opts: { cwd: string; input?: string | Buffer; env?: Record<string, string | undefined> }): RunResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', CI: '1', ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd, input: opts.input, env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

export const CLEAN_SOURCE = [join(ROOT, 'examples', 'barnet', 'barnet-cspr-2023.md'), join(ROOT, 'examples', 'barnet-cspr-2023.md')].find((p) => existsSync(p))!;

/** The clean Barnet letter. */
export function cleanLetter(): string {
  return readFileSync(CLEAN_SOURCE, 'utf8');
}

/** The Barnet letter with a {{placeholder}} (an error, not fixable) and an unused disable comment
 * (a `directives` warning with a safe fix that removes it). */
export function defectiveLetter(): string {
  return cleanLetter().replace(
    'Thank you for your request received',
    'Dear {{requester_name}}\n\n<!-- foilint-disable-next-block placeholder -->\nThank you for your request received',
  );
}

/** The Barnet letter with only the fixable directives warning. */
export function warningLetter(): string {
  return cleanLetter().replace('Thank you for your request received', '<!-- foilint-disable-next-block placeholder -->\nThank you for your request received');
}

export function workspace(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'foilint-cli-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

export function copyClean(dir: string, name: string): string {
  const target = join(dir, name);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(CLEAN_SOURCE, target);
  chmodSync(target, 0o644);
  return target;
}
