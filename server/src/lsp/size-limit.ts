/** The largest letter the language server lints as it is typed. A lint is synchronous, and its
 * cost grows with the text: measured, a 5 MB letter held the server 9 s (prose) to 15 s (a long
 * Markdown table) per lint with up to 2.8 GB resident, and with a 1 GB heap (the default on a 4 GB
 * machine) it ran out of memory and crashed. Real letters are a few KB. Over the limit the letter
 * gets one diagnostic saying so and no feature reads it, so the server keeps answering. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_LETTER_BYTES } from '../cli/process-file.js';
import { SOURCE } from './diagnostics.js';

export const MAX_LIVE_LETTER_BYTES = 1024 * 1024;

/** The letter's size in UTF-8 bytes when it is over the limit, else undefined. */
export function oversize(doc: TextDocument): number | undefined {
  const text = doc.getText();
  if (typeof text !== 'string') return undefined;
  // A UTF-16 unit is at most 3 UTF-8 bytes (a surrogate pair, 2 units, is 4): most letters are
  // decided by their length alone.
  if (text.length * 3 <= MAX_LIVE_LETTER_BYTES) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > MAX_LIVE_LETTER_BYTES ? bytes : undefined;
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The one diagnostic on a letter over the limit, on its first line. */
export function tooLargeDiagnostic(doc: TextDocument, bytes: number): Diagnostic {
  const firstLine = doc.getText().search(/\r|\n|$/);
  return {
    range: { start: doc.positionAt(0), end: doc.positionAt(Math.min(firstLine, 200)) },
    severity: DiagnosticSeverity.Warning,
    source: SOURCE,
    code: 'letter-too-large',
    message: `foilint: this letter is ${mb(bytes)}, over the editor's limit of ${mb(MAX_LIVE_LETTER_BYTES)} for linting as you type, so it is not checked. Check it is a letter (letters are rarely over 1 MB), or lint it with the command line (\`foilint <file>\`, up to ${mb(MAX_LETTER_BYTES)}).`,
  };
}
