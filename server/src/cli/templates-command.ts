/** `foilint --list-templates` and `foilint --check-templates`: the templates a letter in the current
 * folder may name (the bundled ones and the authority's `templatesDir`), and whether each is valid. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { lint, listRules } from '../engine/index.js';
import type { PackSet } from '../engine/packs.js';
import { renderDraft } from '../engine/drafts.js';
import type { ResolvedConfig, TemplateSpec } from '../engine/types.js';
import { ConfigError, findConfigFile, layersOf, loadConfigFor } from '../host/config.js';
import { packageRoot } from '../host/package-root.js';
import { bundledPacks } from '../host/packs.js';
import { checkTemplatesDir } from '../host/templates.js';
import { displayPath } from './inputs.js';

/** A folder of templates and what it adds, base first: the bundled folder, then each config
 * layer's `templatesDir` (a later template with the same id replaces an earlier one). */
interface TemplateFolder {
  dir: string;
  /** The config file that names it; undefined for the bundled folder. */
  configFile?: string;
}

function templateFolders(configPath: string | undefined, cwd: string): TemplateFolder[] {
  const folders: TemplateFolder[] = [{ dir: join(packageRoot(), 'rules', 'templates') }];
  const file = configPath ? resolve(cwd, configPath) : findConfigFile(cwd);
  if (configPath && !existsSync(file!)) throw new ConfigError(file!, 1, 1, 'the config file given with --config does not exist');
  for (const layer of file ? layersOf(file) : []) {
    if (layer.data.templatesDir) folders.push({ dir: resolve(dirname(layer.file), layer.data.templatesDir), configFile: layer.file });
  }
  return folders;
}

export interface TemplateListing {
  id: string;
  version: string;
  description: string;
  regime?: string;
  extends?: string;
  /** The sections a letter held to it must have, in order. */
  sections: string[];
  /** It has a letter text that `foilint new` can start from. */
  startable: boolean;
  /** The file it comes from. */
  file: string;
  bundled: boolean;
}

/** Every template a letter in `cwd` may name, by id, with the file it comes from. */
export function listTemplates(configPath: string | undefined, cwd: string): TemplateListing[] {
  const { config } = loadConfigFor(join(cwd, 'letter.md'), { configPath: configPath && resolve(cwd, configPath) });
  const origin = new Map<string, { file: string; bundled: boolean }>();
  let inherited: Record<string, TemplateSpec> = {};
  for (const folder of templateFolders(configPath, cwd)) {
    const { templates } = checkTemplatesDir(folder.dir, inherited);
    for (const t of Object.values(templates)) origin.set(t.id, { file: join(folder.dir, t.file ?? ''), bundled: !folder.configFile });
    inherited = { ...inherited, ...templates };
  }
  return Object.values(config.templates)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((t) => ({
      id: t.id,
      version: t.version,
      description: t.description,
      ...(t.regime ? { regime: t.regime } : {}),
      ...(t.extends ? { extends: t.extends } : {}),
      sections: t.sections.filter((s) => s.required !== false).map((s) => s.id),
      startable: t.body !== undefined,
      file: origin.get(t.id)?.file ?? '',
      bundled: origin.get(t.id)?.bundled ?? true,
    }));
}

export function formatTemplateTable(rows: TemplateListing[], cwd: string): string {
  const table = [
    ['TEMPLATE', 'VERSION', 'REGIME', 'NEW', 'FILE', 'DESCRIPTION'],
    ...rows.map((r) => [r.id, r.version, r.regime ?? 'any', r.startable ? 'yes' : 'no', r.bundled ? `(bundled) ${r.file.slice(packageRoot().length + 1)}` : displayPath(r.file, cwd), r.description]),
  ];
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...table.map((row) => row[i].length)));
  const lines = table.map((row) => row.map((c, i) => (i < 5 ? c.padEnd(widths[i]) : c)).join('  '));
  return `${lines.join('\n')}\n\nNEW: whether \`foilint new --template <id>\` can start a letter from it. A letter names its template in its front matter (template: <id>).\n`;
}

/** A stock request, to render each template and see that its text has the sections it requires. */
const SAMPLE_REQUEST = 'How many requests for information did the authority receive in 2023?\n\nHow many of them were answered within 20 working days?\n';

/** Sections the template requires that its own text, once rendered, does not have (or has out of
 * order): a template that would fail every letter it starts. */
function structureProblems(template: TemplateSpec, templates: Record<string, TemplateSpec>, packs: PackSet): string[] {
  if (template.body === undefined) return [];
  const regime = template.regime ?? 'foia';
  const pack = packs[regime];
  if (!pack) return [];
  const draft = renderDraft({ template, regime, pack, authority: {}, requestText: SAMPLE_REQUEST });
  const rules: ResolvedConfig['rules'] = { ...Object.fromEntries(listRules().map((r) => [r.id, 'off' as const])), 'required-sections': 'error', 'section-order': 'error' };
  const config: ResolvedConfig = { authority: {}, templates: { ...templates, [template.id]: template }, packs, extraSections: [], rules, ignores: [] };
  return lint(draft.text, { config }).findings.map((f) => `its own text fails ${f.ruleId}: ${f.message}`);
}

export interface TemplateCheck {
  checked: number;
  problems: ConfigError[];
}

/** Checks every template folder: schema, fields, `extends`, and that each letter text has the
 * sections its template requires. One problem per file at most, every file checked. */
export function checkTemplates(configPath: string | undefined, cwd: string): TemplateCheck {
  const problems: ConfigError[] = [];
  let inherited: Record<string, TemplateSpec> = {};
  let checked = 0;
  const packs = bundledPacks();
  for (const folder of templateFolders(configPath, cwd)) {
    if (!existsSync(folder.dir)) {
      problems.push(new ConfigError(folder.configFile ?? folder.dir, 1, 1, `"templatesDir" names ${folder.dir}, which does not exist`));
      continue;
    }
    const result = checkTemplatesDir(folder.dir, inherited);
    problems.push(...result.problems);
    checked += Object.keys(result.templates).length + result.problems.length;
    for (const t of Object.values(result.templates)) {
      const found = structureProblems(t, { ...inherited, ...result.templates }, packs);
      if (found.length) problems.push(new ConfigError(join(folder.dir, t.file ?? ''), 1, 1, found[0]));
    }
    inherited = { ...inherited, ...result.templates };
  }
  return { checked, problems };
}
