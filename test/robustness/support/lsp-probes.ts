/** Probes into a running language server for the robustness tests: its resident memory, and raw
 * messages beside the harness's JSON-RPC connection: what a broken or hostile client would send
 * (bodies that are not JSON, JSON that is not JSON-RPC, requests with wrong params), and the
 * server's answers read off its stdout. The harness's connection ignores answers to ids it did not
 * send, so the two share the pipe without clashing as long as nothing else is being written when
 * `send` runs (await the harness's last request first). */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The process's resident set size now and at its peak, in MiB (Linux /proc). */
export function residentMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

export interface RawResponse {
  jsonrpc?: string;
  id: string | number | null;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export class RawChannel {
  /** Every message the server wrote since the channel was attached, in order. */
  readonly received: unknown[] = [];
  private buffer = Buffer.alloc(0);
  private waiters: (() => void)[] = [];

  constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => this.read(chunk));
  }

  /** Writes one message with a correct Content-Length header: `body` is sent as given (a string
   * need not be JSON), an object as its JSON. Header and body go out in one write, so they cannot
   * interleave with another writer's message. */
  send(body: string | object): void {
    const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
    this.child.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]));
  }

  /** The server's response to the request with this id; rejects after `timeoutMs` naming the id. */
  response(id: string | number, timeoutMs = 10_000): Promise<RawResponse> {
    const find = () => this.received.find((m): m is RawResponse => isResponse(m) && m.id === id);
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (!found) return;
        this.waiters = this.waiters.filter((w) => w !== check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`no response to request ${JSON.stringify(id)} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(check);
      check();
    });
  }

  /** Splits stdout into messages by their Content-Length headers. */
  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (!Number.isFinite(length)) throw new Error(`the server wrote a header without Content-Length: ${this.buffer.subarray(0, headerEnd).toString('ascii')}`);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      this.received.push(JSON.parse(this.buffer.subarray(start, start + length).toString('utf8')));
      this.buffer = this.buffer.subarray(start + length);
      for (const w of [...this.waiters]) w();
    }
  }
}

function isResponse(m: unknown): m is RawResponse {
  return typeof m === 'object' && m !== null && 'id' in m && !('method' in m);
}
