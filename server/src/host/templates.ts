/** Reading letter templates: YAML files that say what a letter must contain, and Markdown files
 * whose front matter says it (in the same schema, rules/schema/template.schema.json) and whose
 * text is the letter to start from. Every problem is a ConfigError with file:line:column. */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checkTemplateBody } from '../engine/drafts.js';
import type { SectionSpec, TemplateSpec } from '../engine/types.js';
import { ConfigError, parseDataFile, validate } from './config.js';
import { checkCue } from './config-checks.js';

/** Files a templates folder holds: YAML specs and Markdown templates (a README is not a template). */
export function isTemplateFile(name: string): boolean {
  return /\.(?:ya?ml|md)$/i.test(name) && !/^readme\.md$/i.test(name);
}

export function templateFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter(isTemplateFile)
    .sort()
    .map((name) => join(dir, name));
}

type Locate = (path: (string | number)[]) => { line: number; column: number };

interface Parsed {
  value: unknown;
  locate: Locate;
  /** For a Markdown template: its text after the front matter, and the 0-based line that text starts on. */
  body?: { text: string; line: number };
}

/** A Markdown template: `---` front matter (the spec), then the letter's text. */
function parseMarkdownTemplate(file: string, text: string): Parsed {
  const m = /^---[ \t]*\r?\n([^]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) throw new ConfigError(file, 1, 1, 'a Markdown template starts with front matter (a "---" line, the id, version, description and sections or extends, then "---"); none found');
  let parsed;
  try {
    // A blank line stands for the opening "---", so the front matter keeps its line numbers.
    parsed = parseDataFile(`${file}.yaml`, `\n${m[1]}`);
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(file, err.line, err.column, err.detail);
    throw err;
  }
  if (parsed.value && typeof parsed.value === 'object' && 'body' in parsed.value) {
    const { line, column } = parsed.locate(['body']);
    throw new ConfigError(file, line, column, 'a Markdown template\'s letter text is what follows its front matter; remove the "body" key');
  }
  const line = text.slice(0, m[0].length).split('\n').length - 1;
  return { ...parsed, body: { text: text.slice(m[0].length).replace(/\r\n?/g, '\n'), line } };
}

/** Reads and checks one template file (schema, cue patterns, fields); throws the first problem. */
export function readTemplate(file: string): TemplateSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, 1, 1, `cannot read the template file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed: Parsed = /\.md$/i.test(file) ? parseMarkdownTemplate(file, text) : parseDataFile(file, text);
  const { value, locate } = parsed;
  validate(file, value, locate, 'template');
  const spec = { ...(value as TemplateSpec), sections: (value as TemplateSpec).sections ?? [], file: basename(file) };
  if (parsed.body) spec.body = parsed.body.text;
  for (const [i, s] of spec.sections.entries()) {
    for (const [j, cue] of (s.cues ?? []).entries()) checkCue(file, cue, locate, ['sections', i, 'cues', j]);
  }
  const problem = checkTemplateBody({ ...spec, sections: spec.extends ? [] : spec.sections })[0];
  if (problem) {
    if (problem.start !== undefined) {
      const bodyStartLine = parsed.body?.line ?? 0;
      const before = (spec.body ?? '').slice(0, problem.start);
      const line = bodyStartLine + before.split('\n').length;
      throw new ConfigError(file, line, problem.start - before.lastIndexOf('\n'), problem.message);
    }
    const { line, column } = locate(problem.path ?? []);
    throw new ConfigError(file, line, column, problem.message);
  }
  return spec;
}

/** A child's sections over its parent's: same id replaces in place; a new one goes after its
 * `after` section, or at the end (as an authority's extra sections do). */
function mergeSections(parent: SectionSpec[], own: SectionSpec[]): SectionSpec[] {
  const out = [...parent];
  for (const s of own) {
    const existing = out.findIndex((x) => x.id === s.id);
    if (existing >= 0) {
      out[existing] = s;
      continue;
    }
    const after = s.after ? out.findIndex((x) => x.id === s.after) : -1;
    out.splice(after >= 0 ? after + 1 : out.length, 0, s);
  }
  return out;
}

/** Where a template file says `extends:`, for errors about it. */
function extendsPosition(dir: string, spec: TemplateSpec): { file: string; line: number; column: number } {
  const file = join(dir, spec.file ?? `${spec.id}.md`);
  try {
    const lines = readFileSync(file, 'utf8').split('\n');
    const n = lines.findIndex((l) => /^extends\s*:/.test(l));
    return { file, line: n >= 0 ? n + 1 : 1, column: 1 };
  } catch {
    return { file, line: 1, column: 1 };
  }
}

/** Resolves `extends` within a folder's templates and the templates it builds on (the bundled
 * ones, for an authority's folder). Throws on an unknown parent, a loop, or a section placed after
 * one that does not exist. */
export function resolveTemplates(dir: string, own: Record<string, TemplateSpec>, inherited: Record<string, TemplateSpec> = {}): Record<string, TemplateSpec> {
  const done: Record<string, TemplateSpec> = {};
  const resolve = (id: string, chain: string[]): TemplateSpec => {
    if (done[id]) return done[id];
    const spec = own[id];
    if (!spec.extends) return (done[id] = spec);
    // An authority's template may replace a bundled one and build on it: "default" extends "default".
    const parentIsOwn = spec.extends !== id && !!own[spec.extends];
    if (parentIsOwn && chain.includes(spec.extends)) {
      const at = extendsPosition(dir, spec);
      throw new ConfigError(at.file, at.line, at.column, `"extends" makes a loop: ${[...chain, id, spec.extends].join(' -> ')}`);
    }
    const parent = parentIsOwn ? resolve(spec.extends, [...chain, id]) : inherited[spec.extends];
    if (!parent) {
      const at = extendsPosition(dir, spec);
      const known = [...new Set([...Object.keys(own), ...Object.keys(inherited)])].filter((k) => k !== id).sort();
      throw new ConfigError(at.file, at.line, at.column, `"extends" names "${spec.extends}", which is not a known template (${known.join(', ')})`);
    }
    const knownHeadings = [...new Set([...(parent.knownHeadings ?? []), ...(spec.knownHeadings ?? [])])];
    const resolved: TemplateSpec = {
      ...spec,
      source: spec.source ?? parent.source,
      regime: spec.regime ?? parent.regime,
      sections: mergeSections(parent.sections, spec.sections),
      ...(knownHeadings.length ? { knownHeadings } : {}),
    };
    const problem = checkTemplateBody({ ...resolved, body: undefined, fields: undefined })[0];
    if (problem) {
      const at = extendsPosition(dir, spec);
      throw new ConfigError(at.file, at.line, at.column, problem.message);
    }
    return (done[id] = resolved);
  };
  for (const id of Object.keys(own)) resolve(id, []);
  return done;
}

/** Reads every template in a folder, by id, with `extends` resolved. Throws the first problem. */
export function readTemplatesDir(dir: string, inherited: Record<string, TemplateSpec> = {}): Record<string, TemplateSpec> {
  const own: Record<string, TemplateSpec> = {};
  for (const file of templateFilesIn(dir)) {
    const spec = readTemplate(file);
    if (own[spec.id]) throw new ConfigError(file, 1, 1, `the template id "${spec.id}" is also the id of ${join(dir, own[spec.id].file ?? '')}; give each template its own id`);
    own[spec.id] = spec;
  }
  return resolveTemplates(dir, own, inherited);
}

/** Checks every template in a folder and gives every problem (one per file at most), for
 * `foilint --check-templates`; a folder that cannot be read is one problem. */
export function checkTemplatesDir(dir: string, inherited: Record<string, TemplateSpec> = {}): { templates: Record<string, TemplateSpec>; problems: ConfigError[] } {
  const problems: ConfigError[] = [];
  const own: Record<string, TemplateSpec> = {};
  let files: string[];
  try {
    files = templateFilesIn(dir);
  } catch (err) {
    return { templates: {}, problems: [new ConfigError(dir, 1, 1, `cannot read the templates folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`)] };
  }
  for (const file of files) {
    try {
      const spec = readTemplate(file);
      if (own[spec.id]) throw new ConfigError(file, 1, 1, `the template id "${spec.id}" is also the id of ${join(dir, own[spec.id].file ?? '')}; give each template its own id`);
      own[spec.id] = spec;
    } catch (err) {
      if (err instanceof ConfigError) problems.push(err);
      else throw err;
    }
  }
  // A bad "extends" is reported and its template left out, so it does not hide the others.
  const templates: Record<string, TemplateSpec> = {};
  for (;;) {
    try {
      Object.assign(templates, resolveTemplates(dir, own, inherited));
      break;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(err);
      const bad = Object.values(own).find((s) => join(dir, s.file ?? '') === err.file);
      if (!bad) break;
      delete own[bad.id];
    }
  }
  return { templates, problems };
}
