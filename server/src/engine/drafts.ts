/** Drafting a response from a template and a request: the fields a template may use, how a
 * request is split into its items (by the letter model's own splitter, so a draft restates exactly
 * the items `question-answered` will look for), and the rendering of a template into a draft.
 * Pure: the host reads the files and the config; the CLI's `foilint new` prints the result. */
import { LineIndex } from './text.js';
import { parseMarkdown } from './parse.js';
import { buildLines } from './letter/lines.js';
import { extractRequest, type RequestItem } from './letter/requests.js';
import { addWorkingDays, formatLongDate, isCovered, type CalendarDate, type NonWorkingDay } from './calendar.js';
import { formatDate, listOf, ordinal } from './deadline.js';
import type { RegimePack } from './packs.js';
import type { AuthorityConfig, Regime, TemplateField, TemplateFieldType, TemplateSpec } from './types.js';

/** A field's name as a template writes it: `{{received_date}}`. */
export const FIELD_NAME = /^[a-z][a-z0-9_]*$/;
/** Every `{{…}}` in a template body (names are checked by checkTemplateBody). */
const FIELD_USE = /\{\{([^{}]*)\}\}/g;

/** The field a `{{…}}` names (its trimmed inside), or undefined when the name spans lines. (The
 * inside is trimmed here, not by `\{\{\s*(…*?)\s*\}\}`: on a field opened and followed by
 * thousands of spaces that pattern took time in the cube of their number.) */
function fieldName(inside: string): string | undefined {
  const name = inside.trim();
  return name.includes('\n') ? undefined : name;
}

export interface BuiltinField extends TemplateField {
  /** Who fills it: `foilint new` (from its options, the request, the pack or the config), or the
   * officer, by hand. An unfilled field stays `{{name}}` and the `placeholder` rule reports it. */
  filledBy: 'new' | 'officer';
}

/** The fields every template may use without declaring them. A template declares any other field
 * under `fields` in its front matter, with a type and a description. */
export const BUILTIN_FIELDS: Record<string, BuiltinField> = {
  reference: { type: 'text', filledBy: 'new', description: "The request's reference (foilint new --ref)." },
  received_date: { type: 'date', filledBy: 'new', description: 'The date the request was received (foilint new --received), as "13 March 2023".' },
  due_date: { type: 'date', filledBy: 'new', description: "The last day to respond: the date of receipt plus the regime's working days (from the pack)." },
  letter_date: { type: 'date', filledBy: 'new', description: 'The date the letter is sent (foilint new --date); left for the officer otherwise.' },
  response_days: { type: 'number', filledBy: 'new', description: "The regime's time for a response, in working days (from the pack)." },
  request: { type: 'paragraph', filledBy: 'new', description: 'The request, item by item, as the requester wrote it (foilint new --request).' },
  answers: { type: 'paragraph', filledBy: 'new', description: 'Each request item restated, each followed by [ANSWER REQUIRED: question N] for the officer to replace.' },
  law_name: { type: 'text', filledBy: 'new', description: 'The name of the law the request is handled under (the pack\'s law.name), e.g. "Freedom of Information Act 2000".' },
  internal_review: { type: 'paragraph', filledBy: 'new', description: "The pack's internal-review paragraph (rules/packs/<regime>/internal-review.md)." },
  complaint: { type: 'paragraph', filledBy: 'new', description: "The pack's paragraph on the right to complain to the regulator (rules/packs/<regime>/complaint.md)." },
  cost_limit: { type: 'text', filledBy: 'new', description: 'The appropriate limit that applies to the authority, e.g. "£450" (the pack\'s costLimit and authority.centralGovernment).' },
  cost_limit_hours: { type: 'number', filledBy: 'new', description: 'The appropriate limit in hours of work at the hourly rate, e.g. 18.' },
  hourly_rate: { type: 'text', filledBy: 'new', description: 'The rate staff time is costed at, e.g. "£25".' },
  fees_regulations: { type: 'text', filledBy: 'new', description: 'The Fees Regulations\' exact title without its leading "The", for "as set by the {{fees_regulations}}".' },
  review_contact: { type: 'text', filledBy: 'new', description: 'Where to ask for a review: the config\'s authority.reviewContact.' },
  authority_name: { type: 'text', filledBy: 'new', description: "The authority's name: the config's authority.name." },
  requester_name: { type: 'text', filledBy: 'officer', description: "The requester's name, for the salutation." },
  officer_name: { type: 'text', filledBy: 'officer', description: 'The name (and role) of the officer who signs the letter.' },
  answer: { type: 'paragraph', filledBy: 'officer', description: 'An answer the officer writes (for a template that answers the request as a whole).' },
};

export const FIELD_TYPES: TemplateFieldType[] = ['text', 'date', 'number', 'paragraph'];

/** The stub `question-answered` inserts, and `placeholder` reports until it is replaced. */
export function answerStub(index: number): string {
  return `[ANSWER REQUIRED: question ${index}]`;
}

export interface FieldUse {
  name: string;
  /** Offsets of the whole `{{…}}` in the body. */
  start: number;
  end: number;
}

export function fieldsUsed(body: string): FieldUse[] {
  return [...body.matchAll(FIELD_USE)].flatMap((m) => {
    const name = fieldName(m[1]);
    return name === undefined ? [] : [{ name, start: m.index, end: m.index + m[0].length }];
  });
}

/** The type of a field for a template: declared in its `fields`, else built in. */
export function fieldOf(template: TemplateSpec, name: string): TemplateField | undefined {
  return template.fields?.[name] ?? BUILTIN_FIELDS[name];
}

export interface TemplateProblem {
  /** Offsets in the body, when the problem is at a place in it. */
  start?: number;
  end?: number;
  /** The front-matter key the problem is about, when it is not in the body. */
  path?: (string | number)[];
  message: string;
}

/** What is wrong with a template beyond its schema: fields that are neither built in nor declared,
 * declared fields the body never uses, paragraph fields inside a sentence, sections placed after
 * sections that do not exist. */
export function checkTemplateBody(template: TemplateSpec): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const ids = new Set(template.sections.map((s) => s.id));
  template.sections.forEach((s, i) => {
    if (s.after && !ids.has(s.after)) problems.push({ path: ['sections', i, 'after'], message: `section "${s.id}" is placed after "${s.after}", which is not a section of the template (${[...ids].join(', ')})` });
  });
  for (const name of Object.keys(template.fields ?? {})) {
    if (BUILTIN_FIELDS[name]) problems.push({ path: ['fields', name], message: `the field "${name}" is built in; remove it from "fields" (it is ${BUILTIN_FIELDS[name].description.replace(/^The/, 'the').replace(/\.$/, '')})` });
  }
  const body = template.body;
  if (body === undefined) return problems;
  const used = new Set<string>();
  for (const use of fieldsUsed(body)) {
    used.add(use.name);
    if (!FIELD_NAME.test(use.name)) {
      problems.push({ ...use, message: `"${body.slice(use.start, use.end)}" is not a field name; write {{name}} with lower-case letters, digits and underscores` });
      continue;
    }
    const field = fieldOf(template, use.name);
    if (!field) {
      problems.push({ ...use, message: `unknown field {{${use.name}}}; use a built-in field (${Object.keys(BUILTIN_FIELDS).join(', ')}) or declare it under "fields" with a type and a description` });
    } else if (field.type === 'paragraph') {
      const lineStart = body.lastIndexOf('\n', use.start - 1) + 1;
      const lineEnd = body.indexOf('\n', use.end);
      if (body.slice(lineStart, use.start).trim() || body.slice(use.end, lineEnd < 0 ? undefined : lineEnd).trim()) {
        problems.push({ ...use, message: `{{${use.name}}} is a paragraph field: put it on a line of its own` });
      }
    }
  }
  for (const name of Object.keys(template.fields ?? {})) {
    if (!used.has(name) && !BUILTIN_FIELDS[name]) problems.push({ path: ['fields', name], message: `the field "${name}" is declared but the template's text never uses {{${name}}}; use it or remove it` });
  }
  return problems;
}

/** The request's items, found by the letter model's splitter (requests.ts): numbered or bulleted
 * lines with their continuation lines, else paragraphs; salutations, sign-offs and the requester's
 * own "I would like the following information:" are left out. Each item keeps its source lines. */
export function splitRequest(requestText: string): { items: RequestItem[]; source: string[] } {
  // The letter model reads a request after an introduction such as this one, as letters quote it.
  const intro = 'You asked for the following information:\n\n';
  const text = intro + requestText.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '').trim() + '\n';
  const tree = parseMarkdown(text);
  const index = new LineIndex(text);
  const lines = buildLines(text, tree, index);
  const { items } = extractRequest(text, lines, []);
  const source = items.map((item) => {
    const from = lines[item.fromLine];
    const to = lines[item.toLine - 1];
    return text
      .slice(from.start, to.end)
      .split('\n')
      .map((l) => l.replace(/^\s*(?:>\s?)+/, '').trimEnd())
      .filter((l, i, all) => l.trim() || (i > 0 && i < all.length - 1))
      .join('\n');
  });
  const shift = intro.length;
  return { items: items.map((i) => ({ ...i, start: i.start - shift, end: i.end - shift })), source };
}

export interface DueDate {
  received: CalendarDate;
  due: CalendarDate;
  workingDays: number;
  /** Weekday holidays between receipt and the due date. */
  skipped: NonWorkingDay[];
  /** "Thursday 13 April 2023, the 20th working day after receipt on Monday 13 March 2023 (Good Friday
   * and Easter Monday do not count; FOIA s.10(1))". */
  sentence: string;
}

/** The response's due date under the pack: the date of receipt plus its working days, on its
 * calendar. Undefined outside the years the holiday table covers (a date there would be a guess). */
export function responseDueDate(received: CalendarDate, pack: RegimePack): DueDate | undefined {
  const workingDays = pack.deadlines.response.workingDays;
  if (workingDays === undefined || !isCovered(received)) return undefined;
  const { date: due, skipped } = addWorkingDays(received, workingDays, pack.workingDays.calendar);
  if (!isCovered(due)) return undefined;
  const holidays = skipped.length ? `${listOf(skipped.map((s) => s.reason))} ${skipped.length === 1 ? 'does' : 'do'} not count; ` : '';
  const sentence = `${formatLongDate(due)}, the ${ordinal(workingDays)} working day after receipt on ${formatLongDate(received)} (${holidays}${pack.deadlines.response.provision ?? pack.title})`;
  return { received, due, workingDays, skipped, sentence };
}

export interface CostLimit {
  /** In pounds. */
  amount: number;
  hours: number;
  hourlyRate: number;
  /** The Fees Regulations' exact title. */
  regulations: string;
  provision: string;
}

/** The appropriate limit that applies to the authority under the pack (FOIA: £600 for central
 * government, £450 for others; FOISA: £600), or undefined where the regime has none (the EIR). */
export function costLimitFor(pack: RegimePack, authority: AuthorityConfig): CostLimit | undefined {
  const c = pack.costLimit;
  if (!c) return undefined;
  const kind = authority.centralGovernment ? 'central-government' : 'other';
  const limit = c.limits.find((l) => l.appliesTo === kind) ?? c.limits.find((l) => l.appliesTo === 'all');
  if (!limit) return undefined;
  return { amount: limit.amount, hours: limit.hours ?? Math.floor(limit.amount / c.hourlyRate), hourlyRate: c.hourlyRate, regulations: c.regulations, provision: c.provision };
}

export interface DraftInput {
  template: TemplateSpec;
  regime: Regime;
  pack: RegimePack;
  authority: AuthorityConfig;
  requestText: string;
  received?: CalendarDate;
  letterDate?: CalendarDate;
  reference?: string;
}

export interface Draft {
  text: string;
  items: RequestItem[];
  due?: DueDate;
  /** Placeholders left for the officer, in order of appearance: `{{requester_name}}`, `[ANSWER REQUIRED: question 1]`. */
  unfilled: string[];
}

/** Renders a template into a draft: front matter naming the template and the regime, then the
 * template's text with the fields `foilint new` knows filled in. Fields it cannot fill stay as
 * `{{name}}`, and each answer is `[ANSWER REQUIRED: question N]`, so `placeholder` reports them
 * until the officer writes them. */
export function renderDraft(input: DraftInput): Draft {
  const { template, pack, authority } = input;
  if (template.body === undefined) throw new Error(`the template "${template.id}" has no letter text to start from`);
  const { items, source } = splitRequest(input.requestText);
  const due = input.received ? responseDueDate(input.received, pack) : undefined;
  const cost = costLimitFor(pack, authority);
  const reviewContact = authority.reviewContact?.trim();
  const fillContact = (s: string) => (reviewContact ? s.replace(/\{\{\s*review_contact\s*\}\}/g, reviewContact) : s);
  const values: Record<string, string | undefined> = {
    reference: input.reference?.trim() || undefined,
    received_date: input.received ? formatDate(input.received) : undefined,
    due_date: due ? formatDate(due.due) : undefined,
    letter_date: input.letterDate ? formatDate(input.letterDate) : undefined,
    response_days: pack.deadlines.response.workingDays?.toString(),
    request: items.length ? source.join('\n\n') : undefined,
    answers: items.length ? source.map((s, i) => `${s}\n\n${answerStub(i + 1)}`).join('\n\n') : undefined,
    law_name: pack.law.name,
    internal_review: fillContact(pack.wording.internalReview),
    complaint: fillContact(pack.wording.complaint),
    cost_limit: cost ? `£${cost.amount}` : undefined,
    cost_limit_hours: cost?.hours.toString(),
    hourly_rate: cost ? `£${cost.hourlyRate}` : undefined,
    fees_regulations: cost?.regulations.replace(/^The\s+/, ''),
    review_contact: reviewContact || undefined,
    authority_name: authority.name?.trim() || undefined,
  };
  const body = template.body.replace(FIELD_USE, (whole, inside: string) => values[fieldName(inside) ?? ''] ?? whole);
  const text = `---\ntemplate: ${template.id}\nregime: ${input.regime}\n---\n\n${body.replace(/^\s*\n/, '').replace(/\s*$/, '\n')}`;
  const unfilled = [...text.matchAll(/\{\{([^{}]*)\}\}|\[ANSWER REQUIRED[^\]\n]*\]/g)].filter((m) => m[1] === undefined || fieldName(m[1]) !== undefined).map((m) => m[0]);
  return { text, items, due, unfilled };
}
