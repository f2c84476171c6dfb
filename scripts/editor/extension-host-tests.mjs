// Runs test/editor/suite (bundled to testsEntry) inside code-server's extension host, with the
// repository loaded as the extension under development. The workbench URL's `payload` parameter
// carries extensionDevelopmentPath and extensionTestsPath, as VS Code's own integration tests do.
// The suite writes its results to <workspace>/.foilint-editor-results.json.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyExtensionLog, launchBrowser, startCodeServer } from './code-server.mjs';

const RESULTS_FILE = '.foilint-editor-results.json';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Returns { results: [{name, ok, ms, error?, notes?}], ms, startupMs }. Never throws: a
 * failure to start becomes a failed result. */
export async function runExtensionHostTests({ codeServerBin, chromium, extensionPath, testsEntry, workspace, tmp, resultsDir, timeoutMs = 240_000, log }) {
  const started = Date.now();
  let server;
  let browser;
  const consoleLines = [];
  try {
    server = await startCodeServer(codeServerBin, {
      folder: workspace,
      userDataDir: join(tmp, 'ext-host-user-data'),
      extensionsDir: join(tmp, 'ext-host-extensions'),
      logFile: join(resultsDir, 'code-server-extension-tests.log'),
    });
    const startupMs = Date.now() - started;
    log(`code-server up in ${startupMs} ms on ${server.url}`);
    const remote = (path) => `vscode-remote://${server.authority}${path}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(extensionPath)],
      ['extensionTestsPath', remote(testsEntry)],
    ]);
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
    browser = await launchBrowser(chromium, join(tmp, 'ext-host-browser'));
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (m) => {
      const text = m.text();
      consoleLines.push(`[${m.type()}] ${text}`);
      if (text.includes('[foilint editor tests]')) log(text.slice(text.indexOf('[foilint editor tests]')));
    });
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    await page.goto(url, { timeout: 60_000 });

    const resultsPath = join(workspace, RESULTS_FILE);
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(resultsPath)) {
      if (Date.now() > deadline) {
        await page.screenshot({ path: join(resultsDir, 'extension-tests-timeout.png') }).catch(() => undefined);
        throw new Error(
          `no results within ${timeoutMs / 1000} s (screenshot: ${join(resultsDir, 'extension-tests-timeout.png')}); last browser console lines:\n` +
            consoleLines.slice(-25).map((l) => `    ${l}`).join('\n'),
        );
      }
      await sleep(250);
    }
    await sleep(100); // the file is written in one call; let it land
    const report = JSON.parse(readFileSync(resultsPath, 'utf8'));
    return { results: report.results, ms: Date.now() - started, startupMs };
  } catch (err) {
    return { results: [{ name: 'extension-host suite ran', ok: false, ms: Date.now() - started, error: err instanceof Error ? err.message : String(err) }], ms: Date.now() - started };
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    copyExtensionLog(join(tmp, 'ext-host-user-data'), join(resultsDir, 'foilint-output-extension-tests.log'));
  }
}
