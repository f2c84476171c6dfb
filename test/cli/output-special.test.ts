import { spawn, execFileSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanLetter, ensureBuilt, workspace } from './helpers.js';

describe('--output-file to a pipe or a device', () => {
  beforeAll(() => ensureBuilt());

  it('writes into a named pipe and leaves it a pipe (a temp file renamed over it would replace it)', { timeout: 30_000 }, async () => {
    const dir = workspace({ 'letter.md': cleanLetter().replace('Thank you', 'Dear {{name}}\n\nThank you') });
    const fifo = join(dir, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let received = '';
    reader.stdout.on('data', (d) => (received += d));
    const readerDone = new Promise((resolve) => reader.on('close', resolve));
    // Were the pipe replaced, the reader would wait for a writer forever.
    setTimeout(() => reader.kill(), 20_000).unref();
    const run = spawn(process.execPath, [BIN, 'letter.md', '--format', 'json', '--output-file', fifo], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    const code = await new Promise((resolve) => run.on('close', resolve));
    await readerDone;
    expect(code).toBe(1);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(JSON.parse(received)[0].messages.some((m: { ruleId: string }) => m.ruleId === 'placeholder')).toBe(true);
  });
});
