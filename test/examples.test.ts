/** The real letters in examples/ give exactly these findings, each one justified from the law or
 * the letter. A change in what foilint finds on a real letter must be a decision, not an accident. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';
import { lint } from '../server/src/engine/index.js';
import { loadConfigFor } from '../server/src/host/config.js';

const ROOT = join(__dirname, '..', 'examples');

const EXPECTED: Record<string, { finding: string; why: string }[]> = {
  // The Aberdeen file is a rights enclosure, not a response: it has no date, reference, request or response.
  'aberdeen-cc-review-appeal-enclosure.md': [
    { finding: '1:letter-metadata', why: 'no letter date' },
    { finding: '1:letter-metadata', why: 'no reference' },
    { finding: '1:letter-metadata', why: 'no date of receipt' },
    { finding: '1:required-sections', why: 'no request restated' },
    { finding: '1:required-sections', why: 'no response' },
  ],
  'barnet/barnet-cspr-2023.md': [],
  'drafts/missing-rights-and-answer.md': [
    { finding: '1:required-sections', why: 'no Your rights section (FOIA s.17(7))' },
    { finding: '6:placeholder', why: '{{requester_name}} left in' },
    { finding: '12:question-answered', why: 'question 3 never answered' },
    { finding: '24:question-answered', why: 'question 2 answered by a placeholder' },
    { finding: '24:question-wording', why: '"the repairs" for "those repairs"' },
    { finding: '26:placeholder', why: '[INSERT FIGURE FROM HIGHWAYS] left in' },
  ],
  'drafts/wrong-wording-and-metadata.md': [
    { finding: '1:letter-metadata', why: 'no letter date' },
    { finding: '1:letter-metadata', why: 'no reference' },
    { finding: '1:letter-metadata', why: 'no date of receipt' },
    { finding: '9:confirm-or-deny', why: 'never says whether the figures are held' },
    { finding: '11:question-wording', why: '2022 restated for 2023' },
    { finding: '22:review-window', why: '"two months" (s.45 Code para 5.3: 40 working days)' },
    { finding: '22:working-days', why: '"20 days" for the review reply' },
    { finding: '22:ico-details', why: 'SK9 5AX for SK9 5AF' },
    { finding: '22:ico-details', why: 'old helpline 01625 545 745' },
    { finding: '24:directives', why: 'a disable comment that silences nothing' },
  ],
  'nhs-dorset-hc-foi3789-s12-partial.md': [
    { finding: '1:letter-metadata', why: 'no letter date in the published text' },
    { finding: '1:letter-metadata', why: 'no reference in the published text' },
    { finding: '1:letter-metadata', why: 'no date of receipt' },
    { finding: '40:confirm-or-deny', why: 'answers without saying what is held' },
    { finding: '44:cost-limit', why: 's.12 refusal with no advice on narrowing (s.16)' },
    { finding: '44:exemption-citation', why: 's.12 called "an exemption"' },
    { finding: '59:internal-review', why: 'complaint procedure with no window to ask' },
  ],
  'nhs-rdash-foi-2880-s21-housing.md': [
    { finding: '1:letter-metadata', why: 'no date of receipt' },
    { finding: '26:confirm-or-deny', why: 'answers without saying what is held' },
    { finding: '81:review-window', why: '"20 working days" to ask for a review; the Code gives 40' },
    { finding: '84:complaint-right', why: 'the ICO named for "advice", not the s.50 right' },
    { finding: '88:ico-details', why: 'ICO address without SK9 5AF' },
    { finding: '93:ico-details', why: 'old helpline 01625 545 745' },
  ],
  'nhs-trust-2015-stress-treatment.md': [
    { finding: '1:letter-metadata', why: 'no reference' },
    { finding: '1:letter-metadata', why: 'no date of receipt' },
    { finding: '1:required-sections', why: 'no review or ICO paragraph at all' },
    { finding: '16:confirm-or-deny', why: '"no coded activity" never says not held' },
  ],
  'tfl-foi-2388-2324-tcr-station.md': [
    { finding: '1:letter-metadata', why: 'a disclosure-log entry: "Date published" is not the letter date' },
    { finding: '14:internal-review', why: 'rights only in "the attached information sheet" (no rightsEnclosure config)' },
  ],
  'tfl-foi-3284-2223-not-held-retention.md': [
    { finding: '1:letter-metadata', why: 'a disclosure-log entry: no letter date' },
    { finding: '22:internal-review', why: 'rights only in "the attached information sheet"' },
  ],
  'wrexham-cbc-eir5992-ack-potholes.md': [
    { finding: '18:regime-consistency', why: 'heading names FOIA 2000 for an EIR request' },
    { finding: '36:regime-consistency', why: '£450 in an EIR letter (no cost limit; reg 8 and 12(4)(b))' },
  ],
};

describe('the real letters in examples/ give only the findings we can justify', () => {
  const files = globSync('**/*.md', { cwd: ROOT }).filter((f) => f !== 'README.md').sort();

  it('covers every example letter', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const name of files) {
    it(name, () => {
      const file = join(ROOT, name);
      const { config } = loadConfigFor(file);
      const findings = lint(readFileSync(file, 'utf8'), { path: file, config }).findings;
      const detail = findings.map((f) => `${f.startPos.line}:${f.ruleId} ${f.message}`).join('\n');
      expect(findings.map((f) => `${f.startPos.line}:${f.ruleId}`), detail).toEqual((EXPECTED[name] ?? []).map((e) => e.finding));
    });
  }

  it('the TfL letters are clean of rights findings once the authority says its rights sheet always goes with the letter', () => {
    const file = join(ROOT, 'tfl-foi-3284-2223-not-held-retention.md');
    const { config } = loadConfigFor(file);
    const withEnclosure = { ...config, authority: { ...config.authority, rightsEnclosure: true } };
    const ids = lint(readFileSync(file, 'utf8'), { path: file, config: withEnclosure }).findings.map((f) => f.ruleId);
    expect(ids).not.toContain('internal-review');
    expect(ids).not.toContain('complaint-right');
  });
});
