// Starting and stopping code-server (VS Code 1.100 in a browser) for the editor tests, and the
// browser that drives it. Every start is paired with a stop that kills the whole process group:
// killing only code-server's PID leaves its file watcher running.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Processes started here, killed on exit whatever happens. */
const groups = new Set();
function killAllGroups() {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  groups.clear();
}
process.on('exit', killAllGroups);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    killAllGroups();
    process.exit(130);
  });
}

/** The environment without a parent VS Code's variables: with VSCODE_IPC_HOOK_CLI set,
 * code-server would hand the folder to that VS Code instead of starting. */
export function cleanEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  return env;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** User settings that keep the workbench quiet and predictable for tests and screenshots. */
const TEST_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'editor.minimap.enabled': false,
  'editor.wordWrap': 'on',
  'window.commandCenter': false,
};

/** Installs a .vsix into an extensions folder (offline). Returns { ok, output, ms }. */
export function installExtension(codeServerBin, vsix, { extensionsDir, userDataDir }) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [codeServerBin, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], {
    encoding: 'utf8',
    env: cleanEnv(),
    timeout: 120_000,
  });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`.trim(), ms: Date.now() - started };
}

/**
 * Starts code-server on a free loopback port with a throwaway profile, on `folder`.
 * Resolves once /healthz answers; returns { url, port, authority, stop() }.
 */
export async function startCodeServer(codeServerBin, { folder, userDataDir, extensionsDir, logFile, settings = {}, startTimeoutMs = 60_000 }) {
  const port = await freePort();
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  // FOILINT_TRACE_SERVER=messages|verbose logs the LSP traffic to test-results/editor/foilint-output-*.log.
  const trace = process.env.FOILINT_TRACE_SERVER ? { 'foilint.trace.server': process.env.FOILINT_TRACE_SERVER } : {};
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...TEST_SETTINGS, ...trace, ...settings }, null, 2));
  const configFile = join(userDataDir, 'code-server.yaml');
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    codeServerBin,
    '--config', configFile,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    // FOILINT_CODE_SERVER_LOG=trace (with FOILINT_TRACE_SERVER=verbose) puts the LSP traffic in the logs.
    ...(process.env.FOILINT_CODE_SERVER_LOG ? ['--log', process.env.FOILINT_CODE_SERVER_LOG] : []),
    folder,
  ];
  const log = openSync(logFile, 'w');
  // detached: a new process group (setsid), so stop() can kill code-server and its children.
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', log, log], env: cleanEnv({ XDG_CONFIG_HOME: join(userDataDir, 'xdg-config'), XDG_DATA_HOME: join(userDataDir, 'xdg-data') }) });
  closeSync(log);
  groups.add(child.pid);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));

  const stop = async () => {
    if (!groups.has(child.pid)) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
    try {
      process.kill(-child.pid, 'SIGKILL'); // children that ignored SIGTERM
    } catch {
      // the group is gone
    }
    groups.delete(child.pid);
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited during start-up (${JSON.stringify(exited)}); see ${logFile}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${url}/healthz within ${startTimeoutMs / 1000} s; see ${logFile}`);
    }
    await sleep(200);
  }
  return { url, port, authority: `127.0.0.1:${port}`, stop };
}

/** Chromium from Debian, driven by playwright-core (the full playwright package downloads its own). */
export async function launchBrowser(executablePath, profileDir) {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Copies the foilint output channel's log (the extension's and the server's messages) out of a
 * throwaway profile, for looking into failures. Returns the copy's path, or undefined. */
export function copyExtensionLog(userDataDir, dest) {
  const logs = join(userDataDir, 'logs');
  if (!existsSync(logs)) return undefined;
  for (const session of readdirSync(logs).sort().reverse()) {
    for (const host of readdirSync(join(logs, session)).filter((d) => d.startsWith('exthost'))) {
      const file = join(logs, session, host, 'foilint.foilint', 'foilint.log');
      if (existsSync(file)) {
        copyFileSync(file, dest);
        return dest;
      }
    }
  }
  return undefined;
}
