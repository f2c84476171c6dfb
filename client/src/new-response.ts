/** "foilint: New response from request": takes the request (the selection, the clipboard or a file),
 * asks for the template, the date of receipt and the reference, and opens the draft that the
 * bundled CLI's `foilint new` makes in a new untitled editor.
 *
 * It runs the CLI rather than asking the language server: the server starts only once a letter is
 * open, while the CLI is always there, already finds the folder's .foilintrc (the authority's name,
 * review contact and own templates) from its working folder, and is what `foilint new` users run,
 * so the editor and the command line start the same draft. */
import { spawn } from 'node:child_process';
import * as vscode from 'vscode';

/** What the command asks for; given as the command's argument, it asks nothing (tests, keybindings). */
export interface NewResponseOptions {
  requestText?: string;
  template?: string;
  /** YYYY-MM-DD; "" for none. */
  received?: string;
  /** "" for none. */
  reference?: string;
}

interface TemplateListing {
  id: string;
  version: string;
  description: string;
  regime?: string;
  startable: boolean;
  bundled: boolean;
}

interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the bundled CLI under the extension host's own runtime (as the Lint workspace task does). */
function runCli(extensionPath: string, args: string[], cwd: string, input?: string): Promise<CliResult> {
  const cli = vscode.Uri.joinPath(vscode.Uri.file(extensionPath), 'bin', 'foilint.js').fsPath;
  return new Promise((resolve, reject) => {
    // NO_COLOR rather than --no-color: `foilint new` must be the first argument.
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(input ?? '');
  });
}

/** The folder the draft belongs to: the active letter's, else the only (or first) folder on disk. */
function workingFolder(): string | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
}

async function requestFromUser(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor && !editor.selection.isEmpty) return editor.document.getText(editor.selection);
  const clipboard = (await vscode.env.clipboard.readText()).trim();
  const picks: (vscode.QuickPickItem & { from: 'clipboard' | 'file' })[] = [];
  if (clipboard) picks.push({ label: 'From the clipboard', detail: clipboard.replace(/\s+/g, ' ').slice(0, 120), from: 'clipboard' });
  picks.push({ label: 'From a file…', detail: 'A text or Markdown file holding the request as the requester wrote it', from: 'file' });
  const pick = await vscode.window.showQuickPick(picks, { placeHolder: 'foilint: where is the request? (or select it in an editor first)' });
  if (!pick) return undefined;
  if (pick.from === 'clipboard') return clipboard;
  const files = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use this request', filters: { 'Requests (text, Markdown, email)': ['txt', 'md', 'markdown', 'eml'], 'All files': ['*'] } });
  if (!files?.length) return undefined;
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(files[0]));
}

async function templateFromUser(extensionPath: string, cwd: string): Promise<string | undefined> {
  const r = await runCli(extensionPath, ['--list-templates', '--format', 'json'], cwd);
  if (r.code !== 0) {
    void vscode.window.showErrorMessage(`foilint: the templates could not be listed: ${r.err.trim() || `exit ${r.code}`}`);
    return undefined;
  }
  const templates = (JSON.parse(r.out) as TemplateListing[]).filter((t) => t.startable);
  const pick = await vscode.window.showQuickPick(
    templates.map((t) => ({ label: t.id, description: `${t.regime ?? 'any regime'}${t.bundled ? '' : ' · your template'}`, detail: t.description, id: t.id })),
    { placeHolder: 'foilint: which template should the response start from?', matchOnDetail: true },
  );
  return pick?.id;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function newResponse(extensionPath: string, given?: NewResponseOptions): Promise<vscode.TextEditor | undefined> {
  const options = given && typeof given === 'object' ? given : {};
  // Without a folder, the CLI still runs (with the bundled templates and no .foilintrc).
  const cwd = workingFolder() ?? extensionPath;
  const requestText = options.requestText ?? (await requestFromUser());
  if (!requestText?.trim()) return undefined;
  const template = options.template ?? (await templateFromUser(extensionPath, cwd));
  if (!template) return undefined;
  const received =
    options.received ??
    (await vscode.window.showInputBox({
      title: 'foilint: New response from request',
      prompt: 'When was the request received? (YYYY-MM-DD; leave empty to fill it in later)',
      value: today(),
      validateInput: (v) => (!v.trim() || /^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? undefined : 'Write the date as YYYY-MM-DD, e.g. 2023-03-13, or leave it empty'),
    }));
  if (received === undefined) return undefined;
  const reference = options.reference ?? (await vscode.window.showInputBox({ title: 'foilint: New response from request', prompt: "The request's reference (leave empty to fill it in later)" }));
  if (reference === undefined) return undefined;

  const args = ['new', '--template', template, '--request', '-', ...(received.trim() ? ['--received', received.trim()] : []), ...(reference.trim() ? ['--ref', reference.trim()] : [])];
  const r = await runCli(extensionPath, args, cwd, requestText);
  if (r.code !== 0) {
    void vscode.window.showErrorMessage(r.err.trim().replace(/^foilint new: /, 'foilint: ') || `foilint: the draft could not be made (exit ${r.code})`);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: r.out });
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  // The CLI's notes: what it restated, when the response is due, what is left to fill.
  const due = /the response is due by ([^,]+)/.exec(r.err)?.[1];
  const items = /(\d+) request items? restated/.exec(r.err)?.[1];
  void vscode.window.showInformationMessage(`foilint: a ${template} draft with ${items ?? 'the'} request item${items === '1' ? '' : 's'} restated${due ? `; the response is due by ${due}` : ''}. Fill in the highlighted placeholders.`);
  return editor;
}
