/** When to lint a letter after it changes. Lint at once when the editor is idle (the lowest
 * latency), and coalesce while edits come faster than linting: an edit that arrives within a few
 * milliseconds of the previous edit or of the end of the last lint most likely queued up behind
 * it, so it waits briefly and one lint serves all the edits of the burst. The lint reads the
 * document when it runs, so only the latest version is linted. */

/** How close two edits (or an edit and the end of a lint) must be to count as one burst, and how
 * long a burst waits before its lint. */
export const BURST_MS = 8;

export class LintScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lastChange = new Map<string, number>();
  private lastLintEnd = -Infinity;

  constructor(
    private readonly lint: (uri: string) => void,
    /** A fixed debounce from the settings, or undefined for the adaptive one. */
    private readonly debounceMs: () => number | undefined,
  ) {}

  /** The letter was edited. */
  changed(uri: string): void {
    const now = performance.now();
    const previous = Math.max(this.lastChange.get(uri) ?? -Infinity, this.lastLintEnd);
    this.lastChange.set(uri, now);
    const fixed = this.debounceMs();
    if (fixed !== undefined && fixed > 0) {
      this.clearTimer(uri);
      this.timers.set(uri, setTimeout(() => this.run(uri), fixed));
      return;
    }
    if (this.timers.has(uri)) return;
    if (fixed === undefined && now - previous < BURST_MS) {
      this.timers.set(uri, setTimeout(() => this.run(uri), BURST_MS));
      return;
    }
    this.run(uri);
  }

  /** Lint now (open, save). */
  now(uri: string): void {
    this.run(uri);
  }

  /** Lint on the next turn of the event loop, once however often asked (config reload). */
  soon(uri: string): void {
    if (this.timers.has(uri)) return;
    this.timers.set(uri, setTimeout(() => this.run(uri), 0));
  }

  /** A lint is waiting for this letter. */
  pending(uri: string): boolean {
    return this.timers.has(uri);
  }

  cancel(uri: string): void {
    this.clearTimer(uri);
    this.lastChange.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private clearTimer(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  private run(uri: string): void {
    this.clearTimer(uri);
    try {
      this.lint(uri);
    } finally {
      this.lastLintEnd = performance.now();
    }
  }
}
