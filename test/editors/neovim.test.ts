/** foilint's stdio server in a real LSP client other than VS Code: Neovim (Debian's 0.7), headless. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
// In CI Neovim is installed by .ci/run, so its absence is a failure there, not a skip.
const runIt = hasNvim || process.env.CI ? it : it.skip;

describe('Neovim (headless) with foilint-language-server --stdio', () => {
  runIt('attaches, receives foilint diagnostics and offers code actions', () => {
    expect(hasNvim, 'nvim is not installed: apt-get install -y neovim').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'foilint-nvim-'));
    const letter = join(dir, 'letter.md');
    writeFileSync(
      letter,
      [
        'Our ref: FOI-2023-0142',
        '',
        '22 March 2023',
        '',
        'Thank you for your request received on 13 March 2023, for the following information:',
        '',
        'How many potholes were repaired in 2022?',
        '',
        '## Response',
        '',
        'We hold the information. 1,204 potholes were repaired in 2022.',
        '',
        '## Your rights',
        '',
        'If you are unhappy you may ask for an internal review within 40 working days by writing to foi@example.gov.uk. You may then complain to the Information Commissioner, Wycliffe House, Water Lane, Wilmslow, Cheshire, SK9 5AF. Telephone 01625 545 745.',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'result.json');
    const r = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${join(__dirname, 'neovim-check.lua')}`], {
      env: { ...process.env, FOILINT_SERVER: join(ROOT, 'bin', 'foilint-language-server.js'), FOILINT_LETTER: letter, FOILINT_OUT: out },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.error, r.stderr).toBeUndefined();
    const result = JSON.parse(readFileSync(out, 'utf8')) as { attached: boolean; error?: string; diagnostics: { line: number; source: string; code: string }[]; actions: { title: string; kind: string; preferred?: boolean }[] };
    expect(result.error).toBeUndefined();
    expect(result.attached).toBe(true);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ line: 15, source: 'foilint', code: 'ico-details' }));
    // Code actions are asked for the first diagnostic Neovim lists; whichever rule it is, the
    // server offers at least the disable and fix-all actions, all of kind quickfix or source.
    expect(result.actions.length).toBeGreaterThan(1);
    expect(result.actions.map((a) => a.title)).toContainEqual(expect.stringMatching(/^Disable [a-z-]+ for this (block|file)$/));
    for (const a of result.actions) expect(a.kind).toMatch(/^(quickfix|source)/);
  }, 90_000);
});
