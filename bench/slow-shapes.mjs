// Hunts for text shapes on which a lint takes time that grows faster than the text: a short piece
// (a few characters and words of letters), repeated after a context (a question, a quote, a list
// item, a table, a citation...), is linted at 12.5 KB and at 50 KB; four times the text should take
// about four times as long, and a piece that takes more than eight times as long is printed with
// both times. Such shapes were how six quadratic paths were found (test/robustness/any-input.test.ts
// lints each one). Deterministic for a seed; it prints what it tried.
//
//   node bench/slow-shapes.mjs [--seconds 120] [--seed 1]
//
// Each shape found is worth a look with `node --cpu-prof`: if the time is in a foilint pattern or
// loop, make it linear and add the shape to any-input.test.ts; if it is in micromark's document
// tokenizer (lazy lines in a list or quote the block scanner does not read), see bench/README.md.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEngine } from './engine-bundle.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '120' }, seed: { type: 'string', default: '1' } } });

const { lint, defaultConfig } = await loadEngine(
  ROOT,
  join(ROOT, 'node_modules', '.cache', 'foilint-bench', 'engine-shapes.cjs'),
  `export { lint } from './server/src/engine/index.ts';\nexport { defaultConfig } from './server/src/host/config.ts';`,
);
const config = defaultConfig();

const START = 'Dear Sir,\n\nYou asked for the following information:\n\n1. How many?\n\nResponse\n\n1. How many?\n\n';
const CONTEXTS = ['', 'Your rights\n\nIf you are unhappy ', '| a | b |\n|---|---|\n| ', '> ', '# ', 'section 40(2) ', 'We received your request on 1 May 2024 ', 'Information Commissioner ', 'Please contact us within 40 working days ', '1. ', '- > '];
const TOKENS = [' ', '\n', '\r\n', 'a', 'A', '1', '.', ',', ':', ';', '-', '(', ')', '[', ']', '"', "'", '’', '“', '?', '!', '*', '_', '#', '>', '|', '/', '@', '£', '\u00a0', 'the ', 'section ', '40', 'days ', 'working ', 'review ', 'Information ', 'Commissioner ', 'ICO ', 'www.', '.uk', 'within ', 'of ', 'under ', 'Act ', 'request ', '20', 'May ', '2024 ', 'limit ', 'hours ', 'exempt', '{{', '}}', 'XXX', '0303 ', 'SK9 '];

let seed = Number(values.seed) || 1;
const random = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const time = (text) => {
  const start = performance.now();
  lint(text, { config });
  return performance.now() - start;
};

const deadline = Date.now() + Number(values.seconds) * 1000;
const tried = new Set();
let found = 0;
// Every single token in every context first (a run of spaces in a table row was missed by chance
// before this), then random pieces of up to six tokens.
const singles = CONTEXTS.flatMap((context) => TOKENS.map((piece) => [context, piece]));
while (Date.now() < deadline) {
  const [context, piece] = singles.shift() ?? [pick(CONTEXTS), Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(TOKENS)).join('')];
  const key = JSON.stringify([context, piece]);
  if (tried.has(key)) continue;
  tried.add(key);
  const shape = (bytes) => START + context + piece.repeat(Math.ceil(bytes / piece.length)) + '\n';
  const small = time(shape(12_500));
  if (small < 15) continue; // too quick to judge: the fixed costs dominate
  const large = time(shape(50_000));
  if (large > 8 * small) {
    found++;
    console.log(`context ${JSON.stringify(context)}, piece ${JSON.stringify(piece)}: 12.5 KB ${small.toFixed(0)} ms, 50 KB ${large.toFixed(0)} ms (${(large / small).toFixed(1)}x)`);
  }
}
console.log(`${tried.size} shapes tried in ${values.seconds} s (seed ${values.seed}); ${found} grew faster than the text`);
