/** The language status item ("{}" in the status bar): which config file and regime apply to the
 * letter in front of the officer, and how long the last lint took. Fed by the server's
 * `foilint/status` notification after each lint. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DocumentSelector } from 'vscode-languageclient/node';

/** What the server sends after each lint (method `foilint/status`). */
export interface LintStatus {
  uri: string;
  configFile?: string;
  regime?: string;
  lintMs: number;
  problems: number;
}

export const STATUS_NOTIFICATION = 'foilint/status';

const REGIME_NAMES: Record<string, string> = {
  foia: 'FOIA 2000',
  eir: 'EIR 2004',
  foisa: 'FOISA 2002',
  'eir-scotland': 'EIRs (Scotland) 2004',
};

export function regimeName(regime: string | undefined): string {
  if (!regime) return 'regime not stated';
  return REGIME_NAMES[regime] ?? regime;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export class LintStatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly byUri = new Map<string, LintStatus>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private state: 'starting' | 'running' | 'stopped' | 'disabled' = 'starting';

  constructor(selector: DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('foilint.status', selector as vscode.DocumentSelector);
    this.item.name = 'foilint';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.byUri.delete(doc.uri.toString())),
    );
    this.render();
  }

  /** The last status the server sent for a document (by URI string), if any. */
  statusFor(uri: string): LintStatus | undefined {
    return this.byUri.get(uri);
  }

  update(status: LintStatus): void {
    this.byUri.set(status.uri, status);
    if (vscode.window.activeTextEditor?.document.uri.toString() === status.uri) this.render();
  }

  setState(state: LintStatusItem['state']): void {
    this.state = state;
    this.render();
  }

  private render(): void {
    const item = this.item;
    item.busy = this.state === 'starting';
    item.severity = vscode.LanguageStatusSeverity.Information;
    item.command = { title: 'Show output', command: 'foilint.showOutput' };
    if (this.state === 'disabled') {
      item.text = 'foilint: off';
      item.detail = 'Turned off by the setting foilint.enable';
      return;
    }
    if (this.state === 'stopped') {
      item.text = 'foilint: stopped';
      item.detail = 'The foilint server is not running; run "foilint: Restart server"';
      item.severity = vscode.LanguageStatusSeverity.Warning;
      item.command = { title: 'Restart', command: 'foilint.restartServer' };
      return;
    }
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const status = uri ? this.byUri.get(uri) : undefined;
    if (!status) {
      item.text = 'foilint';
      item.detail = this.state === 'starting' ? 'starting…' : 'not linted yet';
      return;
    }
    const config = status.configFile ? path.basename(status.configFile) : 'no config file (defaults)';
    item.text = `foilint: ${plural(status.problems, 'problem')}`;
    item.detail = `${config} · ${regimeName(status.regime)} · linted in ${Math.round(status.lintMs)} ms`;
    if (status.configFile) {
      item.command = { title: 'Open config', command: 'vscode.open', arguments: [configUri(status.configFile)], tooltip: status.configFile };
    }
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The server may send a path or a URI string. */
function configUri(configFile: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(configFile) ? vscode.Uri.parse(configFile) : vscode.Uri.file(configFile);
}
