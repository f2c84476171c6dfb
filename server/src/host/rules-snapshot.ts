/** The rules data foilint ships (rules/templates, rules/packs) parsed and validated at build time
 * and embedded in each bundle, so that start-up reads one JSON string instead of parsing YAML and
 * compiling JSON schemas (about 0.2 s of CPU, most of a one-letter run, paid again by every worker).
 * The copy is used only while every file under those folders is byte for byte the file it was made
 * from: a compliance lead who edits, adds or removes one gets the files read and validated as before.
 * Run from source (tests), there is no copy and the files are always read. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackSet } from '../engine/packs.js';
import type { TemplateSpec } from '../engine/types.js';
import { loadTemplates } from './config.js';
import { loadPacks } from './packs.js';

export interface RulesSnapshot {
  /** Every file under rules/templates and rules/packs, by path relative to the package root, with its SHA-1. */
  files: Record<string, string>;
  templates: Record<string, TemplateSpec>;
  packs: PackSet;
}

/** Set by scripts/build.mjs (esbuild `define`): the snapshot as a JSON string. */
declare const FOILINT_RULES_SNAPSHOT: string | undefined;

const FOLDERS = ['rules/templates', 'rules/packs'];

function filesUnder(root: string, rel: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(join(root, rel), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = `${rel}/${e.name}`;
    if (e.isDirectory()) filesUnder(root, path, out);
    else out.push(path);
  }
  return out;
}

function digests(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const folder of FOLDERS) {
    for (const path of filesUnder(root, folder)) files[path] = createHash('sha1').update(readFileSync(join(root, path))).digest('hex');
  }
  return files;
}

/** Builds the snapshot from the files (the slow path, which validates everything). For the build. */
export function makeRulesSnapshot(root: string): string {
  const snapshot: RulesSnapshot = {
    files: digests(root),
    templates: loadTemplates(join(root, 'rules', 'templates')),
    packs: loadPacks(join(root, 'rules', 'packs')),
  };
  return JSON.stringify(snapshot);
}

let checked: { root: string; snapshot: RulesSnapshot | undefined } | undefined;

/** The embedded snapshot when it matches the files on disk, else undefined. */
export function embeddedRules(root: string): RulesSnapshot | undefined {
  if (checked?.root === root) return checked.snapshot;
  let snapshot: RulesSnapshot | undefined;
  if (typeof FOILINT_RULES_SNAPSHOT === 'string') {
    const candidate = JSON.parse(FOILINT_RULES_SNAPSHOT) as RulesSnapshot;
    const now = digests(root);
    const same = Object.keys(now).length === Object.keys(candidate.files).length && Object.entries(now).every(([path, sha]) => candidate.files[path] === sha);
    if (same) snapshot = candidate;
  }
  checked = { root, snapshot };
  return snapshot;
}

/** Makes the next call check the files again (after the config cache is cleared). */
export function forgetEmbeddedRules(): void {
  checked = undefined;
}
