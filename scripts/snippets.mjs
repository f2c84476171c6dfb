// Generates snippets/foilint.code-snippets (VS Code snippets for the standard paragraphs of a
// response) from the regime packs in rules/packs, so that a snippet never says anything the packs
// and the rules that read them do not: the rights paragraphs are the packs' own, the ICO and SIC
// contacts are the regulator files', the cost-limit figures and the exemptions come from pack.yaml.
//   node scripts/snippets.mjs           write the file
//   node scripts/snippets.mjs --check   exit 1 if the committed file is not what the packs give
// test/templates/snippets.test.ts checks both that and that each snippet passes the rules.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

export const SNIPPETS_FILE = 'snippets/foilint.code-snippets';

const REGIME_NAMES = { foia: 'FOIA', eir: 'EIR', foisa: 'FOISA', 'eir-scotland': 'EIRs (Scotland)' };

/** Text a snippet inserts as it is: "$" and "\" are snippet syntax. */
const literal = (s) => s.replace(/\\/g, '\\\\').replace(/\$/g, '\\$');
/** Text inside ${n:…}: "}" ends the placeholder too. */
const inPlaceholder = (s) => literal(s).replace(/\}/g, '\\}');
/** One choice of ${n|a,b|}: "," and "|" separate choices. */
const choice = (s) => literal(s).replace(/[,|]/g, (c) => `\\${c}`);
/** A field the officer fills: inserted as {{name}}, selected, so that `placeholder` reports it if left. */
const field = (n, name) => `\${${n}:${inPlaceholder(`{{${name}}}`)}}`;

function readPacks(root) {
  const dir = join(root, 'rules', 'packs');
  const packs = {};
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, 'pack.yaml');
    if (!existsSync(file)) continue;
    const pack = parse(readFileSync(file, 'utf8'));
    const wording = Object.fromEntries(Object.entries(pack.wording).map(([k, f]) => [k, readFileSync(join(dir, name, f), 'utf8').replace(/\r\n?/g, '\n').trim()]));
    packs[pack.id] = { ...pack, wording, regulatorFile: parse(readFileSync(join(dir, 'regulators', `${pack.regulator}.yaml`), 'utf8')) };
  }
  return packs;
}

/** The name letters use now: the latest dated entry (an entry whose date is not known yet is not used). */
function regulatorName(regulator) {
  const dated = regulator.expectedNames.filter((n) => n.from).sort((a, b) => (a.from < b.from ? -1 : 1));
  return dated[dated.length - 1].value;
}

function rightsSnippet(pack) {
  // The packs' paragraphs say {{review_contact}} where the authority's review address goes.
  const [before, after] = pack.wording.internalReview.split('{{review_contact}}');
  const review = after === undefined ? literal(before) : `${literal(before)}${field(1, 'review_contact')}${literal(after)}`;
  return {
    prefix: `foi-rights-${pack.id}`,
    description: `Your rights under the ${pack.law.name}: the review paragraph and the right to apply to the ${regulatorName(pack.regulatorFile)} (rules/packs/${pack.id}).`,
    body: ['## Your rights', '', ...review.split('\n'), '', ...literal(pack.wording.complaint).split('\n'), '$0'],
  };
}

function contactSnippet(regulator) {
  const name = regulatorName(regulator);
  const parts = [`${name}, ${regulator.address.lines.join(', ')}.`, `Telephone: ${regulator.phone.value}.`];
  if (regulator.email) parts.push(`Email: ${regulator.email.value}.`);
  parts.push(`Website: ${regulator.complaintPage.value}`);
  return {
    prefix: `foi-${regulator.id}`,
    description: `The ${name}'s contact details (rules/packs/regulators/${regulator.id}.yaml).`,
    body: [literal(parts.join(' '))],
  };
}

function costAdviceSnippet(pack) {
  const c = pack.costLimit;
  const limits = c.limits.map((l) => {
    const hours = l.hours ?? Math.floor(l.amount / c.hourlyRate);
    return `£${l.amount}, which represents ${hours} hours`;
  });
  const limit = limits.length > 1 ? `\${1|${limits.map(choice).join(',')}|}` : literal(limits[0]);
  const regulations = c.regulations.replace(/^The\s+/, '');
  const n = limits.length > 1 ? 2 : 1;
  return {
    prefix: pack.id === 'foia' ? 'foi-s12-advice' : `foi-s12-advice-${pack.id}`,
    description: `Refusal on cost (${REGIME_NAMES[pack.id]} ${c.provision}) with advice on narrowing the request: the limit, hours and rate from rules/packs/${pack.id}/pack.yaml.${limits.length > 1 ? ' Pick the limit that applies (central government or other authorities).' : ''}`,
    body: [
      `We estimate that the cost of complying with your request would exceed the appropriate limit, so ${literal(c.provision)} of the ${literal(pack.law.name)} applies and we are not obliged to comply with it.`,
      '',
      `The appropriate limit for this authority is ${limit} of work at £${c.hourlyRate} per hour, as set by the ${literal(regulations)}.`,
      '',
      field(n, 'cost_estimate'),
      '',
      '## Advice and assistance',
      '',
      'If you narrow your request, we may be able to answer it within the limit.',
      '',
      field(n + 1, 'narrowing_advice'),
      '$0',
    ],
  };
}

function publicInterestSnippet(pack) {
  const word = pack.law.provisionWord[0].toUpperCase() + pack.law.provisionWord.slice(1);
  const term = pack.law.refusalTerm;
  // Every qualified exemption (or exception) but "information not held", where there is nothing to weigh.
  const qualified = (pack.exemptions ?? []).filter((e) => e.class === 'qualified' && !/not held/i.test(e.title));
  const pick = `\${1|${qualified.map((e) => choice(`${e.cite} (${e.title.charAt(0).toLowerCase()}${e.title.slice(1)})`)).join(',')}|}`;
  const intro =
    term === 'exception'
      ? `${word} ${pick} is an exception subject to the public interest test, so we have considered whether, in all the circumstances, the public interest in maintaining the exception outweighs the public interest in disclosure, applying a presumption in favour of disclosure.`
      : `${word} ${pick} is a qualified exemption, so we have considered whether the public interest in maintaining the exemption outweighs the public interest in disclosure.`;
  return {
    prefix: pack.id === 'foia' ? 'foi-pit' : `foi-pit-${pack.id}`,
    description: `Public interest test skeleton (${REGIME_NAMES[pack.id]}): pick the ${term} from the qualified ones in rules/packs/${pack.id}/pack.yaml, then the factors for and against, and the balance.`,
    body: [
      '## Public interest test',
      '',
      intro,
      '',
      '### Factors in favour of disclosure',
      '',
      field(2, 'public_interest_for'),
      '',
      `### Factors in favour of maintaining the ${term}`,
      '',
      field(3, 'public_interest_against'),
      '',
      '### Balance of the public interest',
      '',
      `We have concluded that ${field(4, 'public_interest_balance')}`,
      '$0',
    ],
  };
}

/** The snippets file's text, from the packs under `root`. */
export function generateSnippets(root) {
  const packs = readPacks(root);
  const snippets = {};
  const add = (title, s) => (snippets[title] = s);
  for (const pack of Object.values(packs)) add(`foilint: your rights (${REGIME_NAMES[pack.id]})`, rightsSnippet(pack));
  const regulators = [...new Map(Object.values(packs).map((p) => [p.regulatorFile.id, p.regulatorFile])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const r of regulators) add(`foilint: ${r.id.toUpperCase()} contact details`, contactSnippet(r));
  for (const pack of Object.values(packs).filter((p) => p.costLimit)) add(`foilint: section 12 refusal with advice (${REGIME_NAMES[pack.id]})`, costAdviceSnippet(pack));
  for (const pack of Object.values(packs).filter((p) => (p.exemptions ?? []).some((e) => e.class === 'qualified'))) add(`foilint: public interest test (${REGIME_NAMES[pack.id]})`, publicInterestSnippet(pack));
  return `${JSON.stringify(snippets, null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const text = generateSnippets(root);
  const target = join(root, SNIPPETS_FILE);
  const count = Object.keys(JSON.parse(text)).length;
  if (process.argv.includes('--check')) {
    const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (current !== text) {
      console.error(`${SNIPPETS_FILE} is not what rules/packs gives; run \`npm run snippets\` and commit it`);
      process.exit(1);
    }
    console.log(`${SNIPPETS_FILE} matches rules/packs (${count} snippets)`);
  } else {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log(`wrote ${SNIPPETS_FILE} (${count} snippets)`);
  }
}
