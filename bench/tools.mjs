// The linters a user would otherwise reach for, at pinned versions, installed into the benchmark's
// work folder (never into foilint's package.json), and the command line each is timed with.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Exact versions: markdownlint-cli2 0.23 and later need Node 22; 0.22.1 is the newest for Node 20. */
export const PINNED = {
  'markdownlint-cli2': '0.22.1',
  'remark-cli': '12.0.1',
  'remark-preset-lint-recommended': '7.0.1',
  textlint: '15.8.0',
  '@textlint/textlint-plugin-markdown': '15.8.0',
  'textlint-rule-no-todo': '2.0.1',
  'textlint-rule-max-comma': '4.0.0',
  'textlint-rule-sentence-length': '5.2.1',
};

const TEXTLINT_CONFIG = {
  plugins: { '@textlint/markdown': true },
  rules: { 'no-todo': true, 'max-comma': { max: 4 }, 'sentence-length': { max: 150 } },
};

function installedVersion(work, name) {
  try {
    return JSON.parse(readFileSync(join(work, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Installs the pinned tools into `work` unless they are there already; returns their versions. */
export function installTools(work, log) {
  const missing = Object.entries(PINNED).filter(([name, v]) => installedVersion(work, name) !== v);
  if (missing.length) {
    writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'foilint-bench-tools', private: true, dependencies: PINNED }, null, 2) + '\n');
    log(`installing ${missing.map(([n, v]) => `${n}@${v}`).join(', ')} into ${work} (npm install --prefix)`);
    execFileSync('npm', ['install', '--prefix', work, '--no-audit', '--no-fund', '--loglevel=error'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  writeFileSync(join(work, '.textlintrc.json'), JSON.stringify(TEXTLINT_CONFIG, null, 2) + '\n');
  return Object.fromEntries(Object.keys(PINNED).map((name) => [name, installedVersion(work, name)]));
}

/**
 * The tools timed, each as a command run in the work folder on a corpus folder (relative to it).
 * `setup` is what the row says about the tool's configuration.
 */
export function toolCommands({ repo, foilintBins }) {
  const bin = (name) => join('node_modules', '.bin', name);
  const tools = [
    { id: 'floor', label: 'parse-only floor', setup: 'reads every letter and parses it with unified + remark-parse, nothing else; one process', cmd: (c) => [process.execPath, join(repo, 'bench', 'parse-floor.mjs'), c] },
  ];
  for (const { id, label, path } of foilintBins) {
    tools.push({ id, label, setup: 'all rules, default config, `--format json`; worker threads from 50 letters', cmd: (c) => [process.execPath, path, c, '--format', 'json'], foilint: true });
  }
  tools.push(
    { id: 'markdownlint-cli2', label: 'markdownlint-cli2', setup: 'default rules, no config file', cmd: (c) => [bin('markdownlint-cli2'), `${c}/**/*.md`] },
    { id: 'remark-lint', label: 'remark-cli + remark-preset-lint-recommended', setup: '`--use remark-preset-lint-recommended --quiet --no-stdout`', cmd: (c) => [bin('remark'), c, '--use', 'remark-preset-lint-recommended', '--quiet', '--no-stdout'] },
    { id: 'textlint', label: 'textlint', setup: 'rules no-todo, max-comma (4), sentence-length (150)', cmd: (c) => [bin('textlint'), '--config', '.textlintrc.json', `${c}/**/*.md`] },
  );
  return tools;
}

export const TOOL_PACKAGES = {
  'markdownlint-cli2': ['markdownlint-cli2'],
  'remark-lint': ['remark-cli', 'remark-preset-lint-recommended'],
  textlint: ['textlint', '@textlint/textlint-plugin-markdown', 'textlint-rule-no-todo', 'textlint-rule-max-comma', 'textlint-rule-sentence-length'],
};

export function hasTimeCommand() {
  return existsSync('/usr/bin/time');
}
