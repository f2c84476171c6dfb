// `npm run bench`: times foilint against the parse-only floor and the linters users know, on
// generated letter corpora, and writes the table to bench/RESULTS.md. See bench/README.md.
//
//   node bench/run.mjs [--sets 1,1k,10k,big] [--tools floor,foilint,markdownlint-cli2,remark-lint,textlint]
//                      [--runs 5] [--runs-10k 3] [--textlint-10k-runs 1] [--work DIR]
//                      [--compare label=path/to/foilint.js ...] [--no-write] [--no-lsp]
//
// Each command runs as a whole process under GNU time (/usr/bin/time -f '%e %U %S %M'): wall
// seconds, user+sys CPU seconds and peak RSS. Rounds are interleaved (every tool once, then again)
// so that a busy spell on the machine hits all tools alike; the figures are medians, and every ratio
// is to the parse-only floor of the same run.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFECT_RULES, generateCorpus } from './corpus.mjs';
import { hasTimeCommand, installTools, TOOL_PACKAGES, toolCommands } from './tools.mjs';

const REPO = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    sets: { type: 'string', default: '1,1k,10k,big' },
    tools: { type: 'string', default: 'floor,foilint,markdownlint-cli2,remark-lint,textlint' },
    runs: { type: 'string', default: '5' },
    'runs-10k': { type: 'string', default: '3' },
    'textlint-10k-runs': { type: 'string', default: '1' },
    work: { type: 'string', default: join(tmpdir(), 'foilint-bench') },
    compare: { type: 'string', multiple: true },
    'no-write': { type: 'boolean' },
    'no-lsp': { type: 'boolean' },
  },
});
const log = (s) => process.stderr.write(`bench: ${s}\n`);
if (!hasTimeCommand()) {
  log('needs GNU time at /usr/bin/time (Debian package "time": apt-get install -y time)');
  process.exit(2);
}
const work = resolve(values.work);
mkdirSync(work, { recursive: true });
const sets = values.sets.split(',');
const wanted = new Set(values.tools.split(','));
const RUNS = Number(values.runs);
const RUNS_10K = Number(values['runs-10k']);
const TEXTLINT_10K_RUNS = Number(values['textlint-10k-runs']);

// ---- machine ----
const cpuModel = (() => {
  try {
    return /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
  } catch {
    return cpus()[0]?.model;
  }
})();
const loadBefore = loadavg();
/** One-minute load averages seen between timed runs (foilint's own runs count too, up to the cores). */
const loadSeen = [loadBefore[0]];
const started = new Date();

// ---- tools ----
const needsTools = [...wanted].some((t) => TOOL_PACKAGES[t]);
const versions = needsTools ? installTools(work, log) : {};
// foilint as built (bin/foilint.js), and any other builds named with --compare label=path.
const foilintBins = [{ id: 'foilint', label: 'foilint', path: join(REPO, 'bin', 'foilint.js') }];
for (const spec of values.compare ?? []) {
  const at = spec.indexOf('=');
  if (at <= 0) {
    log(`--compare "${spec}": write it as label=path/to/foilint.js`);
    process.exit(2);
  }
  foilintBins.push({ id: `foilint:${spec.slice(0, at)}`, label: `foilint (${spec.slice(0, at)})`, path: resolve(spec.slice(at + 1)) });
}
const tools = toolCommands({ repo: REPO, foilintBins }).filter((t) => wanted.has(t.id) || (t.foilint && wanted.has('foilint')));

// ---- corpora (regenerated when the generator changes) ----
const generatorHash = createHash('sha1').update(readFileSync(join(REPO, 'bench', 'corpus.mjs'))).digest('hex').slice(0, 12);
function corpus(name, spec) {
  const dir = join(work, `corpus-${name}`);
  const stamp = join(dir, '.generator');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === generatorHash) return dir;
  log(`generating corpus-${name}`);
  spec(dir);
  writeFileSync(stamp, generatorHash);
  return dir;
}
const corpora = {
  '1k': () => corpus('1k', (dir) => generateCorpus({ n: 1000, seed: 1, out: dir })),
  '10k': () => corpus('10k', (dir) => generateCorpus({ n: 10000, seed: 1, out: dir })),
  big: () => corpus('big', (dir) => generateCorpus({ n: 5, seed: 1, big: true, out: dir })),
  '1': () =>
    corpus('1', (dir) => {
      // One typical (about 4 KB) letter of the 1k corpus, alone in a folder: the start-up cost.
      const from = corpora['1k']();
      const manifest = JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8'));
      const f = manifest.files.find((x) => x.bytes >= 3800 && x.bytes <= 4400 && !x.defects.length);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(join(dir, f.file, '..'), { recursive: true });
      copyFileSync(join(from, f.file), join(dir, f.file));
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, n: 1, files: [f], bytes: f.bytes }, null, 1));
    }),
};
const SET_LABEL = { 1: '1 letter', '1k': '1,000 letters', '10k': '10,000 letters', big: '5 × 100 KB letters' };

// ---- timing ----
const timeFile = join(work, 'time.out');
function timeOnce(argv) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, ...argv], { cwd: work, stdio: 'ignore' });
  const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop();
  const [wall, user, sys, rssKb] = last.split(' ').map(Number);
  return { wall, cpu: user + sys, rss: rssKb / 1024, status: r.status };
}
/** What a tool printed on a warm-up run (its last line), to show it really linted the letters. */
function captureOnce(argv) {
  const r = spawnSync(argv[0], argv.slice(1), { cwd: work, encoding: 'utf8', maxBuffer: 1 << 30 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = {}; // results[set][toolId] = { wall, cpu, rss, runs, statuses }
const evidence = {}; // evidence[toolId] = text
for (const set of sets) {
  if (!corpora[set]) {
    log(`unknown set "${set}"; use 1, 1k, 10k, big`);
    process.exit(2);
  }
  const dir = relative(work, corpora[set]());
  const runs = set === '10k' ? RUNS_10K : RUNS;
  results[set] = {};
  // Warm-up: page cache and V8's code cache. On 10k only the floor warms up (it reads every file).
  for (const t of tools) {
    if (set === '10k' && t.id !== 'floor') continue;
    if (set === '1k') {
      const out = captureOnce(t.cmd(dir));
      evidence[t.id] = { ...out, dir };
    } else timeOnce(t.cmd(dir));
  }
  const samples = Object.fromEntries(tools.map((t) => [t.id, []]));
  for (let round = 0; round < runs; round++) {
    for (const t of tools) {
      const n = set === '10k' && t.id === 'textlint' ? TEXTLINT_10K_RUNS : runs;
      if (round >= n) continue;
      log(`${set} ${t.id} run ${round + 1}/${n}`);
      samples[t.id].push(timeOnce(t.cmd(dir)));
      loadSeen.push(loadavg()[0]);
    }
  }
  for (const t of tools) {
    const s = samples[t.id];
    results[set][t.id] = { wall: median(s.map((x) => x.wall)), cpu: median(s.map((x) => x.cpu)), rss: median(s.map((x) => x.rss)), runs: s.length, statuses: [...new Set(s.map((x) => x.status))] };
  }
}

// ---- in-process cost per letter ----
let perLetter;
if (sets.includes('1k') && sets.includes('big') && wanted.has('foilint')) {
  log('per-letter timings (in process)');
  const out = execFileSync(process.execPath, [join(REPO, 'bench', 'per-letter.mjs'), '--typical', corpora['1k'](), '--big', corpora.big(), '--breakdown', '--json'], { encoding: 'utf8' });
  perLetter = JSON.parse(out.trim().split('\n').pop());
}

// ---- language server ----
let lspOutput;
if (!values['no-lsp'] && existsSync(join(REPO, 'dist', 'server.js')) && existsSync(join(REPO, 'bench', 'lsp.mjs'))) {
  log('language server latency (bench/lsp.mjs)');
  const r = spawnSync(process.execPath, [join(REPO, 'bench', 'lsp.mjs')], { cwd: REPO, encoding: 'utf8', timeout: 15 * 60_000 });
  // On failure, the error's own line (Node ends its report with the stack and its version).
  const errorLines = (r.stderr || r.stdout || '').split('\n').filter((l) => /Error|error/.test(l));
  lspOutput = r.status === 0 ? r.stdout.trim() : `bench/lsp.mjs failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''}): ${(errorLines.length ? errorLines : (r.stderr || r.stdout).trim().split('\n').slice(-3)).slice(0, 3).join(' ')}`;
}
const loadAfter = loadavg();

// ---- report ----
const fmtS = (s) => (s >= 10 ? s.toFixed(1) : s.toFixed(2)) + ' s';
const fmtX = (x) => `${x.toFixed(2)}×`;
const manifestOf = (set) => JSON.parse(readFileSync(join(corpora[set](), 'manifest.json'), 'utf8'));
const corpusInfo = sets.map((set) => {
  const m = manifestOf(set);
  const defects = m.files.filter((f) => f.defects.length).length;
  const size = m.bytes >= 1 << 20 ? `${(m.bytes / 2 ** 20).toFixed(1)} MiB` : `${(m.bytes / 1024).toFixed(0)} KB`;
  return `| ${SET_LABEL[set]} | ${m.files.length.toLocaleString('en-GB')} | ${size} (mean ${(m.bytes / m.files.length / 1024).toFixed(1)} KB) | ${defects.toLocaleString('en-GB')} |`;
});

const lines = [];
const w = (s = '') => lines.push(s);
w('# Benchmark results');
w();
w(`Written by \`npm run bench\` (bench/run.mjs) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC. Do not edit above the history marker: the next run replaces it.`);
w();
w(`Machine: ${availableParallelism()} cores (\`nproc\`), ${cpuModel}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, one-minute load average ${loadBefore[0].toFixed(1)} at the start, ${loadAfter[0].toFixed(1)} at the end, at most ${Math.max(...loadSeen, loadAfter[0]).toFixed(1)} between runs (the tools' own runs raise it to about ${availableParallelism()}; above that, other work shared the cores and wall times suffer).`);
w();
w(`Tools: foilint ${JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version} (${foilintBins.map((b) => `${b.label}: \`${relative(REPO, b.path) || b.path}\``).join(', ')}); unified 11.0.5 + remark-parse 11.0.0 for the floor; ${Object.entries(versions).map(([n, v]) => `${n} ${v ?? 'not installed'}`).join(', ')}.`);
w();
w('| corpus | letters | size | with injected defects |');
w('|---|---:|---:|---:|');
for (const l of corpusInfo) w(l);
w();
w(`Whole process, from start to exit, as GNU time sees it. Medians of ${RUNS} runs (10,000 letters: ${RUNS_10K}${wanted.has('textlint') ? `; textlint on 10,000 letters: ${TEXTLINT_10K_RUNS}, it takes minutes` : ''}), after a warm-up run (on 10,000 letters only the floor warms up). Rounds are interleaved: each tool runs once, then each again. × is the ratio to the parse-only floor's figure in the same run.`);
w();
/** One table: a row per tool, a column per corpus. */
function table(title, cell) {
  w(title);
  w();
  w(`| tool | ${sets.map((s) => SET_LABEL[s]).join(' | ')} |`);
  w(`|---|${sets.map(() => '---:').join('|')}|`);
  for (const t of tools) w(`| ${t.label} | ${sets.map((set) => cell(results[set][t.id], results[set].floor, t, set)).join(' | ')} |`);
  w();
}
const ratio = (x, floor, t) => (floor && t.id !== 'floor' ? ` (${fmtX(x / floor)})` : '');
table('**Wall time** (× the floor\'s wall time; letters per second on the larger corpora):', (r, floor, t, set) => {
  const n = manifestOf(set).files.length;
  return `${fmtS(r.wall)}${ratio(r.wall, floor?.wall, t)}${n >= 1000 ? `, ${Math.round(n / r.wall).toLocaleString('en-GB')}/s` : ''}`;
});
table('**CPU time**, user + system, all threads (× the floor\'s CPU time):', (r, floor, t) => `${fmtS(r.cpu)}${ratio(r.cpu, floor?.cpu, t)}`);
table('**Peak RSS** (the largest resident size of the process, worker threads included):', (r) => `${Math.round(r.rss)} MiB`);
w('How each tool was set up:');
w();
for (const t of tools) w(`- ${t.label}: ${t.setup}.`);
w();

// Targets (issue 6): reported, not asserted.
const targets = [];
const f = (set, id) => results[set]?.[id];
if (f('10k', 'foilint') && f('10k', 'floor')) targets.push(['10,000 letters: wall ≤ 0.75 × the parse-only floor', fmtX(f('10k', 'foilint').wall / f('10k', 'floor').wall), f('10k', 'foilint').wall <= 0.75 * f('10k', 'floor').wall]);
if (f('10k', 'foilint') && f('10k', 'markdownlint-cli2')) targets.push(['10,000 letters: throughput ≥ 2 × markdownlint-cli2', fmtX(f('10k', 'markdownlint-cli2').wall / f('10k', 'foilint').wall), f('10k', 'markdownlint-cli2').wall >= 2 * f('10k', 'foilint').wall]);
if (f('10k', 'foilint')) targets.push(['10,000 letters: peak RSS ≤ 250 MiB', `${Math.round(f('10k', 'foilint').rss)} MiB`, f('10k', 'foilint').rss <= 250]);
if (f('1', 'foilint') && f('1', 'floor')) targets.push(['1 letter (start-up): wall ≤ 1.3 × the floor for one letter', fmtX(f('1', 'foilint').wall / f('1', 'floor').wall), f('1', 'foilint').wall <= 1.3 * f('1', 'floor').wall]);
if (f('10k', 'foilint') && f('1k', 'foilint')) targets.push(['linear: 10,000 letters ≤ 11 × 1,000 letters (wall)', fmtX(f('10k', 'foilint').wall / f('1k', 'foilint').wall), f('10k', 'foilint').wall <= 11 * f('1k', 'foilint').wall]);
if (perLetter) targets.push([`linear: a 100 KB letter ≤ 30 × a 4 KB letter (in process)`, fmtX(perLetter.foilintBigMs / perLetter.foilintTypicalMs), perLetter.foilintBigMs <= 30 * perLetter.foilintTypicalMs]);
if (targets.length) {
  w('## Targets (issue 6)');
  w();
  w('| target | measured | met |');
  w('|---|---:|---|');
  for (const [what, got, ok] of targets) w(`| ${what} | ${got} | ${ok ? 'yes' : '**no**'} |`);
  w();
}

if (perLetter) {
  w('## Per letter, in process');
  w();
  w(`Median over ${perLetter.typicalLetters} letters of 3.5–4.5 KB (median ${(perLetter.typicalBytes / 1024).toFixed(1)} KB) and ${perLetter.bigLetters} letters of about ${(perLetter.bigBytes / 1024).toFixed(0)} KB, each linted 10 (5) times after a warm-up, in one process (bench/per-letter.mjs): the median over letters of the mean CPU time per letter (garbage collection included), no start-up, no I/O.`);
  w();
  w('| | 4 KB letter | 100 KB letter | ratio |');
  w('|---|---:|---:|---:|');
  w(`| parse-only floor (remark-parse) | ${perLetter.floorTypicalMs.toFixed(2)} ms | ${perLetter.floorBigMs.toFixed(1)} ms | ${fmtX(perLetter.floorBigMs / perLetter.floorTypicalMs)} |`);
  w(`| foilint \`lint()\` | ${perLetter.foilintTypicalMs.toFixed(2)} ms | ${perLetter.foilintBigMs.toFixed(1)} ms | ${fmtX(perLetter.foilintBigMs / perLetter.foilintTypicalMs)} |`);
  w();
  w('Where foilint\'s time goes (ms per letter; the first rule to ask for a shared part of the letter model pays for it):');
  w();
  w('| stage | 4 KB letter | 100 KB letter |');
  w('|---|---:|---:|');
  const big = new Map(perLetter.breakdownBig.map((s) => [s.stage, s.ms]));
  for (const s of perLetter.breakdownTypical) w(`| ${s.stage} | ${s.ms.toFixed(3)} | ${(big.get(s.stage) ?? 0).toFixed(2)} |`);
  w();
}

const ev = evidence.foilint;
if (Object.keys(evidence).some((id) => id !== 'floor')) {
  w('## What each tool reported on the 1,000 letters (warm-up run)');
  w();
  if (ev) {
    try {
      const report = JSON.parse(ev.stdout);
      const manifest = manifestOf('1k');
      const byFile = new Map(report.map((r) => [relative(ev.dir, r.filePath), new Set(r.messages.map((m) => m.ruleId))]));
      let injected = 0;
      let caught = 0;
      for (const file of manifest.files) {
        for (const d of file.defects) {
          injected++;
          if (byFile.get(file.file)?.has(DEFECT_RULES[d])) caught++;
        }
      }
      const findings = report.reduce((a, r) => a + r.messages.length, 0);
      w(`- foilint: ${report.length} letters linted, ${findings} findings; it reported ${caught} of the ${injected} injected defects with the rule meant to catch each.`);
    } catch {
      w(`- foilint: exit ${ev.status}; its output was not the expected JSON (${ev.stderr.trim().split('\n').pop()})`);
    }
  }
  for (const [id, out] of Object.entries(evidence)) {
    if (id === 'foilint' || id === 'floor' || id.startsWith('foilint:')) continue;
    const printed = `${out.stdout}\n${out.stderr}`.replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).filter(Boolean);
    // Each tool's own summary line when it prints one, else its last line.
    const summary = printed.find((l) => /^Summary:|problems?\b.*\(|^⚠ \d+ warnings?|^✖ \d+/.test(l)) ?? printed.pop() ?? '(no output)';
    w(`- ${tools.find((t) => t.id === id).label}: exit ${out.status}; ${printed.length} lines of output; \`${summary.slice(0, 160)}\``);
  }
  w();
}

if (lspOutput) {
  w('## Language server (bench/lsp.mjs)');
  w();
  w('```');
  w(lspOutput);
  w('```');
  w();
}

const report = lines.join('\n');
process.stdout.write(report + '\n');
if (!values['no-write']) {
  const file = join(REPO, 'bench', 'RESULTS.md');
  const MARKER = '<!-- history: everything below is kept by bench/run.mjs -->';
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const history = old.includes(MARKER) ? old.slice(old.indexOf(MARKER)) : `${MARKER}\n`;
  writeFileSync(file, `${report}\n${history}`);
  log(`wrote ${relative(process.cwd(), file)}`);
}
