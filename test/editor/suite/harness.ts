/// <reference types="vscode" />
/** A small test harness for the extension host: runs named checks in order, each bounded by a
 * timeout, and waits on VS Code events instead of sleeping. No test framework, so the suite runs
 * the same under code-server (here) and under @vscode/test-electron (where VS Code can be
 * downloaded). */
import * as vscode from 'vscode';

export interface TestResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
  /** Figures a check measured (e.g. activation time), for the report. */
  notes?: Record<string, number | string>;
}

export interface TestContext {
  /** Records a measured figure for the report. */
  note(key: string, value: number | string): void;
}

export interface TestCase {
  name: string;
  timeoutMs?: number;
  fn(t: TestContext): Promise<void>;
}

export async function runTests(tests: TestCase[], log: (line: string) => void): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const test of tests) {
    const started = Date.now();
    const notes: Record<string, number | string> = {};
    const limit = test.timeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        test.fn({ note: (k, v) => (notes[k] = v) }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${limit} ms`)), limit);
        }),
      ]);
      results.push({ name: test.name, ok: true, ms: Date.now() - started, notes });
      log(`ok   ${test.name} (${Date.now() - started} ms)`);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      results.push({ name: test.name, ok: false, ms: Date.now() - started, error, notes });
      log(`FAIL ${test.name}: ${error}`);
    } finally {
      clearTimeout(timer);
    }
  }
  return results;
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Resolves with probe()'s first defined value, checking now and after each of the events;
 * rejects after timeoutMs naming what it waited for (and what it last saw). */
export function waitFor<T>(what: string, probe: () => T | undefined, events: vscode.Event<unknown>[], timeoutMs = 20_000, describe?: () => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const done = () => {
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
    };
    const check = () => {
      let value: T | undefined;
      try {
        value = probe();
      } catch (err) {
        done();
        reject(err);
        return;
      }
      if (value !== undefined) {
        done();
        resolve(value);
      }
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`waited ${timeoutMs} ms for ${what}${describe ? `; last seen: ${describe()}` : ''}`));
    }, timeoutMs);
    for (const event of events) subscriptions.push(event(check));
    check();
  });
}

/** Like waitFor, for state that no event announces (e.g. a value the extension keeps): checks
 * every 50 ms, bounded by timeoutMs. */
export async function poll<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
