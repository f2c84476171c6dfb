import type { Regulator } from '../packs.js';
import { formatIsoDate } from '../letter/dates.js';
import { findAddressBlocks, inStyleOf, normalizePostcode, outdatedPatterns, phoneDigits, phonesAfter, phrasePattern, urlExtent, type AddressBlock } from '../letter/contacts.js';
import { defineRule, docsPath } from './define.js';
import { claimingReporter, quote, replaceFix } from './shared.js';
import { mayMatch } from '../prefilter.js';

/** The regulator as messages name it. */
function who(reg: Regulator): string {
  return reg.id === 'ico' ? 'the ICO' : reg.id === 'sic' ? 'the Scottish Information Commissioner' : reg.names[0];
}
function whose(reg: Regulator): string {
  const w = who(reg);
  return `${w[0].toUpperCase()}${w.slice(1)}'s`;
}

const norm = (s: string) => s.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();

/** The name letters are expected to use: the rule option, else the latest name whose date has
 * come by the letter's date. Only a name that supersedes others is checked. */
function expectedName(reg: Regulator, letterDate: string | undefined, option: unknown): { value: string; since?: string; replaces: string[] } | undefined {
  // The option names one regulator's new name: a Scottish letter's regulator is not renamed by it.
  if (typeof option === 'string' && option.trim() && [...reg.names, ...reg.expectedNames.map((e) => e.value)].some((n) => norm(n) === norm(option))) {
    const value = option.trim();
    const entry = reg.expectedNames.find((e) => norm(e.value) === norm(value));
    const replaces = entry?.replaces ?? reg.expectedNames.filter((e) => norm(e.value) !== norm(value)).map((e) => e.value);
    return replaces.length ? { value, replaces } : undefined;
  }
  if (!letterDate) return undefined;
  const dated = reg.expectedNames.filter((e) => e.from && e.from <= letterDate).sort((a, b) => a.from!.localeCompare(b.from!));
  const current = dated[dated.length - 1];
  return current?.replaces?.length ? { value: current.value, since: current.from!, replaces: current.replaces } : undefined;
}

const nameCache = new Map<string, RegExp>();
function oldNamesPattern(names: string[], current: string): RegExp {
  const key = names.join('\u0000') + '\u0001' + current;
  let re = nameCache.get(key);
  if (!re) {
    const alts = names.filter((n) => norm(n) !== norm(current)).sort((a, b) => b.length - a.length).map(phrasePattern);
    // "Scottish Information Commissioner" is another regulator, never an old name of this one.
    re = new RegExp(`(?<!Scottish\\s{1,3})(?<![\\w-])(?:${alts.join('|')})(?![\\w])`, 'gi');
    nameCache.set(key, re);
  }
  return re;
}

const CONTACT_LINK_PATH = /complain|concern|appeal|application/i;

export default defineRule({
  meta: {
    id: 'ico-details',
    description: "The ICO's (or Scottish Information Commissioner's) name, address, postcode, phone number and web addresses are current and exact",
    defaultSeverity: 'error',
    fixable: 'safe',
    docs: docsPath('ico-details'),
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        expectedName: {
          type: 'string',
          description: 'The name letters must use for the regulator (e.g. "Information Commission"), overriding the dated names in the regulator data.',
        },
      },
    },
  },
  check({ letter, pack, options, report }) {
    const reg = pack?.regulator;
    if (!reg) return;
    const text = letter.text;
    const ok = (i: number) => i >= letter.bodyStart && !letter.inRequest(i);
    const { free, emit } = claimingReporter(report);
    const replace = replaceFix;

    // 1. The regulator's name, once the data (or the config) says a new one is due.
    const letterDate = letter.letterDate?.valid ? formatIsoDate(letter.letterDate) : undefined;
    const expected = expectedName(reg, letterDate, options.expectedName);
    if (expected) {
      for (const m of text.matchAll(oldNamesPattern(expected.replaces, expected.value))) {
        if (!ok(m.index)) continue;
        const start = m.index;
        const end = start + m[0].length;
        const newText = inStyleOf(m[0], expected.value);
        const why = expected.since ? `Since ${expected.since} the regulator is the ${expected.value}` : `This authority's letters call the regulator the ${expected.value} (option expectedName)`;
        emit({
          message: `The letter names the regulator "${quote(m[0])}". ${why}: write "${newText}".`,
          start,
          end,
          severity: 'warning',
          fix: replace(`Write "${newText}"`, start, end, newText),
        });
      }
    }

    // 2. Outdated or misspelt details, wherever they are written.
    for (const { entry, re } of outdatedPatterns(reg)) {
      if (!mayMatch(text, re)) continue;
      for (const m of text.matchAll(re)) {
        if (!m[0] || !ok(m.index)) continue;
        const start = m.index;
        let end = start + m[0].length;
        if (!free(start, end)) continue;
        let replacement = entry.replacement;
        let certain = replacement !== undefined;
        // An old web address with a path: the whole link is dead, not only its domain.
        const url = urlExtent(text, start, end);
        if (url.path && url.path !== '/' && replacement !== undefined) {
          end = url.end;
          if (!replacement.includes('/')) {
            if (CONTACT_LINK_PATH.test(url.path)) replacement += reg.complaintPage.value.replace(/^https?:\/\/[^/]+/, '');
            else certain = false;
          }
        }
        const found = text.slice(start, end);
        const newText = replacement === undefined ? undefined : inStyleOf(found, replacement);
        const advice = newText !== undefined ? `Write "${newText}".` : /e-?mail/i.test(entry.what) && reg.email ? `Use ${reg.email.value}, or remove it.` : 'Remove it.';
        const fix = newText !== undefined ? replace(`Write "${newText}"`, start, end, newText) : undefined;
        const what = end > start + m[0].length && !entry.replacement?.includes('/') ? `a page on ${entry.what}` : entry.what;
        emit({
          message: certain || newText === undefined ? `"${quote(found)}" is ${what}. ${advice}` : `"${quote(found)}" is ${what}, which no longer exists. Link to the page on ${reg.website.value} instead.`,
          start,
          end,
          ...(entry.severity ? { severity: entry.severity } : {}),
          ...(fix && certain ? { fix } : fix ? { suggestions: [fix] } : {}),
        });
      }
    }

    // 3. The postal address, where the letter gives it: complete, with the right postcode, and
    //    the telephone number written with it.
    const fullAddress = reg.address.lines.join(', ');
    const accepted = new Set([reg.phone.value, ...reg.phone.accepted].map(phoneDigits));
    for (const block of findAddressBlocks(letter, reg)) {
      checkPostcode(block);
      for (const i of block.missing) {
        const line = reg.address.lines[i];
        const parts = block.hits.filter((h) => h.line >= 0 && h.line !== i);
        const before = parts.filter((h) => h.line < i).pop();
        const edit = before ? { start: before.end, end: before.end, newText: block.separator + line } : { start: parts[0].start, end: parts[0].start, newText: line + block.separator };
        emit({
          message: `${whose(reg)} address leaves out "${line}". Write the whole address: ${fullAddress}.`,
          start: block.start,
          end: block.end,
          suggestions: [{ title: `Add "${line}" to the address`, edits: [edit] }],
        });
      }
      for (const phone of phonesAfter(letter, block)) {
        if (phone.fax || accepted.has(phone.digits) || !free(phone.start, phone.end) || !ok(phone.start)) continue;
        emit({
          message: `The telephone number given with ${who(reg)}'s address, "${phone.text}", is not ${who(reg)}'s. ${whose(reg)} helpline is ${reg.phone.value}.`,
          start: phone.start,
          end: phone.end,
          suggestions: [replace(`Write "${reg.phone.value}"`, phone.start, phone.end, reg.phone.value)],
        });
      }
    }

    function checkPostcode(block: AddressBlock) {
      const postcode = reg!.address.postcode;
      if (block.postcodes.some((p) => p.canonical || p.known)) return;
      if (block.postcodes.length) {
        for (const p of block.postcodes) {
          if (!free(p.start, p.end)) continue;
          emit({
            message: `${whose(reg!)} postcode is ${postcode}, not "${p.text}". Write ${postcode}.`,
            start: p.start,
            end: p.end,
            fix: replace(`Write "${postcode}"`, p.start, p.end, postcode),
          });
        }
        return;
      }
      // Tolerate a postcode just after the block ("… Cheshire. Postcode: SK9 5AF").
      const after = text.slice(block.end, Math.min(text.length, block.end + 80)).split(/\r?\n[ \t]*\r?\n/)[0];
      if (normalizePostcode(after).includes(normalizePostcode(postcode))) return;
      const last = block.hits.filter((h) => h.line >= 0).pop()!;
      const sep = /\n/.test(block.separator) ? block.separator : ', ';
      emit({
        message: `${whose(reg!)} address has no postcode. Add ${postcode}: ${fullAddress}.`,
        start: block.start,
        end: block.end,
        suggestions: [{ title: `Add the postcode ${postcode}`, edits: [{ start: last.end, end: last.end, newText: sep + postcode }] }],
      });
    }
  },
});
