/** The bundled letter templates (rules/templates/): each one, filled in, passes every rule; each
 * placeholder left in is reported by name; a letter that names a template is held to it; and an
 * authority's own templates (templatesDir) load, extend the bundled ones and report their
 * problems with file:line:column. */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { lint, listRules, type Finding, type ResolvedConfig } from '../../server/src/engine/index.js';
import { BUILTIN_FIELDS, checkTemplateBody, renderDraft } from '../../server/src/engine/drafts.js';
import { ConfigError, clearConfigCache, defaultConfig, loadConfigFor } from '../../server/src/host/config.js';

const HERE = __dirname;
const config = defaultConfig();
const startable = Object.values(config.templates)
  .filter((t) => t.body !== undefined)
  .map((t) => t.id)
  .sort();

const fixture = (dir: string, id: string, ext: string) => readFileSync(join(HERE, dir, `${id}.${ext}`), 'utf8');
const describeFindings = (fs: Finding[]) => fs.map((f) => `${f.startPos.line}:${f.ruleId} ${f.message}`);

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'foilint-templates-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

describe('the bundled templates', () => {
  it('include the eight responses the issue asks for, and an acknowledgement to start from', () => {
    expect(startable).toEqual(['acknowledgement', 'eir-response', 'foisa-response', 'full-disclosure', 'neither-confirm-nor-deny', 'not-held', 'partial-disclosure', 'section-12-refusal', 'section-14-refusal']);
    expect(config.templates.default.body).toBeUndefined();
  });

  it('name their regime, and each regime-specific one its own', () => {
    expect(config.templates['eir-response'].regime).toBe('eir');
    expect(config.templates['foisa-response'].regime).toBe('foisa');
    for (const id of startable.filter((id) => !/eir|foisa|acknowledgement/.test(id))) expect(config.templates[id].regime, id).toBe('foia');
  });

  it('build on the default template: its three sections, in order, then their own', () => {
    const ids = (id: string) => config.templates[id].sections.map((s) => `${s.id}${s.required === false ? '?' : ''}`);
    expect(ids('full-disclosure')).toEqual(['request', 'response', 'rights']);
    expect(ids('partial-disclosure')).toEqual(['request', 'response', 'exemptions', 'public-interest?', 'rights']);
    expect(ids('section-12-refusal')).toEqual(['request', 'response', 'cost-limit', 'advice', 'rights']);
    expect(ids('section-14-refusal')).toEqual(['request', 'response', 'vexatious', 'rights']);
    expect(ids('not-held')).toEqual(['request', 'response', 'advice', 'rights']);
    expect(ids('neither-confirm-nor-deny')).toEqual(['request', 'response', 'exemptions', 'public-interest?', 'rights']);
    // The default template's closing-block headings come along, so answers end where they begin.
    expect(config.templates['full-disclosure'].knownHeadings).toEqual(config.templates.default.knownHeadings);
  });

  it('are all described in docs/templates.md, with every built-in field', () => {
    const doc = readFileSync(join(HERE, '..', '..', 'docs', 'templates.md'), 'utf8');
    for (const id of Object.keys(config.templates)) expect(doc, id).toContain(`| \`${id}\` |`);
    for (const name of Object.keys(BUILTIN_FIELDS)) expect(doc, name).toContain(`{{${name}}}`);
  });

  it.each(startable)('%s: uses only built-in or declared fields, and every declared field', (id) => {
    expect(checkTemplateBody(config.templates[id])).toEqual([]);
  });
});

describe('each template, filled in (test/templates/filled/<id>.md), passes every rule', () => {
  it(`runs all ${listRules().length} rules`, () => expect(listRules()).toHaveLength(21));

  for (const id of startable) {
    const text = fixture('filled', id, 'md');

    it(`${id}: names the template in its front matter and has no findings`, () => {
      expect(text).toMatch(new RegExp(`^---\\ntemplate: ${id}\\nregime: [a-z-]+\\n---\\n`));
      expect(describeFindings(lint(text, { config }).findings)).toEqual([]);
    });

    it(`${id}: keeps every line of the template's own wording, in order`, () => {
      // A filled example that no longer matches its template would test nothing.
      let at = 0;
      for (const line of config.templates[id].body!.split('\n')) {
        if (!line.trim() || /\{\{/.test(line)) continue;
        const found = text.indexOf(line, at);
        expect(found, `"${line}" is not in filled/${id}.md after offset ${at}`).toBeGreaterThanOrEqual(0);
        at = found + line.length;
      }
    });
  }
});

describe('each placeholder left in is reported by placeholder, with its name', () => {
  const PLACEHOLDER = /\{\{\s*[a-z_]+\s*\}\}|\[ANSWER REQUIRED: question \d+\]/g;

  function expectEachFlagged(text: string, cfg: ResolvedConfig) {
    const body = text.indexOf('\n---\n', 4) + 5;
    const placeholders = [...text.slice(body).matchAll(PLACEHOLDER)].map((m) => ({ text: m[0], start: body + m.index }));
    const flagged = lint(text, { config: cfg }).findings.filter((f) => f.ruleId === 'placeholder');
    expect(placeholders.length).toBeGreaterThan(0);
    for (const p of placeholders) {
      const finding = flagged.find((f) => f.start === p.start);
      expect(finding, `${p.text} at offset ${p.start} is not reported`).toBeDefined();
      expect(finding!.end - finding!.start).toBe(p.text.length);
      expect(finding!.message).toContain(`"${p.text}"`);
    }
    expect(flagged).toHaveLength(placeholders.length);
  }

  for (const id of startable) {
    it(`${id}: in a draft started from its sample request`, () => {
      const t = config.templates[id];
      const regime = t.regime ?? 'foia';
      const draft = renderDraft({ template: t, regime, pack: config.packs[regime]!, authority: {}, requestText: fixture('requests', id, 'txt'), received: { year: 2023, month: 3, day: 13 } });
      expectEachFlagged(draft.text, config);
      // What `foilint new` says is left to fill is exactly what placeholder reports.
      expect(draft.unfilled).toEqual([...draft.text.slice(draft.text.indexOf('\n---\n', 4)).matchAll(PLACEHOLDER)].map((m) => m[0]));
    });

    it(`${id}: in the template's own text, every field unfilled`, () => {
      expectEachFlagged(`---\ntemplate: ${id}\n---\n${config.templates[id].body}`, config);
    });
  }
});

describe('a letter that names its template is held to that template', () => {
  const partial = fixture('filled', 'partial-disclosure', 'md');
  const withoutExemptions = partial.replace(/## Exemptions applied\n[^]*?(?=## Public interest test)/, '');

  it('required-sections: a partial disclosure must explain its exemptions', () => {
    const findings = lint(withoutExemptions, { config }).findings.filter((f) => f.ruleId === 'required-sections');
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('"Exemptions applied"')]);
    expect(findings[0].suggestions?.[0].edits[0].newText).toContain('section [exemption] of the Freedom of Information Act 2000');
  });

  it('required-sections: the same letter named as a full disclosure needs no exemptions section', () => {
    const text = withoutExemptions.replace('template: partial-disclosure', 'template: full-disclosure');
    expect(lint(text, { config }).findings.filter((f) => f.ruleId === 'required-sections')).toEqual([]);
  });

  it('section-order: the advice on narrowing comes after the reasons for a section 12 refusal', () => {
    const s12 = fixture('filled', 'section-12-refusal', 'md');
    const advice = /## Advice and assistance\n[^]*?(?=## Your rights)/.exec(s12)![0];
    const moved = s12.replace(advice, '').replace('## Why we cannot answer your request', `${advice}## Why we cannot answer your request`);
    const findings = lint(moved, { config }).findings.filter((f) => f.ruleId === 'section-order');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/Why we cannot answer your request|Advice and assistance/);
  });

  it('config-problem: an unknown template is named, with the known ones', () => {
    const text = partial.replace('template: partial-disclosure', 'template: partial-disclosur');
    const problem = lint(text, { config }).findings.find((f) => f.ruleId === 'config-problem');
    expect(problem?.message).toContain('unknown template "partial-disclosur"');
    expect(problem?.message).toContain('partial-disclosure');
  });
});

describe("an authority's own templates (templatesDir)", () => {
  const house = `---
id: house-disclosure
version: 2.1.0
description: Our full disclosure, with a paragraph on open data.
extends: full-disclosure
sections:
  - id: further-information
    title: Further information
    after: response
    headings: [Further information, Open data]
fields:
  open_data_link:
    type: text
    description: Where the dataset is published.
---
Dear {{requester_name}}

## Your request

Thank you for your request received on {{received_date}}, for the following information:

{{request}}

## Response

We hold the information you asked for.

{{answers}}

## Further information

The data is published at {{open_data_link}}.

## Your rights

{{internal_review}}

{{complaint}}
`;

  it('load from the folder the config names, on top of the bundled ones they extend', () => {
    const dir = workspace({ '.foilintrc.json': '{ "templatesDir": "templates" }', 'templates/house-disclosure.md': house, 'templates/README.md': '# Our templates\n\nNot a template.\n' });
    clearConfigCache();
    const { config: cfg } = loadConfigFor(join(dir, 'letter.md'));
    const t = cfg.templates['house-disclosure'];
    expect(t.sections.map((s) => s.id)).toEqual(['request', 'response', 'further-information', 'rights']);
    expect(t.regime).toBe('foia');
    expect(t.file).toBe('house-disclosure.md');
    expect(cfg.templates['full-disclosure']).toBeDefined();
    // A letter that names it must have the authority's section.
    const letter = fixture('filled', 'full-disclosure', 'md').replace('template: full-disclosure', 'template: house-disclosure');
    expect(lint(letter, { config: cfg }).findings.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([expect.stringMatching(/^required-sections: .*"Further information"/)]);
  });

  const problemOf = (files: Record<string, string>): ConfigError => {
    const dir = workspace({ '.foilintrc.json': '{ "templatesDir": "templates" }', ...files });
    clearConfigCache();
    try {
      loadConfigFor(join(dir, 'letter.md'));
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const e = err as ConfigError;
      return Object.assign(e, { file: e.file.slice(dir.length + 1) });
    }
    throw new Error('no ConfigError');
  };

  it('a field that is neither built in nor declared is reported where it is written', () => {
    const e = problemOf({ 'templates/house.md': house.replace('We hold the information you asked for.', 'We hold the {{informaton}} you asked for.') });
    expect([e.file, e.line, e.column]).toEqual(['templates/house.md', 26, 13]);
    expect(e.detail).toMatch(/^unknown field \{\{informaton\}\}; use a built-in field \(reference, received_date/);
  });

  it('a declared field the text never uses is reported at its declaration', () => {
    const e = problemOf({ 'templates/house.md': house.replace('The data is published at {{open_data_link}}.', 'The data is on our website.') });
    expect([e.file, e.line, e.column, e.detail]).toEqual(['templates/house.md', 12, 3, 'the field "open_data_link" is declared but the template\'s text never uses {{open_data_link}}; use it or remove it']);
  });

  it('a paragraph field inside a sentence is reported', () => {
    const e = problemOf({ 'templates/house.md': house.replace('We hold the information you asked for.', 'We hold the information you asked for: {{answers}}') });
    expect(e.detail).toBe('{{answers}} is a paragraph field: put it on a line of its own');
    expect(e.line).toBe(26);
  });

  it('"extends" naming an unknown template is reported on its line, with the known ones', () => {
    const e = problemOf({ 'templates/house.md': house.replace('extends: full-disclosure', 'extends: full-disclosur') });
    expect([e.file, e.line]).toEqual(['templates/house.md', 5]);
    expect(e.detail).toMatch(/^"extends" names "full-disclosur", which is not a known template \(acknowledgement, default, eir-response/);
  });

  it('"extends" loops are reported', () => {
    const a = house.replace('id: house-disclosure', 'id: a').replace('extends: full-disclosure', 'extends: b');
    const b = house.replace('id: house-disclosure', 'id: b').replace('extends: full-disclosure', 'extends: a');
    expect(problemOf({ 'templates/a.md': a, 'templates/b.md': b }).detail).toBe('"extends" makes a loop: a -> b -> a');
  });

  it('front matter that breaks the schema or YAML is reported at its line', () => {
    expect(problemOf({ 'templates/house.md': house.replace('version: 2.1.0', 'version: two') })).toMatchObject({ line: 3, detail: '"version" must match pattern "^\\d+\\.\\d+\\.\\d+$"' });
    expect(problemOf({ 'templates/house.md': house.replace('    type: text', '    type: txt') })).toMatchObject({ line: 13, detail: expect.stringContaining('"fields.open_data_link.type" must be one of "text", "date", "number", "paragraph"') });
    expect(problemOf({ 'templates/house.md': house.replace('sections:', 'sections: [') }).detail).toMatch(/^YAML syntax error/);
    expect(problemOf({ 'templates/house.md': 'Dear {{requester_name}}\n' }).detail).toMatch(/^a Markdown template starts with front matter/);
  });

  it('two templates with one id are reported', () => {
    expect(problemOf({ 'templates/a.md': house, 'templates/b.md': house }).detail).toMatch(/^the template id "house-disclosure" is also the id of .*a\.md; give each template its own id$/);
  });
});
