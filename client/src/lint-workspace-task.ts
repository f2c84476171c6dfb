/** "foilint: Lint workspace": runs the bundled CLI over a workspace folder as a Task, so every
 * letter's problems (not only the open ones) land in the Problems panel through the problem
 * matcher `$foilint-stylish` contributed in package.json. */
import * as vscode from 'vscode';

export const TASK_TYPE = 'foilint';
export const PROBLEM_MATCHER = '$foilint-stylish';

interface FoilintTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  /** Files, folders or globs to lint, relative to the folder (default: the whole folder). */
  inputs?: string[];
}

/** The CLI runs under the extension host's own runtime: node in a remote/server host, Electron
 * (as node) on the desktop, so the user needs no node of their own. */
function cliExecution(extensionPath: string, folder: vscode.WorkspaceFolder, inputs: string[]): vscode.ProcessExecution {
  const cli = vscode.Uri.joinPath(vscode.Uri.file(extensionPath), 'bin', 'foilint.js').fsPath;
  return new vscode.ProcessExecution(process.execPath, [cli, '--no-color', ...(inputs.length ? inputs : ['.'])], {
    cwd: folder.uri.fsPath,
    env: { ELECTRON_RUN_AS_NODE: '1' },
  });
}

export function lintTask(extensionPath: string, folder: vscode.WorkspaceFolder, definition?: FoilintTaskDefinition): vscode.Task {
  const def: FoilintTaskDefinition = definition ?? { type: TASK_TYPE };
  const task = new vscode.Task(def, folder, 'lint letters', 'foilint', cliExecution(extensionPath, folder, def.inputs ?? []), [PROBLEM_MATCHER]);
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
  task.group = vscode.TaskGroup.Test;
  return task;
}

/** Provides the task for each local workspace folder, and resolves ones written in tasks.json. */
export function lintTaskProvider(extensionPath: string): vscode.TaskProvider {
  return {
    provideTasks: () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => lintTask(extensionPath, f)),
    resolveTask(task) {
      const folder = task.scope;
      if (typeof folder !== 'object' || folder.uri.scheme !== 'file') return undefined;
      return lintTask(extensionPath, folder, task.definition as FoilintTaskDefinition);
    },
  };
}

/** Runs the task for the folder of the active letter, or the only folder, or one the user picks. */
export async function lintWorkspace(extensionPath: string): Promise<vscode.TaskExecution | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (!folders.length) {
    void vscode.window.showWarningMessage('foilint: Lint workspace needs a folder on disk; open the folder that holds the letters first.');
    return undefined;
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  let folder = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  if (!folder || folder.uri.scheme !== 'file') {
    folder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'foilint: which folder of letters to lint?' });
  }
  if (!folder) return undefined;
  return vscode.tasks.executeTask(lintTask(extensionPath, folder));
}
