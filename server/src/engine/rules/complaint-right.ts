import type { Fix } from '../types.js';
import type { Letter } from '../letter/index.js';
import type { RegimePack } from '../packs.js';
import { citation, findPeriods, numberWord } from '../letter/deadlines.js';
import { appendSentence, canonicalComplaint, givesRegulatorContact, isReviewOutcome, ruleIsOff, lastSentence, nextBlockStart, requiredSectionsReportsRights, rightsOf, rightsSection, type Passage } from '../letter/rights.js';
import { defineRule, docsPath } from './define.js';
import { blockInsertion, closingOffset, firstLineRange, quote } from './shared.js';

/** The right as the law gives it, for messages. */
function complaintLaw(pack: RegimePack): string {
  switch (pack.id) {
    case 'eir':
      return 'FOIA s.50 as applied by EIR reg 18; EIR reg 14(5)(b)';
    case 'foisa':
      return 'FOISA s.47; s.19 requires the particulars';
    case 'eir-scotland':
      return 'FOISA s.47 as applied by EIRs (Scotland) reg 17';
    default:
      return 'FOIA s.50; s.17(7)(b) requires the particulars';
  }
}

const ICO = /(?<!Scottish\s+)Information\s+Commission|\bICO\b|\bWycliffe\b|\bWilmslow\b|\bico\.org\.uk\b/;
const SIC = /\bScottish\s+Information\s+Commissioner|\b(?:OSIC|SIC)\b|\bKi[nl]burn\s+Castle\b|\bfoi\.scot\b|\bitspublicknowledge\b/;
const ADVICE = /\b(?:advice|guidance|help|independent|dissatisfied|unhappy|not\s+(?:content|satisfied|happy)|further\s+information|more\s+information)\b/i;
const NOT_RIGHTS = /\b(?:direct\s+marketing|registered|register|PECR|personal\s+data|privacy|data\s+protection\s+fee)\b/i;
const SIX_MONTHS = /\b(?:six|6)\s*(?:\(\s*(?:6|six)\s*\)\s*)?(?:calendar\s+)?months?\b/i;

export default defineRule({
  meta: {
    id: 'complaint-right',
    description: 'The letter tells the requester of the right to complain to the Information Commissioner (FOIA s.50) or appeal to the Scottish Information Commissioner (FOISA s.47), with how to reach them',
    defaultSeverity: 'error',
    fixable: 'suggestion',
    docs: docsPath('complaint-right'),
  },
  check({ letter, config, template, pack, report }) {
    if (!pack || letter.isAcknowledgement) return;
    const rights = rightsOf(letter);
    if (rights.pointers.length && config.authority.rightsEnclosure) return;
    const regulator = pack.regulator;
    const name = regulator.id === 'sic' ? 'the Scottish Information Commissioner' : 'the Information Commissioner';
    const paragraph = canonicalComplaint(pack);

    if (!rights.complaint.length) {
      if (rights.pointers.length) {
        // With no review paragraph either, internal-review reports the enclosure for both rights.
        if (!rights.review.length && !ruleIsOff(config, 'internal-review') && !isReviewOutcome(letter)) return;
        const p = rights.pointers[0];
        report({
          message: `The right to ${regulator.id === 'sic' ? 'appeal' : 'complain'} to ${name} is only referred to an enclosure ("${quote(p.text)}"). Include the paragraph in the letter (${complaintLaw(pack)}), or, if the enclosure always goes with the letter, set "authority": { "rightsEnclosure": true } in .foilintrc.`,
          start: p.start,
          end: p.end,
          fix: insertParagraph(letter, paragraph, rights.review),
        });
        return;
      }
      if (requiredSectionsReportsRights(letter, config, template)) return;
      // The regulator is named among the rights, but only as a source of advice.
      const rightsFrom = Math.min(rights.review[0]?.start ?? Infinity, rightsSection(letter)?.start ?? Infinity);
      const mention = rights.regulatorMentions.find((s) => !s.heading && s.start >= rightsFrom && isAdvice(s.text));
      if (mention) {
        report({
          message: `The letter names the regulator ("${quote(mention.text)}") but does not tell the requester of the right to ${regulator.id === 'sic' ? 'apply' : 'complain'} to ${name} for a decision (${complaintLaw(pack)}). Add the paragraph saying so.`,
          start: mention.start,
          end: mention.end,
          fix: insertParagraph(letter, paragraph, rights.review),
        });
        return;
      }
      const section = rightsSection(letter);
      const presence = letter.presence.get('rights');
      const at = section?.heading
        ? { start: section.heading.line.textStart, end: section.heading.line.end }
        : rights.review[0]
          ? { start: rights.review[0].cue.start, end: rights.review[0].cue.end }
          : presence
            ? { start: presence.start, end: presence.end }
            : firstLineRange(letter);
      report({
        message: `The letter does not tell the requester of the right to ${regulator.id === 'sic' ? 'apply' : 'complain'} to ${name} after the internal review (${complaintLaw(pack)}). Add the paragraph, with the Commissioner's contact details.`,
        ...at,
        fix: insertParagraph(letter, paragraph, rights.review),
      });
      return;
    }

    const texts = rights.complaint.map((p) => letter.text.slice(p.start, p.end));
    const cue = rights.complaint[0].sentences.find((s) => !s.heading) ?? rights.complaint[0].cue;
    // Naming the other regime's regulator (the ICO in a Scottish letter) is regime-consistency's to
    // report; the details of the wrong regulator are not worth checking here.
    const [own, other] = regulator.id === 'sic' ? [SIC, ICO] : [ICO, SIC];
    if (texts.some((t) => other.test(t)) && !texts.some((t) => own.test(t))) return;

    // FOISA s.47(4) and EIRs (Scotland) reg 17: six months to apply to the SIC.
    const months = pack.deadlines.appeal?.months;
    if (months && !texts.some((t) => (months === 6 ? SIX_MONTHS.test(t) : new RegExp(`\\b(?:${numberWord(months)}|${months})\\s+months?\\b`, 'i').test(t)))) {
      const given = rights.complaint.flatMap((p) => findPeriods(letter.text, p.start, p.end)).find((p) => p.unit !== 'day' || p.qualifier !== 'working');
      const words = `${numberWord(months)} months`;
      report({
        message: `The appeal to ${name} ${given ? `is given as "${given.text}"` : 'has no time limit'}. Say that it must be made within ${words} of receiving the review outcome (${citation(pack.deadlines.appeal!.source)}).`,
        start: cue.start,
        end: cue.end,
        fix: {
          title: `Add the ${words} appeal window`,
          edits: [appendSentence(letter, cue, `You must apply within ${words} of receiving our review response.`)],
        },
      });
    }

    // The regulator must be reachable: any address, phone, email or web address will do here;
    // whether they are right is ico-details' question.
    const anywhere = regulatorDetailsAnywhere(letter, pack);
    if (!anywhere && !texts.some((t) => givesRegulatorContact(t))) {
      const details = `${regulator.names[0]}, ${regulator.address.lines.join(', ')}. Telephone: ${regulator.phone.value}. Website: ${regulator.complaintPage.value}`;
      report({
        message: `The letter names ${name} but gives no way to reach them ("${quote(cue.text)}"). Give the address, telephone number and complaint page: ${details}.`,
        start: cue.start,
        end: cue.end,
        fix: { title: `Add ${name}'s contact details`, edits: [appendSentence(letter, lastSentence(rights.complaint[0]), `${capitalise(name)} can be contacted at: ${details}.`)] },
      });
    }
  },
});

/** A sentence that sends the requester to the regulator for advice or help, not one about
 * registering with it (direct marketing, data protection). */
function isAdvice(sentence: string): boolean {
  const rest = sentence.replace(/\b(?:Scottish\s+)?Information\s+Commission(?:er)?(?:['’]?s)?(?:\s+Office)?/gi, '');
  return ADVICE.test(rest) && !NOT_RIGHTS.test(rest);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The regulator's own address, postcode, phone, email or web address anywhere in our words. */
function regulatorDetailsAnywhere(letter: Letter, pack: RegimePack): boolean {
  const r = pack.regulator;
  const needles = [r.address.postcode, r.address.lines[0], ...r.phone.accepted, ...r.website.accepted, ...r.complaintPage.accepted, ...(r.email?.accepted ?? [])]
    .map((s) => s.toLowerCase().replace(/\s+/g, ''))
    .filter(Boolean);
  const region = letter.request.region;
  const ours = region ? letter.text.slice(0, region.start) + ' ' + letter.text.slice(region.end) : letter.text;
  const hay = ours.toLowerCase().replace(/\s+/g, '');
  return needles.some((n) => hay.includes(n));
}

/** Inserts the canonical paragraph at the end of the rights section, else after the review
 * paragraph, else before the closing. */
function insertParagraph(letter: Letter, paragraph: string, review: Passage[]): Fix {
  const section = rightsSection(letter);
  const closing = closingOffset(letter);
  let at: number;
  if (section?.heading) at = Math.min(section.end, closing > section.start ? closing : section.end);
  else if (review.length) at = nextBlockStart(letter, review[review.length - 1].end, closing > review[review.length - 1].end ? closing : letter.text.length);
  else at = closing;
  return { title: 'Insert the paragraph on the right to complain to the Commissioner', edits: [blockInsertion(letter, at, paragraph)] };
}
