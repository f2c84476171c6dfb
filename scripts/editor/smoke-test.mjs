// A user's-eye smoke test of the packaged extension: install the .vsix into a clean code-server,
// open a letter with Ctrl+P, see the squiggle and the Problems panel, apply the quick fix with
// Ctrl+. and Enter, save with Ctrl+S, and check the file on disk. Takes the README screenshot.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyExtensionLog, installExtension, launchBrowser, startCodeServer } from './code-server.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs the steps in order; once one fails, the rest are reported as not run (failed). */
async function steps(list, log) {
  const results = [];
  let blocked;
  for (const [name, fn] of list) {
    const started = Date.now();
    if (blocked) {
      results.push({ name, ok: false, ms: 0, error: `not run: "${blocked}" failed` });
      continue;
    }
    try {
      const notes = (await fn()) ?? undefined;
      results.push({ name, ok: true, ms: Date.now() - started, notes });
      log(`ok   ${name} (${Date.now() - started} ms)`);
    } catch (err) {
      blocked = name;
      results.push({ name, ok: false, ms: Date.now() - started, error: err instanceof Error ? err.message : String(err) });
      log(`FAIL ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return results;
}

/** The 1-based line and column of the first occurrence of needle in the file. */
function positionOf(file, needle) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`fixture ${file} does not contain "${needle}"`);
  return { line: line + 1, column: lines[line].indexOf(needle) + 1 };
}

export async function runSmokeTest({ codeServerBin, chromium, vsix, workspace, tmp, resultsDir, screenshot, log }) {
  const started = Date.now();
  const extensionsDir = join(tmp, 'smoke-extensions');
  const userDataDir = join(tmp, 'smoke-user-data');
  const letter = join(workspace, 'letter.md');
  const wrongPostcode = positionOf(letter, 'SK9 5AX');
  let server;
  let browser;
  let page;
  const key = async (combo) => page.keyboard.press(combo);

  try {
    const results = await steps(
      [
        [
          'the packaged .vsix installs into code-server',
          async () => {
            const r = installExtension(codeServerBin, vsix, { extensionsDir, userDataDir });
            if (!r.ok) throw new Error(`code-server --install-extension failed:\n${r.output}`);
            const installed = readdirSync(extensionsDir).filter((d) => d.startsWith('foilint.foilint-'));
            if (!installed.length) throw new Error(`no foilint.foilint-* folder in ${extensionsDir} after installing; output:\n${r.output}`);
            return { installMs: r.ms };
          },
        ],
        [
          "the installed extension's bundled CLI lints a letter (no node_modules)",
          async () => {
            const dir = readdirSync(extensionsDir).find((d) => d.startsWith('foilint.foilint-'));
            const r = spawnSync(process.execPath, [join(extensionsDir, dir, 'bin', 'foilint.js'), '--no-color', 'unopened/other.md'], { cwd: workspace, encoding: 'utf8', timeout: 30_000 });
            if (r.status !== 1 || !/SK9 5AF/.test(r.stdout) || !/ico-details/.test(r.stdout)) {
              throw new Error(`expected exit 1 and an ico-details problem; got exit ${r.status}:\n${r.stdout}${r.stderr}`);
            }
          },
        ],
        [
          'opening the letter with Ctrl+P shows a foilint squiggle',
          async () => {
            server = await startCodeServer(codeServerBin, { folder: workspace, userDataDir, extensionsDir, logFile: join(resultsDir, 'code-server-smoke.log') });
            browser = await launchBrowser(chromium, join(tmp, 'smoke-browser'));
            page = browser.pages()[0] ?? (await browser.newPage());
            await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
            await page.locator('.monaco-workbench .explorer-folders-view').first().waitFor({ timeout: 60_000 });
            await key('Control+P');
            await page.locator('.quick-input-widget input').first().waitFor({ timeout: 15_000 });
            await page.keyboard.type('letter.md');
            await page.locator('.quick-input-list .monaco-list-row', { hasText: 'letter.md' }).first().waitFor({ timeout: 15_000 });
            await key('Enter');
            const opened = Date.now();
            await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 45_000 });
            return { squiggleMs: Date.now() - opened };
          },
        ],
        [
          'Ctrl+Shift+M shows the letter’s foilint problems in the Problems panel',
          async () => {
            await key('Control+Shift+M');
            await page.locator('.markers-panel .monaco-list-row', { hasText: 'ico-details' }).first().waitFor({ timeout: 15_000 });
            const text = await page.locator('.markers-panel').first().innerText();
            if (!/foilint/.test(text)) throw new Error(`the Problems panel does not name foilint as the source:\n${text.slice(0, 500)}`);
          },
        ],
        [
          'Ctrl+. then Enter on the wrong postcode applies the quick fix, and Ctrl+S saves it',
          async () => {
            // Ctrl+G puts the cursor on the squiggle (line:column), as a user would by clicking.
            await key('Control+G');
            await page.locator('.quick-input-widget input').first().waitFor({ timeout: 10_000 });
            await page.keyboard.type(`${wrongPostcode.line}:${wrongPostcode.column + 2}`);
            await key('Enter');
            await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden', timeout: 10_000 });
            await key('Control+.');
            const rows = page.locator('.action-widget .monaco-list-row.action');
            await rows.first().waitFor({ timeout: 15_000 });
            const titles = await rows.allInnerTexts();
            const wanted = titles.findIndex((t) => /SK9 5AF/.test(t));
            if (wanted < 0) throw new Error(`no quick fix offering "SK9 5AF" in the Ctrl+. menu: ${JSON.stringify(titles)}`);
            await page.screenshot({ path: screenshot });
            for (let i = 0; i < wanted; i++) await key('ArrowDown');
            await key('Enter');
            await page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout: 10_000 });
            await key('Control+S');
            const deadline = Date.now() + 15_000;
            while (!readFileSync(letter, 'utf8').includes('Cheshire, SK9 5AF.')) {
              if (Date.now() > deadline) throw new Error(`${letter} on disk still has the wrong postcode 15 s after Ctrl+S`);
              await sleep(100);
            }
            await page.locator('.markers-panel .monaco-list-row', { hasText: 'ico-details' }).first().waitFor({ state: 'detached', timeout: 15_000 });
            return { menuItems: titles.length, picked: titles[wanted].replace(/\s+/g, ' ').trim() };
          },
        ],
      ],
      log,
    );
    return { results, ms: Date.now() - started };
  } finally {
    // The final state, for looking into a failure.
    if (page && !page.isClosed()) await page.screenshot({ path: join(resultsDir, 'smoke-final.png') }).catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    copyExtensionLog(userDataDir, join(resultsDir, 'foilint-output-smoke.log'));
  }
}

