/** A lint worker: reads, lints and fixes the files the main thread sends, and posts the results back. */
import { parentPort, workerData } from 'node:worker_threads';
import { processFile } from './process-file.js';
import type { FileJob, FileResult, RunOptions } from './types.js';

export interface WorkerReply {
  index: number;
  result?: FileResult;
  /** A failure that is not about the file (a bug, a config error). */
  crash?: { message: string; stack?: string; configError?: { file: string; line: number; column: number; detail: string } };
}

const options = (workerData as { options: RunOptions }).options;

parentPort?.on('message', (jobs: FileJob[]) => {
  for (const job of jobs) {
    let reply: WorkerReply;
    try {
      reply = { index: job.index, result: processFile(job, options) };
    } catch (err) {
      const e = err as Error & { file?: string; line?: number; column?: number; detail?: string };
      reply = {
        index: job.index,
        crash: {
          message: e?.message ?? String(err),
          stack: e?.stack,
          configError: e?.name === 'ConfigError' ? { file: e.file!, line: e.line!, column: e.column!, detail: e.detail! } : undefined,
        },
      };
    }
    parentPort!.postMessage(reply);
  }
});
