// `npm run bench:lsp`: how long an officer waits, after typing, for foilint's diagnostics.
// Drives the bundled stdio server (dist/server.js) like an editor: opens a letter, then sends 200
// edits one at a time, each followed by a wait for the diagnostics of that very version, and
// prints p50/p95/max edit-to-diagnostics times for a ~5 KB and a ~100 KB letter.
// Targets (issue 4): p95 <= 25 ms on 5 KB, <= 300 ms on 100 KB. Figures, not assertions.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const ROOT = resolve(import.meta.dirname, '..');
const EDITS = Number(process.env.FOILINT_BENCH_EDITS ?? 200);

/** A realistic council response with `questions` numbered questions, each restated and answered. */
function letter(questions) {
  const head = ['Our ref: FOI-2023-0142', '', '22 March 2023', '', 'Dear Ms Example,', '', 'Thank you for your request received on 13 March 2023, for the following information:', ''];
  const asked = [];
  const answered = ['## Response', '', 'We hold the information you asked for.', ''];
  for (let i = 1; i <= questions; i++) {
    const q = `How many potholes were reported on roads in ward ${i} in 2022, and how many of those were repaired within 28 days of the report?`;
    asked.push(`${i}. ${q}`);
    answered.push(`${i}. ${q}`, '', `In ward ${i}, ${100 + i} potholes were reported in 2022 and ${80 + (i % 20)} of them were repaired within 28 days. The figures come from the highways asset system, extracted on 20 March 2023.`, '');
  }
  const rights = ['## Your rights', '', 'If you are unhappy with this response you may ask for an internal review within 40 working days of the date of this letter by writing to foi@example.gov.uk. If you remain dissatisfied you may complain to the Information Commissioner\'s Office, Wycliffe House, Water Lane, Wilmslow, Cheshire, SK9 5AF. Telephone 0303 123 1113. https://ico.org.uk/make-a-complaint/', '', 'Yours sincerely,', '', 'Information Governance Team', ''];
  return [...head, ...asked, '', ...answered, ...rights].join('\n');
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(label, text) {
  const dir = mkdtempSync(join(tmpdir(), 'foilint-bench-lsp-'));
  const file = join(dir, 'letter.md');
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri !== uri) return;
    const w = waiters.get(p.version);
    if (w) {
      waiters.delete(p.version);
      w();
    }
  });
  conn.onRequest(() => null);
  conn.onNotification(() => {});
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }] });
  conn.sendNotification('initialized', {});
  const published = (version) => new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error(`no diagnostics for version ${version} within 10 s`)), 10_000);
    waiters.set(version, () => { clearTimeout(t); res(); });
  });
  let version = 1;
  let first = published(version);
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  await first;
  // Typing in the middle of the response: insert a character, then delete it, alternately.
  const at = text.indexOf('were repaired within');
  const lines = text.slice(0, at).split('\n');
  const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
  const times = [];
  for (let i = 0; i < EDITS; i++) {
    version++;
    const insert = i % 2 === 0;
    const change = insert
      ? { range: { start: position, end: position }, text: 'x' }
      : { range: { start: position, end: { line: position.line, character: position.character + 1 } }, text: '' };
    const done = published(version);
    const t0 = performance.now();
    conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await done;
    times.push(performance.now() - t0);
  }
  await conn.sendRequest('shutdown');
  conn.sendNotification('exit');
  conn.dispose();
  child.kill();
  times.sort((a, b) => a - b);
  return { label, bytes: Buffer.byteLength(text), edits: EDITS, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] };
}

const rows = [await measure('5 KB letter', letter(10)), await measure('100 KB letter', letter(235))];
console.log('| letter | size | edits | p50 ms | p95 ms | max ms | target p95 |');
console.log('|---|---|---|---|---|---|---|');
for (const [i, r] of rows.entries()) {
  console.log(`| ${r.label} | ${(r.bytes / 1024).toFixed(1)} KB | ${r.edits} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ≤ ${i === 0 ? 25 : 300} ms |`);
}
