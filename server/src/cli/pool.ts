/** Lints letters on worker threads, with the main thread taking the letters a worker should not. */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { ConfigError } from '../host/config.js';
import { processFile } from './process-file.js';
import type { FileJob, FileResult, RunOptions } from './types.js';
import type { WorkerReply } from './worker.js';

/* Memory. Left to itself, V8 lets each worker's heap grow to several times what a letter needs
 * (a 10,000-letter run peaked at 350-390 MiB with two workers). Capping the old generation at
 * 512 MB and the young at 24 MB keeps the same run near 235 MiB, for 5-10% more time (a young
 * generation of 16 MB took 15-20% more; of 32 MB, 270-285 MiB). A letter
 * over MAIN_THREAD_LETTER_BYTES could need more than the cap (a MB of Markdown table takes about
 * 450 MB to lint), so such letters are linted on the main thread, which has Node's usual heap; and
 * a worker that runs out of memory all the same hands its letters to the main thread too. */
const WORKER_OLD_GENERATION_MB = 512;
const WORKER_YOUNG_GENERATION_MB = 24;
export const MAIN_THREAD_LETTER_BYTES = 256 * 1024;

export interface PoolReport {
  /** Letters linted on the main thread, because of their size or a worker out of memory. */
  onMainThread: number;
  /** Workers that ran out of memory. */
  outOfMemory: number;
}

/** Lints the jobs on `size` worker threads. Each worker holds two batches, so it starts the next
 * while the main thread takes in the last; batches are small enough that the workers finish
 * together (about 16 per worker, 2 to 32 letters each). `FOILINT_WORKER_HEAP_MB` sets the old
 * generation's cap (for tests). */
export function runPool(jobs: FileJob[], options: RunOptions, size: number, workerFile: string, deliver: (index: number, r: FileResult) => void): Promise<PoolReport> {
  const heapEnv = process.env.FOILINT_WORKER_HEAP_MB;
  const oldGenerationMb = heapEnv && /^\d+$/.test(heapEnv) ? Number(heapEnv) : WORKER_OLD_GENERATION_MB;
  const queue: FileJob[] = [];
  const mainQueue: FileJob[] = [];
  for (const job of jobs) (isLarge(job) ? mainQueue : queue).push(job);
  const batchSize = Math.max(2, Math.min(32, Math.ceil(queue.length / (size * 16))));
  const report: PoolReport = { onMainThread: mainQueue.length, outOfMemory: 0 };

  return new Promise<PoolReport>((resolvePool, rejectPool) => {
    let nextJob = 0;
    let done = 0;
    let failed = false;
    let mainBusy = false;
    const workers: Worker[] = [];
    const live = new Set<Worker>();
    const finish = (err?: unknown) => {
      if (failed) return;
      if (err) failed = true;
      void Promise.all(workers.map((w) => w.terminate())).then(() => (err ? rejectPool(err) : resolvePool(report)));
    };
    const completed = (n: number) => {
      done += n;
      if (done === jobs.length) finish();
    };
    // The main thread lints one letter per turn of the event loop, so worker replies are taken
    // in between.
    const lintOnMainThread = () => {
      if (mainBusy || failed) return;
      const job = mainQueue.shift();
      if (!job) return;
      mainBusy = true;
      setImmediate(() => {
        mainBusy = false;
        if (failed) return;
        let result: FileResult;
        try {
          result = processFile(job, options);
        } catch (err) {
          finish(err);
          return;
        }
        deliver(job.index, result);
        completed(1);
        lintOnMainThread();
      });
    };
    const inFlight = new Map<Worker, FileJob[][]>();
    const feed = (w: Worker) => {
      if (nextJob >= queue.length) return;
      const batch = queue.slice(nextJob, nextJob + batchSize);
      nextJob += batch.length;
      inFlight.get(w)!.push(batch);
      w.postMessage(batch);
    };
    const rescue = (w: Worker) => {
      live.delete(w);
      report.outOfMemory++;
      const moved = inFlight.get(w)!.flat();
      inFlight.set(w, []);
      // With no worker left, the main thread takes the rest.
      if (!live.size) {
        moved.push(...queue.slice(nextJob));
        nextJob = queue.length;
      }
      mainQueue.push(...moved);
      report.onMainThread += moved.length;
      lintOnMainThread();
    };

    for (let i = 0; i < size && queue.length; i++) {
      const w = new Worker(workerFile, {
        workerData: { options },
        resourceLimits: { maxOldGenerationSizeMb: oldGenerationMb, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
      workers.push(w);
      live.add(w);
      inFlight.set(w, []);
      w.on('message', (replies: WorkerReply[]) => {
        if (failed) return;
        inFlight.get(w)!.shift();
        for (const reply of replies) {
          if (reply.crash) {
            const c = reply.crash;
            finish(c.configError ? new ConfigError(c.configError.file, c.configError.line, c.configError.column, c.configError.detail) : Object.assign(new Error(c.message), { stack: c.stack }));
            return;
          }
          deliver(reply.index, reply.result!);
        }
        feed(w);
        completed(replies.length);
      });
      w.on('error', (err: Error & { code?: string }) => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY' && !failed) rescue(w);
        else finish(err);
      });
      w.on('exit', (code) => {
        if (!failed && live.has(w) && done < jobs.length && code !== 0) finish(new Error(`a lint worker stopped (exit code ${code})`));
      });
      feed(w);
      feed(w);
    }
    if (!workers.length && !mainQueue.length) finish();
    lintOnMainThread();
  });
}

/** Is the letter too large for a worker's capped heap? (Unreadable files are left to the worker,
 * which reports them.) */
function isLarge(job: FileJob): boolean {
  try {
    return statSync(job.absPath).size > MAIN_THREAD_LETTER_BYTES;
  } catch {
    return false;
  }
}
