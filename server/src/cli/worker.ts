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

/* One reply per batch: a message per letter cost more than linting a short letter's tail. */
parentPort?.on('message', (jobs: FileJob[]) => {
  const replies: WorkerReply[] = [];
  for (const job of jobs) {
    try {
      replies.push({ index: job.index, result: processFile(job, options) });
    } catch (err) {
      const e = err as Error & { file?: string; line?: number; column?: number; detail?: string };
      replies.push({
        index: job.index,
        crash: {
          message: e?.message ?? String(err),
          stack: e?.stack,
          configError: e?.name === 'ConfigError' ? { file: e.file!, line: e.line!, column: e.column!, detail: e.detail! } : undefined,
        },
      });
      break;
    }
  }
  parentPort!.postMessage(replies);
});
