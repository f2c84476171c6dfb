import { describe, expect, it } from 'vitest';
import { buildLetter, chooseTemplate, lint, parseMarkdown, type ResolvedConfig } from '../server/src/engine/index.js';
import { findAddressBlocks, inStyleOf, phonesAfter } from '../server/src/engine/letter/contacts.js';
import type { RegimePack } from '../server/src/engine/packs.js';
import { defaultConfig } from '../server/src/host/config.js';

const config = { ...defaultConfig(), regime: 'foia' } as ResolvedConfig;
const ico = config.packs.foia!.regulator;
const sic = config.packs.foisa!.regulator;

function letterOf(text: string) {
  return buildLetter(text, parseMarkdown(text), config, chooseTemplate(text, config).template);
}

/** The ICO's address blocks in a letter: what each block names, and what it leaves out. */
function blocks(text: string, reg = ico) {
  const letter = letterOf(text);
  return findAddressBlocks(letter, reg).map((b) => ({
    text: text.slice(b.start, b.end),
    postcodes: b.postcodes.map((p) => p.text),
    missing: b.missing.map((i) => reg.address.lines[i]),
    phones: phonesAfter(letter, b).map((p) => p.text),
  }));
}

describe('the regulator\'s address, whatever the layout', () => {
  it('finds it on one line with commas, with the telephone number after it', () => {
    expect(blocks('Write to the Information Commissioner\'s Office, Wycliffe House, Water Lane, Wilmslow, Cheshire, SK9 5AF. Telephone 0303 123 1113. There is no charge.\n')).toEqual([
      { text: 'Wycliffe House, Water Lane, Wilmslow, Cheshire, SK9 5AF', postcodes: ['SK9 5AF'], missing: [], phones: ['0303 123 1113'] },
    ]);
  });

  it('finds it one part a line, with Markdown hard breaks (two spaces), and sees a missing postcode', () => {
    const [b] = blocks('Information Commissioner\'s Office  \nWycliffe House  \nWater Lane  \nWilmslow  \nCheshire  \nTel: 0303 123 1113\n');
    expect(b).toMatchObject({ postcodes: [], missing: [], phones: ['0303 123 1113'] });
  });

  it('finds it in bullets, quotes, <br> lines and table cells', () => {
    expect(blocks('- Wycliffe House\n- Water Lane\n- Wilmslow\n- SK9 5AF\n')[0]).toMatchObject({ postcodes: ['SK9 5AF'], missing: [] });
    expect(blocks('> Wycliffe House\n> Water Lane\n> Wilmslow SK9 5AF\n')[0]).toMatchObject({ postcodes: ['SK9 5AF'], missing: [] });
    expect(blocks('ICO<br>Wycliffe House<br>Wilmslow<br>SK9 5AF\n')[0]).toMatchObject({ missing: ['Water Lane'] });
    expect(blocks('| Wycliffe House |\n| Water Lane |\n| Wilmslow |\n| SK9 5AF |\n')[0]).toMatchObject({ postcodes: ['SK9 5AF'], missing: [] });
  });

  it('finds it across the hard line breaks of a PDF extract', () => {
    expect(blocks('contacted at: Information Commissioner\'s Office, Wycliffe\nHouse, Water Lane, Wilmslow, Cheshire,\nSK9 5AF.\n')[0]).toMatchObject({ postcodes: ['SK9 5AF'], missing: [] });
  });

  it('takes a passing mention of the town for no address', () => {
    expect(blocks('The ICO is based at Wycliffe House in Wilmslow.\n')).toEqual([]);
    expect(blocks('Our Wilmslow office, 2 Alderley Road, Wilmslow SK9 1AB.\n')).toEqual([]);
    expect(blocks('The University of St Andrews, St Andrews, Fife KY16 9AJ.\n', sic)).toEqual([]);
  });

  it('keeps the next sentence out of the contact lines', () => {
    const [b] = blocks('Wycliffe House, Water Lane, Wilmslow, SK9 5AF (telephone: 0303 123 1113; website www.ico.org.uk). For our own team call 01234 567890.\n');
    expect(b.phones).toEqual(['0303 123 1113']);
  });

  it('reads the SIC\'s address the same way', () => {
    expect(blocks('The Office of the Scottish Information Commissioner\nKinburn Castle\nDoubledykes Road\nSt Andrews\nKY16 9DS\n', sic)).toEqual([
      { text: 'Kinburn Castle\nDoubledykes Road\nSt Andrews\nKY16 9DS', postcodes: ['KY16 9DS'], missing: [], phones: [] },
    ]);
  });
});

describe('a replacement written in the letter\'s style', () => {
  it('keeps capitals and the line breaks of hard-wrapped text', () => {
    expect(inStyleOf('Exemptions', 'exceptions')).toBe('Exceptions');
    expect(inStyleOf('EXEMPTION', 'exception')).toBe('EXCEPTION');
    expect(inStyleOf('Wycliff\nHouse', 'Wycliffe House')).toBe('Wycliffe\nHouse');
    expect(inStyleOf('Environmental Information\nRegulations', 'Environmental Information (Scotland) Regulations')).toBe('Environmental Information (Scotland)\nRegulations');
  });
});

describe('the regulator\'s name by the letter\'s date', () => {
  /** The bundled packs, with the Information Commission's date set. */
  function renamedConfig(from: string): ResolvedConfig {
    const regulator = { ...ico, expectedNames: ico.expectedNames.map((n) => (n.value === 'Information Commission' ? { ...n, from } : n)) };
    const packs = { ...config.packs, foia: { ...config.packs.foia!, regulator } as RegimePack };
    return { ...config, packs };
  }
  const letter = (date: string) =>
    `${date}\n\nDear Ms Shah\n\nIf you remain dissatisfied, you may apply to the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire, SK9 5AF. The Scottish Information Commissioner does not deal with English councils.\n`;
  const names = (text: string, cfg: ResolvedConfig) => lint(text, { config: cfg }).findings.filter((f) => f.ruleId === 'ico-details').map((f) => `${f.severity}: ${f.fix?.edits[0].newText}`);

  it('warns about the old name in letters dated on or after the new name\'s date, with a fix', () => {
    expect(names(letter('2 March 2027'), renamedConfig('2027-03-01'))).toEqual(['warning: Information Commission']);
    expect(names(letter('1 March 2027'), renamedConfig('2027-03-01'))).toEqual(['warning: Information Commission']);
  });

  it('leaves the Scottish Information Commissioner alone when the option renames the ICO', () => {
    const withOption = { ...config, regime: 'foisa', rules: { 'ico-details': ['error', { expectedName: 'Information Commission' }] } } as ResolvedConfig;
    const scottish = '2 March 2027\n\nIf you remain dissatisfied, you may apply to the Scottish Information Commissioner, Kinburn Castle, Doubledykes Road, St Andrews, Fife, KY16 9DS.\n';
    expect(names(scottish, withOption)).toEqual([]);
  });

  it('says nothing before the date, without a letter date, or while no date is set', () => {
    expect(names(letter('28 February 2027'), renamedConfig('2027-03-01'))).toEqual([]);
    expect(names(letter(''), renamedConfig('2027-03-01'))).toEqual([]);
    expect(names(letter('2 March 2027'), config)).toEqual([]);
  });
});
