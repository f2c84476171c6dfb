/** The grammar highlights as a placeholder exactly what the placeholder rule reports: the two
 * hold the same patterns (syntaxes/foilint.injection.tmLanguage.json and
 * server/src/engine/rules/placeholder.ts), and this test keeps them from drifting apart. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { lint } from '../../server/src/engine/index.js';
import { defaultConfig } from '../../server/src/host/config.js';
import { readFixture } from '../support/fixtures.js';

const ROOT = join(__dirname, '..', '..');
const require = createRequire(__filename);

interface Token {
  startIndex: number;
  endIndex: number;
  scopes: string[];
}
interface Grammar {
  tokenizeLine(line: string, stack: unknown): { tokens: Token[]; ruleStack: unknown };
}

/** vscode-tmgrammar-test's own registry (vscode-textmate with oniguruma), as the grammar tests use it. */
async function markdownGrammar(): Promise<Grammar> {
  const { createRegistry } = require('vscode-tmgrammar-test/dist/common/index.js') as {
    createRegistry(gs: { path: string; scopeName: string; injectTo?: string[] }[]): { loadGrammar(scope: string): Promise<Grammar> };
  };
  const registry = createRegistry([
    { path: join(ROOT, 'test', 'grammar', 'markdown-base.tmLanguage.json'), scopeName: 'text.html.markdown' },
    { path: join(ROOT, 'syntaxes', 'foilint.injection.tmLanguage.json'), scopeName: 'foilint.injection', injectTo: ['text.html.markdown', 'text.plain'] },
  ]);
  return registry.loadGrammar('text.html.markdown');
}

/** Spans the grammar marks as placeholders, as "start-end: text". */
function highlighted(grammar: Grammar, text: string): string[] {
  const out: string[] = [];
  let stack: unknown = null;
  let offset = 0;
  for (const line of text.split('\n')) {
    const { tokens, ruleStack } = grammar.tokenizeLine(line, stack);
    stack = ruleStack;
    let open: { start: number; scope: string } | undefined;
    for (const t of [...tokens, { startIndex: line.length, endIndex: line.length, scopes: [] }]) {
      const scope = t.scopes.find((s) => s.startsWith('variable.other.placeholder.'));
      if (open && scope !== open.scope) {
        out.push(`${offset + open.start}-${offset + t.startIndex}: ${line.slice(open.start, t.startIndex)}`);
        open = undefined;
      }
      if (scope && !open) open = { start: t.startIndex, scope };
    }
    offset += line.length + 1;
  }
  return out;
}

/** Spans the placeholder rule reports, in the same form. */
function reported(text: string): string[] {
  return lint(text, { config: defaultConfig() })
    .findings.filter((f) => f.ruleId === 'placeholder')
    .map((f) => `${f.start}-${f.end}: ${text.slice(f.start, f.end)}`);
}

/** Lines that try each pattern's edges: links are not placeholders, an e-mail's "TODO." is not a mark. */
const EDGE_CASES = `Dear {{requester_name}}, {{ received_date }} and {{ }} and {{a
b}}.

[ANSWER REQUIRED: question 12] [NAME] [REVIEW CONTACT] [A/B TEAM] [Insert figure] [insert the date] [Name of officer] [DN: check] [Note: ask legal] [Drafting note: x].

[ICO](https://ico.org.uk) [GOV.UK][1] [NAME]: label [a note] [Tbc] [X] [2023] [FOI 12/3].

<<table 1>> << x >> <insert date> <Enter the figure> <name> <add>, <b>bold</b> and <date>.

XXX, XXXX, TBC. TBA; TODO FIXME, tbc, TODO.list@example.org, XXX@x.org, v1.TBC, TBC.md and TODO.

1. [ANSWER REQUIRED: question 1]
- {{answer}}
> [NAME] quoted
`;

describe('the grammar and the placeholder rule agree on what a placeholder is', () => {
  const corpora: [string, string][] = [['edge cases', EDGE_CASES]];
  for (const f of readdirSync(join(ROOT, 'test', 'rules', 'placeholder')).sort()) corpora.push([`test/rules/placeholder/${f}`, readFixture(join(ROOT, 'test', 'rules', 'placeholder', f)).text]);
  for (const t of Object.values(defaultConfig().templates).filter((t) => t.body)) corpora.push([`template ${t.id}`, t.body!]);
  corpora.push(['test/grammar/snap/draft-letter.md (comment line blanked)', readFileSync(join(ROOT, 'test', 'grammar', 'snap', 'draft-letter.md'), 'utf8').replace(/^<!--.*-->$/gm, '')]);

  it.each(corpora)('%s', async (_name, text) => {
    const grammar = await markdownGrammar();
    expect(highlighted(grammar, text)).toEqual(reported(text));
  });
});
