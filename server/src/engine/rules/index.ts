import type { Rule, RuleMeta } from '../types.js';
import { docsPath } from './define.js';
import requiredSections from './required-sections.js';
import sectionOrder from './section-order.js';
import letterMetadata from './letter-metadata.js';
import placeholder from './placeholder.js';
import questionAnswered from './question-answered.js';
import questionWording from './question-wording.js';
import confirmOrDeny from './confirm-or-deny.js';
import exemptionCitation from './exemption-citation.js';
import publicInterestTest from './public-interest-test.js';
import costLimit from './cost-limit.js';
import internalReview from './internal-review.js';
import complaintRight from './complaint-right.js';
import workingDays from './working-days.js';
import reviewWindow from './review-window.js';
import responseTime from './response-time.js';
import dateValidity from './date-validity.js';
import icoDetails from './ico-details.js';
import regimeConsistency from './regime-consistency.js';

/** The catalogue rules, in the order they run and are listed. */
export const allRules: Rule[] = [requiredSections, sectionOrder, letterMetadata, placeholder, questionAnswered, questionWording, confirmOrDeny, responseTime, dateValidity, internalReview, complaintRight, workingDays, reviewWindow, icoDetails, regimeConsistency, exemptionCitation, publicInterestTest, costLimit];

/** Findings the engine itself makes: about directives, config, and rules that fail. */
export const engineRules: Record<'directives' | 'internal-error' | 'config-problem', RuleMeta> = {
  directives: {
    id: 'directives',
    description: 'foilint comments name real rules and silence something',
    defaultSeverity: 'warning',
    fixable: 'safe',
    docs: docsPath('directives'),
  },
  'internal-error': {
    id: 'internal-error',
    description: 'A rule failed on this letter; the other rules still ran',
    defaultSeverity: 'error',
    fixable: 'none',
    docs: docsPath('internal-error'),
  },
  'config-problem': {
    id: 'config-problem',
    description: "The letter's front matter names a template or setting foilint does not know",
    defaultSeverity: 'error',
    fixable: 'none',
    docs: docsPath('config-problem'),
  },
};
