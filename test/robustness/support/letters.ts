/** Letters for the robustness tests: the real examples and fixtures, and generated letter-like text. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

export interface Letter {
  file: string;
  text: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(md|txt)$/.test(n) && n !== 'README.md') out.push(p);
  }
  return out;
}

let examples: Letter[] | undefined;

/** The letters in examples/ (real published letters and two drafts). */
export function exampleLetters(): Letter[] {
  return (examples ??= walk('examples').map((file) => ({ file, text: readFileSync(file, 'utf8') })));
}

/** Every fixture letter under test/rules (the markers stay in: they are text like any other). */
export function fixtureFiles(): string[] {
  return walk('test/rules').filter((f) => !f.endsWith('.fixed.md'));
}

/** Pieces of real FOI letters: headings, rights, citations, dates, deadlines, regulator details,
 * questions and answers, directives, placeholders, Markdown structure. */
export const FRAGMENTS = [
  'Your rights', 'YOUR RIGHTS', '## Your rights', '**Your rights**', 'Response', 'RESPONSE', '# Response to FOI-117', 'Request', 'Your request', 'Background',
  'Thank you for your request received on 1 May 2024, for the following information:', 'You asked for the following information:', 'Request:',
  'We hold the information.', 'We do not hold the information you requested.', 'We can neither confirm nor deny whether we hold the information.',
  'section 40(2)', 's.40(2)', 'section 12', 's12', 'section 21 of the Freedom of Information Act 2000', 'regulation 12(5)(e)', 'reg 12(4)(b)',
  'section 43(2) (commercial interests)', 'sections 31(1)(a) and (b)', 'section 38(1)(a) & (b) of FOISA', 'The exemption at section 36 is absolute.',
  'the public interest in maintaining the exemption outweighs the public interest in disclosure',
  '12 May 2024', 'Monday 13 March 2023', '31/02/2024', '2024-05-12', 'Friday 1 May 2024', '29 February 2023', '1st June 2024', 'June 3, 2024',
  'within 20 days', 'within 20 working days', 'within 40 working days', 'within two months', 'one calendar month', '20 business days', 'by 13 April 2023',
  'You have the right to request an internal review within 40 working days of the date of this letter.',
  'If you are not satisfied you may complain to the Information Commissioner.',
  "Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF", 'Wycliffe House, Water Lane, Wilmslow SK9 5AX',
  '0303 123 1113', '01625 545 745', 'www.ico.org.uk/concerns', 'https://ico.org.uk/make-a-complaint/', 'casework@ico.org.uk',
  'Scottish Information Commissioner, Kinburn Castle, Doubledykes Road, St Andrews, Fife KY16 9DS', 'www.itspublicknowledge.info/appeal',
  'the appropriate limit of £450', '£600', '18 hours', 'at £25 per hour', 'Freedom of Information and Data Protection (Appropriate Limit and Fees) Regulations 2004',
  'Freedom of Information Act 2000', 'Environmental Information Regulations 2004', 'Freedom of Information (Scotland) Act 2002', 'EIR', 'FOISA', 'FOIA',
  '1. How many libraries are open on Sundays?', '2. What was the budget for 2023?', '3) List the contracts.', 'a) the number of staff', '(i) the total cost',
  'Q1. How many?', 'Answer: four.', 'Four libraries.', 'Please find the information attached.', 'See the attached spreadsheet.',
  'Our ref: FOI-88', 'Reference: EIR5992', 'Date: 12 May 2024', 'Dear {{requester_name}}', 'Dear [NAME]', '<insert date>', 'TBC', 'XXX', 'TODO',
  '<!-- foilint-disable-next-block placeholder -->', '<!-- foilint-disable -->', '<!-- foilint-enable -->', '<!-- foilint-disable-line placeholder -->',
  '<!-- foilint-disable-file letter-metadata -->', '<!-- foilint-disable no-such-rule -->',
  '---\ntemplate: acknowledgement\nregime: eir\n---', '---\ndate: 2024-05-12\nreceived: 2024-04-15\nreference: FOI-1\n---', '---\nregime: gdpr\n---', '---\n: [\n---',
  '| Question | Answer |', '|---|---|', '| 1 | 4 |', '> quoted request text', '- bullet', '• bullet', '    indented code', '```', 'Yours sincerely', 'FOI Team',
];

const SEPARATORS = ['\n', '\n\n', ' ', '\r\n', '\n\n\n', ': ', '. '];

/** Letter-like text: 1 to 60 fragments, each followed by a separator. */
export function letterLike(): fc.Arbitrary<string> {
  return fc.array(fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 60 }).map((parts) => parts.map(([f, s]) => f + s).join(''));
}
