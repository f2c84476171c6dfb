// Deterministic generator of realistic UK FOI response letters, for the benchmark.
//
//   node bench/corpus.mjs --n 1000 --seed 1 --out DIR          # typical letters, some very long
//   node bench/corpus.mjs --n 5 --seed 1 --big --out DIR       # only very long letters
//
// Letters are about 4 KB with 1-12 questions (restated and answered), a quarter of them with a
// table of figures, one in ten with front matter; one in 400 is about 100 KB with 200 questions. About one in five carries an injected defect that foilint should
// report (old ICO phone, "within 20 days", no rights section, an unanswered question, a wrong
// review window, a placeholder, a wrong ICO postcode, a late reply). The same seed gives the same
// bytes. DIR gets <year>/<authority>-<ref>.md files and manifest.json (the defects of each file).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

/** Bump when the output changes, so cached corpora are rebuilt. */
export const GENERATOR_VERSION = 4;

export const DEFECT_KINDS = ['old-ico-phone', 'ico-postcode', 'calendar-days', 'missing-rights', 'unanswered-question', 'review-window', 'placeholder', 'late-reply'];
/** The rule that reports each defect (the benchmark checks foilint found them). */
export const DEFECT_RULES = {
  'old-ico-phone': 'ico-details',
  'ico-postcode': 'ico-details',
  'calendar-days': 'working-days',
  'missing-rights': 'required-sections',
  'unanswered-question': 'question-answered',
  'review-window': 'review-window',
  placeholder: 'placeholder',
  'late-reply': 'response-time',
};

// ---------- deterministic randomness (splitmix32) ----------
function rng(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** Picks from [value, weight] pairs. */
    weighted: (pairs) => {
      let t = next() * pairs.reduce((a, [, w]) => a + w, 0);
      for (const [v, w] of pairs) if ((t -= w) < 0) return v;
      return pairs[pairs.length - 1][0];
    },
    /** n distinct items, in list order. */
    some: (list, n) => {
      const idx = list.map((_, i) => [next(), i]).sort((a, b) => a[0] - b[0]).slice(0, Math.min(n, list.length)).map(([, i]) => i).sort((a, b) => a - b);
      return idx.map((i) => list[i]);
    },
  };
  return r;
}

// ---------- dates ----------
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY = 86_400_000;
const isWeekend = (t) => [0, 6].includes(new Date(t).getUTCDay());
function addWeekdays(t, n) {
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    t += step * DAY;
    if (!isWeekend(t)) left--;
  }
  return t;
}
function formatDate(t, style) {
  const d = new Date(t);
  const long = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  if (style === 'weekday') return `${WEEKDAYS[d.getUTCDay()]} ${long}`;
  if (style === 'numeric') return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  return long;
}
const financialYear = (y) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`;

// ---------- who writes and who asks (fictional bodies) ----------
const AUTHORITIES = [
  { name: 'Ashbourne District Council', noun: 'Council', kind: 'council', street: 'Town Hall, Market Place', town: 'Ashbourne', postcode: 'AB1 2CD', domain: 'ashbourne.gov.example', team: 'Information Governance Team' },
  { name: 'Northgate Metropolitan Borough Council', noun: 'Council', kind: 'council', street: 'Civic Centre, Station Road', town: 'Northgate', postcode: 'NG4 7TR', domain: 'northgate.gov.example', team: 'FOI Team' },
  { name: 'London Borough of Hartwell', noun: 'Council', kind: 'council', street: 'Hartwell House, 2 Bridge Street', town: 'London', postcode: 'E9 4QP', domain: 'hartwell.gov.example', team: 'Information Management Team' },
  { name: 'Kelsey Valley NHS Foundation Trust', noun: 'Trust', kind: 'nhs', street: 'Trust Headquarters, Kelsey Road', town: 'Kelsey', postcode: 'KV2 8HH', domain: 'kelseyvalley.nhs.example', team: 'Freedom of Information Office' },
  { name: 'Westmere Police', noun: 'force', kind: 'police', street: 'Police Headquarters, Ridge Way', town: 'Westmere', postcode: 'WM3 1PF', domain: 'westmere.police.example', team: 'Information Access Unit' },
  { name: 'University of Dunmore', noun: 'University', kind: 'university', street: 'Registry, College Lane', town: 'Dunmore', postcode: 'DN7 3UY', domain: 'dunmore.ac.example', team: 'Information Compliance Office' },
  { name: 'Department for Regional Transport', noun: 'Department', kind: 'department', street: '33 Horseferry Row', town: 'London', postcode: 'SW1P 4DR', domain: 'drt.gov.example', team: 'FOI Unit' },
  { name: 'Glenmuir Council', noun: 'Council', kind: 'council', street: 'Council Offices, High Street', town: 'Glenmuir', postcode: 'PH9 2LL', domain: 'glenmuir.gov.example', team: 'Information Team', scottish: true },
];
const AUTHORITY_WEIGHTS = [5, 4, 4, 3, 3, 2, 2, 2];
const TITLES = ['Mr', 'Ms', 'Mrs', 'Dr', 'Miss'];
const SURNAMES = ['Okafor', 'Smith', 'Patel', 'Jones', 'Williams', 'Brown', 'Taylor', 'Khan', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Roberts', 'Johnson', 'Lewis', 'Walker', 'Robinson', 'Wood', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Clarke', 'Campbell', 'Murray', 'Kowalski', 'Nguyen', 'Ahmed'];
const SIGNERS = ['Priya Raman', 'Tom Fletcher', 'Aisha Bello', 'Gareth Hughes', 'Sarah McLeod', 'Daniel Osei', 'Helen Ward', 'Marek Nowak'];
const ROLES = ['Information Governance Officer', 'FOI Officer', 'Information Rights Adviser', 'Data Protection and FOI Lead', 'Senior Information Officer'];

// ---------- questions and answers by topic ----------
// Each topic: subject, environmental (answered under the EIR), question makers, answer makers.
const TOPICS = [
  { subject: 'potholes and road repairs', env: true, kinds: ['council', 'department'],
    q: [(r, c) => `How many potholes were reported on roads maintained by the ${c.noun} in each year since ${c.since}?`,
      (r, c) => `How much did the ${c.noun} pay in compensation claims for vehicle damage caused by potholes in ${financialYear(c.year - 1)}?`,
      (r, c) => `What is the average time taken to repair a reported pothole, from the report to the completed repair?`],
    a: [(r, c) => `${r.int(800, 9000).toLocaleString('en-GB')} potholes were reported in ${c.year - 1} and ${r.int(600, 8000).toLocaleString('en-GB')} in ${c.year - 2}. Figures for earlier years are in the attached spreadsheet.`,
      (r) => `The ${r.pick(['Council', 'authority'])} paid £${r.int(2, 90)},${String(r.int(0, 999)).padStart(3, '0')} in settled claims. ${r.int(40, 400)} claims were received and ${r.int(10, 120)} were successful.`,
      (r) => `The average time from report to repair was ${r.int(3, 40)} days for category 2 defects. Category 1 defects are made safe within 24 hours.`] },
  { subject: 'air quality monitoring', env: true, kinds: ['council'],
    q: [(r, c) => `Please provide the annual mean nitrogen dioxide readings for each monitoring site in ${c.town} for ${c.year - 1}.`,
      (r, c) => `How many air quality monitoring stations does the ${c.noun} operate, and where are they?`],
    a: [(r, c) => `The readings are published in the ${c.noun}'s Annual Status Report, available at https://www.${c.domain}/air-quality. The highest annual mean was ${r.int(20, 55)} µg/m³.`,
      (r) => `The authority operates ${r.int(2, 9)} automatic stations and ${r.int(20, 140)} diffusion tubes. A list of locations is attached.`] },
  { subject: 'agency staff spend', env: false, kinds: ['council', 'nhs', 'police', 'university', 'department'],
    q: [(r, c) => `How much did the ${c.noun} spend on agency staff in each of the last three financial years?`,
      (r, c) => `Which agencies supplied temporary staff to the ${c.noun} in ${financialYear(c.year - 1)}, and how much was paid to each?`,
      (r) => `What was the highest daily rate paid to a single agency worker, and for what role?`],
    a: [(r, c) => `Spend on agency staff was £${(r.int(5, 90) / 10).toFixed(1)} million in ${financialYear(c.year - 1)}, £${(r.int(5, 90) / 10).toFixed(1)} million in ${financialYear(c.year - 2)} and £${(r.int(5, 90) / 10).toFixed(1)} million in ${financialYear(c.year - 3)}.`,
      (r) => `A list of agencies and the amounts paid to each is attached. ${r.int(4, 30)} agencies supplied staff in the period.`,
      (r) => `The highest daily rate was £${r.int(300, 1500)} for an interim ${r.pick(['finance director', 'consultant psychiatrist', 'project manager', 'social work team manager'])}.`] },
  { subject: 'cyber security incidents', env: false, kinds: ['council', 'nhs', 'police', 'university', 'department'],
    q: [(r, c) => `How many cyber security incidents did the ${c.noun} record in each year since ${c.since}?`,
      (r) => `Has the organisation paid a ransom in response to a ransomware attack? If so, how much?`,
      (r) => `Which antivirus or endpoint protection product do you use, and when does the contract expire?`],
    a: [(r, c) => `The ${c.noun} recorded ${r.int(0, 40)} incidents in ${c.year - 1}. Incidents are recorded under the ${r.pick(['ISO 27001', 'Cyber Essentials'])} framework.`,
      (r) => `No ransom has been paid.`,
      (r, c) => `The ${c.noun} uses ${r.pick(['Microsoft Defender for Endpoint', 'Sophos Intercept X', 'CrowdStrike Falcon'])}. The contract expires on ${formatDate(Date.UTC(c.year + r.int(0, 3), r.int(0, 11), r.int(1, 28)))}.`] },
  { subject: 'waiting times', env: false, kinds: ['nhs'],
    q: [(r, c) => `What was the median waiting time from referral to first appointment for each service in ${c.year - 1}?`,
      (r) => `How many patients waited more than 52 weeks for treatment at the end of each quarter?`],
    a: [(r) => `The median waiting time was ${r.int(3, 40)} weeks for adult services and ${r.int(3, 60)} weeks for children's services. A breakdown by service is attached.`,
      (r) => `${r.int(0, 900)} patients had waited more than 52 weeks at the end of the last quarter. Quarterly figures are in the attached table.`] },
  { subject: 'police vehicles and pursuits', env: false, kinds: ['police'],
    q: [(r, c) => `How many police vehicle pursuits took place in each year since ${c.since}?`,
      (r) => `How many police vehicles were damaged in collisions, and what was the total cost of repairs?`],
    a: [(r, c) => `${r.int(20, 600)} pursuits were recorded in ${c.year - 1}. Figures for earlier years are in the table attached.`,
      (r) => `${r.int(10, 300)} vehicles were damaged in collisions. Repairs cost £${r.int(40, 900)},${String(r.int(0, 999)).padStart(3, '0')} in total.`] },
  { subject: 'student complaints', env: false, kinds: ['university'],
    q: [(r, c) => `How many formal complaints did the ${c.noun} receive from students in each academic year since ${c.since}?`,
      (r) => `How many complaints were escalated to the Office of the Independent Adjudicator?`],
    a: [(r) => `We received ${r.int(50, 900)} last academic year. A breakdown by faculty is attached.`,
      (r) => `The number escalated was ${r.int(0, 60)}. Outcomes are published by the adjudicator in its annual report.`] },
  { subject: 'tree felling and planting', env: true, kinds: ['council', 'university'],
    q: [(r, c) => `How many trees has the ${c.noun} felled in each year since ${c.since}, and how many were planted?`,
      (r, c) => `Please provide the ${c.noun}'s current tree management policy.`],
    a: [(r, c) => `${r.int(100, 3000).toLocaleString('en-GB')} trees were felled and ${r.int(100, 9000).toLocaleString('en-GB')} planted in ${c.year - 1}.`,
      (r, c) => `The policy is published on our website: [Tree management policy](https://www.${c.domain}/trees/policy).`] },
  { subject: 'consultancy contracts', env: false, kinds: ['council', 'nhs', 'police', 'university', 'department'],
    q: [(r, c) => `Please list all consultancy contracts over £${r.pick(['25,000', '50,000', '100,000'])} awarded since ${c.since}, with the supplier, value and purpose.`,
      (r, c) => `How much has the ${c.noun} spent on external legal advice in each year since ${c.sinceYear}?`],
    a: [(r, c) => `Contracts over £5,000 are listed in the contracts register on our website: <https://www.${c.domain}/contracts>.`,
      (r) => `External legal advice cost £${r.int(40, 900)},${String(r.int(0, 999)).padStart(3, '0')} last year. A breakdown by year is attached.`] },
];

/** Questions any topic can carry, with their answers (same index). */
const GENERIC_Q = [
  (r, c, t) => `Please provide a copy of any policy or procedure about ${t.subject}.`,
  (r, c, t) => `What is the job title of the senior officer responsible for ${t.subject}?`,
  (r, c, t) => `What budget was set for ${t.subject} in ${financialYear(r.int(c.sinceYear, c.year - 1))}, and what was actually spent?`,
  (r, c, t) => `How many full-time equivalent staff worked on ${t.subject} on 31 March ${r.int(c.sinceYear, c.year)}?`,
  (r, c, t) => `Please provide any internal audit reports about ${t.subject} completed in ${r.int(c.sinceYear, c.year)}.`,
];
const GENERIC_A = [
  (r, c, t) => `The relevant procedure is attached. It was last reviewed in ${MONTHS[r.int(0, 11)]} ${c.year - 1}.`,
  (r) => `The responsible officer is the ${r.pick(['Director of Operations', 'Head of Service', 'Assistant Director', 'Chief Operating Officer'])}.`,
  (r) => `The budget was £${r.int(1, 900)},000 and the outturn was £${r.int(1, 900)},000.`,
  (r) => `The figure was ${r.int(1, 120)}.${r.int(0, 9)} FTE.`,
  (r) => `${r.int(1, 3)} audit reports are attached. Some names have been removed as personal data.`,
];

/** Extra paragraphs some answers carry (exemptions, caveats, context). */
const EXTRA_ENGLAND = [
  (r, c) => `Please note that these figures come from a live case management system and may differ slightly from figures published before, as records are updated after the end of each period.`,
  (r, c) => `The names of junior officers are exempt from disclosure under section 40(2) of the Act (personal information), because disclosing them would breach the data protection principles.`,
  (r, c) => `Part of the information is exempt under section 43(2) of the Act (commercial interests). We have considered the public interest test and concluded that the public interest in withholding the information outweighs the public interest in disclosing it, because disclosure would be likely to prejudice the ${c.noun}'s position in future procurement.`,
  (r, c) => `This information is published on our website, so it is exempt under section 21 of the Act (information reasonably accessible by other means): https://www.${c.domain}/transparency.`,
  (r, c) => `Figures between 1 and 4 have been replaced with "<5" to reduce the risk of identifying individuals.`,
  (r, c) => `For context, the ${c.noun} ${r.pick(['introduced a new case management system', 'restructured the service', 'changed how these records are kept'])} in ${c.sinceYear + 1}, so earlier figures are not directly comparable.`,
];
const EXTRA_ENV = [
  (r, c) => `Some of this information is published, so we have applied regulation 6(1)(b) of the Environmental Information Regulations 2004: it is publicly available at https://www.${c.domain}/environment.`,
  (r, c) => `Please note that these figures come from a live asset management system and may change as records are updated.`,
];

// ---------- the letter ----------
function letterFor(r, opts, usedRefs) {
  const auth = r.weighted(AUTHORITIES.map((a, i) => [a, AUTHORITY_WEIGHTS[i]]));
  let sent;
  do sent = Date.UTC(2019, 0, 7) + r.int(0, 6 * 365) * DAY;
  while (isWeekend(sent));
  const year = new Date(sent).getUTCFullYear();
  const sinceYear = year - r.int(2, 5);
  const c = { noun: auth.noun, town: auth.town, domain: auth.domain, year, sinceYear, since: `1 ${r.pick(['January', 'April'])} ${sinceYear}` };
  const nq = opts.big ? 200 : r.weighted([[1, 14], [2, 14], [3, 14], [4, 13], [5, 11], [6, 9], [7, 7], [8, 6], [9, 4], [10, 3], [11, 2], [12, 3]]);
  const mine = TOPICS.filter((t) => t.kinds.includes(auth.kind));
  const topics = opts.big ? mine : r.some(mine, r.int(1, 2));
  const environmental = topics.every((t) => t.env) && !auth.scottish;
  const regime = auth.scottish ? 'foisa' : environmental ? 'eir' : 'foia';

  // Defects: at most two per letter.
  const defects = [];
  if (!opts.big && r.chance(opts.defectRate)) {
    defects.push(r.pick(DEFECT_KINDS));
    if (r.chance(0.15)) {
      const second = r.pick(DEFECT_KINDS);
      if (!defects.includes(second)) defects.push(second);
    }
    // Defects in the rights section vanish with it; a Scottish letter has no ICO to misquote.
    if (defects.includes('missing-rights')) defects.splice(0, defects.length, ...defects.filter((d) => !['old-ico-phone', 'ico-postcode', 'review-window', 'calendar-days'].includes(d)));
    if (auth.scottish) defects.splice(0, defects.length, ...defects.filter((d) => !['old-ico-phone', 'ico-postcode'].includes(d)));
  }
  const has = (d) => defects.includes(d);
  const received = addWeekdays(sent, -(has('late-reply') ? r.int(27, 35) : r.int(2, 17)));

  let ref;
  do ref = r.weighted([[`FOI-${year}-${String(r.int(1, 9999)).padStart(4, '0')}`, 5], [String(r.int(1_000_000, 9_999_999)), 3], [`${regime === 'eir' ? 'EIR' : 'FOI'}${r.int(1000, 9999)}`, 2]]);
  while (usedRefs.has(ref));
  usedRefs.add(ref);

  const dateStyle = r.weighted([['long', 80], ['weekday', 12], ['numeric', 8]]);
  const headingStyle = r.weighted([['atx', 45], ['plain', 45], ['bold', 10]]);
  const questionStyle = opts.big ? 'numbered' : r.weighted([['numbered', 55], ['bold', 20], ['blockquote', 15], ['plain', 10]]);
  const heading = (t) => (headingStyle === 'atx' ? `## ${t}` : headingStyle === 'bold' ? `**${t}**` : t);

  // Questions: distinct texts from the chosen topics.
  const questions = [];
  const seen = new Set();
  for (let i = 0; i < nq; i++) {
    const topic = topics[i % topics.length];
    let text;
    let answer;
    for (let tries = 0; tries < 8 && (!text || seen.has(text)); tries++) {
      const k = r.int(0, topic.q.length + GENERIC_Q.length - 1);
      if (k < topic.q.length) [text, answer] = [topic.q[k](r, c), topic.a[k]];
      else [text, answer] = [GENERIC_Q[k - topic.q.length](r, c, topic), (r2, c2) => GENERIC_A[k - topic.q.length](r2, c2, topic)];
    }
    // Long requests repeat a question for another period, as real ones do.
    if (seen.has(text)) text = text.replace(/([.?])$/, `, for the ${r.pick(['north', 'south', 'east', 'west', 'central'])} area (item ${i + 1})$1`);
    seen.add(text);
    questions.push({ text, answer });
  }
  const unanswered = has('unanswered-question') ? r.int(0, nq - 1) : -1;
  const restate = (q, i) =>
    questionStyle === 'numbered' ? `${i + 1}. ${q.text}` : questionStyle === 'bold' ? `**Question ${i + 1}:** ${q.text}` : questionStyle === 'blockquote' ? `> ${q.text}` : q.text;

  const title = r.pick(TITLES);
  const surname = r.pick(SURNAMES);
  // About a quarter of letters give some figures as a table; about one in ten keeps its metadata in
  // front matter, as a letter repository might.
  const tables = r.chance(opts.big ? 0.5 : 0.25);
  const out = [];
  if (r.chance(0.1)) out.push(`---\nreference: ${ref}\nregime: ${regime}\n---`);
  if (headingStyle === 'atx' && r.chance(0.4)) out.push(`# ${auth.name}`);
  else out.push(auth.name);
  out.push([auth.street, auth.town, auth.postcode].join('  \n'));
  if (r.chance(0.5)) out.push(`${title} ${r.pick(['A.', 'J.', 'K.', 'S.', 'R.'])} ${surname}  \nBy email: ${surname.toLowerCase()}.${r.int(10, 99)}@requests.example`);
  out.push(`${r.chance(0.5) ? 'Our ref' : 'Reference'}: ${ref}`);
  out.push(formatDate(sent, dateStyle));
  out.push(has('placeholder') && r.chance(0.5) ? 'Dear {{requester_name}},' : `Dear ${title} ${surname},`);
  const act = regime === 'foisa' ? 'the Freedom of Information (Scotland) Act 2002' : regime === 'eir' ? 'the Environmental Information Regulations 2004' : 'the Freedom of Information Act 2000';
  if (r.chance(0.6)) out.push(`${r.chance(0.5) ? '### ' : ''}Re: ${regime === 'eir' ? 'Environmental Information Regulations' : 'Freedom of Information'} request ${ref}`);
  out.push(`Thank you for your request received on ${formatDate(received, dateStyle === 'numeric' ? 'numeric' : 'long')}, for the following information:`);
  questions.forEach((q, i) => out.push(questionStyle === 'plain' || questionStyle === 'blockquote' ? `> ${q.text}` : `${i + 1}. ${q.text}`));
  out.push(`We have dealt with your request under ${act}.`);

  out.push(heading('Response'));
  out.push(r.weighted([[`We hold the information you asked for. Our answers to your questions are below.`, 6], [`We hold some of the information you asked for. Our answers to your questions are below.`, 3], [`I can confirm that the ${c.noun} holds the information requested.`, 2]]));
  const extras = regime === 'eir' ? EXTRA_ENV : regime === 'foisa' ? EXTRA_ENGLAND.filter((_, i) => i === 0 || i >= 4) : EXTRA_ENGLAND;
  questions.forEach((q, i) => {
    out.push(restate(q, i));
    if (i === unanswered) return;
    let answer = q.answer(r, c);
    if (has('placeholder') && i === 0 && !out.includes('Dear {{requester_name}},')) answer = /\d/.test(answer) ? answer.replace(/\d[\d,.]*/, '[INSERT FIGURE]') : `${answer} See [INSERT LINK].`;
    out.push(answer);
    // Figures by year as a Markdown table, as many answers give them.
    if (tables && r.chance(0.5)) {
      const rows = [];
      for (let y = c.sinceYear; y < c.year; y++) rows.push(`| ${y} | ${r.int(0, 900).toLocaleString('en-GB')} | ${r.int(0, 300)} |`);
      out.push(['| Year | Number | Of which closed |', '|---|---:|---:|', ...rows].join('\n'));
    }
    const more = opts.big ? r.weighted([[0, 25], [1, 50], [2, 25]]) : r.weighted([[0, 35], [1, 40], [2, 25]]);
    for (const extra of r.some(extras, more)) out.push(extra(r, c));
  });

  if (r.chance(0.6)) {
    out.push(heading('Further information'));
    out.push(`The ${c.noun} publishes a range of information in its [publication scheme](https://www.${auth.domain}/publication-scheme). You may find it useful to check there before making another request.`);
  }
  if (r.chance(0.5)) {
    out.push(heading('Re-use of information'));
    out.push(`Most of the information we provide in response to requests is subject to copyright protection. In most cases the copyright is owned by the ${c.noun}; you may re-use it under the terms of the Open Government Licence. Information you receive that is not subject to the ${c.noun}'s copyright, such as material supplied by third parties, may need the owner's permission before it is re-used.`);
  }
  if (r.chance(0.4)) {
    out.push(heading('Direct marketing'));
    out.push(`If you are a company that intends to use the names and contact details of officers provided in this response for direct marketing, you need to be registered with the Information Commissioner to process personal data for this purpose. You must also check that the individual is not registered with one of the Preference Services, and comply with the Privacy and Electronic Communications Regulations (PECR).`);
  }

  if (!has('missing-rights')) {
    out.push(heading('Your rights'));
    const window = has('review-window') ? r.pick(['within two months', 'within 20 working days']) : 'within 40 working days';
    const reply = has('calendar-days') ? 'within 20 days' : 'within 20 working days';
    const email = `foi@${auth.domain}`;
    if (regime === 'foisa') {
      out.push(`If you are dissatisfied with the way we have dealt with your request, you can ask for a review ${window} of receiving this letter. Write to ${email} or to the ${auth.team}, ${auth.street}, ${auth.town}, ${auth.postcode}. We will reply ${reply} of receiving your request for review.`);
      out.push(`If you are not satisfied with the outcome of the review, you have the right to apply to the Scottish Information Commissioner for a decision within six months of receiving our review response. You can apply online at https://www.foi.scot/appeal or write to the Scottish Information Commissioner, Kinburn Castle, Doubledykes Road, St Andrews, Fife, KY16 9DS.`);
    } else {
      const reviewWord = regime === 'eir' ? 'ask for an internal review (make representations under regulation 11)' : 'ask for an internal review';
      out.push(`If you are unhappy with the way your request has been handled, you can ${reviewWord} ${window} of the date of this letter. Write to ${email} or to the ${auth.team}, ${auth.street}, ${auth.town}, ${auth.postcode}. We will reply ${reply} of receiving your request for review.`);
      const phone = has('old-ico-phone') ? '01625 545 745' : '0303 123 1113';
      const postcode = has('ico-postcode') ? 'SK9 5AX' : 'SK9 5AF';
      out.push(`If you remain dissatisfied after the internal review, you have the right to complain to the Information Commissioner for a decision. The Information Commissioner's Office is at Wycliffe House, Water Lane, Wilmslow, Cheshire, ${postcode}. Telephone ${phone}. https://ico.org.uk/make-a-complaint/`);
    }
  }
  out.push(`If you have any questions about this response, please contact the ${auth.team} at foi@${auth.domain}, quoting reference ${ref}.${r.chance(0.5) ? ` Thank you for your interest in the work of the ${c.noun}.` : ''}`);
  out.push(`Yours sincerely,\n\n${r.pick(SIGNERS)}  \n${r.pick(ROLES)}  \n${auth.team}`);
  const text = out.join('\n\n') + '\n';
  const file = `${year}/${auth.domain.split('.')[0]}-${ref.replace(/[^\w-]/g, '')}.md`;
  return { file, text, regime, questions: nq, defects };
}

/** Writes a corpus of `n` letters to `out` (replacing it); returns the manifest. */
export function generateCorpus({ n, seed = 1, big = false, out, defectRate = 0.2, bigEvery = 400 }) {
  rmSync(out, { recursive: true, force: true });
  const r = rng(seed * 7919 + (big ? 1 : 0));
  const used = new Set();
  const manifest = { generator: GENERATOR_VERSION, seed, n, big, files: [] };
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const isBig = big || (bigEvery > 0 && i % bigEvery === bigEvery - 1);
    const letter = letterFor(r, { big: isBig, defectRate }, used);
    mkdirSync(join(out, letter.file, '..'), { recursive: true });
    writeFileSync(join(out, letter.file), letter.text);
    bytes += Buffer.byteLength(letter.text);
    manifest.files.push({ file: letter.file, bytes: Buffer.byteLength(letter.text), regime: letter.regime, questions: letter.questions, defects: letter.defects });
  }
  manifest.bytes = bytes;
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
  return manifest;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { n: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, big: { type: 'boolean' } } });
  if (!values.n || !values.out) {
    console.error('usage: node bench/corpus.mjs --n <letters> [--seed 1] [--big] --out <folder>');
    process.exit(2);
  }
  const m = generateCorpus({ n: Number(values.n), seed: Number(values.seed ?? 1), big: !!values.big, out: values.out });
  const withDefects = m.files.filter((f) => f.defects.length).length;
  console.log(`corpus: ${m.files.length} letters, ${(m.bytes / 1024).toFixed(0)} KiB (mean ${(m.bytes / m.files.length / 1024).toFixed(1)} KiB), ${withDefects} with injected defects, in ${values.out}`);
}
