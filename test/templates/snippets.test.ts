/** The editor snippets (snippets/foilint.code-snippets) are generated from the packs by
 * scripts/snippets.mjs: the committed file must be what the script gives, and every snippet, as
 * inserted (each choice of each one), must pass the rules in a letter of its regime. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lint, type Regime } from '../../server/src/engine/index.js';
import { defaultConfig } from '../../server/src/host/config.js';

const ROOT = join(__dirname, '..', '..');
const config = defaultConfig();

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const committed = readFileSync(join(ROOT, 'snippets', 'foilint.code-snippets'), 'utf8');
const snippets = JSON.parse(committed) as Record<string, Snippet>;
const byPrefix = (prefix: string) => Object.values(snippets).find((s) => s.prefix === prefix)!;

/** What VS Code inserts for a snippet: each placeholder's default, the chosen option of each choice. */
function expand(body: string[], choices: Record<number, number> = {}): string {
  const text = body.join('\n');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      out += text[++i];
    } else if (c === '$') {
      const m = /^\$(?:(\d+)|\{(\d+)\}|\{(\d+):((?:\\.|[^}\\])*)\}|\{(\d+)\|((?:\\.|[^|\\])*)\|\})/.exec(text.slice(i));
      if (!m) throw new Error(`unexpected "$" at ${i} in ${text}`);
      if (m[4] !== undefined) out += m[4].replace(/\\(.)/g, '$1');
      if (m[6] !== undefined) {
        const options = m[6].split(/(?<!\\),/).map((o) => o.replace(/\\(.)/g, '$1'));
        out += options[choices[Number(m[5])] ?? 0];
      }
      i += m[0].length - 1;
    } else out += c;
  }
  return out;
}

/** The options of choice placeholder n in a snippet. */
function optionsOf(body: string[], n: number): string[] {
  const m = new RegExp(`\\$\\{${n}\\|((?:\\\\.|[^|\\\\])*)\\|\\}`).exec(body.join('\n'));
  return m ? m[1].split(/(?<!\\),/).map((o) => o.replace(/\\(.)/g, '$1')) : [];
}

const FILLED: Record<string, string> = {
  review_contact: 'foi@example.gov.uk',
  cost_estimate: 'To answer your request we would need to read around 2,000 case files. At 5 minutes a file, this would take about 166 hours.',
  narrowing_advice: 'For example, you could ask about the last twelve months only.',
  public_interest_for: 'There is a public interest in openness about how public money is spent.',
  public_interest_against: 'There is a public interest in protecting the interests the provision protects.',
  public_interest_balance: 'the public interest in maintaining it outweighs the public interest in disclosure.',
};
const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => FILLED[name] ?? whole);

const LAW: Record<Regime, string> = {
  foia: 'the Freedom of Information Act 2000',
  eir: 'the Environmental Information Regulations 2004',
  foisa: 'the Freedom of Information (Scotland) Act 2002',
  'eir-scotland': 'the Environmental Information (Scotland) Regulations 2004',
};

/** A response letter of a regime, with `response` in its Response section and `rights` as its rights. */
function letter(regime: Regime, response: string, rights?: string): string {
  const pack = config.packs[regime]!;
  const defaultRights = `## Your rights\n\n${pack.wording.internalReview.replace('{{review_contact}}', 'foi@example.gov.uk')}\n\n${pack.wording.complaint}`;
  return `---
regime: ${regime}
---

Example Council

29 March 2023

Our ref: FOI-2023-0142

Dear Ms Okafor

Thank you for your request received on 13 March 2023, for the following information:

Copies of the council's contracts for waste collection.

We have dealt with your request under ${LAW[regime]}.

## Response

We hold the information you asked for.

${response}

${rights ?? defaultRights}

Yours sincerely

Information Governance Team
`;
}

const problems = (text: string, authority = {}) => lint(text, { config: { ...config, authority } }).findings.map((f) => `${f.startPos.line}:${f.ruleId} ${f.message}`);

describe('snippets/foilint.code-snippets', () => {
  it('is what scripts/snippets.mjs makes from rules/packs (run `npm run snippets` after changing a pack)', async () => {
    const script = pathToFileURL(join(ROOT, 'scripts', 'snippets.mjs')).href;
    const { generateSnippets } = (await import(script)) as { generateSnippets(root: string): string };
    expect(committed).toBe(generateSnippets(ROOT));
  });

  it('has the rights paragraphs of every regime, both regulators, the s.12 advice and the public interest test', () => {
    expect(Object.values(snippets).map((s) => s.prefix).sort()).toEqual(['foi-ico', 'foi-pit', 'foi-pit-eir', 'foi-pit-eir-scotland', 'foi-pit-foisa', 'foi-rights-eir', 'foi-rights-eir-scotland', 'foi-rights-foia', 'foi-rights-foisa', 'foi-s12-advice', 'foi-s12-advice-foisa', 'foi-sic']);
  });

  it('leaves each field the officer writes as {{name}}, which placeholder reports if it is left', () => {
    const text = letter('foia', 'Answer.', expand(byPrefix('foi-rights-foia').body));
    expect(problems(text)).toEqual([expect.stringMatching(/placeholder The template field "\{\{review_contact\}\}" is still in the letter/)]);
  });
});

describe('each snippet, as inserted and filled in, passes the rules', () => {
  it.each(['foia', 'eir', 'foisa', 'eir-scotland'] as Regime[])('foi-rights-%s: the pack’s rights paragraphs', (regime) => {
    const rights = fill(expand(byPrefix(`foi-rights-${regime}`).body));
    expect(rights).toContain(config.packs[regime]!.wording.complaint);
    expect(problems(letter(regime, 'The contracts are attached.', rights))).toEqual([]);
  });

  it.each([
    ['foi-ico', 'foia'],
    ['foi-sic', 'foisa'],
  ] as [string, Regime][])('%s: the regulator’s contact details', (prefix, regime) => {
    const contact = expand(byPrefix(prefix).body);
    expect(problems(letter(regime, `The contracts are attached. You can also write to the regulator: ${contact}`))).toEqual([]);
  });

  it('foi-s12-advice: each limit it offers, for the authority it applies to', () => {
    const s = byPrefix('foi-s12-advice');
    expect(optionsOf(s.body, 1)).toEqual(['£600, which represents 24 hours', '£450, which represents 18 hours']);
    const central = fill(expand(s.body, { 1: 0 }));
    const other = fill(expand(s.body, { 1: 1 }));
    expect(problems(letter('foia', central), { centralGovernment: true })).toEqual([]);
    expect(problems(letter('foia', other))).toEqual([]);
    // The rule checks the figures: the other authority's limit is reported.
    expect(problems(letter('foia', central), { centralGovernment: false }).some((p) => /cost-limit/.test(p))).toBe(true);
  });

  it('foi-s12-advice-foisa: £600 at £15 an hour, 40 hours, under the Scottish Fees Regulations', () => {
    const text = fill(expand(byPrefix('foi-s12-advice-foisa').body));
    expect(text).toContain('£600, which represents 40 hours of work at £15 per hour, as set by the Freedom of Information (Fees for Required Disclosure) (Scotland) Regulations 2004');
    expect(problems(letter('foisa', text))).toEqual([]);
  });

  it.each([
    ['foi-pit', 'foia', 'section'],
    ['foi-pit-eir', 'eir', 'regulation'],
    ['foi-pit-foisa', 'foisa', 'section'],
    ['foi-pit-eir-scotland', 'eir-scotland', 'regulation'],
  ] as [string, Regime, string][])('%s: every qualified provision it offers, cited and weighed', (prefix, regime, word) => {
    const s = byPrefix(prefix);
    const options = optionsOf(s.body, 1);
    expect(options.length).toBeGreaterThan(5);
    for (const [i, option] of options.entries()) {
      const cite = option.replace(/ \(.*$/, '');
      const response = `We are withholding the unit prices in the contracts under ${word} ${cite} of ${LAW[regime]}.\n\n${fill(expand(s.body, { 1: i }))}`;
      expect(problems(letter(regime, response)), `${prefix} with ${option}`).toEqual([]);
    }
  });
});
