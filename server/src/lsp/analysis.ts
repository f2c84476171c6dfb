/** One lint of one version of one letter, with what the editor features derive from it (the
 * letter model for hover and outline, the fix-all result) computed on first use. Features of the
 * same version share it; a new version or a config change makes a new one. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll, lintModel, modelLetter, type Finding, type Letter, type ModelledLetter, type ResolvedConfig } from '../engine/index.js';
import type { ConfigResolution, ConfigResolver } from './config-resolver.js';

/** Where a document lives on disk, if anywhere, and which path its config is found from. */
export interface DocumentPlace {
  /** The letter's file (undefined for an untitled letter). */
  path?: string;
  /** The path the config is looked up from: the letter, or a path in the first workspace folder. */
  configPath?: string;
}

export class Analysis {
  readonly findings: Finding[];
  readonly lintMs: number;
  private model?: ModelledLetter;
  private fixed?: string;
  private readonly memo = new Map<string, unknown>();

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly text: string,
    readonly place: DocumentPlace,
    readonly resolution: ConfigResolution,
    /** Excluded by the config's `ignores`: no findings. */
    readonly ignored: boolean,
  ) {
    const started = performance.now();
    if (!ignored) this.model = modelLetter(text, resolution.config);
    this.findings = this.model ? lintModel(this.model, { path: place.path, config: resolution.config }).findings : [];
    this.lintMs = performance.now() - started;
  }

  get config(): ResolvedConfig {
    return this.resolution.config;
  }

  /** The letter model the rules saw (made here for a letter the config ignores). */
  letter(): Letter {
    this.model ??= modelLetter(this.text, this.config);
    return this.model.letter;
  }

  /** The letter after every safe fix, repeated until nothing changes (what `foilint --fix` writes). */
  fixedText(): string {
    this.fixed ??= this.ignored ? this.text : fixAll(this.text, { path: this.place.path, config: this.config }).text;
    return this.fixed;
  }

  /** A value derived from this version, computed once (code actions ask again on every cursor move). */
  remember<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }

  /** Findings that carry a safe fix. */
  fixable(): Finding[] {
    return this.findings.filter((f) => f.fix);
  }
}

export class Analyzer {
  private readonly cache = new Map<string, Analysis>();

  constructor(
    private readonly resolver: ConfigResolver,
    private readonly placeOf: (uri: string) => DocumentPlace,
  ) {}

  /** The analysis of the document's current version: cached, or linted now. */
  get(doc: TextDocument): Analysis {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const place = this.placeOf(doc.uri);
    const resolution = this.resolver.resolve(place.configPath);
    const ignored = !!place.path && resolution.isIgnored(place.path);
    const analysis = new Analysis(doc.uri, doc.version, doc.getText(), place, resolution, ignored);
    this.cache.set(doc.uri, analysis);
    return analysis;
  }

  /** The cached analysis, if it is for this version. */
  peek(uri: string, version: number): Analysis | undefined {
    const hit = this.cache.get(uri);
    return hit && hit.version === version ? hit : undefined;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** Drops every analysis (config changed): the next request lints again. */
  clear(): void {
    this.cache.clear();
  }
}
