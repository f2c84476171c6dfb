/** Installs micromark's document initializer with lazy lines made linear (vendor/micromark-document.js).
 *
 * micromark builds every parser's document tokenizer from one shared object, its `document`
 * initializer; the object is replaced here in both micromark builds that can be loaded (the
 * bundles take `lib`, vitest takes `dev`, its development build), once, when the engine's parser is
 * loaded. Only the initializer's `tokenize` changes; micromark's own files are untouched.
 *
 * The copy is of micromark 4.0.3. Another version keeps its own initializer (and its look-back):
 * a copy must never stand in for code it was not taken from. A test fails when that happens, so
 * that whoever upgrades micromark takes a new copy. */
import { document as linearDocument } from './vendor/micromark-document.js';
import { document as libDocument } from '../../../node_modules/micromark/lib/initialize/document.js';
import { document as devDocument } from '../../../node_modules/micromark/dev/lib/initialize/document.js';
import micromarkPackage from '../../../node_modules/micromark/package.json';

/** The micromark version the copy was taken from. */
export const COPIED_FROM = '4.0.3';

const libOriginal = libDocument.tokenize;
const devOriginal = devDocument.tokenize;

/** Whether the linear initializer is in use. */
export const lazyLinesLinear = micromarkPackage.version === COPIED_FROM;
if (lazyLinesLinear) {
  libDocument.tokenize = linearDocument.tokenize;
  devDocument.tokenize = linearDocument.tokenize;
}

/** micromark's own initializers, for the test that compares the two (test/robustness/parser.test.ts). */
export const originalTokenize = { lib: libOriginal, dev: devOriginal };
