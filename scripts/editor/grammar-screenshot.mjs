// `npm run docs:grammar-screenshot`: docs/grammar-highlighting.png, a letter highlighted by
// foilint's grammar in a real VS Code (code-server 4.100.3 = VS Code 1.100.3, driven by headless
// Chromium as in smoke-test.mjs). The packaged .vsix is installed into a clean profile, the letter
// test/grammar/snap/screenshot-letter.md is opened with Ctrl+P, and before the picture is taken the
// script checks in the page that the grammar is at work: the placeholders, the citation, the
// deadline, the date, the reference and the directive are each drawn in a colour of their own.
// Linting is turned off for the picture so that squiggles do not hide the colours.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installExtension, launchBrowser, startCodeServer } from './code-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(ROOT);
const OUT = join(ROOT, 'docs', 'grammar-highlighting.png');
const LETTER = join(ROOT, 'test', 'grammar', 'snap', 'screenshot-letter.md');

function fail(message) {
  console.error(`grammar screenshot: ${message}`);
  process.exit(1);
}

function chromiumPath() {
  for (const name of ['chromium', 'chromium-browser']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return process.env.FOILINT_CHROMIUM;
}

const chromium = chromiumPath();
if (!chromium) fail('chromium is not installed (apt-get install -y chromium, or set FOILINT_CHROMIUM)');
const setup = spawnSync('bash', [join(ROOT, 'scripts', 'editor', 'setup-code-server.sh')], { encoding: 'utf8' });
if (setup.status !== 0) fail(`code-server could not be set up:\n${setup.stdout}${setup.stderr}`);
const codeServerBin = setup.stdout.trim().split('\n').pop();

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const vsix = join(ROOT, `foilint-${version}.vsix`);
rmSync(vsix, { force: true });
const packaged = spawnSync('npm', ['run', 'package', '--silent'], { encoding: 'utf8' });
if (packaged.status !== 0) fail(`npm run package failed:\n${packaged.stdout}${packaged.stderr}`);

const tmp = mkdtempSync(join(tmpdir(), 'foilint-grammar-shot-'));
const workspace = join(tmp, 'letters');
mkdirSync(workspace, { recursive: true });
cpSync(LETTER, join(workspace, 'draft-response.md'));
writeFileSync(join(workspace, '.foilintrc.json'), '{ "regime": "foia" }\n');
const extensionsDir = join(tmp, 'extensions');
const userDataDir = join(tmp, 'user-data');
const installed = installExtension(codeServerBin, vsix, { extensionsDir, userDataDir });
if (!installed.ok) fail(`installing the .vsix failed:\n${installed.output}`);

let server;
let browser;
try {
  server = await startCodeServer(codeServerBin, {
    folder: workspace,
    userDataDir,
    extensionsDir,
    logFile: join(tmp, 'code-server.log'),
    settings: { 'foilint.enable': false, 'workbench.colorTheme': 'Default Dark Modern', 'editor.fontSize': 15, 'editor.lineHeight': 22, 'workbench.activityBar.location': 'hidden', 'breadcrumbs.enabled': false },
  });
  browser = await launchBrowser(chromium, join(tmp, 'browser'));
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
  await page.locator('.monaco-workbench .explorer-folders-view').first().waitFor({ timeout: 60_000 });
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').first().waitFor({ timeout: 15_000 });
  await page.keyboard.type('draft-response.md');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'draft-response.md' }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-line', { hasText: 'Our ref' }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+B'); // hide the side bar: more of the letter
  await page.keyboard.press('Control+Home');

  // The colour each piece of text is drawn in (the token spans' computed colour), once the grammar is loaded.
  const colourOf = (text) =>
    page.evaluate((t) => {
      for (const span of document.querySelectorAll('.monaco-editor .view-line span span')) {
        if (span.textContent.replace(/\u00a0/g, ' ') === t) return getComputedStyle(span).color;
      }
      return undefined;
    }, text);
  const expected = ['{{letter_date}}', 'FOI-2023-0142', '13 March 2023', 'section 43(2)', 'foilint-disable-next-block', '[ANSWER REQUIRED: question 1]'];
  const deadline = Date.now() + 30_000;
  let colours;
  for (;;) {
    colours = Object.fromEntries(await Promise.all([...expected, 'Dear '].map(async (t) => [t, await colourOf(t)])));
    if (expected.every((t) => colours[t] && colours[t] !== colours['Dear '])) break;
    if (Date.now() > deadline) fail(`the grammar's colours did not appear in 30 s; colours seen: ${JSON.stringify(colours)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  // The status bar says "Activating Extensions…" for a moment; the picture is of a settled window.
  await page.locator('.statusbar', { hasText: 'Activating Extensions' }).waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: OUT });
  console.log(`wrote ${OUT.slice(ROOT.length + 1)}; colours: ${JSON.stringify(colours)}`);
} finally {
  await browser?.close().catch(() => undefined);
  await server?.stop();
}
