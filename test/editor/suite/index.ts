/// <reference types="vscode" />
/** foilint's tests inside a real VS Code extension host. Entry point: run() (the shape
 * extensionTestsPath expects, as with @vscode/test-electron). Uses only the vscode API.
 *
 * The workspace is a copy of test/editor/fixtures/workspace: letter.md, second.md and
 * unopened/other.md each have four problems (placeholder, review-window, working-days,
 * ico-details; the last three have safe fixes), under a .foilintrc.json with regime foia.
 * Results go to <workspace>/.foilint-editor-results.json for the driving process. */
import * as vscode from 'vscode';
import { assert, poll, runTests, waitFor, type TestCase } from './harness';

const EXTENSION_ID = 'foilint.foilint';
const RESULTS_FILE = '.foilint-editor-results.json';
const ALL_RULES = ['placeholder', 'review-window', 'working-days', 'ico-details'];

interface FoilintApi {
  activationMs: number;
  serverReadyMs(): number | undefined;
  lintStatus(uri: string): { uri: string; configFile?: string; regime?: string; lintMs: number; problems: number } | undefined;
}

function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert(folder, 'no workspace folder is open: start VS Code on a copy of test/editor/fixtures/workspace');
  return folder.uri;
}

const fileUri = (relative: string) => vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));

const ruleOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code ?? ''));

function foilintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'foilint');
}

const describeDiagnostics = (uri: vscode.Uri) => () => JSON.stringify(foilintDiagnostics(uri).map(ruleOf).sort());

/** Waits until the letter's foilint diagnostics are exactly these rules (sorted, with repeats). */
function waitForRules(uri: vscode.Uri, rules: string[], timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  const want = JSON.stringify([...rules].sort());
  return waitFor(
    `foilint diagnostics ${want} on ${uri.path}`,
    () => {
      const diags = foilintDiagnostics(uri);
      return JSON.stringify(diags.map(ruleOf).sort()) === want ? diags : undefined;
    },
    [vscode.languages.onDidChangeDiagnostics],
    timeoutMs,
    describeDiagnostics(uri),
  );
}

async function openLetter(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fileUri(relative));
  return vscode.window.showTextDocument(doc, { preview: false });
}

function fullRange(doc: vscode.TextDocument): vscode.Range {
  return new vscode.Range(new vscode.Position(0, 0), doc.lineAt(doc.lineCount - 1).range.end);
}

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  // The last argument resolves lazily computed edits for up to this many actions.
  return (await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>('vscode.executeCodeActionProvider', uri, range, kind, 100)) ?? [];
}

async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert(await vscode.workspace.applyEdit(action.edit), `VS Code refused the edit of "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

function api(): FoilintApi {
  const ext = vscode.extensions.getExtension<FoilintApi>(EXTENSION_ID);
  assert(ext?.isActive, `${EXTENSION_ID} is not active`);
  return ext.exports;
}

const tests: TestCase[] = [
  {
    name: 'the extension activates, without starting the server until a letter is open',
    async fn(t) {
      const ext = vscode.extensions.getExtension<FoilintApi>(EXTENSION_ID);
      assert(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
      if (!ext.isActive) {
        const started = performance.now();
        await ext.activate();
        t.note('activateWallMs', Math.round(performance.now() - started));
      }
      assert(typeof ext.exports?.activationMs === 'number', 'activate() did not return the foilint API');
      t.note('activationMs', Number(ext.exports.activationMs.toFixed(1)));
      // VS Code activates the extension for any plain-text document; the server waits for a letter.
      const letterOpen = vscode.workspace.textDocuments.some((d) => ['markdown', 'plaintext'].includes(d.languageId) && ['file', 'untitled'].includes(d.uri.scheme));
      if (!letterOpen) assert(ext.exports.serverReadyMs() === undefined, 'the language server started before any letter was open');
    },
  },
  {
    name: 'the commands are registered',
    async fn() {
      const commands = new Set(await vscode.commands.getCommands(true));
      const missing = ['foilint.fixAll', 'foilint.lintWorkspace', 'foilint.restartServer', 'foilint.showOutput', 'foilint.openDocs', 'foilint.newResponse'].filter((c) => !commands.has(c));
      assert(!missing.length, `commands not registered: ${missing.join(', ')}`);
    },
  },
  {
    name: 'a defective letter gets foilint diagnostics with rule ids and docs links',
    async fn(t) {
      const started = Date.now();
      const editor = await openLetter('letter.md');
      const diags = await waitForRules(editor.document.uri, ALL_RULES);
      t.note('firstDiagnosticsMs', Date.now() - started);
      const ready = api().serverReadyMs();
      if (ready !== undefined) t.note('serverStartMs', Math.round(ready));
      for (const d of diags) {
        assert(d.severity === vscode.DiagnosticSeverity.Error, `${ruleOf(d)}: severity ${d.severity}, expected Error`);
        assert(typeof d.code === 'object' && d.code.target, `${ruleOf(d)}: the diagnostic has no link to its docs (codeDescription.href)`);
        const target = d.code.target;
        assert(target.path.endsWith(`/rules/docs/${ruleOf(d)}.md`), `${ruleOf(d)}: docs link ${target.toString()} is not rules/docs/${ruleOf(d)}.md`);
        await vscode.workspace.fs.stat(target).then(undefined, () => {
          throw new Error(`${ruleOf(d)}: the docs page ${target.toString()} does not exist`);
        });
      }
      const postcode = diags.find((d) => ruleOf(d) === 'ico-details');
      assert(postcode && editor.document.getText(postcode.range) === 'SK9 5AX', `ico-details should underline "SK9 5AX", underlines "${postcode && editor.document.getText(postcode.range)}"`);
    },
  },
  {
    name: 'the language status reports the config file, regime and lint time',
    async fn(t) {
      const uri = fileUri('letter.md').toString();
      const status = await poll('a foilint/status notification for letter.md', () => api().lintStatus(uri), 10_000);
      assert(status.configFile?.replace(/\\/g, '/').endsWith('/.foilintrc.json'), `status config file is ${status.configFile}, expected the workspace's .foilintrc.json`);
      assert(status.regime === 'foia', `status regime is ${status.regime}, expected foia`);
      assert(status.problems === 4, `status says ${status.problems} problems, expected 4`);
      assert(typeof status.lintMs === 'number' && status.lintMs >= 0, `status lintMs is ${status.lintMs}`);
      t.note('serverLintMs', Number(status.lintMs.toFixed(1)));
    },
  },
  {
    name: 'the preferred quick fix corrects the ICO postcode and its diagnostic goes',
    async fn() {
      const uri = fileUri('letter.md');
      const doc = await vscode.workspace.openTextDocument(uri);
      const diag = foilintDiagnostics(uri).find((d) => ruleOf(d) === 'ico-details');
      assert(diag, 'no ico-details diagnostic to fix');
      const actions = await codeActions(uri, diag.range, vscode.CodeActionKind.QuickFix.value);
      // The range holds only the ico-details problem. (Actions that come back through
      // executeCodeActionProvider do not carry their diagnostics.)
      const preferred = actions.filter((a) => a.isPreferred);
      assert(preferred.length === 1, `expected one preferred quick fix for ico-details, got: ${actions.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`).join(' | ')}`);
      await applyAction(preferred[0]);
      const text = doc.getText();
      assert(text.includes('Cheshire, SK9 5AF.') && !text.includes('SK9 5AX'), 'the postcode was not corrected to SK9 5AF');
      await waitForRules(uri, ['placeholder', 'review-window', 'working-days']);
    },
  },
  {
    name: 'a diagnostic offers a "show documentation" action that opens the rule page',
    async fn() {
      const uri = fileUri('letter.md');
      const diag = foilintDiagnostics(uri).find((d) => ruleOf(d) === 'placeholder');
      assert(diag, 'no placeholder diagnostic');
      const actions = await codeActions(uri, diag.range, vscode.CodeActionKind.QuickFix.value);
      const docs = actions.find((a) => a.command?.command === 'foilint.openDocs');
      assert(docs, `no code action runs foilint.openDocs; actions: ${actions.map((a) => a.title).join(' | ')}`);
      const isRulePage = (tab: vscode.Tab) =>
        (tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType) && /placeholder/i.test(tab.label)) ||
        (tab.input instanceof vscode.TabInputText && tab.input.uri.path.endsWith('/rules/docs/placeholder.md'));
      const opened = waitFor('a tab showing rules/docs/placeholder.md', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(isRulePage), [vscode.window.tabGroups.onDidChangeTabs], 15_000);
      await applyAction(docs);
      await opened;
      // The preview's tab is replaced as it renders: close whichever tab shows the page now.
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(isRulePage);
      await vscode.window.tabGroups.close(tabs);
    },
  },
  {
    name: 'source.fixAll.foilint applies every safe fix and leaves the placeholder',
    async fn() {
      const editor = await openLetter('letter.md');
      const doc = editor.document;
      const actions = await codeActions(doc.uri, fullRange(doc), 'source.fixAll.foilint');
      const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.foilint');
      assert(fixAll, `no source.fixAll.foilint action; got: ${actions.map((a) => `${a.kind?.value}: ${a.title}`).join(' | ')}`);
      await applyAction(fixAll);
      const text = doc.getText();
      assert(text.includes('internal review within 40 working days'), 'review-window was not fixed to "40 working days"');
      assert(text.includes('We will reply within 20 working days.'), 'working-days was not fixed to "20 working days"');
      assert(text.includes('[NUMBER]'), 'the placeholder (no safe fix) was changed');
      await waitForRules(doc.uri, ['placeholder']);
    },
  },
  {
    name: 'the command "foilint: Fix all problems" fixes the active letter',
    async fn() {
      const editor = await openLetter('second.md');
      const doc = editor.document;
      await waitForRules(doc.uri, ALL_RULES);
      const fixed = waitFor('second.md to be fixed', () => (doc.getText().includes('SK9 5AF') && doc.getText().includes('40 working days') ? true : undefined), [vscode.workspace.onDidChangeTextDocument], 15_000);
      await vscode.commands.executeCommand('foilint.fixAll');
      await fixed;
      assert(doc.getText().includes('20 working days') && doc.getText().includes('[NUMBER]'), 'fix all changed the wrong text');
      await waitForRules(doc.uri, ['placeholder']);
    },
  },
  {
    name: 'the command "foilint: New response from request" opens the CLI\'s draft, which the server lints',
    async fn() {
      const request = '1. How many potholes did the council repair in 2022?\n2. What did those repairs cost?\n';
      const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('foilint.newResponse', { requestText: request, template: 'full-disclosure', received: '2023-03-13', reference: 'FOI-2023-0142' });
      assert(editor, 'the command opened no editor');
      const doc = editor.document;
      assert(doc.uri.scheme === 'untitled' && doc.languageId === 'markdown', `the draft is ${doc.uri.toString()} (${doc.languageId}), expected an untitled Markdown document`);
      const text = doc.getText();
      for (const expected of ['template: full-disclosure', 'Northgate Police', 'Our ref: FOI-2023-0142', 'received on 13 March 2023', '1. How many potholes did the council repair in 2022?\n\n[ANSWER REQUIRED: question 1]', '2. What did those repairs cost?\n\n[ANSWER REQUIRED: question 2]']) {
        assert(text.includes(expected), `the draft does not contain ${JSON.stringify(expected)}:\n${text.slice(0, 800)}`);
      }
      // Left to fill: the letter date (so letter-metadata finds none), the requester, two answers
      // (each also unanswered for question-answered), the review contact and the officer.
      await waitForRules(doc.uri, ['letter-metadata', 'placeholder', 'placeholder', 'placeholder', 'placeholder', 'placeholder', 'placeholder', 'question-answered', 'question-answered']);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    },
  },
  {
    name: 'the command "foilint: Lint workspace" runs the CLI and its problem matcher fills Problems',
    timeoutMs: 60_000,
    async fn(t) {
      await openLetter('letter.md');
      const other = fileUri('unopened/other.md');
      const started = Date.now();
      // Bounded by the test's timeout.
      const ending = new Promise<number | undefined>((resolve) => {
        const sub = vscode.tasks.onDidEndTaskProcess((e) => {
          if (e.execution.task.definition.type !== 'foilint') return;
          sub.dispose();
          resolve(e.exitCode);
        });
      });
      const execution = await vscode.commands.executeCommand<vscode.TaskExecution | undefined>('foilint.lintWorkspace');
      assert(execution, 'foilint.lintWorkspace started no task');
      const exitCode = await ending;
      assert(exitCode === 1, `the CLI exited with ${exitCode}, expected 1 (errors found)`);
      const diags = await waitFor(
        'problem-matcher diagnostics (source foilint-cli) on unopened/other.md',
        () => {
          const d = vscode.languages.getDiagnostics(other).filter((x) => x.source === 'foilint-cli');
          return d.length >= ALL_RULES.length ? d : undefined;
        },
        [vscode.languages.onDidChangeDiagnostics],
        15_000,
      );
      t.note('taskMs', Date.now() - started);
      const rules = diags.map(ruleOf).sort();
      assert(JSON.stringify(rules) === JSON.stringify([...ALL_RULES].sort()), `matched rules ${JSON.stringify(rules)}`);
      const postcode = diags.find((d) => ruleOf(d) === 'ico-details')!;
      assert(postcode.range.start.line === 22 && postcode.range.start.character === 296, `ico-details at ${postcode.range.start.line + 1}:${postcode.range.start.character + 1}, expected 23:297`);
      assert(/SK9 5AF/.test(postcode.message), `matched message: ${postcode.message}`);
    },
  },
  {
    name: 'the command "foilint: Restart server" restarts it and letters are linted again',
    async fn(t) {
      const uri = fileUri('letter.md');
      await vscode.commands.executeCommand('foilint.restartServer');
      const ready = await poll('the restarted server to be ready', () => api().serverReadyMs(), 20_000);
      t.note('restartMs', Math.round(ready));
      await waitForRules(uri, ['placeholder']);
    },
  },
  {
    name: 'the setting foilint.documentSelector limits which files are linted',
    async fn() {
      const letter = fileUri('letter.md');
      const settings = vscode.workspace.getConfiguration('foilint');
      await settings.update('documentSelector', ['**/unopened/**'], vscode.ConfigurationTarget.Workspace);
      try {
        await waitForRules(letter, []);
        const other = await openLetter('unopened/other.md');
        await waitForRules(other.document.uri, ALL_RULES);
      } finally {
        await settings.update('documentSelector', undefined, vscode.ConfigurationTarget.Workspace);
      }
      await openLetter('letter.md');
      await waitForRules(letter, ['placeholder']);
    },
  },
  {
    name: 'the setting foilint.enable turns linting off and on',
    async fn() {
      const letter = fileUri('letter.md');
      const settings = vscode.workspace.getConfiguration('foilint');
      await settings.update('enable', false, vscode.ConfigurationTarget.Workspace);
      try {
        await waitForRules(letter, []);
      } finally {
        await settings.update('enable', undefined, vscode.ConfigurationTarget.Workspace);
      }
      await waitForRules(letter, ['placeholder']);
    },
  },
  {
    name: 'editing .foilintrc.json re-lints open letters (rule turned off)',
    async fn() {
      const uri = fileUri('letter.md');
      await waitForRules(uri, ['placeholder']);
      const config = { regime: 'foia', authority: { name: 'Northgate Police' }, rules: { placeholder: 'off' } };
      await vscode.workspace.fs.writeFile(fileUri('.foilintrc.json'), new TextEncoder().encode(JSON.stringify(config, null, 2) + '\n'));
      await waitForRules(uri, []);
    },
  },
];

/** Entry point called by the extension host (extensionTestsPath). Rejects when a check fails. */
export async function run(): Promise<void> {
  const started = Date.now();
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line);
    console.log(`[foilint editor tests] ${line}`);
  };
  let results;
  try {
    // VS Code cancels a code-action request (the result comes back empty) when another provider
    // for the document registers meanwhile. The built-in Markdown extension registers its
    // providers when it activates, which can fall in the middle of the first request: activate
    // it first.
    await vscode.extensions.getExtension('vscode.markdown-language-features')?.activate();
    results = await runTests(tests, log);
  } catch (err) {
    results = [{ name: 'the test harness', ok: false, ms: 0, error: err instanceof Error ? err.message : String(err) }];
  }
  const report = { ok: results.every((r) => r.ok), ms: Date.now() - started, results };
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (root) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, RESULTS_FILE), new TextEncoder().encode(JSON.stringify(report, null, 2)));
  const failed = results.filter((r) => !r.ok).length;
  log(`${results.length - failed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} foilint editor test(s) failed`);
}
