import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { parse as parseJsonc, parseTree, findNodeAtLocation, printParseErrorCode, type ParseError, type Node as JsonNode } from 'jsonc-parser';
import { parseDocument, isMap, isSeq, LineCounter } from 'yaml';
import picomatch from 'picomatch';
import type { ResolvedConfig, RuleSetting, SectionSpec, TemplateSpec, Regime, AuthorityConfig } from '../engine/types.js';
import { packageRoot } from './package-root.js';
import { bundledPacks } from './packs.js';
import { embeddedRules, forgetEmbeddedRules } from './rules-snapshot.js';
import { readTemplate, readTemplatesDir } from './templates.js';
import { checkRuleOptions, checkSectionCues } from './config-checks.js';

export const CONFIG_FILE_NAMES = ['.foilintrc.json', '.foilintrc.jsonc', '.foilintrc.yaml', '.foilintrc.yml'];

/** A config (or template) file that cannot be used, with where the problem is. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
    this.name = 'ConfigError';
  }
}

/** The config file as written (after JSON/YAML parsing and schema validation). */
export interface ConfigFile {
  extends?: string | string[];
  root?: boolean;
  regime?: Regime;
  authority?: AuthorityConfig;
  template?: string;
  templatesDir?: string;
  sections?: (SectionSpec & { after?: string })[];
  rules?: Record<string, RuleSetting>;
  ignores?: string[];
  noInlineConfig?: boolean;
}

export interface LoadedConfig {
  config: ResolvedConfig;
  /** Config files that made it, nearest last. */
  files: string[];
  /** Tells whether a letter is excluded by the config's `ignores`. */
  isIgnored(filePath: string): boolean;
}

// Made on first use: with no config file, the bundled rules come pre-validated (rules-snapshot.ts).
let ajv: Ajv | undefined;
export type DataFileKind = 'config' | 'template' | 'pack' | 'regulator';
const validators = new Map<DataFileKind, ReturnType<Ajv['compile']>>();

function schema(name: string): object {
  return JSON.parse(readFileSync(join(packageRoot(), 'rules', 'schema', name), 'utf8'));
}

/** Parses JSON, JSONC or YAML text into a value, with a ConfigError on a syntax error. Returns a
 * locator that turns a JSON path into line/column, for schema errors. */
export function parseDataFile(file: string, text: string): { value: unknown; locate: (path: (string | number)[]) => { line: number; column: number } } {
  const lineCol = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - before.lastIndexOf('\n') };
  };
  if (/\.ya?ml$/i.test(file)) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false });
    if (doc.errors.length) {
      const e = doc.errors[0];
      const pos = lineCounter.linePos(e.pos[0]);
      throw new ConfigError(file, pos.line, pos.col, `YAML syntax error: ${e.message.split('\n')[0]}`);
    }
    return {
      value: doc.toJS(),
      locate: (path) => {
        let node: unknown = doc.contents;
        let range: [number, number, number] | undefined = (node as { range?: [number, number, number] })?.range;
        for (const key of path) {
          if (isMap(node)) {
            const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
            if (!pair) break;
            range = (pair.key as { range?: [number, number, number] })?.range ?? range;
            node = pair.value;
          } else if (isSeq(node)) {
            node = node.items[key as number];
            range = (node as { range?: [number, number, number] })?.range ?? range;
          } else break;
        }
        const pos = lineCounter.linePos(range?.[0] ?? 0);
        return { line: pos.line, column: pos.col };
      },
    };
  }
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length) {
    const { line, column } = lineCol(errors[0].offset);
    throw new ConfigError(file, line, column, `JSON syntax error: ${printParseErrorCode(errors[0].error)}`);
  }
  const tree = parseTree(text, [], { allowTrailingComma: true });
  return {
    value,
    locate: (path) => {
      let node: JsonNode | undefined;
      for (let n = path.length; n >= 0 && !node; n--) node = tree ? findNodeAtLocation(tree, path.slice(0, n)) : undefined;
      // Point at the property's key, where the reader looks for it.
      const at = node?.parent?.type === 'property' && node.parent.children?.[0] ? node.parent.children[0].offset : (node?.offset ?? 0);
      return lineCol(at);
    },
  };
}

function describeSchemaError(e: ErrorObject): { path: (string | number)[]; message: string } {
  const path = e.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
  const where = path.length ? `"${path.join('.')}"` : 'the top level';
  if (e.keyword === 'additionalProperties') {
    const key = (e.params as { additionalProperty: string }).additionalProperty;
    return { path: [...path, key], message: `unknown key "${key}" in ${where}` };
  }
  if (e.keyword === 'propertyNames' && path[0] === 'fields') {
    const name = (e.params as { propertyName?: string }).propertyName ?? String(path[path.length - 1]);
    return { path: [...path, name], message: `"${name}" is not a field name; use lower-case letters, digits and underscores, starting with a letter` };
  }
  if (e.keyword === 'propertyNames' || (e.keyword === 'enum' && e.schemaPath.includes('ruleId'))) {
    const name = (e.params as { propertyName?: string }).propertyName ?? String(path[path.length - 1]);
    return { path: path[path.length - 1] === name ? path : [...path, name], message: `unknown rule id "${name}"; run \`foilint --list-rules\` for the ids` };
  }
  if (e.keyword === 'enum') {
    return { path, message: `${where} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
  }
  if (e.keyword === 'oneOf' && path[0] === 'rules') {
    return { path, message: `${where} must be a severity ("error", "warning", "info", "off") or [severity, options]` };
  }
  return { path, message: `${where} ${e.message}` };
}

/** Checks a data file against its schema in rules/schema/ and throws the most telling error. */
export function validate(file: string, value: unknown, locate: (p: (string | number)[]) => { line: number; column: number }, kind: DataFileKind): void {
  let validator = validators.get(kind);
  if (!validator) validators.set(kind, (validator = (ajv ??= new Ajv({ allErrors: true, strict: false })).compile(schema(`${kind}.schema.json`))));
  if (validator(value)) return;
  const errors = (validator.errors ?? []).filter((e) => e.keyword !== 'if');
  // The most specific error first: an unknown key or rule id tells the user most.
  const best = errors.find((e) => e.keyword === 'additionalProperties' || e.keyword === 'propertyNames') ?? errors.find((e) => e.keyword !== 'oneOf') ?? errors[0];
  const { path, message } = describeSchemaError(best);
  const { line, column } = locate(path);
  throw new ConfigError(file, line, column, message);
}

export function readConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, 1, 1, `cannot read the config file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const { value, locate } = parseDataFile(file, text);
  if (value === null || value === undefined) return {};
  validate(file, value, locate, 'config');
  checkRuleOptions(file, (value as ConfigFile).rules, locate);
  checkSectionCues(file, (value as ConfigFile).sections, locate);
  return value as ConfigFile;
}

/** One template file (YAML, or Markdown with the spec in its front matter), checked. */
export function readTemplateFile(file: string): TemplateSpec {
  return readTemplate(file);
}

const templateCache = new Map<string, Record<string, TemplateSpec>>();

/** Loads every template in a folder (YAML and Markdown files), by id, with `extends` resolved
 * against the folder's own templates and then `inherited` (the bundled ones, for an authority's). */
export function loadTemplates(dir: string, inherited: Record<string, TemplateSpec> = {}): Record<string, TemplateSpec> {
  const key = `${dir}\0${Object.keys(inherited).sort().join(',')}`;
  const hit = templateCache.get(key);
  if (hit) return hit;
  if (!existsSync(dir)) throw new ConfigError(dir, 1, 1, 'the templates folder does not exist');
  const out = readTemplatesDir(dir, inherited);
  templateCache.set(key, out);
  return out;
}

export function bundledTemplates(): Record<string, TemplateSpec> {
  const root = packageRoot();
  return embeddedRules(root)?.templates ?? loadTemplates(join(root, 'rules', 'templates'));
}

/** The nearest config file from a folder upwards (stopping at a config with `root: true`, or at `stopAt`). */
export function findConfigFile(startDir: string, stopAt?: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir || (stopAt && resolve(dir) === resolve(stopAt))) return undefined;
    dir = parent;
  }
}

export interface Layer {
  file: string;
  data: ConfigFile;
}

/** A config file and everything it extends, the base first. */
export function layersOf(file: string, seen: string[] = []): Layer[] {
  const abs = resolve(file);
  if (seen.includes(abs)) throw new ConfigError(abs, 1, 1, `"extends" makes a loop: ${[...seen, abs].join(' -> ')}`);
  const data = readConfigFile(abs);
  const bases = data.extends === undefined ? [] : Array.isArray(data.extends) ? data.extends : [data.extends];
  const layers: Layer[] = [];
  for (const base of bases) {
    const target = isAbsolute(base) ? base : resolve(dirname(abs), base);
    if (!existsSync(target)) throw new ConfigError(abs, 1, 1, `"extends" names "${base}", which does not exist`);
    layers.push(...layersOf(target, [...seen, abs]));
  }
  layers.push({ file: abs, data });
  return layers;
}

export interface ResolveOptions {
  /** Use this config file instead of discovery (--config). */
  configPath?: string;
  /** Rule settings that override every file (--rule id:severity). */
  ruleOverrides?: Record<string, RuleSetting>;
  /** Where discovery stops (the workspace folder in the editor). */
  stopAt?: string;
}

const loadCache = new Map<string, LoadedConfig>();

/** The config for a letter: `--config`, else the nearest config file, else the defaults. */
export function loadConfigFor(letterPath: string, options: ResolveOptions = {}): LoadedConfig {
  const file = options.configPath ? resolve(options.configPath) : findConfigFile(dirname(resolve(letterPath)), options.stopAt);
  if (options.configPath && !existsSync(file!)) throw new ConfigError(file!, 1, 1, 'the config file given with --config does not exist');
  const key = `${file ?? ''}\0${JSON.stringify(options.ruleOverrides ?? {})}`;
  const hit = loadCache.get(key);
  if (hit) return hit;
  const loaded = resolveLayers(file ? layersOf(file) : [], options.ruleOverrides);
  loadCache.set(key, loaded);
  return loaded;
}

export function clearConfigCache(): void {
  loadCache.clear();
  templateCache.clear();
  forgetEmbeddedRules();
}

export function defaultConfig(): ResolvedConfig {
  return resolveLayers([]).config;
}

function resolveLayers(layers: Layer[], ruleOverrides?: Record<string, RuleSetting>): LoadedConfig {
  const templates = { ...bundledTemplates() };
  const config: ResolvedConfig = { authority: {}, templates, packs: bundledPacks(), extraSections: [], rules: {}, ignores: [] };
  const ignoreMatchers: ((p: string) => boolean)[] = [];
  for (const { file, data } of layers) {
    const dir = dirname(file);
    if (data.regime) config.regime = data.regime;
    if (data.authority) config.authority = { ...config.authority, ...data.authority };
    if (data.template) config.template = data.template;
    if (data.templatesDir) Object.assign(templates, loadTemplates(resolve(dir, data.templatesDir), templates));
    for (const s of data.sections ?? []) {
      config.extraSections = [...config.extraSections.filter((x) => x.id !== s.id), { ...s, headings: s.headings ?? [] }];
    }
    if (data.rules) config.rules = { ...config.rules, ...data.rules };
    if (data.noInlineConfig !== undefined) config.noInlineConfig = data.noInlineConfig;
    for (const pattern of data.ignores ?? []) {
      config.ignores.push(pattern);
      const match = picomatch(pattern, { dot: true });
      ignoreMatchers.push((p) => {
        const rel = relative(dir, p);
        return !rel.startsWith('..') && match(rel.split(sep).join('/'));
      });
    }
  }
  if (config.template && !templates[config.template]) {
    const last = layers[layers.length - 1];
    throw new ConfigError(last?.file ?? '<config>', 1, 1, `"template" names "${config.template}", which is not a known template (${Object.keys(templates).sort().join(', ')})`);
  }
  if (ruleOverrides) config.rules = { ...config.rules, ...ruleOverrides };
  return {
    config,
    files: layers.map((l) => l.file),
    isIgnored: (p) => ignoreMatchers.some((m) => m(resolve(p))),
  };
}
