import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildLetter, chooseTemplate, parseMarkdown } from '../server/src/engine/index.js';
import { defaultConfig } from '../server/src/host/config.js';
import { findDates } from '../server/src/engine/letter/dates.js';

const config = defaultConfig();
function model(text: string) {
  return buildLetter(text, parseMarkdown(text), config, chooseTemplate(text, config).template);
}
const example = (name: string) => model(readFileSync(join(__dirname, '..', 'examples', name), 'utf8'));

describe('letter model on real letters', () => {
  it('Barnet: plain-line headings, four restated questions, each answered', () => {
    const l = example('barnet/barnet-cspr-2023.md');
    expect(l.headings.map((h) => h.title)).toEqual(['Response', 'Further information', 'Advice and Assistance : Direct Marketing', 'Your rights']);
    expect(l.letterDate?.raw).toBe('22 March 2023');
    expect(l.receiptDate?.raw).toBe('13 March 2023');
    expect(l.reference?.value).toBe('9363280');
    expect(l.regime?.regime).toBe('foia');
    expect(l.request.mode).toBe('restated');
    expect(l.request.items.map((i) => i.text.slice(0, 30))).toEqual([
      'Please can you tell me how man',
      'Please include any reports and',
      'For each review please tell me',
      'For each review, please includ',
    ]);
    expect([...l.request.answers.values()].map((a) => a.text.slice(0, 20))).toEqual(['3 CSPRs have been co', "2 CSPR's were publis", 'All CSPRs are report', 'As above, the Nation']);
    expect([...l.presence.keys()]).toEqual(['request', 'response', 'rights']);
  });

  it('Dorset (PDF extract): "Request:"/"Response:" lines inside one paragraph, numbered items and answers', () => {
    const l = example('nhs-dorset-hc-foi3789-s12-partial.md');
    expect(l.request.mode).toBe('numbered');
    expect(l.request.items.map((i) => i.label)).toEqual(['1', '2', '3']);
    expect(l.request.items[0].text).toMatch(/^The total number of people in contact/);
    expect(l.request.answers.get(3)?.text).toMatch(/^Under Section 12/);
    expect(l.presence.has('rights')).toBe(true);
  });

  it('NHS trust 2015: questions interleaved with their answers', () => {
    const l = example('nhs-trust-2015-stress-treatment.md');
    expect(l.request.mode).toBe('interleaved');
    expect(l.request.items).toHaveLength(3);
    expect(l.request.answers.get(3)?.text).toMatch(/^Calendar Year/);
    expect(l.letterDate?.raw).toBe('10th February 2015');
  });

  it('TfL disclosure log: "You asked" / "We answered", restated in quotes', () => {
    const l = example('tfl-foi-2388-2324-tcr-station.md');
    expect(l.headings.map((h) => h.sectionId)).toEqual(['request', 'response']);
    expect(l.request.items).toHaveLength(1);
    expect(l.request.answers.get(1)?.restatement?.text).toMatch(/^“Given that/);
    expect(l.receiptDate?.raw).toBe('4th October 2023');
    expect(l.reference?.value).toBe('FOI-2388-2324');
  });

  it('Wrexham: an acknowledgement, moved from FOIA to EIR, bulleted items', () => {
    const l = example('wrexham-cbc-eir5992-ack-potholes.md');
    expect(l.isAcknowledgement).toBe(true);
    expect(l.regime?.regime).toBe('eir');
    expect(l.request.items).toHaveLength(2);
    expect(l.letterDate?.raw).toBe('27 May 2016');
    expect(l.receiptDate?.raw).toBe('26 May 2016');
    expect(l.reference?.value).toBe('EIR5992');
  });

  it('Aberdeen enclosure: a Scottish letter with a rights section and no request', () => {
    const l = example('aberdeen-cc-review-appeal-enclosure.md');
    expect(l.regime?.regime).toBe('foisa');
    expect(l.presence.has('rights')).toBe(true);
    expect(l.presence.has('request')).toBe(false);
  });
});

describe('letter model on layouts', () => {
  it('Markdown headings, a blockquoted request and Q/A labels', () => {
    const l = model(`# Response to FOI-2024-117

Date: 3 May 2024
Our ref: FOI-2024-117

Thank you for your request received on 8 April 2024. You asked:

> 1. How many CCTV cameras does the force operate?
> 2. What was spent on CCTV maintenance in 2023?

## Response

**Question 1:** How many CCTV cameras does the force operate?

**Answer:** 212.

**Question 2:** What was spent on CCTV maintenance in 2023?

**Answer:** £48,300.

## Your rights

You can ask for an internal review within 40 working days.
`);
    expect(l.request.items.map((i) => i.text)).toEqual(['How many CCTV cameras does the force operate?', 'What was spent on CCTV maintenance in 2023?']);
    expect(l.request.mode).toBe('restated');
    expect(l.request.answers.get(1)?.text).toMatch(/212/);
    expect(l.request.answers.get(2)?.text).toMatch(/48,300/);
    expect(l.letterDate?.raw).toBe('3 May 2024');
  });

  it('bold-only and ALL CAPS lines are headings; a short answer is not', () => {
    const l = model(`**YOUR REQUEST**

You asked for the following information:

Number of fines issued in 2022.

**RESPONSE**

Number of fines issued in 2022.

Nil

COMPLAINT RIGHTS

You may request an internal review.
`);
    expect(l.headings.map((h) => h.title)).toEqual(['YOUR REQUEST', 'RESPONSE', 'COMPLAINT RIGHTS']);
    expect(l.request.answers.get(1)?.text).toBe('Nil');
  });
});

describe('dates', () => {
  it('reads the forms letters use', () => {
    const raw = (s: string) => findDates(s).map((d) => [d.year, d.month, d.day]);
    expect(raw('22 March 2023')).toEqual([[2023, 3, 22]]);
    expect(raw('23rd March, 2021')).toEqual([[2021, 3, 23]]);
    expect(raw('23[rd] March, 2021')).toEqual([[2021, 3, 23]]);
    expect(raw('Wednesday 22 March 2023')).toEqual([[2023, 3, 22]]);
    expect(raw('March 22, 2023')).toEqual([[2023, 3, 22]]);
    expect(raw('22/03/2023 and 19.12.25')).toEqual([[2023, 3, 22], [2025, 12, 19]]);
    expect(raw('2023-03-22')).toEqual([[2023, 3, 22]]);
  });
  it('knows an impossible date and a stated weekday', () => {
    const [d] = findDates('Thursday 31 February 2023');
    expect(d.valid).toBe(false);
    expect(d.statedWeekday).toBe(4);
  });
});
