/** Letters and configs for the language-server tests, and the engine's own view of them (what the
 * server's answers are checked against). */
import { lint, type Finding } from '../../server/src/engine/index.js';
import { clearConfigCache, loadConfigFor } from '../../server/src/host/config.js';

export const CONFIG = JSON.stringify({ regime: 'foia', authority: { name: 'Northgate Police' }, ignores: ['archive/**'] }, null, 2);

/** A response with findings of every kind: safe fixes (question-wording, review-window,
 * working-days, two ico-details), no fix (placeholder, question-answered, response-time). Received
 * Monday 13 March 2023, sent Monday 24 April 2023: 27 working days, due Thursday 13 April 2023. */
export const LETTER = `Northgate Police
24 April 2023
Our ref: FOI-2023-0142

Dear Mr Okafor,

Thank you for your request received on 13 March 2023, for the following information:

1. How many officers were assaulted on duty in 2023, broken down by month?
2. How many of those assaults led to a charge?

We have dealt with your request under the Freedom of Information Act 2000. We aim to reply within 20 working days of receipt.

Response

We hold the information you asked for.

1. How many officers were assaulted on duty in 2022, broken down by month?

The figures are in the table below.

| Month | Assaults |
|---|---|
| January | 14 |
| February | 11 |

2. How many of those assaults led to a charge?

[INSERT FIGURE FROM CUSTODY]

Your rights

If you are unhappy with this response you may request an internal review within two months by writing to foi@northgate.police.example. We will reply within 20 days. If you remain dissatisfied you may apply to the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire, SK9 5AX. Telephone: 01625 545 745.

Yours sincerely

Information Rights Team
`;

/** What the engine finds in a letter at `path` with the config on disk now. */
export function engineFindings(text: string, path: string): Finding[] {
  clearConfigCache();
  const { config } = loadConfigFor(path);
  return lint(text, { path, config }).findings;
}

/** The 0-based LSP position of a 1-based engine position. */
export function lspPosition(p: { line: number; column: number }): { line: number; character: number } {
  return { line: p.line - 1, character: p.column - 1 };
}

/** Position of the first occurrence of `needle` (plus `delta` characters) in `text`. */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, at + delta).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: before[before.length - 1].length };
}
