import type { Fix } from '../types.js';
import type { Letter } from '../letter/index.js';
import type { RegimePack } from '../packs.js';
import { citation, workingDaysText } from '../letter/deadlines.js';
import { appendSentence, blockStartAt, canonicalComplaint, canonicalReview, givesContact, isReviewOutcome, lastSentence, nextBlockStart, requiredSectionsReportsRights, rightsOf, rightsSection, type Passage, type Sentence } from '../letter/rights.js';
import { defineRule, docsPath } from './define.js';
import { blockInsertion, closingOffset, firstLineRange, quote } from './shared.js';

/** Where the law asks for the review particulars, for messages. */
function reviewLaw(pack: RegimePack): string {
  switch (pack.id) {
    case 'eir':
      return 'EIR regs 11 and 14(5)(a)';
    case 'foisa':
      return 'FOISA ss.19-21';
    case 'eir-scotland':
      return 'EIRs (Scotland) reg 16';
    default:
      return 'FOIA s.17(7)(a) and the s.45 Code of Practice, Part 5';
  }
}

export default defineRule({
  meta: {
    id: 'internal-review',
    description: 'The letter tells the requester of the right to an internal review, the window to ask for it (40 working days) and where to send the request',
    defaultSeverity: 'error',
    fixable: 'suggestion',
    docs: docsPath('internal-review'),
  },
  check({ letter, config, template, pack, report }) {
    // An acknowledgement answers nothing yet; a review outcome need not offer another review.
    if (!pack || letter.isAcknowledgement || isReviewOutcome(letter)) return;
    const rights = rightsOf(letter);
    if (rights.pointers.length && config.authority.rightsEnclosure) return;
    const paragraph = canonicalReview(pack, config);
    const days = pack.deadlines.reviewRequest.workingDays ?? 40;

    if (!rights.review.length) {
      if (rights.pointers.length) {
        const p = rights.pointers[0];
        // One cause, one finding: when the complaint right is only in the enclosure too, this
        // finding covers both and complaint-right stays silent (see its check).
        const both = !rights.complaint.length;
        const regulator = pack.regulator.id === 'sic' ? 'appeal to the Scottish Information Commissioner' : 'complain to the Information Commissioner';
        report({
          message: both
            ? `The review procedure and the right to ${regulator} are only referred to an enclosure ("${quote(p.text)}"). Include both paragraphs in the letter (${reviewLaw(pack)}; the complaint right: ${pack.complaint.provision}), or, if the enclosure always goes with the letter, set "authority": { "rightsEnclosure": true } in .foilintrc.`
            : `The review procedure is only referred to an enclosure ("${quote(p.text)}"). Include the internal review paragraph in the letter (${reviewLaw(pack)}), or, if the enclosure always goes with the letter, set "authority": { "rightsEnclosure": true } in .foilintrc.`,
          start: p.start,
          end: p.end,
          fix: insertParagraph(letter, both ? `${paragraph}\n\n${canonicalComplaint(pack)}` : paragraph, rights.complaint[0]?.cue),
        });
        return;
      }
      if (requiredSectionsReportsRights(letter, config, template)) return;
      const section = rightsSection(letter);
      const at = section?.heading ? { start: section.heading.line.textStart, end: section.heading.line.end } : letter.presence.get('rights') ? lineRange(letter, letter.presence.get('rights')!.start) : firstLineRange(letter);
      report({
        message: `The letter does not tell the requester of the right to an internal review (${reviewLaw(pack)}). Add a paragraph saying how to ask for one, within ${workingDaysText(days)}, and where to send it.`,
        ...at,
        fix: insertParagraph(letter, paragraph, rights.complaint[0]?.cue),
      });
      return;
    }

    // A window is given when any period in a review passage is not plainly our time to reply; a
    // wrong window is review-window's (or working-days') to report.
    const hasWindow = rights.reviewPeriods.some((r) => r.role === 'request' || r.role === 'unknown');
    const first = rights.review[0];
    // Findings sit on the first sentence of the paragraph, not on its heading.
    const cue = first.sentences.find((s) => !s.heading) ?? first.cue;
    if (!hasWindow) {
      const sentence = pack.id === 'eir'
        ? `Please make your representations within ${workingDaysText(days)} of the date of this response.`
        : `Please ask within ${workingDaysText(days)} of the date of this response.`;
      report({
        message: `The internal review paragraph does not say how long the requester has to ask for a review ("${quote(cue.text)}"). Add "within ${workingDaysText(days)} of the date of this response" (${citation(pack.deadlines.reviewRequest.source)}).`,
        start: cue.start,
        end: cue.end,
        fix: { title: `Add the ${workingDaysText(days)} review window`, edits: [appendSentence(letter, cue, sentence)] },
      });
    }
    if (!rights.review.some((p) => givesContact(passageText(letter, p)))) {
      const contact = config.authority.reviewContact?.trim() || '{{review_contact}}';
      report({
        message: `The internal review paragraph does not say where to send a request for review ("${quote(cue.text)}"). Give an email address, postal address or web form${config.authority.reviewContact ? ` (your config names ${config.authority.reviewContact})` : ''}.`,
        start: cue.start,
        end: cue.end,
        fix: { title: 'Add where to send a request for review', edits: [appendSentence(letter, lastSentence(first), `Please send your request for review to ${contact}.`)] },
      });
    }
  },
});

function passageText(letter: Letter, p: Passage): string {
  return letter.text.slice(p.start, p.end);
}

function lineRange(letter: Letter, offset: number) {
  const line = letter.lines[letter.index.lineOf(offset)];
  return { start: offset, end: Math.max(offset, line.end) };
}

/** Inserts the canonical paragraph: first in the rights section, else before the complaint
 * paragraph, else before the closing. */
function insertParagraph(letter: Letter, paragraph: string, complaintCue: Sentence | undefined): Fix {
  const section = rightsSection(letter);
  let at: number;
  if (section?.heading) at = nextBlockStart(letter, section.heading.line.end + 1, section.end);
  else if (complaintCue) at = blockStartAt(letter, complaintCue.start);
  else at = closingOffset(letter);
  return { title: 'Insert the internal review paragraph', edits: [blockInsertion(letter, at, paragraph)] };
}
