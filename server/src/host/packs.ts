/** Loads the regime packs (rules/packs/<regime>/pack.yaml), the regulators they name
 * (rules/packs/regulators/<id>.yaml) and their canonical paragraphs, validating each against its
 * schema. A broken pack is a ConfigError with file:line:column, never a pack silently left out. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PackSet, RegimePack, Regulator } from '../engine/packs.js';
import { ConfigError, parseDataFile, validate } from './config.js';
import { packageRoot } from './package-root.js';
import { embeddedRules } from './rules-snapshot.js';

type PackFile = Omit<RegimePack, 'regulator' | 'wording'> & { regulator: string; wording: { internalReview: string; complaint: string } };

function readChecked<T>(file: string, kind: 'pack' | 'regulator'): { value: T; locate: (p: (string | number)[]) => { line: number; column: number } } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, 1, 1, `cannot read the ${kind} file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const { value, locate } = parseDataFile(file, text);
  validate(file, value, locate, kind);
  return { value: value as T, locate };
}

/** Every pattern a pack or regulator holds must compile; say which one does not, and where. */
function checkPatterns(file: string, value: unknown, locate: (p: (string | number)[]) => { line: number; column: number }, path: (string | number)[] = []): void {
  if (Array.isArray(value)) value.forEach((v, i) => checkPatterns(file, v, locate, [...path, i]));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'pattern' || k === 'unless' || k === 'when') && typeof v === 'string') compile(file, v, locate, [...path, k]);
      else if ((k === 'adviceCues' || k === 'cues') && Array.isArray(v)) v.forEach((cue, i) => compile(file, cue, locate, [...path, k, i]));
      else checkPatterns(file, v, locate, [...path, k]);
    }
  }
}

function compile(file: string, source: unknown, locate: (p: (string | number)[]) => { line: number; column: number }, path: (string | number)[]): void {
  try {
    new RegExp(String(source), 'iu');
  } catch (err) {
    const { line, column } = locate(path);
    throw new ConfigError(file, line, column, `"${path.join('.')}" is not a valid regular expression: ${(err as Error).message}`);
  }
}

export function readRegulatorFile(file: string): Regulator {
  const { value, locate } = readChecked<Regulator>(file, 'regulator');
  checkPatterns(file, value, locate);
  return value;
}

/** Reads one pack folder: pack.yaml, the regulator it names and its wording files. */
export function readPackDir(dir: string, regulatorsDir: string): RegimePack {
  const file = join(dir, 'pack.yaml');
  const { value, locate } = readChecked<PackFile>(file, 'pack');
  checkPatterns(file, value, locate);
  const regulatorFile = join(regulatorsDir, `${value.regulator}.yaml`);
  if (!existsSync(regulatorFile)) {
    const { line, column } = locate(['regulator']);
    throw new ConfigError(file, line, column, `the regulator "${value.regulator}" has no file ${regulatorFile}`);
  }
  const wording = { internalReview: '', complaint: '' };
  for (const key of ['internalReview', 'complaint'] as const) {
    const wordingFile = join(dir, value.wording[key]);
    try {
      wording[key] = readFileSync(wordingFile, 'utf8').replace(/\r\n?/g, '\n').trim();
    } catch {
      const { line, column } = locate(['wording', key]);
      throw new ConfigError(file, line, column, `the wording file ${wordingFile} cannot be read`);
    }
    if (!wording[key]) {
      const { line, column } = locate(['wording', key]);
      throw new ConfigError(file, line, column, `the wording file ${wordingFile} is empty`);
    }
  }
  return { ...value, regulator: readRegulatorFile(regulatorFile), wording };
}

const cache = new Map<string, PackSet>();

/** Every pack in a packs folder (one sub-folder per regime, plus `regulators/`), by regime id. */
export function loadPacks(root: string): PackSet {
  const hit = cache.get(root);
  if (hit) return hit;
  if (!existsSync(root)) throw new ConfigError(root, 1, 1, 'the packs folder does not exist');
  const regulatorsDir = join(root, 'regulators');
  const packs: PackSet = {};
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (name === 'regulators' || !statSync(dir).isDirectory() || !existsSync(join(dir, 'pack.yaml'))) continue;
    const pack = readPackDir(dir, regulatorsDir);
    if (pack.id !== name) throw new ConfigError(join(dir, 'pack.yaml'), 1, 1, `the pack's id "${pack.id}" does not match its folder "${name}"`);
    packs[pack.id] = pack;
  }
  cache.set(root, packs);
  return packs;
}

export function bundledPacks(): PackSet {
  const root = packageRoot();
  return embeddedRules(root)?.packs ?? loadPacks(join(root, 'rules', 'packs'));
}
